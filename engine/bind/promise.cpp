#include "bind/promise.h"

#include "bind/class_builder.h"
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

namespace {
class PromiseReaction final : public Wrappable {
    NANO_BIND_CLASS(PromiseReaction)
public:
    PromiseReaction(Reaction onFulfilled, Reaction onRejected)
        : m_onFulfilled(std::move(onFulfilled)), m_onRejected(std::move(onRejected))
    {
    }
    static void define(ClassBuilder<PromiseReaction>&) {}

    template <bool Fulfilled> static void call(const v8::FunctionCallbackInfo<v8::Value>& info)
    {
        auto* self = static_cast<PromiseReaction*>(
            Wrappable::fromObject(info.Data().As<v8::Object>()));
        if (!self)
            return;
        // A promise settles once: both callbacks go, with what they captured.
        Reaction reaction = std::move(Fulfilled ? self->m_onFulfilled : self->m_onRejected);
        self->m_onFulfilled = nullptr;
        self->m_onRejected = nullptr;
        if (reaction)
            reaction(info.GetIsolate(), info[0]);
    }

private:
    Reaction m_onFulfilled;
    Reaction m_onRejected;
};
} // namespace

bool react(v8::Local<v8::Context> context, v8::Local<v8::Promise> promise, Reaction onFulfilled,
           Reaction onRejected)
{
    v8::Isolate* isolate = context->GetIsolate();
    auto* reaction = create<PromiseReaction>(isolate, std::move(onFulfilled), std::move(onRejected));
    v8::Local<v8::Function> fulfilled, rejected;
    return reaction &&
           v8::Function::New(context, &PromiseReaction::call<true>, reaction->wrapper(), 1)
               .ToLocal(&fulfilled) &&
           v8::Function::New(context, &PromiseReaction::call<false>, reaction->wrapper(), 1)
               .ToLocal(&rejected) &&
           !promise->Then(context, fulfilled, rejected).IsEmpty();
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
