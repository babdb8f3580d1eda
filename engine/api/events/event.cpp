#include "api/events/event.h"

#include <cstring>

#include "core/runtime.h"

#include <string_view>

namespace nano::api {

namespace {
constexpr const char* kTarget = "Event.target";
constexpr const char* kCurrentTarget = "Event.currentTarget";

v8::Local<v8::Value> orNull(v8::Isolate* isolate, v8::Local<v8::Value> value)
{
    return value->IsUndefined() ? v8::Null(isolate).As<v8::Value>() : value;
}
} // namespace

bool readEventInit(bind::DictionaryReader& d, EventInit& out)
{
    return d.get("bubbles", out.bubbles) && d.get("cancelable", out.cancelable) &&
           d.get("composed", out.composed);
}

Event::Event(v8::Isolate* isolate, std::u16string type, const EventInit& init)
    : m_type(std::move(type))
    , m_bubbles(init.bubbles)
    , m_cancelable(init.cancelable)
    , m_composed(init.composed)
    , m_initialized(true)
{
    // https://dom.spec.whatwg.org/#inner-event-creation-steps: the time stamp is relative to
    // the time origin, like performance.now().
    if (core::Runtime* runtime = core::Runtime::from(isolate)) m_timeStamp = runtime->now();
}

// https://dom.spec.whatwg.org/#dom-event-event
std::unique_ptr<Event> Event::construct(bind::CallContext& cx, std::u16string type,
                                        EventInit eventInitDict)
{
    return std::make_unique<Event>(cx.isolate(), std::move(type), eventInitDict);
}

void Event::keep(const char* key, v8::Local<v8::Value> value)
{
    for (auto& [name, member] : m_kept) {
        if (std::strcmp(name, key) == 0) {
            member.set(value);
            return;
        }
    }
    m_kept.emplace_back(key, bind::Member<v8::Value>(this));
    m_kept.back().second.set(value);
}

v8::Local<v8::Value> Event::kept(v8::Isolate* isolate, const char* key) const
{
    for (const auto& [name, member] : m_kept)
        if (std::strcmp(name, key) == 0 && member) return member.get(isolate);
    return v8::Undefined(isolate);
}

v8::Local<v8::Value> Event::target(bind::CallContext& cx) const
{
    return orNull(cx.isolate(), kept(cx.isolate(), kTarget));
}

v8::Local<v8::Value> Event::currentTarget(bind::CallContext& cx) const
{
    return orNull(cx.isolate(), kept(cx.isolate(), kCurrentTarget));
}

// https://dom.spec.whatwg.org/#dom-event-composedpath: the path of our parentless targets is
// the current target alone, and empty outside dispatch.
v8::Local<v8::Value> Event::composedPath(bind::CallContext& cx) const
{
    v8::Local<v8::Value> current = kept(cx.isolate(), kCurrentTarget);
    if (current->IsNullOrUndefined()) return v8::Array::New(cx.isolate(), 0);
    return v8::Array::New(cx.isolate(), &current, 1);
}

// https://dom.spec.whatwg.org/#dom-event-cancelbubble
void Event::setCancelBubble(bool value)
{
    if (value) m_stopPropagation = true;
}

// https://dom.spec.whatwg.org/#dom-event-stopimmediatepropagation
void Event::stopImmediatePropagation()
{
    m_stopPropagation = true;
    m_stopImmediatePropagation = true;
}

// https://dom.spec.whatwg.org/#dom-event-returnvalue
void Event::setReturnValue(bool value)
{
    if (!value) setCanceledFlag();
}

// https://dom.spec.whatwg.org/#set-the-canceled-flag
void Event::setCanceledFlag()
{
    if (m_cancelable && !m_inPassiveListener) m_canceled = true;
}

// https://dom.spec.whatwg.org/#concept-event-initialize
void Event::initialize(std::u16string type, bool bubbles, bool cancelable)
{
    m_initialized = true;
    m_stopPropagation = false;
    m_stopImmediatePropagation = false;
    m_canceled = false;
    m_isTrusted = false;
    keep(kTarget, v8::Null(isolate()));
    m_type = std::move(type);
    m_bubbles = bubbles;
    m_cancelable = cancelable;
}

// https://dom.spec.whatwg.org/#dom-event-initevent
void Event::initEvent(std::u16string type, std::optional<bool> bubbles,
                      std::optional<bool> cancelable)
{
    if (m_dispatch) return;
    initialize(std::move(type), bubbles.value_or(false), cancelable.value_or(false));
}

void Event::inspectMore(v8::Isolate*, Inspected& out)
{
    Inspected shown;
    for (const char* name : {"type", "defaultPrevented", "cancelable", "timeStamp"}) {
        for (const auto& attribute : out) {
            if (std::string_view(attribute.first) == name) shown.push_back(attribute);
        }
    }
    out = std::move(shown);
}

void Event::define(bind::ClassBuilder<Event>& c)
{
    c.constructor<&Event::construct>()
        .readonlyAttribute<&Event::type>("type")
        .readonlyAttribute<&Event::target>("target")
        .readonlyAttribute<&Event::target>("srcElement")
        .readonlyAttribute<&Event::currentTarget>("currentTarget")
        .method<&Event::composedPath>("composedPath")
        .constant("NONE", None)
        .constant("CAPTURING_PHASE", CapturingPhase)
        .constant("AT_TARGET", AtTarget)
        .constant("BUBBLING_PHASE", BubblingPhase)
        .readonlyAttribute<&Event::eventPhase>("eventPhase")
        .method<&Event::stopPropagation>("stopPropagation")
        .attribute<&Event::cancelBubble, &Event::setCancelBubble>("cancelBubble")
        .method<&Event::stopImmediatePropagation>("stopImmediatePropagation")
        .readonlyAttribute<&Event::bubbles>("bubbles")
        .readonlyAttribute<&Event::cancelable>("cancelable")
        .attribute<&Event::returnValue, &Event::setReturnValue>("returnValue")
        .method<&Event::preventDefault>("preventDefault")
        .readonlyAttribute<&Event::defaultPrevented>("defaultPrevented")
        .readonlyAttribute<&Event::composed>("composed")
        .readonlyAttribute<&Event::isTrusted>("isTrusted")
        .readonlyAttribute<&Event::timeStamp>("timeStamp")
        .method<&Event::initEvent>("initEvent");
}

} // namespace nano::api
