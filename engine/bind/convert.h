#pragma once
// WebIDL conversions, type-driven: Convert<T>::fromJs (JS value -> C++ per the WebIDL rules,
// throwing the spec's TypeError/RangeError) and Convert<T>::toJs (C++ -> JS value). The C++ type
// of a bound function's parameter decides the IDL type:
//
//   bool                          boolean
//   double / float                double (TypeError for NaN and infinities)
//   UnrestrictedDouble            unrestricted double
//   int8_t ... uint64_t           byte ... unsigned long long (wrapping modulo)
//   EnforceRange<T>, Clamp<T>     [EnforceRange] / [Clamp] integers
//   std::string                   USVString as UTF-8 (lone surrogates -> U+FFFD)
//   QString, std::u16string       DOMString (exact UTF-16)
//   ByteString                    ByteString (TypeError above U+00FF)
//   v8::Local<v8::Value>          any;  v8::Local<v8::Object> object;  v8::Local<v8::Function>
//                                 a callback function (CallbackFunction: with invoke())
//   T* (T derived from Wrappable) an interface type
//   std::optional<T>              an optional argument or dictionary member (undefined -> empty)
//   Nullable<T>                   T? (null or undefined -> empty)
//   std::vector<T>                sequence<T> (any iterable)
//   Record<T>                     record<USVString, T> (keys as UTF-8)
//   BufferSource, ArrayBufferView non-owning views that keep the backing store alive; they
//                                 reject shared memory (TypeError), as WebIDL does without
//                                 [AllowShared]
//   AllowSharedBufferSource,      [AllowShared] BufferSource / ArrayBufferView: a
//   AllowSharedArrayBufferView    SharedArrayBuffer or a view on one is accepted too
//   std::variant<...>             a union, resolved by WebIDL's distinguishing rules
//   Rest<T>                       a variadic T... parameter (last)
//   a struct with DictionaryTraits  a dictionary (members with defaults, required members)
//   an enum with EnumTraits       an enumeration (its IDL strings; TypeError for others)

#include "bind/errors.h"
#include "bind/strings.h"
#include "bind/wrappable.h"

#include <QString>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <v8.h>
#include <variant>
#include <vector>

namespace nano::bind {

// --- IDL type wrappers ------------------------------------------------------------------------

template <class T> struct EnforceRange {
    T value{};
};
template <class T> struct Clamp {
    T value{};
};
struct UnrestrictedDouble {
    double value = 0;
};
struct ByteString {
    std::string value;
};
template <class T> struct Nullable : std::optional<T> {
    using std::optional<T>::optional;
    using std::optional<T>::operator=;
};
template <class T> struct Rest {
    std::vector<T> values;
};
template <class T> struct Record {
    std::vector<std::pair<std::string, T>> entries;
};

// A USVString argument as a UTF-8 view, kept inline when short: hot paths (URL parsing) avoid a
// heap allocation per call. Take it as `const bind::StringView&`; the view dies with the call.
class StringView {
public:
    StringView() = default;
    StringView(const StringView& other) { assign(other.view()); }
    StringView& operator=(const StringView& other)
    {
        if (this != &other) assign(other.view());
        return *this;
    }
    std::string_view view() const { return m_view; }
    operator std::string_view() const { return m_view; }
    std::string str() const { return std::string(m_view); }
    // Storage for `length` bytes, written by the conversion.
    char* prepare(size_t length)
    {
        if (length <= sizeof m_inline) {
            m_view = std::string_view(m_inline, length);
            return m_inline;
        }
        m_heap.resize(length);
        m_view = m_heap;
        return m_heap.data();
    }
    void assign(std::string_view text)
    {
        char* out = prepare(text.size());
        if (!text.empty()) std::memcpy(out, text.data(), text.size());
    }

private:
    char m_inline[192];
    std::string m_heap;
    std::string_view m_view;
};

// A view of the bytes of an ArrayBuffer or ArrayBufferView. It holds the backing store, so the
// bytes stay valid even if JS detaches the buffer; copy() where the spec says to copy (e.g.
// WebCrypto copies every input at call time). As a parameter type it is WebIDL's BufferSource,
// which is not [AllowShared]: a SharedArrayBuffer or a view on one is a TypeError
// (https://webidl.spec.whatwg.org/#BufferSource). AllowSharedBufferSource accepts them.
class BufferSource {
public:
    BufferSource() = default;
    // Empty for a value that is not a BufferSource, including shared memory.
    static std::optional<BufferSource> from(v8::Local<v8::Value> value);

