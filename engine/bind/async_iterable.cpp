#include "bind/async_iterable.h"

namespace nano::bind {

namespace {
alignas(8) const char kEndOfIteration = 0;
alignas(8) const char kAsyncIteratorPrototype = 0;
} // namespace

v8::Local<v8::Value> endOfIteration(v8::Isolate* isolate)
{
    // A private object of ours: no script can produce it.
    IsolateData* data = IsolateData::get(isolate);
    v8::Local<v8::Object> end = data->findObject(&kEndOfIteration);
    if (end.IsEmpty()) {
        end = v8::Object::New(isolate);
        data->storeObject(&kEndOfIteration, end);
    }
    return end;
}

namespace {
alignas(8) const char kIterResultFactory = 0;

// `(value, done) => ({ value, done })`, compiled once per context: an object literal made by
// JIT-compiled code is far cheaper than properties added through the API (each a map
// transition lookup), and script reads it as fast as any literal.
v8::Local<v8::Function> iterResultFactory(v8::Isolate* isolate)
{
    IsolateData* data = IsolateData::get(isolate);
    v8::Local<v8::Object> cached = data->findObject(&kIterResultFactory);
    if (!cached.IsEmpty()) return cached.As<v8::Function>();
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::String> source = name(isolate, "(function (value, done) { return { value, done }; })");
    v8::Local<v8::Script> script;
    v8::Local<v8::Value> fn;
    if (!v8::Script::Compile(context, source).ToLocal(&script) || !script->Run(context).ToLocal(&fn))
        return {};
    data->storeObject(&kIterResultFactory, fn.As<v8::Object>());
    return fn.As<v8::Function>();
}
} // namespace

v8::Local<v8::Object> iterResult(v8::Isolate* isolate, v8::Local<v8::Value> value, bool done)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::TryCatch tryCatch(isolate);
    v8::Local<v8::Function> factory = iterResultFactory(isolate);
    v8::Local<v8::Value> argv[] = {value, v8::Boolean::New(isolate, done)};
    v8::Local<v8::Value> result;
    if (!factory.IsEmpty() &&
        factory->Call(context, v8::Undefined(isolate), 2, argv).ToLocal(&result))
        return result.As<v8::Object>();
    if (!tryCatch.CanContinue()) {
        tryCatch.ReThrow();
        return v8::Object::New(isolate); // terminating: nobody reads it
    }
    // The factory could not run (a stack overflow in deep recursion): the same object made
    // through the API, and no exception left pending for a caller that expects none.
    tryCatch.Reset();
    v8::Local<v8::Object> object = v8::Object::New(isolate);
    object->CreateDataProperty(context, name(isolate, "value"), value).IsJust();
    object->CreateDataProperty(context, name(isolate, "done"), v8::Boolean::New(isolate, done))
        .IsJust();
    tryCatch.Reset();
    return object;
}

namespace detail {
v8::Local<v8::Object> asyncIteratorPrototype(v8::Local<v8::Context> context)
{
    v8::Isolate* isolate = context->GetIsolate();
    IsolateData* data = IsolateData::get(isolate);
    v8::Local<v8::Object> cached = data->findObject(&kAsyncIteratorPrototype);
    if (!cached.IsEmpty()) return cached;
    // V8 has no API for it: %AsyncIteratorPrototype% is the prototype of
    // %AsyncGeneratorPrototype%, the prototype of an async generator function's prototype.
    v8::Local<v8::Script> script;
    v8::Local<v8::Value> generator, prototype;
    if (!v8::Script::Compile(context, name(isolate, "(async function* () {})")).ToLocal(&script) ||
        !script->Run(context).ToLocal(&generator) || !generator->IsObject() ||
        !generator.As<v8::Object>()->Get(context, name(isolate, "prototype")).ToLocal(&prototype) ||
        !prototype->IsObject())
        return {};
    v8::Local<v8::Value> asyncGeneratorPrototype = prototype.As<v8::Object>()->GetPrototype();
    if (!asyncGeneratorPrototype->IsObject()) return {};
    v8::Local<v8::Value> result = asyncGeneratorPrototype.As<v8::Object>()->GetPrototype();
    if (!result->IsObject()) return {};
    data->storeObject(&kAsyncIteratorPrototype, result.As<v8::Object>());
    return result.As<v8::Object>();
}
} // namespace detail

} // namespace nano::bind
