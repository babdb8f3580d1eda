#include "bind/errors.h"

#include "bind/dom_exception.h"
#include "bind/strings.h"

namespace nano::bind {

namespace {
v8::Local<v8::String> messageString(v8::Isolate* isolate, std::string_view message)
{
    v8::Local<v8::String> text;
    if (!newString(isolate, message).ToLocal(&text)) text = name(isolate, "(message too long)");
    return text;
}
} // namespace

void throwTypeError(v8::Isolate* isolate, std::string_view message)
{
    isolate->ThrowException(v8::Exception::TypeError(messageString(isolate, message)));
}

void throwRangeError(v8::Isolate* isolate, std::string_view message)
{
    isolate->ThrowException(v8::Exception::RangeError(messageString(isolate, message)));
}

void throwError(v8::Isolate* isolate, std::string_view message)
{
    isolate->ThrowException(v8::Exception::Error(messageString(isolate, message)));
}

void throwSyntaxError(v8::Isolate* isolate, std::string_view message)
{
    isolate->ThrowException(v8::Exception::SyntaxError(messageString(isolate, message)));
}

v8::Local<v8::Value> newDOMException(v8::Isolate* isolate, std::string_view name,
                                     std::string_view message)
{
    return DOMException::create(isolate, std::string(message), std::string(name));
}

void throwDOMException(v8::Isolate* isolate, std::string_view name, std::string_view message)
{
    v8::Local<v8::Value> exception = newDOMException(isolate, name, message);
    if (!exception.IsEmpty()) isolate->ThrowException(exception);
}

std::string errorPrefix(const CallSite& site)
{
    const std::string member = site.member ? site.member : "";
    const std::string cls = site.className ? site.className : "";
    switch (site.kind) {
    case CallSite::Kind::Constructor: return "Failed to construct '" + cls + "': ";
    case CallSite::Kind::Getter:
        return "Failed to read the '" + member + "' property from '" + cls + "': ";
    case CallSite::Kind::Setter:
        return "Failed to set the '" + member + "' property on '" + cls + "': ";
    case CallSite::Kind::Method:
    case CallSite::Kind::StaticMethod:
        return "Failed to execute '" + member + "' on '" + cls + "': ";
    case CallSite::Kind::Function:
        return cls.empty() ? "Failed to execute '" + member + "': "
                           : "Failed to execute '" + member + "' on '" + cls + "': ";
    }
    return {};
}

v8::Local<v8::Value> makeError(v8::Isolate* isolate, std::string_view errorName,
                               const CallSite& site, std::string_view message)
{
    const std::string text = errorPrefix(site) + std::string(message);
    v8::Local<v8::String> string = messageString(isolate, text);
    if (errorName == "TypeError") return v8::Exception::TypeError(string);
    if (errorName == "RangeError") return v8::Exception::RangeError(string);
    if (errorName == "SyntaxError") return v8::Exception::SyntaxError(string);
    if (errorName == "Error") return v8::Exception::Error(string);
    return newDOMException(isolate, errorName, text);
}

void throwError(v8::Isolate* isolate, std::string_view errorName, const CallSite& site,
                std::string_view message)
{
    v8::Local<v8::Value> error = makeError(isolate, errorName, site, message);
    if (!error.IsEmpty()) isolate->ThrowException(error);
}

std::string ValueSource::describe() const
{
    if (member) {
        std::string text = "Failed to read the '" + std::string(member) + "' property";
        if (dictionary) text += " from '" + std::string(dictionary) + "'";
        return text + ": The provided value";
    }
    if (index >= 0) return "parameter " + std::to_string(index + 1);
    return "The provided value";
}

void CallContext::throwTypeError(std::string_view message)
{
    bind::throwTypeError(m_isolate, prefix() + std::string(message));
    m_failed = true;
}

void CallContext::throwRangeError(std::string_view message)
{
    bind::throwRangeError(m_isolate, prefix() + std::string(message));
    m_failed = true;
}

void CallContext::throwDOMException(std::string_view name, std::string_view message)
{
    bind::throwDOMException(m_isolate, name, prefix() + std::string(message));
    m_failed = true;
}

} // namespace nano::bind