    const uint8_t* data() const
    {
        return m_store ? static_cast<const uint8_t*>(m_store->Data()) + m_offset : nullptr;
    }
    uint8_t* mutableData() const
    {
        return m_store ? static_cast<uint8_t*>(m_store->Data()) + m_offset : nullptr;
    }
    size_t size() const { return m_length; }
    bool empty() const { return m_length == 0; }
    std::vector<uint8_t> copy() const { return std::vector<uint8_t>(data(), data() + m_length); }
    std::string_view view() const
    {
        return std::string_view(reinterpret_cast<const char*>(data()), m_length);
    }
    // The JS object it came from (an ArrayBuffer or a view).
    v8::Local<v8::Object> object(v8::Isolate* isolate) const { return m_object.Get(isolate); }

protected:
    // Any ArrayBuffer, SharedArrayBuffer or view (views only if viewsOnly); shared memory only
    // if allowShared.
    static bool read(v8::Local<v8::Value> value, bool allowShared, bool viewsOnly,
                     BufferSource& out);

private:
    std::shared_ptr<v8::BackingStore> m_store;
    size_t m_offset = 0;
    size_t m_length = 0;
    v8::Global<v8::Object> m_object;

public:
    BufferSource(const BufferSource& other) { *this = other; }
    BufferSource(BufferSource&&) = default;
    BufferSource& operator=(BufferSource&&) = default;
    BufferSource& operator=(const BufferSource& other)
    {
        m_store = other.m_store;
        m_offset = other.m_offset;
        m_length = other.m_length;
        if (!other.m_object.IsEmpty()) {
            v8::Isolate* isolate = v8::Isolate::GetCurrent();
            m_object.Reset(isolate, other.m_object.Get(isolate));
        } else {
            m_object.Reset();
        }
        return *this;
    }
};

// [AllowShared] BufferSource (the Encoding spec's AllowSharedBufferSource).
class AllowSharedBufferSource : public BufferSource {
public:
    static std::optional<AllowSharedBufferSource> from(v8::Local<v8::Value> value);
};

// An ArrayBufferView only (TypedArray or DataView), not on shared memory.
class ArrayBufferView : public BufferSource {
public:
    static std::optional<ArrayBufferView> from(v8::Local<v8::Value> value);
    v8::Local<v8::ArrayBufferView> viewObject(v8::Isolate* isolate) const
    {
        return object(isolate).As<v8::ArrayBufferView>();
    }
};

// [AllowShared] ArrayBufferView.
class AllowSharedArrayBufferView : public ArrayBufferView {
public:
    static std::optional<AllowSharedArrayBufferView> from(v8::Local<v8::Value> value);
};

// A SharedArrayBuffer or a view on one: what a BufferSource without [AllowShared] rejects.
bool isSharedBuffer(v8::Local<v8::Value> value);

// https://webidl.spec.whatwg.org/#sec-transfer-arraybuffer: a new ArrayBuffer with the bytes of
// `buffer`, which is detached. TypeError (pending, empty result) when `buffer` cannot be
// detached (a WebAssembly.Memory's buffer) or is detached already. No bytes are copied.
v8::MaybeLocal<v8::ArrayBuffer> transferArrayBuffer(v8::Isolate* isolate,
                                                    v8::Local<v8::ArrayBuffer> buffer);
// https://webidl.spec.whatwg.org/#arraybuffer-detached
bool isDetached(v8::Local<v8::ArrayBuffer> buffer);

// A callback function value (https://webidl.spec.whatwg.org/#idl-callback-functions): an
// underlying source's pull(), a queuing strategy's size(). The conversion rejects what is not
// callable; invoke() calls it with a `this` value, as "invoke a callback function" does.
struct CallbackFunction {
    v8::Local<v8::Function> function;

