#pragma once
// PromiseRejectionEvent (https://html.spec.whatwg.org/#promiserejectionevent), fired at the
// global scope as "unhandledrejection".
//
// [Exposed=*] interface PromiseRejectionEvent : Event {
//   constructor(DOMString type, PromiseRejectionEventInit eventInitDict);
//   readonly attribute object promise;
//   readonly attribute any reason;
// };
// dictionary PromiseRejectionEventInit : EventInit { required object promise; any reason; };

#include "api/events/event.h"

namespace nano::api {

struct PromiseRejectionEventInit : EventInit {
    v8::Local<v8::Object> promise;
    v8::Local<v8::Value> reason;
};

class PromiseRejectionEvent final : public Event {
    NANO_BIND_CLASS(PromiseRejectionEvent)
public:
    PromiseRejectionEvent(v8::Isolate* isolate, std::u16string type,
                          const PromiseRejectionEventInit& init);
    static std::unique_ptr<PromiseRejectionEvent> construct(
        bind::CallContext& cx, std::u16string type, PromiseRejectionEventInit eventInitDict);
    static void define(bind::ClassBuilder<PromiseRejectionEvent>& c);

    v8::Local<v8::Value> promise(bind::CallContext& cx) const;
    v8::Local<v8::Value> reason(bind::CallContext& cx) const;
};

} // namespace nano::api

namespace nano::bind {
template <> struct DictionaryTraits<api::PromiseRejectionEventInit> {
    static constexpr const char* name = "PromiseRejectionEventInit";
    static bool read(DictionaryReader& d, api::PromiseRejectionEventInit& out)
    {
        return api::readEventInit(d, out) && d.required("promise", out.promise) &&
               d.raw("reason", out.reason);
    }
};
} // namespace nano::bind
