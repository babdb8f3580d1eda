#include "bind/convert.h"

namespace nano::bind {

namespace detail {

bool toNumber(CallContext& cx, v8::Local<v8::Value> value, double& out)
{
    if (value->IsNumber()) {
        out = value.As<v8::Number>()->Value();
        return true;
    }
    v8::Local<v8::Number> number;
    if (!value->ToNumber(cx.context()).ToLocal(&number)) {
        cx.setFailed();
        return false;
    }
    out = number->Value();
    return true;
}

// https://webidl.spec.whatwg.org/#abstract-opdef-converttoint
bool convertToInt(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> value, int bits,
                  bool isSigned, IntMode mode, double& out)
{
    double lower, upper;
    if (bits == 64) {
        // Step 1-2: 64-bit types are limited to the safe integers.
        upper = 9007199254740991.0;
        lower = isSigned ? -9007199254740991.0 : 0;
    } else if (isSigned) {
        lower = -std::ldexp(1.0, bits - 1);
        upper = std::ldexp(1.0, bits - 1) - 1;
    } else {
        lower = 0;
        upper = std::ldexp(1.0, bits) - 1;
    }
    double x;
    if (!toNumber(cx, value, x)) return false;
    if (x == 0) x = 0; // step 4: -0 becomes +0
    if (mode == IntMode::EnforceRange) {
        if (!std::isfinite(x)) {
            cx.throwTypeError(src.describe() + " is not a finite number.");
            return false;
        }
        x = std::trunc(x);
        if (x < lower || x > upper) {
            cx.throwTypeError(src.describe() + " is outside the accepted range of " +
                              std::to_string(static_cast<long long>(lower)) + " to " +
                              std::to_string(static_cast<unsigned long long>(upper)) + ".");
            return false;
        }
        out = x;
        return true;
    }
    if (mode == IntMode::Clamp && !std::isnan(x)) {
        x = std::min(std::max(x, lower), upper);
        out = std::nearbyint(x); // round half to even under the default rounding mode
        if (out == 0) out = 0;
        return true;
    }
    if (!std::isfinite(x) || x == 0) {
        out = 0;
        return true;
    }
    x = std::trunc(x);
    if (bits == 64) {
        // Steps 10-11 for 64-bit: modulo 2^64, done in integers (x + 2^64 in doubles rounds).
        const double two64 = std::ldexp(1.0, 64);
        const double magnitude = std::fmod(std::fabs(x), two64); // exact, < 2^64
        uint64_t bitsValue = static_cast<uint64_t>(magnitude);
        if (x < 0) bitsValue = ~bitsValue + 1; // two's complement: -m modulo 2^64
        out = isSigned ? static_cast<double>(static_cast<int64_t>(bitsValue))
                       : static_cast<double>(bitsValue);
        // The nearest double may be 2^64 (or 2^63), which does not fit the C++ type.
        out = std::min(out, isSigned ? 9223372036854774784.0 : 18446744073709549568.0);
        return true;
    }
    const double modulus = std::ldexp(1.0, bits);
    x = std::fmod(x, modulus);
    if (x < 0) x += modulus;
    if (isSigned && x >= modulus / 2) x -= modulus;
    out = x;
    return true;
}

bool toStringValue(CallContext& cx, v8::Local<v8::Value> value, v8::Local<v8::String>& out)
{
    if (value->IsString()) {
        out = value.As<v8::String>();
        return true;
    }
    if (value->IsSymbol()) {
        cx.throwTypeError("Cannot convert a Symbol value to a string.");
        return false;
    }
    if (!value->ToString(cx.context()).ToLocal(&out)) {
        cx.setFailed();
        return false;
    }
    return true;
}

void throwNotOfType(CallContext& cx, const ValueSource& src, const char* typeName)
{
    cx.throwTypeError(src.describe() + " is not of type '" + typeName + "'.");
}

bool isIterable(CallContext& cx, v8::Local<v8::Value> value, bool& iterable)
{
    iterable = false;
    if (!value->IsObject()) return true;
    v8::Local<v8::Value> method;
    if (!value.As<v8::Object>()
             ->Get(cx.context(), v8::Symbol::GetIterator(cx.isolate()))
             .ToLocal(&method)) {
        cx.setFailed();
        return false;
    }
    iterable = method->IsFunction();
    return true;
}

bool forEachInIterable(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> value,
                       const std::function<bool(v8::Local<v8::Value>)>& fn)
{
    v8::Isolate* isolate = cx.isolate();
    v8::Local<v8::Context> context = cx.context();
    if (!value->IsObject()) {
        cx.throwTypeError(src.describe() +
                          " cannot be converted to a sequence: it is not an object.");
        return false;
    }
    v8::Local<v8::Object> object = value.As<v8::Object>();
    v8::Local<v8::Value> method;
    if (!object->Get(context, v8::Symbol::GetIterator(isolate)).ToLocal(&method)) {
        cx.setFailed();
        return false;
    }
    if (!method->IsFunction()) {
        cx.throwTypeError(src.describe() +
                          " cannot be converted to a sequence: it is not iterable.");
        return false;
    }
    if (value->IsArray()) {
        // Plain arrays: walk by index instead of allocating an iterator result per element.
        v8::Local<v8::Array> array = value.As<v8::Array>();
        for (uint32_t i = 0; i < array->Length(); ++i) {
            v8::Local<v8::Value> item;
            if (!array->Get(context, i).ToLocal(&item)) {
                cx.setFailed();
                return false;
            }
            if (!fn(item)) return false;
        }
        return true;
    }
    v8::Local<v8::Value> iterator;
    if (!method.As<v8::Function>()->Call(context, object, 0, nullptr).ToLocal(&iterator)) {
        cx.setFailed();
        return false;
    }
    if (!iterator->IsObject()) {
        cx.throwTypeError("Result of the Symbol.iterator method is not an object.");
        return false;
    }
    v8::Local<v8::Value> next;
    if (!iterator.As<v8::Object>()->Get(context, name(isolate, "next")).ToLocal(&next)) {
        cx.setFailed();
        return false;
    }
    if (!next->IsFunction()) {
        cx.throwTypeError("The iterator's next method is not a function.");
        return false;
    }
    for (;;) {
        v8::Local<v8::Value> result;
        if (!next.As<v8::Function>()->Call(context, iterator, 0, nullptr).ToLocal(&result)) {
            cx.setFailed();
            return false;
        }
        if (!result->IsObject()) {
            cx.throwTypeError("Iterator result is not an object.");
            return false;
        }
        v8::Local<v8::Value> done, item;
        if (!result.As<v8::Object>()->Get(context, name(isolate, "done")).ToLocal(&done)) {
            cx.setFailed();
            return false;
        }
        if (done->BooleanValue(isolate)) return true;
        if (!result.As<v8::Object>()->Get(context, name(isolate, "value")).ToLocal(&item)) {
            cx.setFailed();
            return false;
        }
        if (!fn(item)) return false;
    }
}

// https://webidl.spec.whatwg.org/#es-record
bool forEachRecordEntry(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> value,
                        const std::function<bool(v8::Local<v8::String>, v8::Local<v8::Value>)>& fn)
{
    if (!value->IsObject()) {
        detail::throwNotOfType(cx, src, "record");
        return false;
    }
    v8::Local<v8::Context> context = cx.context();
    v8::Local<v8::Object> object = value.As<v8::Object>();
    v8::Local<v8::Array> keys;
    if (!object
             ->GetOwnPropertyNames(
                 context, static_cast<v8::PropertyFilter>(v8::ONLY_ENUMERABLE | v8::SKIP_SYMBOLS),
                 v8::KeyConversionMode::kConvertToString)
             .ToLocal(&keys)) {
        cx.setFailed();
        return false;
    }
    for (uint32_t i = 0; i < keys->Length(); ++i) {
        v8::Local<v8::Value> key, item;
        if (!keys->Get(context, i).ToLocal(&key) || !object->Get(context, key).ToLocal(&item)) {
            cx.setFailed();
            return false;
        }
        if (!fn(key.As<v8::String>(), item)) return false;
    }
    return true;
}

v8::MaybeLocal<v8::Value> stringToJs(v8::Isolate* isolate, v8::MaybeLocal<v8::String> s)
{
    v8::Local<v8::String> out;
    if (!s.ToLocal(&out)) {
        throwRangeError(isolate, "Invalid string length");
        return {};
    }
    return out;
}

} // namespace detail

bool Convert<StringView>::fromJs(CallContext& cx, const ValueSource&, v8::Local<v8::Value> v,
                                 StringView& out)
{
    v8::Local<v8::String> s;
    if (!detail::toStringValue(cx, v, s)) return false;
    writeUtf8(cx.isolate(), s, [&out](size_t n) { return out.prepare(n); });
    return true;
}

bool Convert<ByteString>::fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                                 ByteString& out)
{
    v8::Local<v8::String> s;
    if (!detail::toStringValue(cx, v, s)) return false;
    if (!s->ContainsOnlyOneByte()) {
        cx.throwTypeError(src.describe() + " contains a code point above U+00FF.");
        return false;
    }
    out.value.resize(static_cast<size_t>(s->Length()));
    s->WriteOneByte(cx.isolate(), reinterpret_cast<uint8_t*>(out.value.data()), 0, s->Length(),
                    v8::String::NO_NULL_TERMINATION);
    return true;
}