    // https://webidl.spec.whatwg.org/#invoke-a-callback-function: empty with an exception
    // pending if it threw.
    v8::MaybeLocal<v8::Value> invoke(v8::Isolate* isolate, v8::Local<v8::Value> thisArg,
                                     std::initializer_list<v8::Local<v8::Value>> args = {}) const;
    // For a callback whose return type is a Promise: a thrown exception becomes a rejected
    // promise and any other value a promise resolved with it (steps 14-15 of invoke). Empty
    // only on termination.
    v8::MaybeLocal<v8::Promise> invokeForPromise(
        v8::Isolate* isolate, v8::Local<v8::Value> thisArg,
        std::initializer_list<v8::Local<v8::Value>> args = {}) const;
};

// Return types that move C++ bytes into a new ArrayBuffer / Uint8Array without copying.
struct NewArrayBuffer {
    std::vector<uint8_t> bytes;
};
struct NewUint8Array {
    std::vector<uint8_t> bytes;
};
v8::Local<v8::ArrayBuffer> toArrayBuffer(v8::Isolate* isolate, std::vector<uint8_t>&& bytes);

// A string known to be ASCII (URL serializations, header names): becomes a JS string without
// UTF-8 decoding.
struct AsciiView {
    std::string_view text;
};

// Return type for "undefined" from a function whose C++ type must be a value.
struct Undefined {};

// --- dictionaries -------------------------------------------------------------------------------

// Specialise for a dictionary struct:
//   template <> struct DictionaryTraits<EventInit> {
//       static constexpr const char* name = "EventInit";
//       static bool read(DictionaryReader& d, EventInit& out) {
//           return d.get("bubbles", out.bubbles) && d.get("cancelable", out.cancelable);
//       }
//   };
// Members are read in the order given: list them in lexicographic order, as WebIDL requires.
template <class T> struct DictionaryTraits;

template <class T, class = void> struct IsDictionary : std::false_type {};
template <class T>
struct IsDictionary<T, std::void_t<decltype(DictionaryTraits<T>::name)>> : std::true_type {};

class DictionaryReader;

// --- the Convert trait ------------------------------------------------------------------------

template <class T, class Enable = void> struct Convert;

// Declared here, defined in class_builder.h: the template and wrapper of a bound class.
template <class T> v8::Local<v8::FunctionTemplate> classTemplate(v8::Isolate* isolate);
template <class T> v8::Local<v8::Object> wrapperOf(v8::Isolate* isolate, T* object);
template <class T> T* unwrap(v8::Isolate* isolate, v8::Local<v8::Value> value);

namespace detail {
bool toNumber(CallContext& cx, v8::Local<v8::Value> value, double& out);
// WebIDL ConvertToInt (https://webidl.spec.whatwg.org/#abstract-opdef-converttoint).
enum class IntMode { Wrap, EnforceRange, Clamp };
bool convertToInt(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> value, int bits,
                  bool isSigned, IntMode mode, double& out);
bool toStringValue(CallContext& cx, v8::Local<v8::Value> value, v8::Local<v8::String>& out);
void throwNotOfType(CallContext& cx, const ValueSource& src, const char* typeName);
// Iterates any iterable (arrays by index), calling fn for each value; false on exception.
bool forEachInIterable(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> value,
                       const std::function<bool(v8::Local<v8::Value>)>& fn);
// Whether `value` has a callable @@iterator; false with cx failed if reading it threw.
bool isIterable(CallContext& cx, v8::Local<v8::Value> value, bool& iterable);
// Own enumerable string-keyed properties, for record<K, V>.
bool forEachRecordEntry(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> value,
                        const std::function<bool(v8::Local<v8::String>, v8::Local<v8::Value>)>& fn);
v8::MaybeLocal<v8::Value> stringToJs(v8::Isolate* isolate, v8::MaybeLocal<v8::String> s);
} // namespace detail

template <> struct Convert<bool> {
    static constexpr const char* idlName = "boolean";
    static bool fromJs(CallContext& cx, const ValueSource&, v8::Local<v8::Value> v, bool& out)
    {
        out = v->BooleanValue(cx.isolate());
        return true;
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, bool v)
    {
        return v8::Boolean::New(isolate, v);
    }
};

template <class F> struct Convert<F, std::enable_if_t<std::is_floating_point_v<F>>> {
    static constexpr const char* idlName = "double";
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v, F& out)
    {
        double d;
        if (!detail::toNumber(cx, v, d)) return false;
        if (!std::isfinite(d)) {
            cx.throwTypeError(src.describe() + " is non-finite.");
            return false;
        }
        out = static_cast<F>(d);
        return true;
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, F v)
    {
        return v8::Number::New(isolate, static_cast<double>(v));
    }
};

