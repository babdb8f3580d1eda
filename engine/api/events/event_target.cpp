#include "api/events/event_target.h"

#include "api/events/abort_signal.h"
#include "api/events/error_event.h"
#include "core/runtime.h"

#include <algorithm>

namespace nano::api {

namespace {
constexpr const char* kTarget = "Event.target";
constexpr const char* kCurrentTarget = "Event.currentTarget";

} // namespace

// Touches no other object (bind/member.h): a signal drops the abort algorithms of listeners
// that died with their target by itself (AbortSignal::addAlgorithm's liveness token).
EventTarget::~EventTarget() = default;

std::unique_ptr<EventTarget> EventTarget::construct()
{
    return std::make_unique<EventTarget>();
}

// --- listeners -----------------------------------------------------------------------------

std::shared_ptr<EventTarget::Listener> EventTarget::findListener(const std::u16string& type,
                                                                 v8::Local<v8::Object> callback,
                                                                 bool capture) const
{
    const int identity = callback->GetIdentityHash();
    for (const auto& listener : m_listeners) {
        if (listener->isHandler || listener->identity != identity || listener->capture != capture ||
            listener->type != type)
            continue;
        if (reference(listener->slot)->StrictEquals(callback)) return listener;
    }
    return nullptr;
}

// https://dom.spec.whatwg.org/#add-an-event-listener
void EventTarget::addListener(std::shared_ptr<Listener> listener, v8::Local<v8::Object> callback,
                              AbortSignal* signal)
{
    // Step 2.
    if (signal && signal->aborted()) return;
    // Step 3.
    if (callback.IsEmpty()) return;
    // Step 4: the default passive value is false for every event we dispatch.
    // Step 5.
    if (findListener(listener->type, callback, listener->capture)) return;
    listener->identity = callback->GetIdentityHash();
    listener->slot = addReference(callback);
    m_listeners.push_back(listener);
    // Step 6: the signal removes the listener when it aborts.
    if (signal) {
        auto target = std::make_shared<bind::WeakMember<EventTarget>>(this);
        std::weak_ptr<Listener> weak = listener;
        listener->signal.set(signal);
        listener->abortAlgorithm = signal->addAlgorithm(
            [target, weak] {
                std::shared_ptr<Listener> toRemove = weak.lock();
                if (!toRemove) return;
                if (EventTarget* self = target->get()) self->removeListener(toRemove);
            },
            listener);
    }
    listenersChanged();
}

// https://dom.spec.whatwg.org/#remove-an-event-listener
void EventTarget::removeListener(const std::shared_ptr<Listener>& listener)
{
    if (listener->removed) return;
    listener->removed = true;
    m_listeners.erase(std::remove(m_listeners.begin(), m_listeners.end(), listener),
                      m_listeners.end());
    dropReference(listener->slot);
    if (AbortSignal* signal = listener->signal.get()) {
        signal->removeAlgorithm(listener->abortAlgorithm);
        listener->signal.clear();
    }
    listenersChanged();
}

bool EventTarget::hasListenersFor(std::u16string_view type) const
{
    return std::any_of(m_listeners.begin(), m_listeners.end(),
                       [&](const auto& listener) { return listener->type == type; });
}

// https://dom.spec.whatwg.org/#dom-eventtarget-addeventlistener
void EventTarget::addEventListener(
    std::u16string type, bind::Nullable<v8::Local<v8::Object>> callback,
    std::optional<std::variant<AddEventListenerOptions, bool>> options)
{
    // https://dom.spec.whatwg.org/#event-flatten-more
    auto listener = std::make_shared<Listener>();
    listener->type = std::move(type);
    AbortSignal* signal = nullptr;
    if (options) {
        if (const bool* capture = std::get_if<bool>(&*options)) {
            listener->capture = *capture;
        } else {
            const auto& dict = std::get<AddEventListenerOptions>(*options);
            listener->capture = dict.capture;
            listener->passive = dict.passive.value_or(false);
            listener->once = dict.once;
            signal = dict.signal;
        }
    }
    addListener(std::move(listener), callback ? *callback : v8::Local<v8::Object>(), signal);
}

// https://dom.spec.whatwg.org/#dom-eventtarget-removeeventlistener
void EventTarget::removeEventListener(
    std::u16string type, bind::Nullable<v8::Local<v8::Object>> callback,
    std::optional<std::variant<EventListenerOptions, bool>> options)
{
    // https://dom.spec.whatwg.org/#concept-flatten-options
    bool capture = false;
    if (options) {
        if (const bool* flag = std::get_if<bool>(&*options))
            capture = *flag;
        else
            capture = std::get<EventListenerOptions>(*options).capture;
    }
    if (!callback) return;
    if (auto listener = findListener(type, *callback, capture)) removeListener(listener);
}

// https://dom.spec.whatwg.org/#dom-eventtarget-dispatchevent
bool EventTarget::dispatchEvent(bind::CallContext& cx, Event* event)
{
    if (event->m_dispatch) {
        cx.throwDOMException("InvalidStateError", "The event is already being dispatched.");
        return false;
    }
    if (!event->m_initialized) {
        cx.throwDOMException("InvalidStateError", "The event provided is uninitialized.");
        return false;
    }
    event->m_isTrusted = false;
    return dispatch(cx.isolate(), event);
}

// https://dom.spec.whatwg.org/#concept-event-dispatch, for a target without parents, shadow
// trees or a related target: the event path is this target alone.
bool EventTarget::dispatch(v8::Isolate* isolate, Event* event)
{
    v8::HandleScope scope(isolate);
    // Both stay alive while listeners run, whatever the listeners drop.
    v8::Local<v8::Object> self = jsObject();
    v8::Local<v8::Object> eventObject = event->wrapper();
    if (self.IsEmpty() || eventObject.IsEmpty()) return true;
    // Step 1.
    event->m_dispatch = true;
    // Steps 5 and 12-13 (invoke step 1): the target is this target.
    event->keep(kTarget, self);
    // Step 12: the capturing listeners at the target, then (step 13) the others.
    event->m_phase = Event::AtTarget;
    invoke(isolate, event, Event::CapturingPhase);
    event->m_phase = Event::AtTarget;
    invoke(isolate, event, Event::BubblingPhase);
    // Steps 14-15.
    event->m_phase = Event::None;
    event->keep(kCurrentTarget, v8::Null(isolate));
    event->m_dispatch = false;
    event->m_stopPropagation = false;
    event->m_stopImmediatePropagation = false;
    // Step 16.
    return !event->m_canceled;
}

// https://dom.spec.whatwg.org/#concept-event-listener-invoke
void EventTarget::invoke(v8::Isolate* isolate, Event* event, Event::Phase phase)
{
    // Step 4.
    if (event->m_stopPropagation) return;
    // Step 5.
    event->keep(kCurrentTarget, jsObject());
    // Step 6: listeners added from now on are not run for this event.
    const ListenerList listeners = m_listeners;
    // Step 7.
    innerInvoke(isolate, event, listeners, phase);
}

// https://dom.spec.whatwg.org/#concept-event-listener-inner-invoke
bool EventTarget::innerInvoke(v8::Isolate* isolate, Event* event, const ListenerList& listeners,
                              Event::Phase phase)
{
    bool found = false;
    for (const auto& listener : listeners) {
        if (listener->removed) continue;
        // Steps 1-4.
        if (event->type() != listener->type) continue;
        found = true;
        if (phase == Event::CapturingPhase && !listener->capture) continue;
        if (phase == Event::BubblingPhase && listener->capture) continue;
        v8::HandleScope scope(isolate);
        v8::Local<v8::Value> callback = reference(listener->slot);
        // Step 5.
        if (listener->once) removeListener(listener);
        // Step 8.
        if (listener->passive) event->m_inPassiveListener = true;
        // Step 10.
        const bool canContinue = callListener(isolate, event, *listener, callback);
        // Step 11.
        event->m_inPassiveListener = false;
        if (!canContinue) break;
        // Step 13.
        if (event->m_stopImmediatePropagation) break;
    }
    return found;
}

// Calls one listener; a thrown exception is reported. False when execution is terminating.
bool EventTarget::callListener(v8::Isolate* isolate, Event* event, const Listener& listener,
                               v8::Local<v8::Value> callback)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::TryCatch tryCatch(isolate);
    v8::Local<v8::Value> eventObject = event->wrapper();
    if (listener.isHandler) {
        // https://html.spec.whatwg.org/#the-event-handler-processing-algorithm
        // A non-callable object ([LegacyTreatNonObjectAsNull]) returns undefined.
        if (callback->IsFunction()) {
            const bool specialErrorHandling =
                isGlobalScope() && event->type() == u"error" &&
                bind::classTemplate<ErrorEvent>(isolate)->HasInstance(eventObject);
            auto* errorEvent = static_cast<ErrorEvent*>(event);
            v8::Local<v8::Value> result;
            bool called;
            if (specialErrorHandling) {
                v8::Local<v8::Value> args[5];
                called = errorEvent->handlerArguments(isolate, args) &&
                         callback.As<v8::Function>()
                             ->Call(context, jsObject(), 5, args)
                             .ToLocal(&result);
            } else {
                called = callback.As<v8::Function>()
                             ->Call(context, jsObject(), 1, &eventObject)
                             .ToLocal(&result);
            }
            // Step 5: process the return value.
            if (called && ((specialErrorHandling && result->IsTrue()) ||
                           (!specialErrorHandling && result->IsFalse())))
                event->setCanceledFlag();
        }
    } else {
        // https://webidl.spec.whatwg.org/#call-a-user-objects-operation
        v8::Local<v8::Value> thisArg = jsObject();
        v8::Local<v8::Function> function;
        if (callback->IsFunction()) {
            function = callback.As<v8::Function>();
        } else if (callback->IsObject()) {
            v8::Local<v8::Value> handleEvent;
            if (callback.As<v8::Object>()
                    ->Get(context, bind::name(isolate, "handleEvent"))
                    .ToLocal(&handleEvent)) {
                if (handleEvent->IsFunction()) {
                    function = handleEvent.As<v8::Function>();
                    thisArg = callback;
                } else {
                    bind::throwTypeError(isolate, "Failed to execute 'handleEvent' on "
                                                  "'EventListener': The listener's 'handleEvent' "
                                                  "property is not callable.");
                }
            }
        }
        if (!function.IsEmpty()) function->Call(context, thisArg, 1, &eventObject).IsEmpty();
    }
    if (!tryCatch.HasCaught()) return true;
    if (!tryCatch.CanContinue()) {
        tryCatch.ReThrow();
        return false;
    }
    // https://html.spec.whatwg.org/#report-the-exception: an "error" event at the global scope
    // first (its error reporting mode keeps an error listener that throws from recursing),
    // then the report. Dispatch goes on and dispatchEvent() returns normally; an unhandled
    // report ends the run once the current task is done, as Node does.
    core::Runtime* runtime = core::Runtime::from(isolate);
    if (!runtime) return true;
    v8::Local<v8::Value> exception = tryCatch.Exception();
    v8::Local<v8::Message> message = tryCatch.Message();
    tryCatch.Reset();
    runtime->reportException(exception, message, core::Runtime::ReportKind::UncaughtInCallback);
    if (tryCatch.HasCaught() && !tryCatch.CanContinue()) {
        tryCatch.ReThrow();
        return false;
    }
    return true;
}

