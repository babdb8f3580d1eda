#include "api/webassembly.h"

#include "bind/strings.h"
#include "core/async_operation.h"

#include <memory>

namespace nano::api {

namespace {

// A promise of our own that settles like `promise` and holds the run alive meanwhile (an
// AsyncOperation). Only ours reaches the script, so an unhandled rejection of it is still
// reported. Returns `promise` itself when it is settled already or nothing can be chained.
v8::Local<v8::Value> keepAliveUntilSettled(v8::Local<v8::Context> context,
                                           v8::Local<v8::Value> promise)
{
    v8::Isolate* isolate = context->GetIsolate();
    if (!promise->IsPromise() || promise.As<v8::Promise>()->State() != v8::Promise::kPending)
        return promise;
    auto operation = std::make_shared<core::AsyncOperation>(core::AsyncOperation::create(context));
    if (operation->isEmpty()) return promise;
    v8::Local<v8::Promise> ours = operation->promise(isolate);
    const bool chained = bind::react(
        context, promise.As<v8::Promise>(),
        [operation](v8::Isolate* i, v8::Local<v8::Value> value) { operation->resolve(i, value); },
        [operation](v8::Isolate* i, v8::Local<v8::Value> reason) { operation->reject(i, reason); });
    return chained ? ours.As<v8::Value>() : promise;
}

bool callOriginal(const v8::FunctionCallbackInfo<v8::Value>& info, v8::Local<v8::Value>& result)
{
    v8::Local<v8::Context> context = info.GetIsolate()->GetCurrentContext();
    std::vector<v8::Local<v8::Value>> args;
    for (int i = 0; i < info.Length(); ++i)
        args.push_back(info[i]);
    return info.Data()
        .As<v8::Function>()
        ->Call(context, info.This(), static_cast<int>(args.size()), args.data())
        .ToLocal(&result);
}

// WebAssembly.compile/instantiate: the promise they return.
void callKeepingAlive(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    v8::Local<v8::Value> result;
    if (callOriginal(info, result))
        info.GetReturnValue().Set(
            keepAliveUntilSettled(info.GetIsolate()->GetCurrentContext(), result));
}

// Atomics.waitAsync: the promise in `value` when `async` is true.
void waitAsyncKeepingAlive(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    v8::Isolate* isolate = info.GetIsolate();
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Value> result, value;
    if (!callOriginal(info, result)) return;
    info.GetReturnValue().Set(result);
    if (!result->IsObject() ||
        !result.As<v8::Object>()->Get(context, bind::name(isolate, "value")).ToLocal(&value))
        return;
    result.As<v8::Object>()
        ->Set(context, bind::name(isolate, "value"), keepAliveUntilSettled(context, value))
        .IsJust();
}

void wrap(v8::Local<v8::Context> context, v8::Local<v8::Object> webAssembly, const char* name,
          v8::FunctionCallback callback = callKeepingAlive)
{
    v8::Isolate* isolate = context->GetIsolate();
    v8::Local<v8::String> key = bind::name(isolate, name);
    v8::Local<v8::Value> original;
    if (!webAssembly->Get(context, key).ToLocal(&original) || !original->IsFunction()) return;
    v8::Local<v8::Function> fn = original.As<v8::Function>();
    v8::Local<v8::Value> length;
    int argc = 1;
    if (fn->Get(context, bind::name(isolate, "length")).ToLocal(&length) && length->IsInt32())
        argc = length.As<v8::Int32>()->Value();
    v8::Local<v8::Function> wrapper;
    if (!v8::Function::New(context, callback, fn, argc, v8::ConstructorBehavior::kThrow)
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
    // compileStreaming/instantiateStreaming exist when the isolate was set up for them
    // (webassembly_streaming.h); wrap() skips what is missing.
    for (const char* name : {"compile", "instantiate", "compileStreaming", "instantiateStreaming"})
        wrap(context, webAssembly.As<v8::Object>(), name);
    v8::Local<v8::Value> atomics;
    if (global->Get(context, bind::name(context->GetIsolate(), "Atomics")).ToLocal(&atomics) &&
        atomics->IsObject())
        wrap(context, atomics.As<v8::Object>(), "waitAsync", waitAsyncKeepingAlive);
}

} // namespace nano::api
