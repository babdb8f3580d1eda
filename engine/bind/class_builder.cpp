#include "bind/class_builder.h"

#include "bind/isolate_data.h"

namespace nano::bind::detail {

void throwArgumentCount(CallContext& cx, int required)
{
    const int present = cx.length();
    cx.throwTypeError(
        std::to_string(required) +
        (required == 1 ? " argument required, but only " : " arguments required, but only ") +
        std::to_string(present) + " present.");
}

void throwIllegalConstructor(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    throwTypeError(info.GetIsolate(), "Illegal constructor");
}

bool refuseWithoutStack(v8::Isolate* isolate)
{
    const IsolateData* data = IsolateData::get(isolate);
    if (!data || !data->stackNearlyExhausted(kStackReserveBytes)) return false;
    throwRangeError(isolate, "Maximum call stack size exceeded");
    return true;
}

void rejectInsteadOfThrow(v8::Isolate* isolate, v8::TryCatch& tryCatch,
                          const v8::FunctionCallbackInfo<v8::Value>& info)
{
    if (!tryCatch.CanContinue()) return; // termination: let it propagate
    v8::Local<v8::Value> exception = tryCatch.Exception();
    tryCatch.Reset();
    v8::Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(isolate->GetCurrentContext()).ToLocal(&resolver)) return;
    resolver->Reject(isolate->GetCurrentContext(), exception).Check();
    info.GetReturnValue().Set(resolver->GetPromise());
}

const char* memberName(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    v8::Local<v8::Value> data = info.Data();
    if (data.IsEmpty() || !data->IsExternal()) return nullptr;
    return static_cast<const char*>(data.As<v8::External>()->Value());
}

v8::Local<v8::Object> iteratorPrototype(v8::Local<v8::Context> context)
{
    // %IteratorPrototype% = Object.getPrototypeOf(%ArrayIteratorPrototype%)
    v8::Isolate* isolate = context->GetIsolate();
    v8::Local<v8::Array> array = v8::Array::New(isolate, 0);
    v8::Local<v8::Value> method, iterator;
    if (!array->Get(context, v8::Symbol::GetIterator(isolate)).ToLocal(&method) ||
        !method->IsFunction() ||
        !method.As<v8::Function>()->Call(context, array, 0, nullptr).ToLocal(&iterator) ||
        !iterator->IsObject())
        return {};
    v8::Local<v8::Value> arrayIteratorPrototype = iterator.As<v8::Object>()->GetPrototype();
    if (!arrayIteratorPrototype->IsObject()) return {};
    v8::Local<v8::Value> prototype = arrayIteratorPrototype.As<v8::Object>()->GetPrototype();
    return prototype->IsObject() ? prototype.As<v8::Object>() : v8::Local<v8::Object>();
}

} // namespace nano::bind::detail
