#include "api/webassembly.h"

#include "bind/strings.h"
#include "core/runtime.h"

namespace nano::api {

namespace {

void releaseKeepAlive(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    // Data holds a flag so that the fulfilled and rejected paths release only once.
    v8::Local<v8::Object> flag = info.Data().As<v8::Object>();
    v8::Isolate* isolate = info.GetIsolate();
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::String> key = bind::name(isolate, "released");
    v8::Local<v8::Value> released;
    if (!flag->Get(context, key).ToLocal(&released) || released->BooleanValue(isolate))
        return;
    flag->Set(context, key, v8::True(isolate)).Check();
    if (core::Runtime* runtime = core::Runtime::from(isolate))
        runtime->loop().unref();
}

// Calls the original function (the data) and keeps the loop alive until its promise settles.
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
    info.GetReturnValue().Set(result);
    if (!result->IsPromise() || result.As<v8::Promise>()->State() != v8::Promise::kPending)
        return;
    core::Runtime* runtime = core::Runtime::from(isolate);
    if (!runtime)
        return;
    v8::Local<v8::Object> flag = v8::Object::New(isolate);
    v8::Local<v8::Function> release;
    if (!v8::Function::New(context, releaseKeepAlive, flag).ToLocal(&release))
        return;
    runtime->loop().ref();
    // A derived promise: its rejection is handled here, the caller's promise is untouched.
    if (result.As<v8::Promise>()->Then(context, release, release).IsEmpty())
        runtime->loop().unref();
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
