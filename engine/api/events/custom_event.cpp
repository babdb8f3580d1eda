#include "api/events/custom_event.h"

namespace nano::api {

namespace {
constexpr const char* kDetail = "CustomEvent.detail";
}

// https://dom.spec.whatwg.org/#concept-event-constructor
std::unique_ptr<CustomEvent> CustomEvent::construct(bind::CallContext& cx, std::u16string type,
                                                    CustomEventInit eventInitDict)
{
    auto event = std::make_unique<CustomEvent>(cx.isolate(), std::move(type), eventInitDict);
    if (!eventInitDict.detail.IsEmpty() && !eventInitDict.detail->IsUndefined())
        event->keep(kDetail, eventInitDict.detail);
    return event;
}

v8::Local<v8::Value> CustomEvent::detail(bind::CallContext& cx) const
{
    v8::Local<v8::Value> value = kept(cx.isolate(), kDetail);
    return value->IsUndefined() ? v8::Null(cx.isolate()).As<v8::Value>() : value;
}

// https://dom.spec.whatwg.org/#dom-customevent-initcustomevent
void CustomEvent::initCustomEvent(bind::CallContext& cx, std::u16string type,
                                  std::optional<bool> bubbles, std::optional<bool> cancelable,
                                  std::optional<v8::Local<v8::Value>> detail)
{
    if (isDispatching()) return;
    initialize(std::move(type), bubbles.value_or(false), cancelable.value_or(false));
    keep(kDetail, detail ? *detail : v8::Null(cx.isolate()).As<v8::Value>());
}

void CustomEvent::define(bind::ClassBuilder<CustomEvent>& c)
{
    c.inherit<Event>()
        .constructor<&CustomEvent::construct>()
        .readonlyAttribute<&CustomEvent::detail>("detail")
        .method<&CustomEvent::initCustomEvent>("initCustomEvent");
}

} // namespace nano::api