template <> struct Convert<UnrestrictedDouble> {
    static constexpr const char* idlName = "unrestricted double";
    static bool fromJs(CallContext& cx, const ValueSource&, v8::Local<v8::Value> v,
                       UnrestrictedDouble& out)
    {
        return detail::toNumber(cx, v, out.value);
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, UnrestrictedDouble v)
    {
        return v8::Number::New(isolate, v.value);
    }
};

template <class I> struct IntTraits {
    static constexpr int bits = sizeof(I) * 8;
    static constexpr bool isSigned = std::is_signed_v<I>;
};

template <class I>
struct Convert<I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>>> {
    static constexpr const char* idlName = "integer";
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v, I& out)
    {
        if (v->IsInt32()) { // fast path, exact for every type that can hold it
            const int32_t i = v.As<v8::Int32>()->Value();
            if constexpr (sizeof(I) >= 4 && std::is_signed_v<I>) {
                out = static_cast<I>(i);
                return true;
            } else if (i >= 0 && static_cast<int64_t>(i) <=
                                     static_cast<int64_t>(std::numeric_limits<I>::max())) {
                out = static_cast<I>(i);
                return true;
            }
        }
        double d;
        if (!detail::convertToInt(cx, src, v, IntTraits<I>::bits, IntTraits<I>::isSigned,
                                  detail::IntMode::Wrap, d))
            return false;
        out = static_cast<I>(d);
        return true;
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, I v)
    {
        if constexpr (sizeof(I) <= 4 && std::is_signed_v<I>)
            return v8::Integer::New(isolate, static_cast<int32_t>(v));
        else if constexpr (sizeof(I) <= 4)
            return v8::Integer::NewFromUnsigned(isolate, static_cast<uint32_t>(v));
        else
            return v8::Number::New(isolate, static_cast<double>(v));
    }
};

template <class I> struct Convert<EnforceRange<I>> {
    static constexpr const char* idlName = "integer";
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       EnforceRange<I>& out)
    {
        double d;
        if (!detail::convertToInt(cx, src, v, IntTraits<I>::bits, IntTraits<I>::isSigned,
                                  detail::IntMode::EnforceRange, d))
            return false;
        out.value = static_cast<I>(d);
        return true;
    }
};

template <class I> struct Convert<Clamp<I>> {
    static constexpr const char* idlName = "integer";
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       Clamp<I>& out)
    {
        double d;
        if (!detail::convertToInt(cx, src, v, IntTraits<I>::bits, IntTraits<I>::isSigned,
                                  detail::IntMode::Clamp, d))
            return false;
        out.value = static_cast<I>(d);
        return true;
    }
};

template <> struct Convert<std::string> {
    static constexpr const char* idlName = "USVString";
    static bool fromJs(CallContext& cx, const ValueSource&, v8::Local<v8::Value> v,
                       std::string& out)
    {
        v8::Local<v8::String> s;
        if (!detail::toStringValue(cx, v, s)) return false;
        out = toUtf8(cx.isolate(), s);
        return true;
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, const std::string& v)
    {
        return detail::stringToJs(isolate, newString(isolate, v));
    }
};

template <> struct Convert<StringView> {
    static constexpr const char* idlName = "USVString";
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       StringView& out);
};

template <> struct Convert<std::string_view> {
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, std::string_view v)
    {
        return detail::stringToJs(isolate, newString(isolate, v));
    }
};

template <> struct Convert<AsciiView> {
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, AsciiView v)
    {
        if (v.text.size() > static_cast<size_t>(v8::String::kMaxLength))
            return detail::stringToJs(isolate, {});
        return v8::String::NewFromOneByte(isolate, reinterpret_cast<const uint8_t*>(v.text.data()),
                                          v8::NewStringType::kNormal,
                                          static_cast<int>(v.text.size()))
            .FromMaybe(v8::Local<v8::String>());
    }
};

