#pragma once
// EventTarget (https://dom.spec.whatwg.org/#interface-eventtarget).
//
// [Exposed=*] interface EventTarget {
//   constructor();
//   undefined addEventListener(DOMString type, EventListener? callback,
//                              optional (AddEventListenerOptions or boolean) options = {});
//   undefined removeEventListener(DOMString type, EventListener? callback,
//                                 optional (EventListenerOptions or boolean) options = {});
//   boolean dispatchEvent(Event event);
// };
// callback interface EventListener { undefined handleEvent(Event event); };
// dictionary EventListenerOptions { boolean capture = false; };
// dictionary AddEventListenerOptions : EventListenerOptions {
//   boolean passive; boolean once = false; AbortSignal signal;
// };
//
// The listener callbacks are references of the wrapper (bind/member.h), so a listener that
// refers to its own target does not keep it alive. Event handler IDL attributes (onabort,
// onerror) are listeners too, in the position where the handler was first set
// (https://html.spec.whatwg.org/#event-handler-attributes).
//
// A listener that throws is reported like an uncaught exception: an "error" event at the global
// scope, and the end of the run unless a listener cancels it.

#include "api/events/event.h"
#include "bind/member.h"

#include <map>
#include <memory>
#include <variant>

namespace nano::api {

class AbortSignal;

struct EventListenerOptions {
    bool capture = false;
};

struct AddEventListenerOptions {
    bool capture = false;
    std::optional<bool> passive;
    bool once = false;
    AbortSignal* signal = nullptr;
};

class EventTarget : public bind::Wrappable {
    NANO_BIND_CLASS(EventTarget)
public:
    EventTarget() = default;
    ~EventTarget() override;

    static std::unique_ptr<EventTarget> construct();
    static void define(bind::ClassBuilder<EventTarget>& c);

    void addEventListener(std::u16string type, bind::Nullable<v8::Local<v8::Object>> callback,
                          std::optional<std::variant<AddEventListenerOptions, bool>> options);
    void removeEventListener(std::u16string type, bind::Nullable<v8::Local<v8::Object>> callback,
                             std::optional<std::variant<EventListenerOptions, bool>> options);
    bool dispatchEvent(bind::CallContext& cx, Event* event);

    // https://dom.spec.whatwg.org/#concept-event-dispatch for events fired by C++ (trusted
    // ones: set isTrusted first). Returns false if a listener cancelled the event. The event
    // and this target must have wrappers.
    bool dispatch(v8::Isolate* isolate, Event* event);

    // The object scripts see as this target: the wrapper, or the global proxy for the global
    // scope.
    virtual v8::Local<v8::Object> jsObject() const { return wrapper(); }
    // True if a listener (not removed) for `type` is registered.
    bool hasListenersFor(std::u16string_view type) const;

protected:
    // https://html.spec.whatwg.org/#event-handler-attributes: the getter and setter of an
    // `on<type>` attribute.
    v8::Local<v8::Value> eventHandler(v8::Isolate* isolate, const std::u16string& type) const;
    void setEventHandler(const std::u16string& type, v8::Local<v8::Value> value);
    // Called after a listener was added or removed.
    virtual void listenersChanged() {}
    // https://html.spec.whatwg.org/#the-event-handler-processing-algorithm: true for the
    // global scope, where an "error" ErrorEvent's handler gets five arguments.
    virtual bool isGlobalScope() const { return false; }

private:
    struct Listener {
        std::u16string type;
        uint32_t slot = 0; // the callback's reference slot (Wrappable::addReference)
        int identity = 0;  // the callback's identity hash, to find it quickly
        bool capture = false;
        bool passive = false;
        bool once = false;
        bool removed = false;
        bool isHandler = false; // an event handler attribute's listener
        // The signal's "remove this listener" algorithm, removed with the listener.
        bind::WeakMember<AbortSignal> signal;
        uint64_t abortAlgorithm = 0;
    };
    using ListenerList = std::vector<std::shared_ptr<Listener>>;

    // https://dom.spec.whatwg.org/#add-an-event-listener
    void addListener(std::shared_ptr<Listener> listener, v8::Local<v8::Object> callback,
                     AbortSignal* signal);
    // https://dom.spec.whatwg.org/#remove-an-event-listener
    void removeListener(const std::shared_ptr<Listener>& listener);
    std::shared_ptr<Listener> findListener(const std::u16string& type,
                                           v8::Local<v8::Object> callback, bool capture) const;
    // https://dom.spec.whatwg.org/#concept-event-listener-invoke
    void invoke(v8::Isolate* isolate, Event* event, Event::Phase phase);
    // https://dom.spec.whatwg.org/#concept-event-listener-inner-invoke
    bool innerInvoke(v8::Isolate* isolate, Event* event, const ListenerList& listeners,
                     Event::Phase phase);
    bool callListener(v8::Isolate* isolate, Event* event, const Listener& listener,
                      v8::Local<v8::Value> callback);

    ListenerList m_listeners;
    std::map<std::u16string, std::shared_ptr<Listener>> m_handlers; // by event type
};

} // namespace nano::api

namespace nano::bind {
template <> struct DictionaryTraits<api::EventListenerOptions> {
    static constexpr const char* name = "EventListenerOptions";
    static bool read(DictionaryReader& d, api::EventListenerOptions& out)
    {
        return d.get("capture", out.capture);
    }
};
template <> struct DictionaryTraits<api::AddEventListenerOptions> {
    static constexpr const char* name = "AddEventListenerOptions";
    static bool read(DictionaryReader& d, api::AddEventListenerOptions& out);
};
} // namespace nano::bind
