#include "api/events/abort_signal.h"

#include "core/runtime.h"

#include <algorithm>

namespace nano::api {

namespace {} // namespace

AbortSignal* AbortSignal::create(v8::Isolate* isolate)
{
    return bind::create<AbortSignal>(isolate);
}

v8::Local<v8::Value> AbortSignal::reasonValue(v8::Isolate* isolate) const
{
    v8::Local<v8::Value> reason = m_reason.get(isolate);
    return reason.IsEmpty() ? v8::Undefined(isolate).As<v8::Value>() : reason;
}

void AbortSignal::setReason(v8::Local<v8::Value> reason)
{
    m_aborted = true;
    m_reason.set(reason);
}

// https://dom.spec.whatwg.org/#dom-abortsignal-abort
AbortSignal* AbortSignal::abort(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> reason)
{
    v8::Isolate* isolate = cx.isolate();
    AbortSignal* signal = create(isolate);
    if (!signal) {
        cx.setFailed();
        return nullptr;
    }
    signal->setReason(
        reason ? *reason
               : bind::newDOMException(isolate, "AbortError", "signal is aborted without reason"));
    return signal;
}

// https://dom.spec.whatwg.org/#dom-abortsignal-timeout
AbortSignal* AbortSignal::timeout(bind::CallContext& cx, bind::EnforceRange<uint64_t> milliseconds)
{
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
                                  std::shared_ptr<v8::Global<v8::Object>> signal, double remaining)
{
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
AbortSignal* AbortSignal::any(bind::CallContext& cx, std::vector<AbortSignal*> sources)
{
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
            result->setReason(signal->reasonValue(isolate));
            return result;
        }
    }
    // Steps 3-4.
    result->m_dependent = true;
    for (AbortSignal* signal : sources) {
        if (!signal->m_dependent) {
            result->addSource(signal);
        } else {
            for (const auto& source : signal->m_sourceSignals)
                if (AbortSignal* live = source.get()) result->addSource(live);
        }
    }
    result->updateRetention();
    return result;
}

void AbortSignal::addSource(AbortSignal* source)
{
    for (const auto& existing : m_sourceSignals)
        if (existing.refersTo(source)) return;
    m_sourceSignals.emplace_back(source);
    source->m_dependentSignals.emplace_back(this);
    source->pruneDeadLinks();
}

// Links to collected signals and algorithms of dead owners are dropped now and then, so a
// long-lived signal followed by many short-lived ones does not grow without bound.
void AbortSignal::pruneDeadLinks()
{
    const size_t size = m_dependentSignals.size() + m_algorithms.size();
    if (size < m_pruneAt) return;
    m_dependentSignals.erase(std::remove_if(m_dependentSignals.begin(), m_dependentSignals.end(),
                                            [](const auto& link) { return !link.get(); }),
                             m_dependentSignals.end());
    m_algorithms.erase(std::remove_if(m_algorithms.begin(), m_algorithms.end(),
                                      [](const AbortAlgorithm& a) { return a.isDead(); }),
                       m_algorithms.end());
    m_pruneAt = std::max<size_t>(16, 2 * (m_dependentSignals.size() + m_algorithms.size()));
}

// https://dom.spec.whatwg.org/#dom-abortsignal-throwifaborted
void AbortSignal::throwIfAborted(bind::CallContext& cx)
{
    if (!m_aborted) return;
    cx.isolate()->ThrowException(reasonValue(cx.isolate()));
    cx.setFailed();
}

v8::Local<v8::Value> AbortSignal::onabort(bind::CallContext& cx) const
{
    return eventHandler(cx.isolate(), u"abort");
}

void AbortSignal::setOnabort(v8::Local<v8::Value> handler)
{
    setEventHandler(u"abort", handler);
}

uint64_t AbortSignal::addAlgorithm(Algorithm algorithm, std::weak_ptr<const void> owner)
{
    if (m_aborted) return 0;
    const uint64_t id = m_nextAlgorithm++;
    const bool owned = !owner.expired();
    m_algorithms.push_back(AbortAlgorithm{id, std::move(algorithm), owned, std::move(owner),
                                          bind::Member<v8::Object>{this}});
    pruneDeadLinks();
    updateRetention();
    return id;
}

uint64_t AbortSignal::addAlgorithmKeepingAlive(Algorithm algorithm, bind::Wrappable* owner)
{
    const uint64_t id = addAlgorithm(std::move(algorithm));
    if (id != 0 && owner && owner->isWrapped()) m_algorithms.back().keptAlive.set(owner->wrapper());
    return id;
}

void AbortSignal::removeAlgorithm(uint64_t id)
{
    if (id == 0) return;
    m_algorithms.erase(std::remove_if(m_algorithms.begin(), m_algorithms.end(),
                                      [id](const AbortAlgorithm& entry) { return entry.id == id; }),
                       m_algorithms.end());
    updateRetention();
}

// https://dom.spec.whatwg.org/#abortsignal-signal-abort
void AbortSignal::signalAbort(v8::Isolate* isolate, v8::Local<v8::Value> reason)
{
    // Step 1.
    if (m_aborted) return;
    v8::HandleScope scope(isolate);
    v8::Local<v8::Object> self = wrapper(); // alive until the event has been fired
    if (self.IsEmpty()) return;
    // Step 2.
    if (reason.IsEmpty())
        reason = bind::newDOMException(isolate, "AbortError", "signal is aborted without reason");
    setReason(reason);
    // Steps 3-4: the dependents' wrappers stay alive while their abort steps wait.
    std::vector<v8::Local<v8::Object>> dependentsToAbort;
    for (const auto& link : m_dependentSignals) {
        AbortSignal* dependent = link.get();
        if (!dependent || dependent->m_aborted) continue;
        dependent->setReason(reason);
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
void AbortSignal::runAbortSteps(v8::Isolate* isolate)
{
    // Steps 1-2 (an algorithm may remove others: run a detached list).
    std::vector<AbortAlgorithm> algorithms;
    algorithms.swap(m_algorithms);
    for (auto& entry : algorithms)
        if (!entry.isDead()) entry.run();
    // Step 3.
    if (Event* event = Event::create<Event>(isolate, u"abort", EventInit{})) {
        event->setTrusted(true);
        dispatch(isolate, event);
    }
    updateRetention();
}

void AbortSignal::updateRetention()
{
    bool hasSources = false;
    for (const auto& source : m_sourceSignals)
        hasSources = hasSources || source.get();
    const bool retain = m_dependent && !m_aborted && hasSources &&
                        (!m_algorithms.empty() || hasListenersFor(u"abort"));
    if (retain == m_retained) return;
    m_retained = retain;
    for (const auto& link : m_sourceSignals) {
        AbortSignal* source = link.get();
        if (!source) continue;
        auto& held = source->m_retainedDependents;
        if (retain) {
            held.emplace_back(source);
            held.back().set(this);
        } else {
            held.erase(std::remove_if(held.begin(), held.end(),
                                      [this](const auto& member) { return member.get() == this; }),
                       held.end());
        }
    }
}

void AbortSignal::define(bind::ClassBuilder<AbortSignal>& c)
{
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