template <> struct Convert<const char*> {
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, const char* v)
    {
        return detail::stringToJs(isolate, newString(isolate, std::string_view(v)));
    }
};

template <> struct Convert<std::u16string> {
    static constexpr const char* idlName = "DOMString";
    static bool fromJs(CallContext& cx, const ValueSource&, v8::Local<v8::Value> v,
                       std::u16string& out)
    {
        v8::Local<v8::String> s;
        if (!detail::toStringValue(cx, v, s)) return false;
        out = toUtf16(cx.isolate(), s);
        return true;
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, const std::u16string& v)
    {
        return detail::stringToJs(isolate, newString(isolate, std::u16string_view(v)));
    }
};

template <> struct Convert<QString> {
    static constexpr const char* idlName = "DOMString";
    static bool fromJs(CallContext& cx, const ValueSource&, v8::Local<v8::Value> v, QString& out)
    {
        v8::Local<v8::String> s;
        if (!detail::toStringValue(cx, v, s)) return false;
        out = toQString(cx.isolate(), s);
        return true;
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, const QString& v)
    {
        return detail::stringToJs(isolate, newString(isolate, v));
    }
};

template <> struct Convert<ByteString> {
    static constexpr const char* idlName = "ByteString";
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       ByteString& out);
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, const ByteString& v);
};

template <class T> struct Convert<v8::Local<T>> {
    static constexpr const char* idlName = std::is_same_v<T, v8::Object>     ? "object"
                                           : std::is_same_v<T, v8::Function> ? "Function"
                                                                             : "any";
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       v8::Local<T>& out)
    {
        if constexpr (std::is_same_v<T, v8::Value>) {
            out = v;
            return true;
        } else if constexpr (std::is_same_v<T, v8::Object>) {
            if (!v->IsObject()) {
                detail::throwNotOfType(cx, src, "object");
                return false;
            }
            out = v.As<v8::Object>();
            return true;
        } else if constexpr (std::is_same_v<T, v8::Function>) {
            if (!v->IsFunction()) {
                cx.throwTypeError(src.describe() + " is not a function.");
                return false;
            }
            out = v.As<v8::Function>();
            return true;
        } else {
            static_assert(std::is_same_v<T, v8::Value>, "unsupported handle parameter type");
            return false;
        }
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate*, v8::Local<T> v)
    {
        if (v.IsEmpty()) return {};
        return v.template As<v8::Value>();
    }
};

template <> struct Convert<CallbackFunction> {
    static constexpr const char* idlName = "Function";
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       CallbackFunction& out)
    {
        return Convert<v8::Local<v8::Function>>::fromJs(cx, src, v, out.function);
    }
};

// Interface types: a pointer to a bound class.
template <class T> struct Convert<T*, std::enable_if_t<std::is_base_of_v<Wrappable, T>>> {
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v, T*& out)
    {
        out = unwrap<T>(cx.isolate(), v);
        if (out) return true;
        detail::throwNotOfType(cx, src, T::className());
        return false;
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, T* v)
    {
        if (!v) return v8::Null(isolate);
        return wrapperOf<T>(isolate, v);
    }
};

template <class T> struct Convert<std::optional<T>> {
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       std::optional<T>& out)
    {
        if (v->IsUndefined()) {
            out.reset();
            return true;
        }
        T value{};
        if (!Convert<T>::fromJs(cx, src, v, value)) return false;
        out.emplace(std::move(value)); // not operator=: ambiguous for arithmetic T in Nullable
        return true;
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, const std::optional<T>& v)
    {
        if (!v) return v8::Undefined(isolate);
        return Convert<T>::toJs(isolate, *v);
    }
};

template <class T> struct Convert<Nullable<T>> {
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       Nullable<T>& out)
    {
        if (v->IsNullOrUndefined()) {
            out.reset();
            return true;
        }
        T value{};
        if (!Convert<T>::fromJs(cx, src, v, value)) return false;
        out.emplace(std::move(value)); // not operator=: ambiguous for arithmetic T in Nullable
        return true;
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, const Nullable<T>& v)
    {
        if (!v) return v8::Null(isolate);
        return Convert<T>::toJs(isolate, *v);
    }
};

