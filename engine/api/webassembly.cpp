#include "api/webassembly.h"

#include "bind/strings.h"
#include "core/runtime.h"

namespace nano::api {

namespace {

// Settles our promise like the original one and lets the loop go. Data: [resolver, flag].
template <bool Fulfilled> void settle(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    v8::Isolate* isolate = info.GetIsolate();
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Value> resolver;
    if (!info.Data().As<v8::Array>()->Get(context, 0).ToLocal(&resolver))
        return;
    if (core::Runtime* runtime = core::Runtime::from(isolate))
        runtime->loop().unref();
    if (Fulfilled)
        resolver.As<v8::Promise::Resolver>()->Resolve(context, info[0]).IsJust();
    else
        resolver.As<v8::Promise::Resolver>()->Reject(context, info[0]).IsJust();
}

// Calls the original function (the data) and returns a promise of our own that settles like its
// promise, holding the loop alive meanwhile. The script gets only our promise, so an unhandled
// rejection of it is still reported.
void callKeepingAlive(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    v8::Isolate* isolate = info.GetIsolate();
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Function> original = info.Data().As<v8::Function>();
    std::vector<v8::Local<v8::Value>> args;
    for (int i = 0; i < info.Length(); ++i)
        args.push_back(info[i]);
    v8::Local<v8::Value> result;
    if (!original->Call(context, info.This(), static_cast<int>(args.size()), args.data())
             .ToLocal(&result))
        return;
    core::Runtime* runtime = core::Runtime::from(isolate);
    if (!runtime || !result->IsPromise() ||
        result.As<v8::Promise>()->State() != v8::Promise::kPending) {
        info.GetReturnValue().Set(result);
        return;
    }
    v8::Local<v8::Promise::Resolver> resolver;
    v8::Local<v8::Array> data = v8::Array::New(isolate, 1);
    v8::Local<v8::Function> onFulfilled, onRejected;
    if (!v8::Promise::Resolver::New(context).ToLocal(&resolver) ||
        data->Set(context, 0, resolver).IsNothing() ||
        !v8::Function::New(context, settle<true>, data).ToLocal(&onFulfilled) ||
        !v8::Function::New(context, settle<false>, data).ToLocal(&onRejected))
        return;
    runtime->loop().ref();
    if (result.As<v8::Promise>()->Then(context, onFulfilled, onRejected).IsEmpty()) {
        runtime->loop().unref();
        return;
    }
    info.GetReturnValue().Set(resolver->GetPromise());
}

void wrap(v8::Local<v8::Context> context, v8::Local<v8::Object> webAssembly, const char* name)
{
    v8::Isolate* isolate = context->GetIsolate();
    v8::Local<v8::String> key = bind::name(isolate, name);
    v8::Local<v8::Value> original;
    if (!webAssembly->Get(context, key).ToLocal(&original) || !original->IsFunction())
        return;
    v8::Local<v8::Function> fn = original.As<v8::Function>();
    v8::Local<v8::Value> length;
    int argc = 1;
    if (fn->Get(context, bind::name(isolate, "length")).ToLocal(&length) && length->IsInt32())
        argc = length.As<v8::Int32>()->Value();
    v8::Local<v8::Function> wrapper;
    if (!v8::Function::New(context, callKeepingAlive, fn, argc, v8::ConstructorBehavior::kThrow)
             .ToLocal(&wrapper))
        return;
    wrapper->SetName(key);
    webAssembly->DefineOwnProperty(context, key, wrapper, v8::DontEnum).Check();
}

} // namespace

void installWebAssembly(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    v8::Local<v8::Value> webAssembly;
    if (!global->Get(context, bind::name(context->GetIsolate(), "WebAssembly"))
             .ToLocal(&webAssembly) ||
        !webAssembly->IsObject())
        return;
    for (const char* name : {"compile", "instantiate", "compileStreaming", "instantiateStreaming"})
        wrap(context, webAssembly.As<v8::Object>(), name);
}

} // namespace nano::api
