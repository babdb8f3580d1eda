#include "bind/namespace_builder.h"

namespace nano::bind {

NamespaceBuilder NamespaceBuilder::create(v8::Local<v8::Context> context,
                                          v8::Local<v8::Object> parent, const char* name)
{
    v8::Isolate* isolate = context->GetIsolate();
    v8::Local<v8::Object> object = v8::Object::New(isolate);
    object
        ->DefineOwnProperty(context, v8::Symbol::GetToStringTag(isolate), bind::name(isolate, name),
                            static_cast<v8::PropertyAttribute>(v8::ReadOnly | v8::DontEnum))
        .Check();
    parent->DefineOwnProperty(context, bind::name(isolate, name), object, v8::DontEnum).Check();
    return NamespaceBuilder(context, object, name);
}

v8::Local<v8::External> NamespaceBuilder::site(const char* member)
{
    v8::Isolate* isolate = m_context->GetIsolate();
    const CallSite* site = IsolateData::get(isolate)->internCallSite(
        CallSite{CallSite::Kind::Function, m_namespace, member});
    return v8::External::New(isolate, const_cast<CallSite*>(site));
}

void NamespaceBuilder::define(const char* name, v8::Local<v8::Value> value,
                              v8::PropertyAttribute attributes)
{
    m_target
        ->DefineOwnProperty(m_context, bind::name(m_context->GetIsolate(), name), value, attributes)
        .Check();
}

} // namespace nano::bind
