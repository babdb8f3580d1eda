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
// abort algorithms. The abort reason is kept on the wrapper. Sources and dependents (from
// any()) refer to each other weakly (bind::WeakMember); while a dependent has abort listeners
// or algorithms, each of its sources also holds it strongly (bind::Member), which is the
// spec's garbage collection rule expressed as references the GC can see: a dependent whose
// sources are all gone can never abort, and is collected.

#include "api/events/event_target.h"

#include <functional>
#include <memory>

namespace nano::api {

class AbortSignal final : public EventTarget {
    NANO_BIND_CLASS(AbortSignal)
public:
    using Algorithm = std::function<void()>;

    AbortSignal() = default;
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
    void setOnabort(v8::Local<v8::Value> handler);

    // The abort reason (undefined while not aborted).
    v8::Local<v8::Value> reasonValue(v8::Isolate* isolate) const;
    // https://dom.spec.whatwg.org/#abortsignal-add: runs once when the signal aborts, before
    // the "abort" event. Returns an id for removeAlgorithm (0 if already aborted: not added).
    // An algorithm given an `owner` token is dropped once the token expires (its owner died
    // without removing it; destructors may not reach the signal).
    uint64_t addAlgorithm(Algorithm algorithm, std::weak_ptr<const void> owner = {});
    // The same, and the signal holds `owner`'s wrapper (a bind::Member) until the algorithm is
    // removed or has run: an object that only the signal can still reach (a pipe waiting for a
    // chunk that may never come) must be there to see the abort, which is observable.
    uint64_t addAlgorithmKeepingAlive(Algorithm algorithm, bind::Wrappable* owner);
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
    void setReason(v8::Local<v8::Value> reason);
    void addSource(AbortSignal* source);
    // Keeps a dependent signal alive while it has sources and abort listeners or algorithms
    // (https://dom.spec.whatwg.org/#abortsignal-garbage-collection).
    void updateRetention();
    static void scheduleTimeout(v8::Isolate* isolate,
                                std::shared_ptr<v8::Global<v8::Object>> signal, double remaining);

    struct AbortAlgorithm {
        uint64_t id;
        Algorithm run;
        bool owned;
        std::weak_ptr<const void> owner;
        bind::Member<v8::Object> keptAlive;
        bool isDead() const { return owned && owner.expired(); }
    };
    void pruneDeadLinks();

    bind::Member<v8::Value> m_reason{this};
    bool m_aborted = false;
    bool m_dependent = false;
    bool m_retained = false;
    std::vector<bind::WeakMember<AbortSignal>> m_sourceSignals;
    std::vector<bind::WeakMember<AbortSignal>> m_dependentSignals;
    // Dependents this source keeps alive (see updateRetention).
    std::vector<bind::Member<AbortSignal>> m_retainedDependents;
    std::vector<AbortAlgorithm> m_algorithms;
    size_t m_pruneAt = 16; // prune dead links when a list grows past this
    uint64_t m_nextAlgorithm = 1;
};

} // namespace nano::api
