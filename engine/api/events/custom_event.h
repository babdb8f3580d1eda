#pragma once
// CustomEvent (https://dom.spec.whatwg.org/#interface-customevent).
//
// [Exposed=*] interface CustomEvent : Event {
//   constructor(DOMString type, optional CustomEventInit eventInitDict = {});
//   readonly attribute any detail;
//   undefined initCustomEvent(DOMString type, optional boolean bubbles = false,
//                             optional boolean cancelable = false, optional any detail = null);
// };
// dictionary CustomEventInit : EventInit { any detail = null; };

#include "api/events/event.h"

namespace nano::api {

struct CustomEventInit : EventInit {
    v8::Local<v8::Value> detail;
};

class CustomEvent final : public Event {
    NANO_BIND_CLASS(CustomEvent)
public:
    using Event::Event;
    static std::unique_ptr<CustomEvent> construct(bind::CallContext& cx, std::u16string type,
                                                  CustomEventInit eventInitDict);
    static void define(bind::ClassBuilder<CustomEvent>& c);

    v8::Local<v8::Value> detail(bind::CallContext& cx) const;
    void initCustomEvent(bind::CallContext& cx, std::u16string type, std::optional<bool> bubbles,
                         std::optional<bool> cancelable,
                         std::optional<v8::Local<v8::Value>> detail);
};

} // namespace nano::api

namespace nano::bind {
template <> struct DictionaryTraits<api::CustomEventInit> {
    static constexpr const char* name = "CustomEventInit";
    static bool read(DictionaryReader& d, api::CustomEventInit& out)
    {
        return api::readEventInit(d, out) && d.raw("detail", out.detail);
    }
};
} // namespace nano::bind
