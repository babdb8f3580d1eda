#include "api/streams/queuing_strategy.h"

#include "bind/isolate_data.h"
#include "bind/strings.h"

#include <cmath>

namespace nano::api::streams {

// https://streams.spec.whatwg.org/#validate-and-normalize-high-water-mark
std::optional<double> extractHighWaterMark(bind::CallContext& cx, const QueuingStrategy& strategy,
                                           double defaultHWM)
{
    // Step 1.
    if (!strategy.highWaterMark) return defaultHWM;
    // Steps 2-3.
    double highWaterMark = strategy.highWaterMark->value;
    if (std::isnan(highWaterMark) || highWaterMark < 0) {
        cx.throwRangeError("The highWaterMark must be a non-negative number.");
        return std::nullopt;
    }
    return highWaterMark;
}

// https://streams.spec.whatwg.org/#make-size-algorithm-from-size-function, step 3.1
bool SizeAlgorithm::run(v8::Isolate* isolate, v8::Local<v8::Value> chunk, double& size) const
{
    v8::Local<v8::Function> fn = m_size.get(isolate);
    if (fn.IsEmpty()) {
        size = 1;
        return true;
    }
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Value> argv[] = {chunk};
    v8::Local<v8::Value> result;
    if (!fn->Call(context, v8::Undefined(isolate), 1, argv).ToLocal(&result)) return false;
    // The callback's return type, unrestricted double.
    return result->NumberValue(context).To(&size);
}

namespace {

// https://streams.spec.whatwg.org/#blqs-internal-slots: the size function, once per realm.
void byteLengthSize(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    v8::Isolate* isolate = info.GetIsolate();
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    // Step 1: return ? GetV(chunk, "byteLength").
    v8::Local<v8::Value> chunk = info[0];
    v8::Local<v8::Object> object;
    if (!chunk->ToObject(context).ToLocal(&object)) return;
    v8::Local<v8::Value> length;
    if (object->Get(context, bind::name(isolate, "byteLength")).ToLocal(&length))
        info.GetReturnValue().Set(length);
}

// https://streams.spec.whatwg.org/#cqs-internal-slots
void countSize(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    info.GetReturnValue().Set(1);
}

v8::Local<v8::Function> sizeFunction(bind::CallContext& cx, const void* key,
                                     v8::FunctionCallback callback, int length)
{
    bind::IsolateData* data = bind::IsolateData::get(cx.isolate());
    v8::Local<v8::Object> cached = data->findObject(key);
    if (!cached.IsEmpty()) return cached.As<v8::Function>();
    v8::Local<v8::Function> fn;
    if (!v8::Function::New(cx.context(), callback, {}, length, v8::ConstructorBehavior::kThrow)
             .ToLocal(&fn)) {
        cx.setFailed();
        return {};
    }
    fn->SetName(bind::name(cx.isolate(), "size"));
    data->storeObject(key, fn);
    return fn;
}

const char byteLengthSizeKey = 0;
const char countSizeKey = 0;

} // namespace

// https://streams.spec.whatwg.org/#blqs-constructor
std::unique_ptr<ByteLengthQueuingStrategy> ByteLengthQueuingStrategy::construct(
    QueuingStrategyInit init)
{
    return std::make_unique<ByteLengthQueuingStrategy>(init.highWaterMark.value);
}

v8::Local<v8::Function> ByteLengthQueuingStrategy::size(bind::CallContext& cx) const
{
    return sizeFunction(cx, &byteLengthSizeKey, &byteLengthSize, 1);
}

void ByteLengthQueuingStrategy::define(bind::ClassBuilder<ByteLengthQueuingStrategy>& c)
{
    c.constructor<&ByteLengthQueuingStrategy::construct>()
        .readonlyAttribute<&ByteLengthQueuingStrategy::highWaterMark>("highWaterMark")
        .readonlyAttribute<&ByteLengthQueuingStrategy::size>("size");
}

// https://streams.spec.whatwg.org/#cqs-constructor
std::unique_ptr<CountQueuingStrategy> CountQueuingStrategy::construct(QueuingStrategyInit init)
{
    return std::make_unique<CountQueuingStrategy>(init.highWaterMark.value);
}

v8::Local<v8::Function> CountQueuingStrategy::size(bind::CallContext& cx) const
{
    return sizeFunction(cx, &countSizeKey, &countSize, 0);
}

void CountQueuingStrategy::define(bind::ClassBuilder<CountQueuingStrategy>& c)
{
    c.constructor<&CountQueuingStrategy::construct>()
        .readonlyAttribute<&CountQueuingStrategy::highWaterMark>("highWaterMark")
        .readonlyAttribute<&CountQueuingStrategy::size>("size");
}

} // namespace nano::api::streams
