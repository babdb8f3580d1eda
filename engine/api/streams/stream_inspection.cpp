#include "api/streams/stream_inspection.h"

#include "bind/class_builder.h"
#include "bind/dom_exception.h"
#include "bind/strings.h"

#include <QFileInfo>

namespace nano::api::streams {

namespace {

// How far errorText follows a prototype chain for "name" and "message".
constexpr int kMaxPrototypeDepth = 32;

// The value of the data property `key` on `object` or its prototypes; empty when it is missing,
// an accessor, or behind a proxy (none of which may run here).
v8::Local<v8::Value> dataProperty(v8::Local<v8::Context> context, v8::Local<v8::Object> object,
                                  const char* key)
{
    v8::Isolate* isolate = context->GetIsolate();
    const v8::Local<v8::String> name = bind::name(isolate, key);
    v8::Local<v8::Value> current = object;
    for (int depth = 0; depth < kMaxPrototypeDepth && current->IsObject(); ++depth) {
        v8::Local<v8::Object> o = current.As<v8::Object>();
        if (o->IsProxy()) return {};
        v8::Local<v8::Value> descriptor;
        if (!o->GetOwnPropertyDescriptor(context, name).ToLocal(&descriptor)) return {};
        if (descriptor->IsObject()) {
            v8::Local<v8::Value> value;
            // A fresh descriptor object: reading its fields runs nothing.
            if (!descriptor.As<v8::Object>()
                     ->Get(context, bind::name(isolate, "value"))
                     .ToLocal(&value))
                return {};
            return value;
        }
        current = o->GetPrototype();
    }
    return {};
}

} // namespace

CallSite currentCallSite(v8::Isolate* isolate)
{
    v8::HandleScope scope(isolate);
    v8::Local<v8::StackTrace> trace = v8::StackTrace::CurrentStackTrace(
        isolate, 1,
        static_cast<v8::StackTrace::StackTraceOptions>(v8::StackTrace::kScriptName |
                                                       v8::StackTrace::kLineNumber));
    if (trace.IsEmpty() || trace->GetFrameCount() == 0) return {};
    v8::Local<v8::StackFrame> frame = trace->GetFrame(isolate, 0);
    v8::Local<v8::String> script = frame->GetScriptName();
    CallSite site;
    site.sourceUrl =
        script.IsEmpty() ? QStringLiteral("<anonymous>") : bind::toQString(isolate, script);
    site.line = frame->GetLineNumber();
    return site;
}

QString callSiteLabel(v8::Isolate* isolate)
{
    const CallSite site = currentCallSite(isolate);
    if (site.sourceUrl.isEmpty()) return {};
    return QFileInfo(site.sourceUrl).fileName() + QLatin1Char(':') + QString::number(site.line);
}

QString errorText(v8::Isolate* isolate, v8::Local<v8::Value> error)
{
    v8::HandleScope scope(isolate);
    if (error->IsString())
        return QLatin1Char('\'') + bind::toQString(isolate, error.As<v8::String>()) +
               QLatin1Char('\'');
    if (error->IsSymbol()) {
        v8::Local<v8::Value> description = error.As<v8::Symbol>()->Description(isolate);
        return QStringLiteral("Symbol(%1)")
            .arg(description->IsString() ? bind::toQString(isolate, description.As<v8::String>())
                                         : QString());
    }
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    if (!error->IsObject()) {
        // Other primitives convert without running script.
        v8::Local<v8::String> text;
        if (context.IsEmpty() || !error->ToString(context).ToLocal(&text)) return {};
        return bind::toQString(isolate, text);
    }
    v8::Local<v8::Object> object = error.As<v8::Object>();
    if (const auto* exception = bind::unwrap<bind::DOMException>(isolate, error)) {
        const QString name = QString::fromStdString(exception->name());
        const QString message = QString::fromStdString(exception->message());
        return message.isEmpty() ? name : name + QStringLiteral(": ") + message;
    }
    const QString constructor = bind::toQString(isolate, object->GetConstructorName());
    if (context.IsEmpty() || object->IsProxy()) return constructor;
    v8::TryCatch tryCatch(isolate); // a descriptor lookup that fails leaves no exception behind
    const v8::Local<v8::Value> name = dataProperty(context, object, "name");
    const v8::Local<v8::Value> message = dataProperty(context, object, "message");
    const QString nameText = !name.IsEmpty() && name->IsString()
                                 ? bind::toQString(isolate, name.As<v8::String>())
                                 : constructor;
    if (message.IsEmpty() || !message->IsString()) return nameText;
    const QString messageText = bind::toQString(isolate, message.As<v8::String>());
    return messageText.isEmpty() ? nameText : nameText + QStringLiteral(": ") + messageText;
}

} // namespace nano::api::streams