v8::MaybeLocal<v8::Value> Convert<ByteString>::toJs(v8::Isolate* isolate, const ByteString& v)
{
    if (v.value.size() > static_cast<size_t>(v8::String::kMaxLength)) {
        throwRangeError(isolate, "Invalid string length");
        return {};
    }
    return v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(v.value.data()),
                                      v8::NewStringType::kNormal, static_cast<int>(v.value.size()))
        .FromMaybe(v8::Local<v8::String>());
}

bool BufferSource::read(v8::Local<v8::Value> value, bool allowShared, bool viewsOnly,
                        BufferSource& out)
{
    if (value->IsArrayBufferView()) {
        auto view = value.As<v8::ArrayBufferView>();
        out.m_store = view->Buffer()->GetBackingStore();
        out.m_offset = view->ByteOffset();
        out.m_length = view->ByteLength();
    } else if (viewsOnly) {
        return false;
    } else if (value->IsArrayBuffer()) {
        auto buffer = value.As<v8::ArrayBuffer>();
        out.m_store = buffer->GetBackingStore();
        out.m_length = buffer->ByteLength();
    } else if (value->IsSharedArrayBuffer()) {
        auto buffer = value.As<v8::SharedArrayBuffer>();
        out.m_store = buffer->GetBackingStore();
        out.m_length = buffer->ByteLength();
    } else {
        return false;
    }
    if (!allowShared && out.m_store->IsShared()) {
        out.m_store.reset();
        return false;
    }
    out.m_object.Reset(v8::Isolate::GetCurrent(), value.As<v8::Object>());
    return true;
}

