#include "api/events/abort_signal.h"

#include "bind/hidden.h"
#include "core/runtime.h"

#include <algorithm>

namespace nano::api {

namespace {
constexpr const char* kReason = "AbortSignal.reason";

template <class T> void eraseValue(std::vector<T>& list, const T& value) {
    list.erase(std::remove(list.begin(), list.end(), value), list.end());
}
} // namespace

AbortSignal::~AbortSignal() {
    // Without a wrapper we are deleted after garbage collection, and the others stay: a
    // dependent that lost its last source can never abort and need not be kept alive. With
    // one, the isolate is going away and everything is being deleted.
    const bool collected = !isWrapped();
    for (AbortSignal* source : m_sourceSignals)
        eraseValue(source->m_dependentSignals, this);
    for (AbortSignal* dependent : m_dependentSignals) {
        eraseValue(dependent->m_sourceSignals, this);
        if (collected) dependent->updateRetention();
    }
}

AbortSignal* AbortSignal::create(v8::Isolate* isolate) {
    return bind::create<AbortSignal>(isolate);
}

v8::Local<v8::Value> AbortSignal::reasonValue(v8::Isolate* isolate) const {
    return bind::hidden::get(isolate, wrapper(), kReason);
}

void AbortSignal::setReason(v8::Isolate* isolate, v8::Local<v8::Value> reason) {
    m_aborted = true;
    bind::hidden::set(isolate, wrapper(), kReason, reason);
}

// https://dom.spec.whatwg.org/#dom-abortsignal-abort
AbortSignal* AbortSignal::abort(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> reason) {
    v8::Isolate* isolate = cx.isolate();
    AbortSignal* signal = create(isolate);
    if (!signal) {
        cx.setFailed();
        return nullptr;
    }
    signal->setReason(isolate, reason ? *reason
                                      : bind::newDOMException(isolate, "AbortError",
                                                              "signal is aborted without reason"));
    return signal;
}

// https://dom.spec.whatwg.org/#dom-abortsignal-timeout
AbortSignal* AbortSignal::timeout(bind::CallContext& cx,
                                  bind::EnforceRange<uint64_t> milliseconds) {
    v8::Isolate* isolate = cx.isolate();
    AbortSignal* signal = create(isolate);
    if (!signal) {
        cx.setFailed();
        return nullptr;
    }
    // The pending timer holds the signal strongly (the spec asks for that only while it has
    // abort listeners; a signal nobody can observe costs just its memory until then).
    auto handle = std::make_shared<v8::Global<v8::Object>>(isolate, signal->wrapper());
    scheduleTimeout(isolate, std::move(handle), static_cast<double>(milliseconds.value));
    return signal;
}

// https://html.spec.whatwg.org/#run-steps-after-a-timeout, on a timer that does not keep the run
// alive (as in browsers and Deno: a pending timeout signal alone does not hold a program open).
void AbortSignal::scheduleTimeout(v8::Isolate* isolate,
                                  std::shared_ptr<v8::Global<v8::Object>> signal,
                                  double remaining) {
    // The event loop's timers wait at most INT_MAX milliseconds at a time; longer timeouts are
    // chained.
    constexpr double kMaxDelay = 2147483647.0;
    const double delay = std::min(remaining, kMaxDelay);
    core::Runtime* runtime = core::Runtime::from(isolate);
    if (!runtime) return;
    runtime->loop().addTimer(
        delay,
        [isolate, signal, rest = remaining - delay] {
            if (rest > 0) {
                scheduleTimeout(isolate, signal, rest);
                return;
            }
            v8::HandleScope scope(isolate);
            auto* self =
                static_cast<AbortSignal*>(bind::Wrappable::fromObject(signal->Get(isolate)));
            if (self)
                self->signalAbort(
                    isolate, bind::newDOMException(isolate, "TimeoutError", "signal timed out"));
        },
        false);
}

// https://dom.spec.whatwg.org/#create-a-dependent-abort-signal
AbortSignal* AbortSignal::any(bind::CallContext& cx, std::vector<AbortSignal*> sources) {
    v8::Isolate* isolate = cx.isolate();
    // Step 1.
    AbortSignal* result = create(isolate);
    if (!result) {
        cx.setFailed();
        return nullptr;
    }
    // Step 2.
    for (AbortSignal* signal : sources) {
        if (signal->aborted()) {
            result->setReason(isolate, signal->reasonValue(isolate));
            return result;
        }
    }
    // Steps 3-4.
    result->m_dependent = true;
    for (AbortSignal* signal : sources) {
        if (!signal->m_dependent) {
            result->addSource(signal);
        } else {
            for (AbortSignal* source : signal->m_sourceSignals)
                result->addSource(source);
        }
    }
    result->updateRetention();
    return result;
}

void AbortSignal::addSource(AbortSignal* source) {
    if (std::find(m_sourceSignals.begin(), m_sourceSignals.end(), source) != m_sourceSignals.end())
        return;
    m_sourceSignals.push_back(source);
    source->m_dependentSignals.push_back(this);
}

// https://dom.spec.whatwg.org/#dom-abortsignal-throwifaborted
void AbortSignal::throwIfAborted(bind::CallContext& cx) {
    if (!m_aborted) return;
    cx.isolate()->ThrowException(reasonValue(cx.isolate()));
    cx.setFailed();
}

v8::Local<v8::Value> AbortSignal::onabort(bind::CallContext& cx) const {
    return eventHandler(cx.isolate(), u"abort");
}

void AbortSignal::setOnabort(bind::CallContext& cx, v8::Local<v8::Value> handler) {
    setEventHandler(cx.isolate(), u"abort", handler);
}

uint64_t AbortSignal::addAlgorithm(Algorithm algorithm) {
    if (m_aborted) return 0;
    const uint64_t id = m_nextAlgorithm++;
    m_algorithms.emplace_back(id, std::move(algorithm));
    updateRetention();
    return id;
}

void AbortSignal::removeAlgorithm(uint64_t id) {
    if (id == 0) return;
    m_algorithms.erase(std::remove_if(m_algorithms.begin(), m_algorithms.end(),
                                      [id](const auto& entry) { return entry.first == id; }),
                       m_algorithms.end());
    updateRetention();
}

// https://dom.spec.whatwg.org/#abortsignal-signal-abort
void AbortSignal::signalAbort(v8::Isolate* isolate, v8::Local<v8::Value> reason) {
    // Step 1.
    if (m_aborted) return;
    v8::HandleScope scope(isolate);
    v8::Local<v8::Object> self = wrapper(); // alive until the event has been fired
    if (self.IsEmpty()) return;
    // Step 2.
    if (reason.IsEmpty())
        reason = bind::newDOMException(isolate, "AbortError", "signal is aborted without reason");
    setReason(isolate, reason);
    // Steps 3-4: the dependents' wrappers stay alive while their abort steps wait.
    std::vector<v8::Local<v8::Object>> dependentsToAbort;
    for (AbortSignal* dependent : m_dependentSignals) {
        if (dependent->m_aborted || !dependent->isWrapped()) continue;
        dependent->setReason(isolate, reason);
        dependentsToAbort.push_back(dependent->wrapper());
    }
    // Step 5.
    runAbortSteps(isolate);
    // Step 6.
    for (v8::Local<v8::Object> object : dependentsToAbort) {
        if (auto* dependent = static_cast<AbortSignal*>(bind::Wrappable::fromObject(object)))
            dependent->runAbortSteps(isolate);
    }
}

// https://dom.spec.whatwg.org/#run-the-abort-steps
void AbortSignal::runAbortSteps(v8::Isolate* isolate) {
    // Steps 1-2 (an algorithm may remove others: run a detached list).
    std::vector<std::pair<uint64_t, Algorithm>> algorithms;
    algorithms.swap(m_algorithms);
    for (auto& entry : algorithms)
        entry.second();
    // Step 3.
    if (Event* event = Event::create<Event>(isolate, u"abort", EventInit{})) {
        event->setTrusted(true);
        dispatch(isolate, event);
    }
    updateRetention();
}

void AbortSignal::updateRetention() {
    const bool retain = m_dependent && !m_aborted && !m_sourceSignals.empty() &&
                        (!m_algorithms.empty() || hasListenersFor(u"abort"));
    if (retain == m_retained) return;
    m_retained = retain;
    if (retain)
        this->retain();
    else
        release();
}

void AbortSignal::define(bind::ClassBuilder<AbortSignal>& c) {
    c.inherit<EventTarget>()
        .staticMethod<&AbortSignal::abort>("abort")
        .staticMethod<&AbortSignal::timeout>("timeout")
        .staticMethod<&AbortSignal::any>("any")
        .readonlyAttribute<&AbortSignal::aborted>("aborted")
        .readonlyAttribute<&AbortSignal::reason>("reason")
        .method<&AbortSignal::throwIfAborted>("throwIfAborted")
        .attribute<&AbortSignal::onabort, &AbortSignal::setOnabort>("onabort");
}

} // namespace nano::api
