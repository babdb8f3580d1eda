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

v8::Local<v8::Object> iterResult(v8::Isolate* isolate, v8::Local<v8::Value> value, bool done)
{
    v8::Local<v8::Name> names[] = {name(isolate, "value"), name(isolate, "done")};
    v8::Local<v8::Value> values[] = {value, v8::Boolean::New(isolate, done)};
    return v8::Object::New(isolate, v8::Object::New(isolate)->GetPrototype(), names, values, 2);
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