std::optional<BufferSource> BufferSource::from(v8::Local<v8::Value> value)
{
    BufferSource out;
    return read(value, false, false, out) ? std::optional(std::move(out)) : std::nullopt;
}

std::optional<AllowSharedBufferSource> AllowSharedBufferSource::from(v8::Local<v8::Value> value)
{
    AllowSharedBufferSource out;
    return read(value, true, false, out) ? std::optional(std::move(out)) : std::nullopt;
}

std::optional<ArrayBufferView> ArrayBufferView::from(v8::Local<v8::Value> value)
{
    ArrayBufferView out;
    return read(value, false, true, out) ? std::optional(std::move(out)) : std::nullopt;
}

std::optional<AllowSharedArrayBufferView> AllowSharedArrayBufferView::from(
    v8::Local<v8::Value> value)
{
    AllowSharedArrayBufferView out;
    return read(value, true, true, out) ? std::optional(std::move(out)) : std::nullopt;
}

bool isSharedBuffer(v8::Local<v8::Value> value)
{
    if (value->IsSharedArrayBuffer()) return true;
    return value->IsArrayBufferView() &&
           value.As<v8::ArrayBufferView>()->Buffer()->GetBackingStore()->IsShared();
}

namespace {
// https://webidl.spec.whatwg.org/#js-buffer-source-types: without [AllowShared], a
// SharedArrayBuffer (or a view on one) is a TypeError of its own.
template <class T>
bool convertBuffer(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v, T& out,
                   const char* typeName)
{
    std::optional<T> buffer = T::from(v);
    if (buffer) {
        out = std::move(*buffer);
        return true;
    }
    if (isSharedBuffer(v))
        cx.throwTypeError(src.describe() + " is backed by a SharedArrayBuffer, which is not "
                                           "allowed.");
    else
        detail::throwNotOfType(cx, src, typeName);
    return false;
}
} // namespace

bool Convert<BufferSource>::fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                                   BufferSource& out)
{
    return convertBuffer(cx, src, v, out, "(ArrayBuffer or ArrayBufferView)");
}

bool Convert<AllowSharedBufferSource>::fromJs(CallContext& cx, const ValueSource& src,
                                              v8::Local<v8::Value> v, AllowSharedBufferSource& out)
{
    return convertBuffer(cx, src, v, out, "(ArrayBuffer or ArrayBufferView)");
}

bool Convert<ArrayBufferView>::fromJs(CallContext& cx, const ValueSource& src,
                                      v8::Local<v8::Value> v, ArrayBufferView& out)
{
    return convertBuffer(cx, src, v, out, "ArrayBufferView");
}

bool Convert<AllowSharedArrayBufferView>::fromJs(CallContext& cx, const ValueSource& src,
                                                 v8::Local<v8::Value> v,
                                                 AllowSharedArrayBufferView& out)
{
    return convertBuffer(cx, src, v, out, "ArrayBufferView");
}

