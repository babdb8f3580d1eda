#include "bind/promise.h"

#include "bind/class_builder.h"
#include "bind/isolate_data.h"
#include "bind/member.h"

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
    if (m_resolver.IsEmpty()) return;
    v8::Local<v8::Context> context = IsolateData::get(isolate)->context();
    m_resolver.Get(isolate)->Resolve(context, value).IsJust();
    m_resolver.Reset();
}

void PromiseResolver::reject(v8::Isolate* isolate, v8::Local<v8::Value> reason)
{
    if (m_resolver.IsEmpty()) return;
    v8::Local<v8::Context> context = IsolateData::get(isolate)->context();
    m_resolver.Get(isolate)->Reject(context, reason).IsJust();
    m_resolver.Reset();
}

void PromiseResolver::rejectWithTypeError(v8::Isolate* isolate, std::string_view message)
{
    v8::Local<v8::String> text;
    if (!newString(isolate, message).ToLocal(&text)) text = name(isolate, "TypeError");
    reject(isolate, v8::Exception::TypeError(text));
}

void PromiseResolver::rejectWithDOMException(v8::Isolate* isolate, std::string_view name,
                                             std::string_view message)
{
    v8::Local<v8::Value> exception = newDOMException(isolate, name, message);
    if (!exception.IsEmpty()) reject(isolate, exception);
}

namespace {
class PromiseReaction final : public Wrappable {
    NANO_BIND_CLASS(PromiseReaction)
public:
    PromiseReaction(Transform onFulfilled, Transform onRejected, v8::Local<v8::Value> keep)
        : m_transformFulfilled(std::move(onFulfilled))
        , m_transformRejected(std::move(onRejected))
    {
        m_keep.set(keep);
    }
    static void define(ClassBuilder<PromiseReaction>&) {}

    template <bool Fulfilled> static void transform(const v8::FunctionCallbackInfo<v8::Value>& info)
    {
        auto* self =
            static_cast<PromiseReaction*>(Wrappable::fromObject(info.Data().As<v8::Object>()));
        if (!self) return;
        Transform step =
            std::move(Fulfilled ? self->m_transformFulfilled : self->m_transformRejected);
        self->m_transformFulfilled = nullptr;
        self->m_transformRejected = nullptr;
        v8::Local<v8::Value> result;
        if (step && step(info.GetIsolate(), info[0]).ToLocal(&result))
            info.GetReturnValue().Set(result);
        else if (!step && !Fulfilled)
            info.GetIsolate()->ThrowException(info[0]); // no handler: the rejection passes on
        else if (!step)
            info.GetReturnValue().Set(info[0]);
        self->m_keep.clear();
    }

private:
    Transform m_transformFulfilled;
    Transform m_transformRejected;
    Member<v8::Value> m_keep{this};
};
} // namespace

v8::MaybeLocal<v8::Promise> then(v8::Local<v8::Context> context, v8::Local<v8::Promise> promise,
                                 Transform onFulfilled, Transform onRejected,
                                 v8::Local<v8::Value> keep)
{
    v8::Isolate* isolate = context->GetIsolate();
    auto* reaction =
        create<PromiseReaction>(isolate, std::move(onFulfilled), std::move(onRejected), keep);
    if (!reaction) return {};
    v8::Local<v8::Function> fulfilled, rejected;
    if (!v8::Function::New(context, &PromiseReaction::transform<true>, reaction->wrapper(), 1)
             .ToLocal(&fulfilled) ||
        !v8::Function::New(context, &PromiseReaction::transform<false>, reaction->wrapper(), 1)
             .ToLocal(&rejected))
        return {};
    return promise->Then(context, fulfilled, rejected);
}

// A reaction is a transform that returns undefined: the derived promise fulfills either way,
// so a rejection the reaction sees counts as handled.
bool react(v8::Local<v8::Context> context, v8::Local<v8::Promise> promise, Reaction onFulfilled,
           Reaction onRejected, v8::Local<v8::Value> keep)
{
    auto asTransform = [](Reaction reaction) -> Transform {
        return [reaction = std::move(reaction)](
                   v8::Isolate* isolate, v8::Local<v8::Value> value) -> v8::MaybeLocal<v8::Value> {
            if (reaction) reaction(isolate, value);
            return v8::Undefined(isolate);
        };
    };
    return !then(context, promise, asTransform(std::move(onFulfilled)),
                 asTransform(std::move(onRejected)), keep)
                .IsEmpty();
}

v8::Local<v8::Promise> resolvedPromise(v8::Local<v8::Context> context, v8::Local<v8::Value> value)
{
    v8::Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(context).ToLocal(&resolver)) return {};
    resolver->Resolve(context, value).IsJust();
    return resolver->GetPromise();
}

} // namespace nano::bind