template <class T> struct Convert<std::vector<T>> {
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       std::vector<T>& out)
    {
        out.clear();
        return detail::forEachInIterable(cx, src, v, [&](v8::Local<v8::Value> item) {
            T value{};
            if (!Convert<T>::fromJs(cx, src, item, value)) return false;
            out.push_back(std::move(value));
            return true;
        });
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, const std::vector<T>& v)
    {
        v8::EscapableHandleScope scope(isolate);
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        v8::Local<v8::Array> array = v8::Array::New(isolate, static_cast<int>(v.size()));
        for (size_t i = 0; i < v.size(); ++i) {
            v8::Local<v8::Value> item;
            if (!Convert<T>::toJs(isolate, v[i]).ToLocal(&item) ||
                // WebIDL's CreateDataPropertyOrThrow: no Array.prototype setter runs.
                !array->CreateDataProperty(context, static_cast<uint32_t>(i), item)
                     .FromMaybe(false))
                return {};
        }
        return scope.Escape(array);
    }
};

template <class T> struct Convert<Record<T>> {
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       Record<T>& out)
    {
        out.entries.clear();
        // Where each converted key sits: distinct JS keys can convert to the same USVString
        // (lone surrogates become U+FFFD), and "set result[typedKey]" then replaces the value
        // in the first one's place (https://webidl.spec.whatwg.org/#es-record step 4.2.4).
        std::unordered_map<std::string, size_t> positions;
        return detail::forEachRecordEntry(
            cx, src, v, [&](v8::Local<v8::String> key, v8::Local<v8::Value> item) {
                T value{};
                if (!Convert<T>::fromJs(cx, src, item, value)) return false;
                std::string typedKey = toUtf8(cx.isolate(), key);
                const auto [at, added] = positions.try_emplace(typedKey, out.entries.size());
                if (added)
                    out.entries.emplace_back(std::move(typedKey), std::move(value));
                else
                    out.entries[at->second].second = std::move(value);
                return true;
            });
    }
};

template <> struct Convert<BufferSource> {
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       BufferSource& out);
};
template <> struct Convert<ArrayBufferView> {
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       ArrayBufferView& out);
};
template <> struct Convert<AllowSharedBufferSource> {
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       AllowSharedBufferSource& out);
};
template <> struct Convert<AllowSharedArrayBufferView> {
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v,
                       AllowSharedArrayBufferView& out);
};
// These take the bytes (lvalue or rvalue) without copying them.
template <> struct Convert<NewArrayBuffer> {
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, NewArrayBuffer& v);
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, NewArrayBuffer&& v)
    {
        return toJs(isolate, v);
    }
};
template <> struct Convert<NewUint8Array> {
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, NewUint8Array& v);
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, NewUint8Array&& v)
    {
        return toJs(isolate, v);
    }
};
template <> struct Convert<Undefined> {
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, Undefined)
    {
        return v8::Undefined(isolate);
    }
};

// --- dictionaries -----------------------------------------------------------------------------

class DictionaryReader {
public:
    // undefined and null read as an empty dictionary; other non-objects throw TypeError.
    DictionaryReader(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> value,
                     const char* dictionaryName);
    bool ok() const { return m_ok; }
    CallContext& call() { return m_cx; }

    // Reads an optional member: undefined leaves `out` at its default.
    template <class M> bool get(const char* key, M& out)
    {
        v8::Local<v8::Value> v;
        if (!read(key, v)) return false;
        if (v->IsUndefined()) return true;
        return Convert<M>::fromJs(m_cx, memberSource(key), v, out);
    }
    template <class M> bool get(const char* key, std::optional<M>& out)
    {
        v8::Local<v8::Value> v;
        if (!read(key, v)) return false;
        return Convert<std::optional<M>>::fromJs(m_cx, memberSource(key), v, out);
    }
    // Reads a required member: undefined throws TypeError.
    template <class M> bool required(const char* key, M& out)
    {
        v8::Local<v8::Value> v;
        if (!read(key, v)) return false;
        if (v->IsUndefined()) {
            missing(key);
            return false;
        }
        return Convert<M>::fromJs(m_cx, memberSource(key), v, out);
    }
    // The raw value of a member (undefined if absent).
    bool raw(const char* key, v8::Local<v8::Value>& out) { return read(key, out); }

private:
    bool read(const char* key, v8::Local<v8::Value>& out);
    void missing(const char* key);
    ValueSource memberSource(const char* key) const
    {
        ValueSource s;
        s.member = key;
        s.dictionary = m_name;
        return s;
    }

