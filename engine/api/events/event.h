#pragma once
// Event (https://dom.spec.whatwg.org/#interface-event).
//
// [Exposed=*] interface Event {
//   constructor(DOMString type, optional EventInit eventInitDict = {});
//   readonly attribute DOMString type;
//   readonly attribute EventTarget? target;
//   readonly attribute EventTarget? srcElement; // legacy
//   readonly attribute EventTarget? currentTarget;
//   sequence<EventTarget> composedPath();
//   const unsigned short NONE = 0; ... AT_TARGET = 2; BUBBLING_PHASE = 3;
//   readonly attribute unsigned short eventPhase;
//   undefined stopPropagation();
//            attribute boolean cancelBubble; // legacy alias of .stopPropagation()
//   undefined stopImmediatePropagation();
//   readonly attribute boolean bubbles;
//   readonly attribute boolean cancelable;
//            attribute boolean returnValue;  // legacy
//   undefined preventDefault();
//   readonly attribute boolean defaultPrevented;
//   readonly attribute boolean composed;
//   [LegacyUnforgeable] readonly attribute boolean isTrusted;
//   readonly attribute DOMHighResTimeStamp timeStamp;
//   undefined initEvent(DOMString type, optional boolean bubbles = false,
//                       optional boolean cancelable = false); // legacy
// };
// dictionary EventInit { boolean bubbles = false; boolean cancelable = false;
//                        boolean composed = false; };
//
// Our event targets have no parents (no DOM tree), so an event's path is its target alone.
// The JS values an event refers to (target, currentTarget, a CustomEvent's detail, ...) are kept
// in bind::Members (see bind/member.h).

#include "bind/class_builder.h"
#include "bind/member.h"

#include <string>
#include <utility>
#include <vector>

namespace nano::api {

class EventTarget;

struct EventInit {
    bool bubbles = false;
    bool cancelable = false;
    bool composed = false;
};

class Event : public bind::Wrappable {
    NANO_BIND_CLASS(Event)
public:
    enum Phase : uint16_t { None = 0, CapturingPhase = 1, AtTarget = 2, BubblingPhase = 3 };

    // https://dom.spec.whatwg.org/#concept-event-constructor (with its initialized flag set).
    Event(v8::Isolate* isolate, std::u16string type, const EventInit& init);
    static std::unique_ptr<Event> construct(bind::CallContext& cx, std::u16string type,
                                            EventInit eventInitDict);
    static void define(bind::ClassBuilder<Event>& c);
    // console.log shows what Node's Event inspector shows: type, defaultPrevented, cancelable
    // and timeStamp, for every event interface.
    void inspectMore(v8::Isolate* isolate, Inspected& out) override;

    // IDL members.
    const std::u16string& type() const { return m_type; }
    v8::Local<v8::Value> target(bind::CallContext& cx) const;
    v8::Local<v8::Value> currentTarget(bind::CallContext& cx) const;
    v8::Local<v8::Value> composedPath(bind::CallContext& cx) const;
    uint16_t eventPhase() const { return m_phase; }
    void stopPropagation() { m_stopPropagation = true; }
    bool cancelBubble() const { return m_stopPropagation; }
    void setCancelBubble(bool value);
    void stopImmediatePropagation();
    bool bubbles() const { return m_bubbles; }
    bool cancelable() const { return m_cancelable; }
    bool returnValue() const { return !m_canceled; }
    void setReturnValue(bool value);
    void preventDefault() { setCanceledFlag(); }
    bool defaultPrevented() const { return m_canceled; }
    bool composed() const { return m_composed; }
    bool isTrusted() const { return m_isTrusted; }
    double timeStamp() const { return m_timeStamp; }
    void initEvent(std::u16string type, std::optional<bool> bubbles,
                   std::optional<bool> cancelable);

    // For dispatchers (EventTarget, the global scope, AbortSignal).
    void setTrusted(bool trusted) { m_isTrusted = trusted; }
    bool isDispatching() const { return m_dispatch; }
    bool isInitialized() const { return m_initialized; }
    bool isCanceled() const { return m_canceled; }
    // https://dom.spec.whatwg.org/#set-the-canceled-flag
    void setCanceledFlag();

    // Creates an event of type E from C++ (with its wrapper), e.g. to fire it as a trusted
    // event: create<ErrorEvent>(isolate, type, init). Null if V8 could not allocate.
    template <class E, class... A> static E* create(v8::Isolate* isolate, A&&... args)
    {
        return bind::create<E>(isolate, isolate, std::forward<A>(args)...);
    }

protected:
    // https://dom.spec.whatwg.org/#concept-event-initialize
    void initialize(std::u16string type, bool bubbles, bool cancelable);
    // Keeps a JS value the event refers to (a bind::Member), also before the wrapper exists.
    void keep(const char* key, v8::Local<v8::Value> value);
    v8::Local<v8::Value> kept(v8::Isolate* isolate, const char* key) const;

private:
    friend class EventTarget;

    std::u16string m_type;
    uint16_t m_phase = None;
    bool m_bubbles = false;
    bool m_cancelable = false;
    bool m_composed = false;
    bool m_isTrusted = false;
    // The flags of https://dom.spec.whatwg.org/#stop-propagation-flag and the ones after it.
    bool m_stopPropagation = false;
    bool m_stopImmediatePropagation = false;
    bool m_canceled = false;
    bool m_inPassiveListener = false;
    bool m_initialized = false;
    bool m_dispatch = false;
    double m_timeStamp = 0;
    // The JS values an event refers to (target, currentTarget, detail, error, ...), by name.
    std::vector<std::pair<const char*, bind::Member<v8::Value>>> m_kept;
};

// Reads the EventInit members of a dictionary that inherits from EventInit.
bool readEventInit(bind::DictionaryReader& d, EventInit& out);

} // namespace nano::api

namespace nano::bind {
template <> struct DictionaryTraits<api::EventInit> {
    static constexpr const char* name = "EventInit";
    static bool read(DictionaryReader& d, api::EventInit& out)
    {
        return api::readEventInit(d, out);
    }
};
} // namespace nano::bind
