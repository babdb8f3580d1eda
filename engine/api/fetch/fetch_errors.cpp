#include "api/fetch/fetch_errors.h"

#include "bind/strings.h"

namespace nano::api::fetch {

v8::Local<v8::Value> fetchFailedError(v8::Isolate* isolate, const QString& code,
                                      const QString& message)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::String> text, codeText;
    if (!bind::newString(isolate, message).ToLocal(&text) ||
        !bind::newString(isolate, code).ToLocal(&codeText))
        return fetchFailedError(isolate, v8::Undefined(isolate));
    v8::Local<v8::Value> cause = v8::Exception::Error(text);
    if (cause->IsObject())
        cause.As<v8::Object>()
            ->CreateDataProperty(context, bind::name(isolate, "code"), codeText)
            .IsJust();
    return fetchFailedError(isolate, cause);
}

v8::Local<v8::Value> fetchFailedError(v8::Isolate* isolate, v8::Local<v8::Value> cause)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Value> error = v8::Exception::TypeError(bind::name(isolate, "fetch failed"));
    // As `new TypeError(message, {cause})` installs it: own, writable, not enumerable.
    if (error->IsObject())
        error.As<v8::Object>()
            ->DefineOwnProperty(context, bind::name(isolate, "cause"), cause, v8::DontEnum)
            .IsJust();
    return error;
}

} // namespace nano::api::fetch
