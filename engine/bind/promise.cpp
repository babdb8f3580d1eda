#include "bind/promise.h"

#include "bind/isolate_data.h"

namespace nano::bind {

PromiseResolver PromiseResolver::create(v8::Local<v8::Context> context)
{
    PromiseResolver out;
    v8::Local<v8::Promise::Resolver> resolver;
    if (v8::Promise::Resolver::New(context).ToLocal(&resolver))
        out.m_resolver.Reset(context->GetIsolate(), resolver);
    return out;
}

v8::Local<v8::Promise> PromiseResolver::promise(v8::Isolate* isolate) const
{
    return m_resolver.Get(isolate)->GetPromise();
}

void PromiseResolver::resolve(v8::Isolate* isolate, v8::Local<v8::Value> value)
{
    if (m_resolver.IsEmpty())
        return;
    v8::Local<v8::Context> context = IsolateData::get(isolate)->context();
    m_resolver.Get(isolate)->Resolve(context, value).IsJust();
    m_resolver.Reset();
}

void PromiseResolver::reject(v8::Isolate* isolate, v8::Local<v8::Value> reason)
{
    if (m_resolver.IsEmpty())
        return;
    v8::Local<v8::Context> context = IsolateData::get(isolate)->context();
    m_resolver.Get(isolate)->Reject(context, reason).IsJust();
    m_resolver.Reset();
}

void PromiseResolver::rejectWithTypeError(v8::Isolate* isolate, std::string_view message)
{
    v8::Local<v8::String> text;
    if (!newString(isolate, message).ToLocal(&text))
        text = name(isolate, "TypeError");
    reject(isolate, v8::Exception::TypeError(text));
}

void PromiseResolver::rejectWithDOMException(v8::Isolate* isolate, std::string_view name,
                                             std::string_view message)
{
    v8::Local<v8::Value> exception = newDOMException(isolate, name, message);
    if (!exception.IsEmpty())
        reject(isolate, exception);
}

v8::Local<v8::Promise> resolvedPromise(v8::Local<v8::Context> context, v8::Local<v8::Value> value)
{
    v8::Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(context).ToLocal(&resolver))
        return {};
    resolver->Resolve(context, value).IsJust();
    return resolver->GetPromise();
}

} // namespace nano::bind