    CallContext& m_cx;
    v8::Local<v8::Object> m_object; // empty for undefined/null
    const char* m_name;
    bool m_ok = true;
};

template <class T> struct Convert<T, std::enable_if_t<IsDictionary<T>::value>> {
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v, T& out)
    {
        DictionaryReader reader(cx, src, v, DictionaryTraits<T>::name);
        return reader.ok() && DictionaryTraits<T>::read(reader, out);
    }
};

// --- enumerations -------------------------------------------------------------------------------
// https://webidl.spec.whatwg.org/#es-enumeration: a C++ enum with EnumTraits converts from and to
// its IDL strings; any other string is the spec's TypeError.
//   template <> struct EnumTraits<EndingType> {
//       static constexpr const char* name = "EndingType";
//       static constexpr std::pair<const char*, EndingType> values[] = {
//           {"transparent", EndingType::Transparent}, {"native", EndingType::Native}};
//   };
template <class E> struct EnumTraits;

template <class T, class = void> struct IsEnumeration : std::false_type {};
template <class T>
struct IsEnumeration<T, std::void_t<decltype(EnumTraits<T>::values)>> : std::true_type {};

// The IDL string of an enumeration value ("" if it has none).
template <class E> const char* enumName(E value)
{
    for (const auto& [name, candidate] : EnumTraits<E>::values)
        if (candidate == value) return name;
    return "";
}

namespace detail {
void throwNotAnEnumValue(CallContext& cx, const ValueSource& src, const std::string& value,
                         const char* enumName);
}

template <class E> struct Convert<E, std::enable_if_t<IsEnumeration<E>::value>> {
    static constexpr const char* idlName = EnumTraits<E>::name;
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v, E& out)
    {
        // Step 1: ToString (DOMString; enum values are ASCII, so UTF-8 compares the same).
        std::string text;
        if (!Convert<std::string>::fromJs(cx, src, v, text)) return false;
        for (const auto& [name, value] : EnumTraits<E>::values) {
            if (text == name) {
                out = value;
                return true;
            }
        }
        // Step 2.
        detail::throwNotAnEnumValue(cx, src, text, EnumTraits<E>::name);
        return false;
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, E value)
    {
        return v8::MaybeLocal<v8::Value>(bind::name(isolate, enumName(value)));
    }
};

// --- unions -------------------------------------------------------------------------------------
// https://webidl.spec.whatwg.org/#es-union, simplified to the categories our APIs use: interface
// types, buffer sources, callbacks, sequences, dictionaries/records, then boolean, numeric and
// string types.