// --- event handler attributes --------------------------------------------------------------

// https://html.spec.whatwg.org/#getting-the-current-value-of-the-event-handler
v8::Local<v8::Value> EventTarget::eventHandler(v8::Isolate* isolate,
                                               const std::u16string& type) const
{
    auto it = m_handlers.find(type);
    if (it == m_handlers.end()) return v8::Null(isolate);
    return reference(it->second->slot);
}

// https://html.spec.whatwg.org/#event-handler-idl-attributes
void EventTarget::setEventHandler(const std::u16string& type, v8::Local<v8::Value> value)
{
    auto it = m_handlers.find(type);
    // [LegacyTreatNonObjectAsNull]: any non-object is null, which deactivates the handler.
    if (!value->IsObject()) {
        if (it != m_handlers.end()) {
            std::shared_ptr<Listener> listener = it->second;
            m_handlers.erase(it);
            removeListener(listener);
        }
        return;
    }
    if (it != m_handlers.end()) {
        // The listener keeps its position in the list; only its value changes.
        setReference(it->second->slot, value);
        return;
    }
    // https://html.spec.whatwg.org/#activate-an-event-handler
    auto listener = std::make_shared<Listener>();
    listener->type = type;
    listener->isHandler = true;
    listener->slot = addReference(value);
    m_listeners.push_back(listener);
    m_handlers.emplace(type, std::move(listener));
    listenersChanged();
}

void EventTarget::define(bind::ClassBuilder<EventTarget>& c)
{
    c.constructor<&EventTarget::construct>()
        .method<&EventTarget::addEventListener>("addEventListener")
        .method<&EventTarget::removeEventListener>("removeEventListener")
        .method<&EventTarget::dispatchEvent>("dispatchEvent");
}

} // namespace nano::api

namespace nano::bind {
bool DictionaryTraits<api::AddEventListenerOptions>::read(DictionaryReader& d,
                                                          api::AddEventListenerOptions& out)
{
    // Inherited members first, then the dictionary's own, each in lexicographic order.
    return d.get("capture", out.capture) && d.get("once", out.once) &&
           d.get("passive", out.passive) && d.get("signal", out.signal);
}
} // namespace nano::bind
