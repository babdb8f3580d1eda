#pragma once
// Builds a namespace object (console, Nano) or installs global functions (setTimeout,
// queueMicrotask): the same declarative style and conversions as ClassBuilder, for free
// functions.
//
//   bind::NamespaceBuilder(context, global, nullptr)
//       .function<&setTimeout>("setTimeout")
//       .function<&clearTimeout>("clearTimeout");

#include "bind/class_builder.h"

namespace nano::bind {

class NamespaceBuilder {
public:
    // `target` receives the members; `namespaceName` prefixes error messages and, when the target
    // is a namespace object, becomes its @@toStringTag. Pass nullptr for the global object.
    NamespaceBuilder(v8::Local<v8::Context> context, v8::Local<v8::Object> target,
                     const char* namespaceName)
        : m_context(context)
        , m_target(target)
        , m_namespace(namespaceName)
    {}

    // A new namespace object installed on `parent` as `name` (writable, configurable, not
    // enumerable, as WebIDL namespaces are).
    static NamespaceBuilder create(v8::Local<v8::Context> context, v8::Local<v8::Object> parent,
                                   const char* name);

    template <auto Fn> NamespaceBuilder& function(const char* name)
    {
        v8::Isolate* isolate = m_context->GetIsolate();
        using Params = typename detail::FnTraits<decltype(Fn)>::Params;
        v8::Local<v8::FunctionTemplate> tmpl = v8::FunctionTemplate::New(
            isolate, &callback<Fn>, site(name), {}, detail::RequiredCount<Params>::value,
            v8::ConstructorBehavior::kThrow);
        tmpl->SetClassName(bind::name(isolate, name));
        v8::Local<v8::Function> fn;
        if (tmpl->GetFunction(m_context).ToLocal(&fn))
            define(name, fn, m_namespace ? v8::None : v8::DontEnum);
        return *this;
    }

    NamespaceBuilder& value(const char* name, v8::Local<v8::Value> value,
                            v8::PropertyAttribute attributes = v8::None)
    {
        define(name, value, attributes);
        return *this;
    }

    // A read-only accessor computed on each read.
    template <auto Getter> NamespaceBuilder& getter(const char* name)
    {
        v8::Isolate* isolate = m_context->GetIsolate();
        v8::Local<v8::FunctionTemplate> tmpl = v8::FunctionTemplate::New(
            isolate, &callback<Getter>, site(name), {}, 0, v8::ConstructorBehavior::kThrow);
        v8::Local<v8::Function> fn;
        if (tmpl->GetFunction(m_context).ToLocal(&fn))
            m_target->SetAccessorProperty(bind::name(isolate, name), fn);
        return *this;
    }

    v8::Local<v8::Object> object() const { return m_target; }

private:
    template <auto Fn> static void callback(const v8::FunctionCallbackInfo<v8::Value>& info)
    {
        const auto* site = static_cast<const CallSite*>(info.Data().As<v8::External>()->Value());
        detail::invoke<Fn>(info, *site);
    }

    void define(const char* name, v8::Local<v8::Value> value, v8::PropertyAttribute attributes);
    // The call site of a member, kept by the isolate for the life of its functions.
    v8::Local<v8::External> site(const char* member);

    v8::Local<v8::Context> m_context;
    v8::Local<v8::Object> m_target;
    const char* m_namespace;
};

} // namespace nano::bind