namespace detail {
template <class T> struct IsInterfacePtr : std::false_type {};
template <class T> struct IsInterfacePtr<T*> : std::is_base_of<Wrappable, T> {};
template <class T> struct IsSequence : std::false_type {};
template <class T> struct IsSequence<std::vector<T>> : std::true_type {};
template <class T> struct IsRecord : std::false_type {};
template <class T> struct IsRecord<Record<T>> : std::true_type {};
template <class T> constexpr bool isBuffer = std::is_base_of_v<BufferSource, T>;
template <class T>
constexpr bool isString =
    std::is_same_v<T, std::string> || std::is_same_v<T, QString> ||
    std::is_same_v<T, std::u16string> || std::is_same_v<T, ByteString> || IsEnumeration<T>::value;
template <class T> constexpr bool isNumber = std::is_arithmetic_v<T> && !std::is_same_v<T, bool>;

enum class Category { Interface, Buffer, Callback, Sequence, Dictionary, Boolean, Number, String };

template <class T> constexpr bool inCategory(Category c)
{
    switch (c) {
    case Category::Interface: return IsInterfacePtr<T>::value;
    case Category::Buffer: return isBuffer<T>;
    case Category::Callback: return std::is_same_v<T, v8::Local<v8::Function>>;
    case Category::Sequence: return IsSequence<T>::value;
    case Category::Dictionary:
        return IsDictionary<T>::value || IsRecord<T>::value ||
               std::is_same_v<T, v8::Local<v8::Object>>;
    case Category::Boolean: return std::is_same_v<T, bool>;
    case Category::Number: return isNumber<T>;
    case Category::String: return isString<T>;
    }
    return false;
}

template <class T> bool matchesInterface(v8::Isolate* isolate, v8::Local<v8::Value> v)
{
    if constexpr (IsInterfacePtr<T>::value) {
        using U = std::remove_pointer_t<T>;
        return unwrap<U>(isolate, v) != nullptr;
    } else {
        return false;
    }
}

template <class V, size_t I = 0>
bool tryCategory(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v, Category c,
                 V& out, bool& matched)
{
    if constexpr (I < std::variant_size_v<V>) {
        using Alt = std::variant_alternative_t<I, V>;
        if (inCategory<Alt>(c) &&
            (c != Category::Interface || matchesInterface<Alt>(cx.isolate(), v))) {
            Alt value{};
            matched = true;
            if (!Convert<Alt>::fromJs(cx, src, v, value)) return false;
            out = std::move(value);
            return true;
        }
        return tryCategory<V, I + 1>(cx, src, v, c, out, matched);
    } else {
        return false;
    }
}

template <class V, size_t I = 0> constexpr bool hasCategory(Category c)
{
    if constexpr (I < std::variant_size_v<V>)
        return inCategory<std::variant_alternative_t<I, V>>(c) || hasCategory<V, I + 1>(c);
    else
        return false;
}
} // namespace detail

template <class... Ts> struct Convert<std::variant<Ts...>> {
    using V = std::variant<Ts...>;
    static bool fromJs(CallContext& cx, const ValueSource& src, v8::Local<v8::Value> v, V& out)
    {
        using detail::Category;
        bool matched = false;
        auto attempt = [&](Category c) {
            return detail::tryCategory<V>(cx, src, v, c, out, matched);
        };
        // https://webidl.spec.whatwg.org/#es-union step 4: null and undefined go to a dictionary.
        if (v->IsNullOrUndefined() && detail::hasCategory<V>(Category::Dictionary))
            return attempt(Category::Dictionary);
        if (v->IsObject()) {
            if (attempt(Category::Interface)) return true;
            if (matched) // an interface matched but its conversion threw
                return false;
            if ((v->IsArrayBuffer() || v->IsArrayBufferView() || v->IsSharedArrayBuffer()) &&
                detail::hasCategory<V>(Category::Buffer))
                return attempt(Category::Buffer);
            if (v->IsFunction() && detail::hasCategory<V>(Category::Callback))
                return attempt(Category::Callback);
            if (detail::hasCategory<V>(Category::Sequence)) {
                bool iterable = false;
                if (!detail::isIterable(cx, v, iterable)) return false;
                if (iterable) return attempt(Category::Sequence);
            }
            if (detail::hasCategory<V>(Category::Dictionary)) return attempt(Category::Dictionary);
        }
        if (v->IsBoolean() && detail::hasCategory<V>(Category::Boolean))
            return attempt(Category::Boolean);
        if (v->IsNumber() && detail::hasCategory<V>(Category::Number))
            return attempt(Category::Number);
        if (detail::hasCategory<V>(Category::String)) return attempt(Category::String);
        if (detail::hasCategory<V>(Category::Number)) return attempt(Category::Number);
        if (detail::hasCategory<V>(Category::Boolean)) return attempt(Category::Boolean);
        detail::throwNotOfType(cx, src, "the expected union type");
        return false;
    }
    static v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, const V& v)
    {
        return std::visit(
            [isolate](const auto& alt) -> v8::MaybeLocal<v8::Value> {
                return Convert<std::decay_t<decltype(alt)>>::toJs(isolate, alt);
            },
            v);
    }
};

// Converts a C++ value to JS; empty (with an exception pending) on failure.
template <class T> v8::MaybeLocal<v8::Value> toJs(v8::Isolate* isolate, T&& value)
{
    return Convert<std::decay_t<T>>::toJs(isolate, std::forward<T>(value));
}

} // namespace nano::bind
