#include "api/events/promise_rejection_event.h"

namespace nano::api {

namespace {
constexpr const char* kPromise = "PromiseRejectionEvent.promise";
constexpr const char* kReason = "PromiseRejectionEvent.reason";
} // namespace

PromiseRejectionEvent::PromiseRejectionEvent(v8::Isolate* isolate, std::u16string type,
                                             const PromiseRejectionEventInit& init)
    : Event(isolate, std::move(type), init)
{
    if (!init.promise.IsEmpty()) keep(kPromise, init.promise);
    if (!init.reason.IsEmpty() && !init.reason->IsUndefined()) keep(kReason, init.reason);
}

std::unique_ptr<PromiseRejectionEvent> PromiseRejectionEvent::construct(
    bind::CallContext& cx, std::u16string type, PromiseRejectionEventInit eventInitDict)
{
    return std::make_unique<PromiseRejectionEvent>(cx.isolate(), std::move(type), eventInitDict);
}

v8::Local<v8::Value> PromiseRejectionEvent::promise(bind::CallContext& cx) const
{
    return kept(cx.isolate(), kPromise);
}

v8::Local<v8::Value> PromiseRejectionEvent::reason(bind::CallContext& cx) const
{
    return kept(cx.isolate(), kReason);
}

void PromiseRejectionEvent::define(bind::ClassBuilder<PromiseRejectionEvent>& c)
{
    c.inherit<Event>()
        .constructor<&PromiseRejectionEvent::construct>()
        .readonlyAttribute<&PromiseRejectionEvent::promise>("promise")
        .readonlyAttribute<&PromiseRejectionEvent::reason>("reason");
}

} // namespace nano::api