v8::Local<v8::ArrayBuffer> toArrayBuffer(v8::Isolate* isolate, std::vector<uint8_t>&& bytes)
{
    if (bytes.empty()) return v8::ArrayBuffer::New(isolate, 0);
    auto* owned = new std::vector<uint8_t>(std::move(bytes));
    std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(
        owned->data(), owned->size(),
        [](void*, size_t, void* deleterData) {
            delete static_cast<std::vector<uint8_t>*>(deleterData);
        },
        owned);
    return v8::ArrayBuffer::New(isolate, std::move(store));
}

v8::MaybeLocal<v8::Value> Convert<NewArrayBuffer>::toJs(v8::Isolate* isolate, NewArrayBuffer& v)
{
    return toArrayBuffer(isolate, std::move(v.bytes));
}

v8::MaybeLocal<v8::Value> Convert<NewUint8Array>::toJs(v8::Isolate* isolate, NewUint8Array& v)
{
    const size_t length = v.bytes.size();
    v8::Local<v8::ArrayBuffer> buffer = toArrayBuffer(isolate, std::move(v.bytes));
    return v8::Uint8Array::New(buffer, 0, length);
}

DictionaryReader::DictionaryReader(CallContext& cx, const ValueSource& src,
                                   v8::Local<v8::Value> value, const char* dictionaryName)
    : m_cx(cx)
    , m_name(dictionaryName)
{
    if (value->IsNullOrUndefined()) return;
    if (!value->IsObject()) {
        cx.throwTypeError(src.describe() + " is not of type '" + dictionaryName + "'.");
        m_ok = false;
        return;
    }
    m_object = value.As<v8::Object>();
}

bool DictionaryReader::read(const char* key, v8::Local<v8::Value>& out)
{
    if (m_object.IsEmpty()) {
        out = v8::Undefined(m_cx.isolate());
        return true;
    }
    if (!m_object->Get(m_cx.context(), name(m_cx.isolate(), key)).ToLocal(&out)) {
        m_cx.setFailed();
        return false;
    }
    return true;
}

void DictionaryReader::missing(const char* key)
{
    m_cx.throwTypeError(std::string("Failed to read the '") + key + "' property from '" + m_name +
                        "': Required member is undefined.");
}

namespace detail {
void throwNotAnEnumValue(CallContext& cx, const ValueSource& src, const std::string& value,
                         const char* enumName)
{
    // Chrome's words; a dictionary member names itself first.
    const std::string what = src.member ? src.describe() : std::string("The provided value");
    cx.throwTypeError(what + " '" + value + "' is not a valid enum value of type " + enumName +
                      ".");
}
} // namespace detail

v8::MaybeLocal<v8::ArrayBuffer> transferArrayBuffer(v8::Isolate* isolate,
                                                    v8::Local<v8::ArrayBuffer> buffer)
{
    // Steps 1-3: a buffer that cannot be detached, or is detached, cannot be transferred.
    if (!buffer->IsDetachable() || isDetached(buffer)) {
        throwTypeError(isolate, "An ArrayBuffer is detached or cannot be detached.");
        return {};
    }
    // Steps 4-7: the new buffer takes over the same backing store.
    std::shared_ptr<v8::BackingStore> store = buffer->GetBackingStore();
    buffer->Detach();
    return v8::ArrayBuffer::New(isolate, std::move(store));
}

bool isDetached(v8::Local<v8::ArrayBuffer> buffer)
{
    return buffer->WasDetached();
}

v8::MaybeLocal<v8::Value> CallbackFunction::invoke(
    v8::Isolate* isolate, v8::Local<v8::Value> thisArg,
    std::initializer_list<v8::Local<v8::Value>> args) const
{
    std::vector<v8::Local<v8::Value>> argv(args);
    return function->Call(isolate->GetCurrentContext(), thisArg, static_cast<int>(argv.size()),
                          argv.data());
}

v8::MaybeLocal<v8::Promise> CallbackFunction::invokeForPromise(
    v8::Isolate* isolate, v8::Local<v8::Value> thisArg,
    std::initializer_list<v8::Local<v8::Value>> args) const
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(context).ToLocal(&resolver)) return {};
    v8::TryCatch tryCatch(isolate);
    v8::Local<v8::Value> result;
    if (invoke(isolate, thisArg, args).ToLocal(&result)) {
        // "A promise resolved with" the value: always a new promise, which follows a promise
        // or thenable it is resolved with (two microtasks later, as in a browser).
        resolver->Resolve(context, result).IsJust();
    } else if (tryCatch.HasCaught() && tryCatch.CanContinue()) {
        v8::Local<v8::Value> exception = tryCatch.Exception();
        tryCatch.Reset();
        resolver->Reject(context, exception).IsJust();
    } else {
        tryCatch.ReThrow();
        return {};
    }
    return resolver->GetPromise();
}

} // namespace nano::bind
