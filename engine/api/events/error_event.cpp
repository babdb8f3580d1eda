#include "api/events/error_event.h"

namespace nano::api {

namespace {
constexpr const char* kError = "ErrorEvent.error";
}

ErrorEvent::ErrorEvent(v8::Isolate* isolate, std::u16string type, const ErrorEventInit& init)
    : Event(isolate, std::move(type), init)
    , m_message(init.message)
    , m_filename(init.filename)
    , m_lineno(init.lineno)
    , m_colno(init.colno)
{
    if (!init.error.IsEmpty() && !init.error->IsUndefined()) keep(kError, init.error);
}

std::unique_ptr<ErrorEvent> ErrorEvent::construct(bind::CallContext& cx, std::u16string type,
                                                  ErrorEventInit eventInitDict)
{
    return std::make_unique<ErrorEvent>(cx.isolate(), std::move(type), eventInitDict);
}

v8::Local<v8::Value> ErrorEvent::error(bind::CallContext& cx) const
{
    return kept(cx.isolate(), kError);
}

bool ErrorEvent::handlerArguments(v8::Isolate* isolate, v8::Local<v8::Value> (&args)[5]) const
{
    return bind::toJs(isolate, m_message).ToLocal(&args[0]) &&
           bind::toJs(isolate, m_filename).ToLocal(&args[1]) &&
           bind::toJs(isolate, m_lineno).ToLocal(&args[2]) &&
           bind::toJs(isolate, m_colno).ToLocal(&args[3]) &&
           !(args[4] = kept(isolate, kError)).IsEmpty();
}

void ErrorEvent::define(bind::ClassBuilder<ErrorEvent>& c)
{
    c.inherit<Event>()
        .constructor<&ErrorEvent::construct>()
        .readonlyAttribute<&ErrorEvent::message>("message")
        .readonlyAttribute<&ErrorEvent::filename>("filename")
        .readonlyAttribute<&ErrorEvent::lineno>("lineno")
        .readonlyAttribute<&ErrorEvent::colno>("colno")
        .readonlyAttribute<&ErrorEvent::error>("error");
}

} // namespace nano::api
