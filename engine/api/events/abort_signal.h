#pragma once
// AbortSignal (https://dom.spec.whatwg.org/#interface-AbortSignal).
//
// [Exposed=*] interface AbortSignal : EventTarget {
//   [NewObject] static AbortSignal abort(optional any reason);
//   [Exposed=(Window,Worker), NewObject] static AbortSignal timeout(
//       [EnforceRange] unsigned long long milliseconds);
//   [NewObject] static AbortSignal _any(sequence<AbortSignal> signals);
//   readonly attribute boolean aborted;
//   readonly attribute any reason;
//   undefined throwIfAborted();
//   attribute EventHandler onabort;
// };
//
// Other APIs (fetch, streams) follow a signal with addAlgorithm()/removeAlgorithm(), the spec's
// abort algorithms. The abort reason is kept on the wrapper. A dependent signal (from any())
// keeps itself alive while it has sources and something listens to it, as the spec's garbage
// collection rule asks; sources and dependents otherwise refer to each other weakly.

#include "api/events/event_target.h"

#include <functional>

namespace nano::api {

class AbortSignal final : public EventTarget {
    NANO_BIND_CLASS(AbortSignal)
public:
    using Algorithm = std::function<void()>;

    AbortSignal() = default;
    ~AbortSignal() override;
    // A new signal with its wrapper; null if V8 could not allocate (an exception is pending).
    static AbortSignal* create(v8::Isolate* isolate);
    static void define(bind::ClassBuilder<AbortSignal>& c);

    // IDL members.
    static AbortSignal* abort(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> reason);
    static AbortSignal* timeout(bind::CallContext& cx, bind::EnforceRange<uint64_t> milliseconds);
    static AbortSignal* any(bind::CallContext& cx, std::vector<AbortSignal*> sources);
    bool aborted() const { return m_aborted; }
    v8::Local<v8::Value> reason(bind::CallContext& cx) const { return reasonValue(cx.isolate()); }
    void throwIfAborted(bind::CallContext& cx);
    v8::Local<v8::Value> onabort(bind::CallContext& cx) const;
    void setOnabort(bind::CallContext& cx, v8::Local<v8::Value> handler);

    // The abort reason (undefined while not aborted).
    v8::Local<v8::Value> reasonValue(v8::Isolate* isolate) const;
    // https://dom.spec.whatwg.org/#abortsignal-add: runs once when the signal aborts, before
    // the "abort" event. Returns an id for removeAlgorithm (0 if already aborted: not added).
    uint64_t addAlgorithm(Algorithm algorithm);
    // https://dom.spec.whatwg.org/#abortsignal-remove
    void removeAlgorithm(uint64_t id);
    // https://dom.spec.whatwg.org/#abortsignal-signal-abort; an empty reason means a new
    // "AbortError" DOMException.
    void signalAbort(v8::Isolate* isolate, v8::Local<v8::Value> reason);

protected:
    void listenersChanged() override { updateRetention(); }

private:
    // https://dom.spec.whatwg.org/#run-the-abort-steps
    void runAbortSteps(v8::Isolate* isolate);
    void setReason(v8::Isolate* isolate, v8::Local<v8::Value> reason);
    void addSource(AbortSignal* source);
    // Keeps a dependent signal alive while it has sources and abort listeners or algorithms
    // (https://dom.spec.whatwg.org/#abortsignal-garbage-collection).
    void updateRetention();
    static void scheduleTimeout(v8::Isolate* isolate,
                                std::shared_ptr<v8::Global<v8::Object>> signal, double remaining);

    bool m_aborted = false;
    bool m_dependent = false;
    bool m_retained = false;
    std::vector<AbortSignal*> m_sourceSignals;    // unlinked by the destructors
    std::vector<AbortSignal*> m_dependentSignals; // unlinked by the destructors
    std::vector<std::pair<uint64_t, Algorithm>> m_algorithms;
    uint64_t m_nextAlgorithm = 1;
};

} // namespace nano::api
