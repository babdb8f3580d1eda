#include "engine/api/console/formatter.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>
#include <utility>

#include "engine/api/console/formatter_layout.h"
#include "engine/api/console/formatter_text.h"

// This file follows lib/internal/util/inspect.js of Node 20; function names match Node's so the
// two can be read side by side. Differences that are deliberate are noted where they occur.

namespace nano::api {

namespace {

using namespace formatter_detail;
using v8::Array;
using v8::Context;
using v8::Function;
using v8::HandleScope;
using v8::Isolate;
using v8::Local;
using v8::Name;
using v8::Object;
using v8::String;
using v8::TryCatch;
using v8::Value;

constexpr int kMaxPrototypeChain = 10000; // guards walks over pathological prototype chains
constexpr int kMaxNesting = 1000;         // C++ stack guard for `depth: Infinity`

// The options of one inspect() call, in Node's terms.
struct InspectOptions {
    double depth = 2; // may be negative or infinite
    bool colors = false;
    bool showHidden = false;
    bool showProxy = false;
    long long maxArrayLength = 100;
    long long maxStringLength = 10000;
    long long breakLength = 80;
    bool sorted = false;
};

InspectOptions toInspectOptions(const FormatOptions& options)
{
    InspectOptions o;
    o.depth = options.depth == INT_MAX ? std::numeric_limits<double>::infinity() : options.depth;
    o.colors = options.colors;
    o.showHidden = options.showHidden;
    o.maxArrayLength = options.maxArrayLength;
    o.maxStringLength = std::max(0, options.maxStringLength);
    o.breakLength = options.breakLength;
    o.sorted = options.sorted;
    return o;
}

// The globals of Node whose name looks like a constructor (Node's `builtInObjects`), used to
// tell built-in prototypes from user classes.
bool isBuiltInObjectName(const std::string& name)
{
    static const char* const names[] = {
        "Object", "Function", "Array", "Number", "Infinity", "NaN", "Boolean", "String",
        "Symbol", "Date", "Promise", "RegExp", "Error", "AggregateError", "EvalError",
        "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "JSON", "Math",
        "Intl", "ArrayBuffer", "Uint8Array", "Int8Array", "Uint16Array", "Int16Array",
        "Uint32Array", "Int32Array", "Float32Array", "Float64Array", "Uint8ClampedArray",
        "BigUint64Array", "BigInt64Array", "DataView", "Map", "BigInt", "Set", "WeakMap",
        "WeakSet", "Proxy", "Reflect", "FinalizationRegistry", "WeakRef", "Buffer", "URL",
        "URLSearchParams", "DOMException", "AbortController", "AbortSignal", "Event",
        "EventTarget", "TextEncoder", "TextDecoder", "TransformStream",
        "TransformStreamDefaultController", "WritableStream", "WritableStreamDefaultController",
        "WritableStreamDefaultWriter", "ReadableStream", "ReadableStreamDefaultReader",
        "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest", "ReadableByteStreamController",
        "ReadableStreamDefaultController", "ByteLengthQueuingStrategy", "CountQueuingStrategy",
        "TextEncoderStream", "TextDecoderStream", "CompressionStream", "DecompressionStream",
        "BroadcastChannel", "MessageChannel", "MessagePort", "MessageEvent", "Blob", "File",
        "Performance", "PerformanceEntry", "PerformanceMark", "PerformanceMeasure",
        "PerformanceObserver", "PerformanceObserverEntryList", "PerformanceResourceTiming",
        "FormData", "Headers", "Request", "Response", "SharedArrayBuffer", "Atomics",
        "WebAssembly", "Crypto", "CryptoKey", "SubtleCrypto", "CustomEvent"};
    return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

bool startsWith(const std::string& s, const std::string& prefix)
{
    return s.compare(0, prefix.size(), prefix) == 0;
}

bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string replaceAll(std::string s, const std::string& from, const std::string& to)
{
    std::size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) {
        s.replace(pos, from.size(), to);
        pos += to.size();
    }
    return s;
}

std::vector<std::string> splitLines(const std::string& s)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t pos; (pos = s.find('\n', start)) != std::string::npos; start = pos + 1)
        lines.push_back(s.substr(start, pos - start));
    lines.push_back(s.substr(start));
    return lines;
}

std::string remainingText(long long remaining)
{
    return "... " + std::to_string(remaining) + " more item" + (remaining > 1 ? "s" : "");
}

// A descriptor read without running accessors.
struct PropertyDesc {
    bool exists = false;
    bool threw = false; // e.g. an uninitialized binding of a module namespace
    bool isAccessor = false;
    bool hasGetter = false;
    bool hasSetter = false;
    bool enumerable = true;
    Local<Value> value; // data properties only
};

// Read-only access to JS objects that never runs script: no getters, no Proxy traps. Every
// call that can fail runs under its own TryCatch.
class JsAccess final {
public:
    explicit JsAccess(Local<Context> context)
        : m_isolate(context->GetIsolate())
        , m_context(context)
    {
        m_constructor = str("constructor");
        m_name = str("name");
        m_message = str("message");
        m_stack = str("stack");
        m_cause = str("cause");
        m_errors = str("errors");
        m_prototype = str("prototype");
        m_toString = str("toString");
        m_value = str("value");
        m_get = str("get");
        m_set = str("set");
        m_enumerable = str("enumerable");
        TryCatch tc(m_isolate);
        m_objectPrototype = Object::New(m_isolate)->GetPrototype();
        Local<Function> fn;
        if (Function::New(context, [](const v8::FunctionCallbackInfo<Value>&) {}).ToLocal(&fn))
            m_functionPrototype = fn->GetPrototype();
        const Local<Value> error = v8::Exception::Error(str(""));
        if (error->IsObject())
            m_errorPrototype = error.As<Object>()->GetPrototype();
    }

    Isolate* isolate() const { return m_isolate; }
    Local<Context> context() const { return m_context; }

    Local<String> str(std::string_view utf8) const
    {
        Local<String> s;
        if (!String::NewFromUtf8(m_isolate, utf8.data(), v8::NewStringType::kNormal,
                                 int(utf8.size()))
                 .ToLocal(&s))
            return String::Empty(m_isolate);
        return s;
    }
    Local<String> indexKey(uint32_t index) const { return str(std::to_string(index)); }

    std::u16string utf16(Local<String> s) const
    {
        std::u16string out(std::size_t(s->Length()), u'\0');
        if (!out.empty())
            s->Write(m_isolate, reinterpret_cast<uint16_t*>(out.data()), 0, int(out.size()),
                     String::NO_NULL_TERMINATION);
        return out;
    }
    std::string utf8(Local<String> s) const { return utf16ToUtf8(utf16(s)); }

    // Symbol.prototype.toString(): "Symbol(description)".
    std::string symbolToString(Local<v8::Symbol> symbol) const
    {
        const Local<Value> description = symbol->Description(m_isolate);
        std::string out = "Symbol(";
        if (description->IsString())
            out += utf8(description.As<String>());
        return out + ")";
    }

    // String(value). Objects go through their toString(), as String() does; anything that
    // throws yields `fallback`.
    std::string toStringOr(Local<Value> value, const std::string& fallback) const
    {
        if (value->IsString())
            return utf8(value.As<String>());
        if (value->IsSymbol())
            return symbolToString(value.As<v8::Symbol>());
        TryCatch tc(m_isolate);
        Local<String> s;
        if (!value->ToString(m_context).ToLocal(&s))
            return fallback;
        return utf8(s);
    }

    // The target behind any number of Proxy layers; empty for a revoked Proxy.
    Local<Object> unwrapProxy(Local<Object> object) const
    {
        for (int i = 0; i < kMaxPrototypeChain && object->IsProxy(); ++i) {
            const Local<Value> target = object.As<v8::Proxy>()->GetTarget();
            if (!target->IsObject())
                return {};
            object = target.As<Object>();
        }
        return object;
    }

    // Object.getPrototypeOf() without the getPrototypeOf trap: null or an object.
    Local<Value> prototypeOf(Local<Object> object) const
    {
        object = unwrapProxy(object);
        if (object.IsEmpty())
            return v8::Null(m_isolate);
        return object->GetPrototype();
    }

    PropertyDesc ownProperty(Local<Object> object, Local<Value> key) const
    {
        PropertyDesc desc;
        object = unwrapProxy(object);
        if (object.IsEmpty() || !key->IsName())
            return desc;
        TryCatch tc(m_isolate);
        Local<Value> d;
        if (!object->GetOwnPropertyDescriptor(m_context, key.As<Name>()).ToLocal(&d)) {
            desc.threw = true;
            return desc;
        }
        if (!d->IsObject())
            return desc;
        const Local<Object> descriptor = d.As<Object>();
        desc.exists = true;
        desc.enumerable = field(descriptor, m_enumerable)->BooleanValue(m_isolate);
        if (descriptor->HasOwnProperty(m_context, m_get).FromMaybe(false)) {
            desc.isAccessor = true;
            desc.hasGetter = !field(descriptor, m_get)->IsUndefined();
            desc.hasSetter = !field(descriptor, m_set)->IsUndefined();
        } else {
            desc.value = field(descriptor, m_value);
        }
        return desc;
    }

    bool hasOwn(Local<Object> object, Local<Value> key) const
    {
        return ownProperty(object, key).exists;
    }

    // `key in object`, walking the prototype chain without traps.
    bool hasProperty(Local<Object> object, Local<Value> key) const
    {
        Local<Value> current = object;
        for (int i = 0; i < kMaxPrototypeChain && current->IsObject(); ++i) {
            if (hasOwn(current.As<Object>(), key))
                return true;
            current = prototypeOf(current.As<Object>());
        }
        return false;
    }

    // object[key] for data properties along the prototype chain; accessors read as undefined.
    Local<Value> dataProperty(Local<Object> object, Local<Value> key,
                              bool* isAccessor = nullptr) const
    {
        if (isAccessor)
            *isAccessor = false;
        Local<Value> current = object;
        for (int i = 0; i < kMaxPrototypeChain && current->IsObject(); ++i) {
            const PropertyDesc desc = ownProperty(current.As<Object>(), key);
            if (desc.exists) {
                if (desc.isAccessor) {
                    if (isAccessor)
                        *isAccessor = true;
                    return v8::Undefined(m_isolate);
                }
                return desc.value;
            }
            current = prototypeOf(current.As<Object>());
        }
        return v8::Undefined(m_isolate);
    }

    // OrdinaryHasInstance: is `prototype` on the prototype chain of `object`?
    bool inPrototypeChain(Local<Object> object, Local<Value> prototype) const
    {
        if (prototype.IsEmpty() || !prototype->IsObject())
            return false;
        Local<Value> current = prototypeOf(object);
        for (int i = 0; i < kMaxPrototypeChain && current->IsObject(); ++i) {
            if (current == prototype)
                return true;
            current = prototypeOf(current.As<Object>());
        }
        return false;
    }

    // `object instanceof constructor` for ordinary constructors (Symbol.hasInstance is user
    // code and is not called).
    bool isInstanceOf(Local<Object> object, Local<Function> constructor) const
    {
        return inPrototypeChain(object, dataProperty(constructor, m_prototype));
    }

    // fn.name as a string ("" when missing, an accessor or not a string).
    std::string functionName(Local<Object> fn) const
    {
        const Local<Value> name = dataProperty(fn, m_name);
        if (name->IsString())
            return utf8(name.As<String>());
        if (name->IsUndefined() || name->IsNull())
            return {};
        return toStringOr(name, "");
    }

    // Node's isError(): a native error or an instance of this realm's Error.
    bool isError(Local<Object> value) const
    {
        return value->IsNativeError() || inPrototypeChain(value, m_errorPrototype);
    }

    Local<Value> objectPrototype() const { return m_objectPrototype; }
    Local<Value> functionPrototype() const { return m_functionPrototype; }

    Local<String> m_constructor, m_name, m_message, m_stack, m_cause, m_errors, m_prototype,
        m_toString;

private:
    Local<Value> field(Local<Object> descriptor, Local<String> key) const
    {
        Local<Value> v;
        if (!descriptor->Get(m_context, key).ToLocal(&v))
            return v8::Undefined(m_isolate);
        return v;
    }

    Isolate* m_isolate;
    Local<Context> m_context;
    Local<String> m_value, m_get, m_set, m_enumerable;
    Local<Value> m_objectPrototype, m_functionPrototype, m_errorPrototype;
};

// A property to print: a real key (string or symbol), or a value Node reads through a
// prototype getter (byteLength of ArrayBuffer, the DataView fields) that we read natively.
struct PropertyKey {
    Local<Value> key;
    Local<Value> virtualValue; // set for the virtual ones
};

// Which of Node's formatters fills the entries before the own properties.
enum class EntriesKind { None, Array, Set, Map, TypedArray, Iterator, ArrayBuffer, Promise,
                         WeakSet, WeakMap, WeakUnknown, Namespace };

// Everything formatRaw() decides before it formats entries.
struct RawParts {
    std::vector<PropertyKey> keys;
    std::string base;
    std::string open = "{";
    std::string close = "}";
    EntriesKind entries = EntriesKind::None;
    ExtrasType extrasType = ExtrasType::Object;
    std::optional<std::string> result; // set when the value is fully formatted already
};

using Constructor = std::optional<std::string>; // nullopt: null prototype (Node's `null`)

// One util.inspect() call: Node's `ctx`.
class Inspector final {
public:
    Inspector(const JsAccess& js, const InspectOptions& options)
        : m_js(js)
        , m_options(options)
    {
        m_layout.breakLength = options.breakLength;
        m_layout.maxArrayLength = options.maxArrayLength;
        m_layout.colors = options.colors;
    }

    std::string inspect(Local<Value> value) { return formatValue(value, 0); }

    std::string formatNumber(double number) const
    {
        if (number == 0 && std::signbit(number))
            return stylize("-0", Style::Number);
        return stylize(numberToString(number), Style::Number);
    }
    std::string formatBigInt(Local<Value> bigint) const
    {
        return stylize(m_js.toStringOr(bigint, "0") + "n", Style::BigInt);
    }

    // Node's hasBuiltInToString(): objects whose toString() comes from a built-in prototype
    // are inspected by %s; others are converted with String().
    bool hasBuiltInToString(Local<Object> value) const;

private:
    std::string stylize(std::string_view text, Style style) const
    {
        return formatter_detail::stylize(text, style, m_options.colors);
    }
    std::string numberToString(double number) const
    {
        Local<String> s;
        TryCatch tc(m_js.isolate());
        if (!v8::Number::New(m_js.isolate(), number)->ToString(m_js.context()).ToLocal(&s))
            return "NaN";
        return m_js.utf8(s);
    }
    Local<Value> undefined() const { return v8::Undefined(m_js.isolate()); }
    bool depthExceeded(int recurseTimes) const { return recurseTimes > m_options.depth; }

    std::string formatValue(Local<Value> value, int recurseTimes, bool typedArray = false);
    std::string formatPrimitive(Local<Value> value, bool colors);
    std::string formatString(Local<String> value, bool colors);
    std::string formatProxy(Local<v8::Proxy> proxy, int recurseTimes);
    std::string circularReference(Local<Object> value);
    std::string formatRaw(Local<Object> value, int recurseTimes, bool typedArray);
    bool classifyIterable(Local<Object> value, const Constructor& constructor,
                          const std::string& tag, bool hasProtoProps, RawParts& parts);
    void classifyObject(Local<Object> value, const Constructor& constructor,
                        const std::string& tag, int recurseTimes, bool typedArray,
                        bool hasProtoProps, RawParts& parts);
    std::vector<std::string> formatEntries(Local<Object> value, int recurseTimes,
                                           RawParts& parts);

    Constructor getConstructorName(Local<Object> obj, int recurseTimes,
                                   std::vector<std::string>* protoProps);
    void addPrototypeProperties(Local<Object> main, Local<Object> obj, int recurseTimes,
                                std::vector<std::string>& output);
    std::string getToStringTag(Local<Object> value);
    std::vector<PropertyKey> getKeys(Local<Object> value, bool nonIndexOnly);
    std::string getCtxStyle(Local<Object> value, const Constructor& constructor,
                            const std::string& tag) const;

    std::string formatProperty(Local<Object> value, int recurseTimes, const PropertyKey& key,
                               bool arrayElement, const PropertyDesc* knownDesc = nullptr);
    std::string propertyName(Local<Value> key, bool enumerable) const;

    std::vector<std::string> formatArray(Local<Array> value, int recurseTimes);
    std::vector<std::string> formatSpecialArray(Local<Array> value, int recurseTimes,
                                                long long maxLength,
                                                std::vector<std::string> output, uint32_t i);
    std::vector<std::string> formatTypedArray(Local<v8::TypedArray> value, int recurseTimes);
    std::vector<std::string> formatArrayBuffer(Local<Object> value);
    std::vector<std::string> formatSet(Local<v8::Set> value, int recurseTimes);
    std::vector<std::string> formatMap(Local<v8::Map> value, int recurseTimes);
    std::vector<std::string> formatSetIterInner(int recurseTimes, Local<Array> entries,
                                                bool weak);
    std::vector<std::string> formatMapIterInner(int recurseTimes, Local<Array> entries,
                                                bool weak);
    std::vector<std::string> formatIterator(Local<Object> value, int recurseTimes,
                                            std::string& open);
    std::vector<std::string> formatPromise(Local<v8::Promise> value, int recurseTimes);
    std::vector<std::string> formatNamespaceObject(Local<Object> value, int recurseTimes,
                                                   std::vector<PropertyKey>& keys);

    std::string getFunctionBase(Local<Function> value, const Constructor& constructor,
                                const std::string& tag);
    std::string getClassBase(Local<Function> value, const Constructor& constructor,
                             const std::string& tag);
    std::string getBoxedBase(Local<Object> value, std::vector<PropertyKey>& keys,
                             const Constructor& constructor, const std::string& tag);
    std::string formatError(Local<Object> err, const Constructor& constructor,
                            const std::string& tag, std::vector<PropertyKey>& keys);
    std::string getStackString(Local<Object> error) const;
    std::vector<std::string> getStackFrames(Local<Object> err, const std::string& stack);
    std::string improveStack(std::string stack, const Constructor& constructor,
                             const std::string& name, const std::string& tag) const;
    void removeDuplicateErrorKeys(std::vector<PropertyKey>& keys, Local<Object> err,
                                  const std::string& stack) const;

    // array[i] for arrays and typed arrays we created or checked (no accessors involved).
    Local<Value> elementOf(Local<Object> array, uint32_t i) const
    {
        Local<Value> v;
        TryCatch tc(m_js.isolate());
        if (!array->Get(m_js.context(), i).ToLocal(&v))
            return undefined();
        return v;
    }
    Local<Value> arrayElement(Local<Array> array, uint32_t i) const { return elementOf(array, i); }
    std::string keyString(const PropertyKey& key) const
    {
        return key.key->IsString() ? m_js.utf8(key.key.As<String>()) : std::string();
    }
    bool hasKey(const std::vector<PropertyKey>& keys, const std::string& name) const
    {
        return std::any_of(keys.begin(), keys.end(), [&](const PropertyKey& k) {
            return k.key->IsString() && keyString(k) == name;
        });
    }

    const JsAccess& m_js;
    InspectOptions m_options;
    LayoutState m_layout;
    std::vector<Local<Object>> m_seen;
    std::vector<std::pair<v8::Global<Object>, int>> m_circular;
    int m_nesting = 0;
};

// Node's getPrefix(): "Foo(3) [tag] " or "[Fallback(3): null prototype] [tag] ".
std::string getPrefix(const Constructor& constructor, const std::string& tag,
                      const std::string& fallback, const std::string& size = "")
{
    if (!constructor) {
        if (!tag.empty() && fallback != tag)
            return "[" + fallback + size + ": null prototype] [" + tag + "] ";
        return "[" + fallback + size + ": null prototype] ";
    }
    if (!tag.empty() && *constructor != tag)
        return *constructor + size + " [" + tag + "] ";
    return *constructor + size + " ";
}

const char* typedArrayName(Local<Value> v)
{
    if (v->IsUint8Array()) return "Uint8Array";
    if (v->IsUint8ClampedArray()) return "Uint8ClampedArray";
    if (v->IsInt8Array()) return "Int8Array";
    if (v->IsUint16Array()) return "Uint16Array";
    if (v->IsInt16Array()) return "Int16Array";
    if (v->IsUint32Array()) return "Uint32Array";
    if (v->IsInt32Array()) return "Int32Array";
    if (v->IsFloat32Array()) return "Float32Array";
    if (v->IsFloat64Array()) return "Float64Array";
    if (v->IsBigInt64Array()) return "BigInt64Array";
    if (v->IsBigUint64Array()) return "BigUint64Array";
    return "TypedArray";
}

int typedArrayElementSize(Local<Value> v)
{
    if (v->IsUint8Array() || v->IsUint8ClampedArray() || v->IsInt8Array()) return 1;
    if (v->IsUint16Array() || v->IsInt16Array()) return 2;
    if (v->IsUint32Array() || v->IsInt32Array() || v->IsFloat32Array()) return 4;
    return 8;
}

// --- values --------------------------------------------------------------------------------

std::string Inspector::formatValue(Local<Value> value, int recurseTimes, bool typedArray)
{
    if (!value->IsObject())
        return formatPrimitive(value, m_options.colors);
    Local<Object> object = value.As<Object>();
    if (object->IsProxy()) {
        // Proxies are shown through their target so that no trap runs. Unlike Node we unwrap
        // nested Proxies too, for the same reason.
        if (m_js.unwrapProxy(object).IsEmpty())
            return stylize("<Revoked Proxy>", Style::Special);
        if (m_options.showProxy)
            return formatProxy(object.As<v8::Proxy>(), recurseTimes);
        object = m_js.unwrapProxy(object);
    }
    for (const Local<Object>& seen : m_seen) {
        if (seen == object)
            return circularReference(object);
    }
    return formatRaw(object, recurseTimes, typedArray);
}

std::string Inspector::circularReference(Local<Object> value)
{
    int index = 0;
    for (const auto& [object, i] : m_circular) {
        if (object == value)
            index = i;
    }
    if (index == 0) {
        index = int(m_circular.size()) + 1;
        m_circular.emplace_back(v8::Global<Object>(m_js.isolate(), value), index);
    }
    return stylize("[Circular *" + std::to_string(index) + "]", Style::Special);
}

std::string Inspector::formatPrimitive(Local<Value> value, bool colors)
{
    const auto style = [&](std::string_view text, Style s) {
        return formatter_detail::stylize(text, s, colors);
    };
    if (value->IsString())
        return formatString(value.As<String>(), colors);
    if (value->IsNumber()) {
        const double number = value.As<v8::Number>()->Value();
        if (number == 0 && std::signbit(number))
            return style("-0", Style::Number);
        return style(numberToString(number), Style::Number);
    }
    if (value->IsBigInt())
        return style(m_js.toStringOr(value, "0") + "n", Style::BigInt);
    if (value->IsBoolean())
        return style(value->IsTrue() ? "true" : "false", Style::Boolean);
    if (value->IsUndefined())
        return style("undefined", Style::Undefined);
    if (value->IsNull())
        return style("null", Style::Null);
    if (value->IsSymbol())
        return style(m_js.symbolToString(value.As<v8::Symbol>()), Style::Symbol);
    return style(m_js.toStringOr(value, ""), Style::Special);
}

std::string Inspector::formatString(Local<String> value, bool colors)
{
    std::u16string text = m_js.utf16(value);
    std::string trailer;
    if (static_cast<long long>(text.size()) > m_options.maxStringLength) {
        const long long remaining = static_cast<long long>(text.size()) - m_options.maxStringLength;
        text.resize(std::size_t(m_options.maxStringLength));
        trailer = "... " + std::to_string(remaining) + " more character"
            + (remaining > 1 ? "s" : "");
    }
    constexpr std::size_t kMinLineLength = 16;
    const long long available = m_layout.breakLength - m_layout.indentationLvl - 4;
    if (text.size() > kMinLineLength && static_cast<long long>(text.size()) > available) {
        // Long strings are split after each newline and joined with " +".
        std::string out;
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find(u'\n', start);
            end = end == std::u16string::npos ? text.size() : end + 1;
            if (start != 0)
                out += " +\n" + spaces(m_layout.indentationLvl + 2);
            out += formatter_detail::stylize(
                quoteJsString(std::u16string_view(text).substr(start, end - start)),
                Style::String, colors);
            start = end;
        }
        return out + trailer;
    }
    return formatter_detail::stylize(quoteJsString(text), Style::String, colors) + trailer;
}

std::string Inspector::formatProxy(Local<v8::Proxy> proxy, int recurseTimes)
{
    if (depthExceeded(recurseTimes))
        return stylize("Proxy [Array]", Style::Special);
    recurseTimes += 1;
    m_layout.indentationLvl += 2;
    std::vector<std::string> res = {formatValue(proxy->GetTarget(), recurseTimes),
                                    formatValue(proxy->GetHandler(), recurseTimes)};
    m_layout.indentationLvl -= 2;
    return reduceToSingleString(m_layout, std::move(res), "", "Proxy [", "]",
                                ExtrasType::ArrayExtras, recurseTimes, nullptr);
}

// --- objects -------------------------------------------------------------------------------

std::string Inspector::formatRaw(Local<Object> value, int recurseTimes, bool typedArray)
{
    HandleScope scope(m_js.isolate());
    std::vector<std::string> protoPropsStorage;
    std::vector<std::string>* protoProps = nullptr;
    if (m_options.showHidden && !depthExceeded(recurseTimes))
        protoProps = &protoPropsStorage;
    const Constructor constructor = getConstructorName(value, recurseTimes, protoProps);
    const bool hasProtoProps = !protoPropsStorage.empty();
    const std::string tag = getToStringTag(value);

    RawParts parts;
    const bool iterable = !constructor
        || m_js.hasProperty(value, v8::Symbol::GetIterator(m_js.isolate()));
    if (!iterable || !classifyIterable(value, constructor, tag, hasProtoProps, parts))
        classifyObject(value, constructor, tag, recurseTimes, typedArray, hasProtoProps, parts);
    if (parts.result)
        return *parts.result;

    if (depthExceeded(recurseTimes)) {
        std::string name = getCtxStyle(value, constructor, tag);
        name.pop_back();
        if (constructor)
            name = "[" + name + "]";
        return stylize(name, Style::Special);
    }
    if (m_nesting >= kMaxNesting) {
        std::string name = getCtxStyle(value, constructor, tag);
        name.pop_back();
        return stylize("[" + name + ": Inspection interrupted prematurely. Maximum call stack "
                       "size exceeded.]", Style::Special);
    }
    recurseTimes += 1;
    m_seen.push_back(value);
    m_layout.currentDepth = recurseTimes;
    ++m_nesting;
    std::vector<std::string> output = formatEntries(value, recurseTimes, parts);
    for (const PropertyKey& key : parts.keys)
        output.push_back(formatProperty(value, recurseTimes, key, false));
    output.insert(output.end(), protoPropsStorage.begin(), protoPropsStorage.end());
    --m_nesting;

    for (const auto& [object, index] : m_circular) {
        if (object == value) {
            const std::string reference = stylize("<ref *" + std::to_string(index) + ">",
                                                  Style::Special);
            parts.base = parts.base.empty() ? reference : reference + " " + parts.base;
        }
    }
    m_seen.pop_back();

    if (m_options.sorted) {
        if (parts.extrasType == ExtrasType::Object)
            std::stable_sort(output.begin(), output.end());
        else if (parts.keys.size() > 1)
            std::stable_sort(output.end() - std::ptrdiff_t(parts.keys.size()), output.end());
    }

    std::function<bool()> allNumeric;
    if (value->IsTypedArray()) {
        allNumeric = [] { return true; };
    } else if (value->IsArray()) {
        const std::size_t count = output.size();
        allNumeric = [this, value, count] {
            for (uint32_t i = 0; i < count; ++i) {
                const Local<Value> v = m_js.dataProperty(value, m_js.indexKey(i));
                if (!v->IsNumber() && !v->IsBigInt())
                    return false;
            }
            return true;
        };
    }
    return reduceToSingleString(m_layout, std::move(output), parts.base, parts.open, parts.close,
                                parts.extrasType, recurseTimes, allNumeric);
}

// Arrays, Sets, Maps, typed arrays and collection iterators. Returns false for other values.
bool Inspector::classifyIterable(Local<Object> value, const Constructor& constructor,
                                 const std::string& tag, bool hasProtoProps, RawParts& parts)
{
    if (value->IsArray()) {
        const uint32_t length = value.As<Array>()->Length();
        const std::string prefix = (constructor != std::string("Array") || !tag.empty())
            ? getPrefix(constructor, tag, "Array", "(" + std::to_string(length) + ")")
            : std::string();
        parts.keys = getKeys(value, true);
        parts.open = prefix + "[";
        parts.close = "]";
        if (length == 0 && parts.keys.empty() && !hasProtoProps)
            parts.result = parts.open + "]";
        parts.extrasType = ExtrasType::ArrayExtras;
        parts.entries = EntriesKind::Array;
    } else if (value->IsSet() || value->IsMap()) {
        const bool isSet = value->IsSet();
        const std::size_t size = isSet ? value.As<v8::Set>()->Size() : value.As<v8::Map>()->Size();
        const std::string prefix = getPrefix(constructor, tag, isSet ? "Set" : "Map",
                                             "(" + std::to_string(size) + ")");
        parts.keys = getKeys(value, false);
        parts.entries = isSet ? EntriesKind::Set : EntriesKind::Map;
        if (size == 0 && parts.keys.empty() && !hasProtoProps)
            parts.result = prefix + "{}";
        parts.open = prefix + "{";
    } else if (value->IsTypedArray()) {
        parts.keys = getKeys(value, true);
        const std::string fallback = constructor ? "" : typedArrayName(value);
        const std::size_t length = value.As<v8::TypedArray>()->Length();
        const std::string prefix = getPrefix(constructor, tag, fallback,
                                             "(" + std::to_string(length) + ")");
        parts.open = prefix + "[";
        parts.close = "]";
        if (length == 0 && parts.keys.empty() && !m_options.showHidden)
            parts.result = parts.open + "]";
        parts.entries = EntriesKind::TypedArray;
        parts.extrasType = ExtrasType::ArrayExtras;
    } else if (value->IsMapIterator() || value->IsSetIterator()) {
        parts.keys = getKeys(value, false);
        // Node's getIteratorBraces()
        const std::string type = value->IsMapIterator() ? "Map Iterator" : "Set Iterator";
        std::string braceTag = tag;
        if (braceTag != type) {
            if (!braceTag.empty())
                braceTag += "] [";
            braceTag += type;
        }
        parts.open = "[" + braceTag + "] {";
        parts.entries = EntriesKind::Iterator;
    } else {
        return false;
    }
    return true;
}

// Everything that is not array-like: functions, plain objects, boxed primitives, errors...
void Inspector::classifyObject(Local<Object> value, const Constructor& constructor,
                               const std::string& tag, int recurseTimes, bool typedArray,
                               bool hasProtoProps, RawParts& parts)
{
    parts.keys = getKeys(value, false);
    const bool noKeys = parts.keys.empty() && !hasProtoProps;
    if (value->IsFunction()) {
        parts.base = getFunctionBase(value.As<Function>(), constructor, tag);
        if (noKeys)
            parts.result = stylize(parts.base, Style::Special);
    } else if (constructor == std::string("Object")) {
        if (value->IsArgumentsObject())
            parts.open = "[Arguments] {";
        else if (!tag.empty())
            parts.open = getPrefix(constructor, tag, "Object") + "{";
        if (noKeys)
            parts.result = parts.open + "}";
    } else if (value->IsRegExp()) {
        const Local<v8::RegExp> re = value.As<v8::RegExp>();
        const int flags = re->GetFlags();
        std::string base = "/" + m_js.utf8(re->GetSource()) + "/";
        if (flags & v8::RegExp::kHasIndices) base += 'd';
        if (flags & v8::RegExp::kGlobal) base += 'g';
        if (flags & v8::RegExp::kIgnoreCase) base += 'i';
        if (flags & v8::RegExp::kMultiline) base += 'm';
        if (flags & v8::RegExp::kDotAll) base += 's';
        if (flags & v8::RegExp::kUnicode) base += 'u';
        if (flags & v8::RegExp::kSticky) base += 'y';
        const std::string prefix = getPrefix(constructor, tag, "RegExp");
        parts.base = prefix == "RegExp " ? base : prefix + base;
        if (noKeys || depthExceeded(recurseTimes))
            parts.result = stylize(parts.base, Style::RegExp);
    } else if (value->IsDate()) {
        const double time = value.As<v8::Date>()->ValueOf();
        const std::string base = std::isnan(time) ? "Invalid Date" : isoDateString(time);
        const std::string prefix = getPrefix(constructor, tag, "Date");
        parts.base = prefix == "Date " ? base : prefix + base;
        if (noKeys)
            parts.result = stylize(parts.base, Style::Date);
    } else if (m_js.isError(value)) {
        parts.base = formatError(value, constructor, tag, parts.keys);
        if (parts.keys.empty() && !hasProtoProps)
            parts.result = parts.base;
    } else if (value->IsArrayBuffer() || value->IsSharedArrayBuffer()) {
        const std::string prefix = getPrefix(
            constructor, tag, value->IsArrayBuffer() ? "ArrayBuffer" : "SharedArrayBuffer");
        const double byteLength = value->IsArrayBuffer()
            ? double(value.As<v8::ArrayBuffer>()->ByteLength())
            : double(value.As<v8::SharedArrayBuffer>()->ByteLength());
        if (!typedArray)
            parts.entries = EntriesKind::ArrayBuffer;
        else if (noKeys)
            parts.result = prefix + "{ byteLength: " + formatNumber(byteLength) + " }";
        parts.open = prefix + "{";
        parts.keys.insert(parts.keys.begin(), PropertyKey{m_js.str("byteLength"),
                                                          v8::Number::New(m_js.isolate(),
                                                                          byteLength)});
    } else if (value->IsDataView()) {
        const Local<v8::DataView> view = value.As<v8::DataView>();
        parts.open = getPrefix(constructor, tag, "DataView") + "{";
        Isolate* isolate = m_js.isolate();
        parts.keys.insert(
            parts.keys.begin(),
            {{m_js.str("byteLength"), v8::Number::New(isolate, double(view->ByteLength()))},
             {m_js.str("byteOffset"), v8::Number::New(isolate, double(view->ByteOffset()))},
             {m_js.str("buffer"), view->Buffer()}});
    } else if (value->IsPromise()) {
        parts.open = getPrefix(constructor, tag, "Promise") + "{";
        parts.entries = EntriesKind::Promise;
    } else if (value->IsWeakSet()) {
        parts.open = getPrefix(constructor, tag, "WeakSet") + "{";
        parts.entries = m_options.showHidden ? EntriesKind::WeakSet : EntriesKind::WeakUnknown;
    } else if (value->IsWeakMap()) {
        parts.open = getPrefix(constructor, tag, "WeakMap") + "{";
        parts.entries = m_options.showHidden ? EntriesKind::WeakMap : EntriesKind::WeakUnknown;
    } else if (value->IsModuleNamespaceObject()) {
        parts.open = getPrefix(constructor, tag, "Module") + "{";
        parts.entries = EntriesKind::Namespace;
    } else if (value->IsNumberObject() || value->IsStringObject() || value->IsBooleanObject()
               || value->IsBigIntObject() || value->IsSymbolObject()) {
        parts.base = getBoxedBase(value, parts.keys, constructor, tag);
        if (parts.keys.empty() && !hasProtoProps)
            parts.result = parts.base;
    } else {
        if (noKeys) {
            if (value->IsExternal()) {
                char address[32];
                std::snprintf(address, sizeof address, "%llx",
                              static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(
                                  value.As<v8::External>()->Value())));
                parts.result = stylize(std::string("[External: ") + address + "]",
                                       Style::Special);
                return;
            }
            parts.result = getCtxStyle(value, constructor, tag) + "{}";
        }
        parts.open = getCtxStyle(value, constructor, tag) + "{";
    }
}

std::vector<std::string> Inspector::formatEntries(Local<Object> value, int recurseTimes,
                                                  RawParts& parts)
{
    switch (parts.entries) {
    case EntriesKind::None: return {};
    case EntriesKind::Array: return formatArray(value.As<Array>(), recurseTimes);
    case EntriesKind::Set: return formatSet(value.As<v8::Set>(), recurseTimes);
    case EntriesKind::Map: return formatMap(value.As<v8::Map>(), recurseTimes);
    case EntriesKind::TypedArray:
        return formatTypedArray(value.As<v8::TypedArray>(), recurseTimes);
    case EntriesKind::Iterator: return formatIterator(value, recurseTimes, parts.open);
    case EntriesKind::ArrayBuffer: return formatArrayBuffer(value);
    case EntriesKind::Promise: return formatPromise(value.As<v8::Promise>(), recurseTimes);
    case EntriesKind::WeakUnknown: return {stylize("<items unknown>", Style::Special)};
    case EntriesKind::WeakSet:
    case EntriesKind::WeakMap: {
        TryCatch tc(m_js.isolate());
        bool isKeyValue = false;
        Local<Array> entries;
        if (!value->PreviewEntries(&isKeyValue).ToLocal(&entries))
            return {};
        return parts.entries == EntriesKind::WeakSet
            ? formatSetIterInner(recurseTimes, entries, true)
            : formatMapIterInner(recurseTimes, entries, true);
    }
    case EntriesKind::Namespace: return formatNamespaceObject(value, recurseTimes, parts.keys);
    }
    return {};
}

// --- constructor names, tags and keys --------------------------------------------------------

Constructor Inspector::getConstructorName(Local<Object> obj, int recurseTimes,
                                          std::vector<std::string>* protoProps)
{
    const Local<Object> tmp = obj;
    Local<Value> current = obj;
    Local<Value> firstProto; // empty: not read yet (Node's `undefined`)
    for (int guard = 0; guard < kMaxPrototypeChain && current->IsObject(); ++guard) {
        const Local<Object> o = current.As<Object>();
        const bool isObjectProto = o == m_js.objectPrototype();
        if ((isObjectProto || o == m_js.functionPrototype()) && m_js.inPrototypeChain(tmp, o)) {
            if (protoProps && firstProto != o)
                addPrototypeProperties(tmp, firstProto.IsEmpty() ? tmp : firstProto.As<Object>(),
                                       recurseTimes, *protoProps);
            return std::string(isObjectProto ? "Object" : "Function");
        }
        const PropertyDesc desc = m_js.ownProperty(o, m_js.m_constructor);
        if (desc.exists && !desc.isAccessor && desc.value->IsFunction()) {
            const std::string name = m_js.functionName(desc.value.As<Object>());
            if (!name.empty() && m_js.isInstanceOf(tmp, desc.value.As<Function>())) {
                if (protoProps && (firstProto != o || !isBuiltInObjectName(name)))
                    addPrototypeProperties(
                        tmp, firstProto.IsEmpty() ? tmp : firstProto.As<Object>(), recurseTimes,
                        *protoProps);
                return name;
            }
        }
        current = m_js.prototypeOf(o);
        if (firstProto.IsEmpty())
            firstProto = current;
    }
    if (firstProto.IsEmpty() || !firstProto->IsObject())
        return std::nullopt;

    const std::string res = m_js.utf8(tmp->GetConstructorName());
    if (depthExceeded(recurseTimes))
        return res + " <Complex prototype>";
    const Constructor protoConstr = getConstructorName(firstProto.As<Object>(), recurseTimes + 1,
                                                       protoProps);
    if (!protoConstr) {
        InspectOptions options = m_options;
        options.depth = -1;
        return res + " <" + Inspector(m_js, options).inspect(firstProto) + ">";
    }
    return res + " <" + *protoConstr + ">";
}

// With showHidden, the user-defined (non-method) properties of up to three prototype levels
// are listed, e.g. accessors of a class.
void Inspector::addPrototypeProperties(Local<Object> main, Local<Object> obj, int recurseTimes,
                                       std::vector<std::string>& output)
{
    std::vector<Local<Value>> keys;
    std::vector<Local<Value>> keySet;
    const auto inKeySet = [&](Local<Value> key) {
        return std::any_of(keySet.begin(), keySet.end(),
                           [&](Local<Value> k) { return k->StrictEquals(key); });
    };
    for (int depth = 0; depth != 3; ++depth) {
        if (depth != 0 || main == obj) {
            const Local<Value> proto = m_js.prototypeOf(obj);
            if (!proto->IsObject())
                return;
            obj = proto.As<Object>();
            const PropertyDesc desc = m_js.ownProperty(obj, m_js.m_constructor);
            if (desc.exists && !desc.isAccessor && desc.value->IsFunction()
                && isBuiltInObjectName(m_js.functionName(desc.value.As<Object>())))
                return;
        }
        if (depth == 0)
            keySet.clear();
        else
            keySet.insert(keySet.end(), keys.begin(), keys.end());
        keys.clear();
        {
            TryCatch tc(m_js.isolate());
            Local<Array> names;
            if (obj->GetOwnPropertyNames(m_js.context(), v8::ALL_PROPERTIES,
                                         v8::KeyConversionMode::kConvertToString)
                    .ToLocal(&names)) {
                for (uint32_t i = 0; i < names->Length(); ++i)
                    keys.push_back(arrayElement(names, i));
            }
        }
        m_seen.push_back(main);
        for (const Local<Value>& key : keys) {
            if ((key->IsString() && m_js.utf8(key.As<String>()) == "constructor")
                || m_js.hasOwn(main, key) || (depth != 0 && inKeySet(key)))
                continue;
            const PropertyDesc desc = m_js.ownProperty(obj, key);
            if (!desc.isAccessor && !desc.value.IsEmpty() && desc.value->IsFunction())
                continue;
            const std::string value = formatProperty(obj, recurseTimes, {key, {}}, false, &desc);
            output.push_back(m_options.colors ? "\x1b[2m" + value + "\x1b[22m" : value);
        }
        m_seen.pop_back();
    }
}

std::string Inspector::getToStringTag(Local<Object> value)
{
    const Local<v8::Symbol> symbol = v8::Symbol::GetToStringTag(m_js.isolate());
    bool isAccessor = false;
    Local<Value> tag = m_js.dataProperty(value, symbol, &isAccessor);
    // The only built-in accessor is %TypedArray%.prototype[@@toStringTag]; user accessors are
    // not run.
    if (isAccessor && value->IsTypedArray())
        tag = m_js.str(typedArrayName(value));
    if (!tag->IsString() || tag.As<String>()->Length() == 0)
        return {};
    // Only list the tag when it is not an own (enumerable) property, or it would print twice.
    const PropertyDesc own = m_js.ownProperty(value, symbol);
    if (own.exists && (m_options.showHidden || own.enumerable))
        return {};
    return m_js.utf8(tag.As<String>());
}

// Node's getKeys() (nonIndexOnly = false) and getOwnNonIndexProperties() (true).
std::vector<PropertyKey> Inspector::getKeys(Local<Object> value, bool nonIndexOnly)
{
    const auto filter = m_options.showHidden ? v8::ALL_PROPERTIES : v8::ONLY_ENUMERABLE;
    std::vector<PropertyKey> keys;
    TryCatch tc(m_js.isolate());
    Local<Array> names;
    bool ok;
    if (nonIndexOnly) {
        ok = value->GetPropertyNames(m_js.context(), v8::KeyCollectionMode::kOwnOnly, filter,
                                     v8::IndexFilter::kSkipIndices,
                                     v8::KeyConversionMode::kConvertToString)
                 .ToLocal(&names);
    } else {
        ok = value->GetOwnPropertyNames(m_js.context(), filter,
                                        v8::KeyConversionMode::kConvertToString)
                 .ToLocal(&names);
        if (!ok && value->IsModuleNamespaceObject()) {
            // Enumerability of an uninitialized binding throws: list all names instead.
            tc.Reset();
            ok = value->GetOwnPropertyNames(m_js.context(), v8::ALL_PROPERTIES,
                                            v8::KeyConversionMode::kConvertToString)
                     .ToLocal(&names);
        }
    }
    if (!ok)
        return keys;
    keys.reserve(names->Length());
    for (uint32_t i = 0; i < names->Length(); ++i)
        keys.push_back({arrayElement(names, i), {}});
    return keys;
}

std::string Inspector::getCtxStyle(Local<Object> value, const Constructor& constructor,
                                   const std::string& tag) const
{
    std::string fallback;
    if (!constructor) {
        fallback = m_js.utf8(value->GetConstructorName());
        if (fallback == tag)
            fallback = "Object";
    }
    return getPrefix(constructor, tag, fallback);
}

// --- properties ----------------------------------------------------------------------------

std::string Inspector::formatProperty(Local<Object> value, int recurseTimes,
                                      const PropertyKey& key, bool arrayElement,
                                      const PropertyDesc* knownDesc)
{
    HandleScope scope(m_js.isolate());
    PropertyDesc desc;
    if (!key.virtualValue.IsEmpty()) {
        desc.exists = true;
        desc.value = key.virtualValue;
    } else if (knownDesc) {
        desc = *knownDesc;
    } else {
        desc = m_js.ownProperty(value, key.key);
        if (!desc.exists) {
            // Node falls back to { value: value[key], enumerable: true }.
            desc = PropertyDesc();
            desc.value = m_js.dataProperty(value, key.key, &desc.isAccessor);
            desc.hasGetter = desc.isAccessor;
        }
    }
    std::string str;
    if (!desc.isAccessor && !desc.value.IsEmpty() && !desc.value->IsUndefined()) {
        m_layout.indentationLvl += 2;
        str = formatValue(desc.value, recurseTimes);
        m_layout.indentationLvl -= 2;
    } else if (desc.isAccessor && desc.hasGetter) {
        str = stylize(desc.hasSetter ? "[Getter/Setter]" : "[Getter]", Style::Special);
    } else if (desc.isAccessor && desc.hasSetter) {
        str = stylize("[Setter]", Style::Special);
    } else {
        str = stylize("undefined", Style::Undefined);
    }
    if (arrayElement)
        return str;
    return propertyName(key.key, desc.enumerable) + ": " + str;
}

std::string Inspector::propertyName(Local<Value> key, bool enumerable) const
{
    if (key->IsSymbol()) {
        const std::string text = m_js.symbolToString(key.As<v8::Symbol>());
        return "[" + stylize(escapeJsText(utf8ToUtf16(text)), Style::Symbol) + "]";
    }
    const std::u16string name = key->IsString() ? m_js.utf16(key.As<String>()) : u"";
    if (name == u"__proto__")
        return "['__proto__']";
    if (!enumerable)
        return "[" + escapeJsText(name) + "]";
    // /^[a-zA-Z_][a-zA-Z_0-9]*$/
    bool identifier = !name.empty() && !(name[0] >= u'0' && name[0] <= u'9');
    for (const char16_t c : name) {
        identifier = identifier
            && ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_'
                || (c >= u'0' && c <= u'9'));
    }
    if (identifier)
        return stylize(utf16ToUtf8(name), Style::Name);
    return stylize(quoteJsString(name), Style::String);
}

// --- entries of collections ----------------------------------------------------------------

std::vector<std::string> Inspector::formatArray(Local<Array> value, int recurseTimes)
{
    const uint32_t valLen = value->Length();
    const long long len = std::min<long long>(std::max(0LL, m_options.maxArrayLength), valLen);
    std::vector<std::string> output;
    for (uint32_t i = 0; i < len; ++i) {
        // Special handle sparse arrays.
        if (!value->HasRealIndexedProperty(m_js.context(), i).FromMaybe(false))
            return formatSpecialArray(value, recurseTimes, len, std::move(output), i);
        output.push_back(formatProperty(value, recurseTimes, {m_js.indexKey(i), {}}, true));
    }
    if (valLen > len)
        output.push_back(remainingText(valLen - len));
    return output;
}

// The array has holes (shown as "<n empty items>") before `maxLength` entries.
std::vector<std::string> Inspector::formatSpecialArray(Local<Array> value, int recurseTimes,
                                                       long long maxLength,
                                                       std::vector<std::string> output,
                                                       uint32_t i)
{
    const auto emptyItems = [this](double n) {
        return stylize("<" + numberToString(n) + " empty item" + (n > 1 ? "s" : "") + ">",
                       Style::Undefined);
    };
    // Node walks Object.keys(value). Listing a million keys to show a hundred is slow, so the
    // next present index is first searched by probing; only a long run of holes (a sparse,
    // dictionary-mode array, whose key list is short) falls back to the key list.
    const uint32_t length = value->Length();
    Local<Array> keys;
    uint32_t keyCursor = 0;
    const auto nextIndex = [&](uint32_t from) -> std::optional<uint32_t> {
        constexpr uint32_t kProbeLimit = 1024;
        if (from >= length)
            return std::nullopt; // array indices are below the length
        for (uint32_t probe = from; probe < length && probe - from < kProbeLimit; ++probe) {
            if (value->HasRealIndexedProperty(m_js.context(), probe).FromMaybe(false))
                return probe;
        }
        if (keys.IsEmpty()) {
            TryCatch tc(m_js.isolate());
            if (!value->GetOwnPropertyNames(m_js.context(), v8::ONLY_ENUMERABLE,
                                            v8::KeyConversionMode::kKeepNumbers)
                     .ToLocal(&keys))
                keys = Array::New(m_js.isolate());
        }
        // Index keys come first, in ascending order.
        for (; keyCursor < keys->Length(); ++keyCursor) {
            const Local<Value> key = arrayElement(keys, keyCursor);
            if (!key->IsNumber())
                return std::nullopt;
            const double k = key.As<v8::Number>()->Value();
            if (k >= from)
                return k > 4294967294.0 ? std::nullopt : std::optional<uint32_t>(uint32_t(k));
        }
        return std::nullopt;
    };
    double index = i;
    while (static_cast<long long>(output.size()) < maxLength) {
        const std::optional<uint32_t> next = nextIndex(uint32_t(index));
        if (!next)
            break;
        const double tmp = *next;
        if (tmp != index) {
            output.push_back(emptyItems(tmp - index));
            index = tmp;
            if (static_cast<long long>(output.size()) == maxLength)
                break;
        }
        output.push_back(formatProperty(value, recurseTimes,
                                        {m_js.indexKey(uint32_t(tmp)), {}}, true));
        index++;
    }
    const double remaining = value->Length() - index;
    if (static_cast<long long>(output.size()) != maxLength) {
        if (remaining > 0)
            output.push_back(emptyItems(remaining));
    } else if (remaining > 0) {
        output.push_back(remainingText(static_cast<long long>(remaining)));
    }
    return output;
}

std::vector<std::string> Inspector::formatTypedArray(Local<v8::TypedArray> value,
                                                     int recurseTimes)
{
    const std::size_t length = value->Length();
    const long long maxLength =
        std::min<long long>(std::max(0LL, m_options.maxArrayLength), (long long)length);
    std::vector<std::string> output;
    for (long long i = 0; i < maxLength; ++i) {
        const Local<Value> element = elementOf(value, uint32_t(i));
        output.push_back(element->IsBigInt() ? formatBigInt(element)
                                             : formatNumber(element->NumberValue(m_js.context())
                                                                .FromMaybe(0)));
    }
    if (static_cast<long long>(length) > maxLength)
        output.push_back(remainingText(static_cast<long long>(length) - maxLength));
    if (m_options.showHidden) {
        Isolate* isolate = m_js.isolate();
        m_layout.indentationLvl += 2;
        const std::pair<const char*, Local<Value>> hidden[] = {
            {"BYTES_PER_ELEMENT", v8::Number::New(isolate, typedArrayElementSize(value))},
            {"length", v8::Number::New(isolate, double(length))},
            {"byteLength", v8::Number::New(isolate, double(value->ByteLength()))},
            {"byteOffset", v8::Number::New(isolate, double(value->ByteOffset()))},
            {"buffer", value->Buffer()}};
        for (const auto& [key, v] : hidden)
            output.push_back(std::string("[") + key + "]: " + formatValue(v, recurseTimes, true));
        m_layout.indentationLvl -= 2;
    }
    return output;
}

std::vector<std::string> Inspector::formatArrayBuffer(Local<Object> value)
{
    std::shared_ptr<v8::BackingStore> store;
    std::size_t length = 0;
    if (value->IsArrayBuffer()) {
        const Local<v8::ArrayBuffer> buffer = value.As<v8::ArrayBuffer>();
        if (buffer->WasDetached())
            return {stylize("(detached)", Style::Special)};
        store = buffer->GetBackingStore();
        length = buffer->ByteLength();
    } else {
        const Local<v8::SharedArrayBuffer> buffer = value.As<v8::SharedArrayBuffer>();
        store = buffer->GetBackingStore();
        length = buffer->ByteLength();
    }
    const auto* bytes = store ? static_cast<const unsigned char*>(store->Data()) : nullptr;
    const std::size_t shown = std::min<std::size_t>(
        std::size_t(std::max(0LL, m_options.maxArrayLength)), length);
    std::string str;
    for (std::size_t i = 0; i < shown && bytes; ++i) {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%02x", bytes[i]);
        if (i != 0)
            str += ' ';
        str += hex;
    }
    if (length > shown) {
        const std::size_t remaining = length - shown;
        str += " ... " + std::to_string(remaining) + " more byte" + (remaining > 1 ? "s" : "");
    }
    return {stylize("[Uint8Contents]", Style::Special) + ": <" + str + ">"};
}

std::vector<std::string> Inspector::formatSet(Local<v8::Set> value, int recurseTimes)
{
    const Local<Array> entries = value->AsArray();
    const long long length = entries->Length();
    const long long maxLength = std::min(std::max(0LL, m_options.maxArrayLength), length);
    std::vector<std::string> output;
    m_layout.indentationLvl += 2;
    for (long long i = 0; i < maxLength; ++i)
        output.push_back(formatValue(arrayElement(entries, uint32_t(i)), recurseTimes));
    if (length > maxLength)
        output.push_back(remainingText(length - maxLength));
    m_layout.indentationLvl -= 2;
    return output;
}

std::vector<std::string> Inspector::formatMap(Local<v8::Map> value, int recurseTimes)
{
    const Local<Array> entries = value->AsArray(); // [key, value, key, value, ...]
    const long long length = entries->Length() / 2;
    const long long maxLength = std::min(std::max(0LL, m_options.maxArrayLength), length);
    std::vector<std::string> output;
    m_layout.indentationLvl += 2;
    for (long long i = 0; i < maxLength; ++i) {
        const std::string k = formatValue(arrayElement(entries, uint32_t(2 * i)), recurseTimes);
        const std::string v =
            formatValue(arrayElement(entries, uint32_t(2 * i + 1)), recurseTimes);
        output.push_back(k + " => " + v);
    }
    if (length > maxLength)
        output.push_back(remainingText(length - maxLength));
    m_layout.indentationLvl -= 2;
    return output;
}

std::vector<std::string> Inspector::formatSetIterInner(int recurseTimes, Local<Array> entries,
                                                       bool weak)
{
    const long long length = entries->Length();
    const long long maxLength = std::min(std::max(0LL, m_options.maxArrayLength), length);
    std::vector<std::string> output;
    m_layout.indentationLvl += 2;
    for (long long i = 0; i < maxLength; ++i)
        output.push_back(formatValue(arrayElement(entries, uint32_t(i)), recurseTimes));
    m_layout.indentationLvl -= 2;
    // Weak entries come in no particular order: sort them for a halfway stable output.
    if (weak && !m_options.sorted)
        std::stable_sort(output.begin(), output.end());
    if (length > maxLength)
        output.push_back(remainingText(length - maxLength));
    return output;
}

std::vector<std::string> Inspector::formatMapIterInner(int recurseTimes, Local<Array> entries,
                                                       bool weak)
{
    const long long length = entries->Length() / 2;
    const long long maxLength = std::min(std::max(0LL, m_options.maxArrayLength), length);
    std::vector<std::string> output;
    m_layout.indentationLvl += 2;
    for (long long i = 0; i < maxLength; ++i) {
        const Local<Value> k = arrayElement(entries, uint32_t(2 * i));
        const Local<Value> v = arrayElement(entries, uint32_t(2 * i + 1));
        if (weak) {
            const std::string key = formatValue(k, recurseTimes);
            output.push_back(key + " => " + formatValue(v, recurseTimes));
        } else {
            std::vector<std::string> res;
            res.push_back(formatValue(k, recurseTimes));
            res.push_back(formatValue(v, recurseTimes));
            output.push_back(reduceToSingleString(m_layout, std::move(res), "", "[", "]",
                                                  ExtrasType::ArrayExtras, recurseTimes,
                                                  nullptr));
        }
    }
    if (weak && !m_options.sorted)
        std::stable_sort(output.begin(), output.end());
    m_layout.indentationLvl -= 2;
    if (length > maxLength)
        output.push_back(remainingText(length - maxLength));
    return output;
}

std::vector<std::string> Inspector::formatIterator(Local<Object> value, int recurseTimes,
                                                   std::string& open)
{
    TryCatch tc(m_js.isolate());
    bool isKeyValue = false;
    Local<Array> entries;
    if (!value->PreviewEntries(&isKeyValue).ToLocal(&entries))
        return {};
    if (isKeyValue) {
        // Mark entry iterators as such: "[Map Entries] {".
        const std::string suffix = " Iterator] {";
        if (endsWith(open, suffix))
            open = open.substr(0, open.size() - suffix.size()) + " Entries] {";
        return formatMapIterInner(recurseTimes, entries, false);
    }
    return formatSetIterInner(recurseTimes, entries, false);
}

std::vector<std::string> Inspector::formatPromise(Local<v8::Promise> value, int recurseTimes)
{
    if (value->State() == v8::Promise::kPending)
        return {stylize("<pending>", Style::Special)};
    m_layout.indentationLvl += 2;
    const std::string str = formatValue(value->Result(), recurseTimes);
    m_layout.indentationLvl -= 2;
    if (value->State() == v8::Promise::kRejected)
        return {stylize("<rejected>", Style::Special) + " " + str};
    return {str};
}

std::vector<std::string> Inspector::formatNamespaceObject(Local<Object> value, int recurseTimes,
                                                          std::vector<PropertyKey>& keys)
{
    std::vector<std::string> output;
    for (const PropertyKey& key : keys) {
        const PropertyDesc desc = m_js.ownProperty(value, key.key);
        if (desc.threw) {
            output.push_back(propertyName(key.key, true) + ": "
                             + stylize("<uninitialized>", Style::Special));
        } else {
            output.push_back(formatProperty(value, recurseTimes, key, false, &desc));
        }
    }
    // The keys are formatted here, not again as properties.
    keys.clear();
    return output;
}

// --- functions, boxed primitives and errors -------------------------------------------------

// Strips // and /* */ comments like Node's stripCommentsRegExp.
std::string stripComments(const std::string& s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (s.compare(i, 2, "//") == 0) {
            const std::size_t end = s.find('\n', i + 2);
            if (end != std::string::npos) {
                i = end + 1;
                continue;
            }
        } else if (s.compare(i, 2, "/*") == 0) {
            const std::size_t end = s.find("*/", i + 2);
            if (end != std::string::npos) {
                i = end + 2;
                continue;
            }
        }
        out += s[i++];
    }
    return out;
}

bool isJsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string Inspector::getFunctionBase(Local<Function> value, const Constructor& constructor,
                                       const std::string& tag)
{
    std::string stringified;
    {
        TryCatch tc(m_js.isolate());
        Local<String> source;
        if (value->FunctionProtoToString(m_js.context()).ToLocal(&source))
            stringified = m_js.utf8(source);
    }
    if (startsWith(stringified, "class") && endsWith(stringified, "}")) {
        const std::string slice = stringified.substr(5, stringified.size() - 6);
        const std::size_t bracketIndex = slice.find('{');
        if (bracketIndex != std::string::npos) {
            bool isClass = slice.substr(0, bracketIndex).find('(') == std::string::npos;
            if (!isClass) {
                // Slow path, Node's classRegExp /^(\s+[^(]*?)\s*{/ on the comment-free text.
                const std::string stripped = stripComments(slice);
                const std::size_t brace = stripped.find('{');
                isClass = !stripped.empty() && isJsSpace(stripped[0])
                    && brace != std::string::npos && stripped.find('(') > brace;
            }
            if (isClass)
                return getClassBase(value, constructor, tag);
        }
    }
    std::string type = "Function";
    if (value->IsGeneratorFunction())
        type = "Generator" + type;
    if (value->IsAsyncFunction())
        type = "Async" + type;
    std::string base = "[" + type;
    if (!constructor)
        base += " (null prototype)";
    const std::string name = m_js.functionName(value);
    base += name.empty() ? " (anonymous)" : ": " + name;
    base += "]";
    if (constructor && *constructor != type)
        base += " " + *constructor;
    if (!tag.empty() && constructor != tag)
        base += " [" + tag + "]";
    return base;
}

std::string Inspector::getClassBase(Local<Function> value, const Constructor& constructor,
                                    const std::string& tag)
{
    std::string name;
    if (m_js.hasOwn(value, m_js.m_name))
        name = m_js.functionName(value);
    std::string base = "class " + (name.empty() ? std::string("(anonymous)") : name);
    if (constructor != std::string("Function") && constructor)
        base += " [" + *constructor + "]";
    if (!tag.empty() && constructor != tag)
        base += " [" + tag + "]";
    if (constructor) {
        const Local<Value> super = m_js.prototypeOf(value);
        if (super->IsObject()) {
            const std::string superName = m_js.functionName(super.As<Object>());
            if (!superName.empty())
                base += " extends " + superName;
        }
    } else {
        base += " extends [null prototype]";
    }
    return "[" + base + "]";
}

std::string Inspector::getBoxedBase(Local<Object> value, std::vector<PropertyKey>& keys,
                                    const Constructor& constructor, const std::string& tag)
{
    std::string type;
    Local<Value> primitive;
    Isolate* isolate = m_js.isolate();
    if (value->IsNumberObject()) {
        type = "Number";
        primitive = v8::Number::New(isolate, value.As<v8::NumberObject>()->ValueOf());
    } else if (value->IsStringObject()) {
        type = "String";
        const Local<String> s = value.As<v8::StringObject>()->ValueOf();
        primitive = s;
        // The index keys of the characters are noise: drop them.
        keys.erase(keys.begin(), keys.begin() + std::min<std::ptrdiff_t>(
                                                    s->Length(), std::ptrdiff_t(keys.size())));
    } else if (value->IsBooleanObject()) {
        type = "Boolean";
        primitive = v8::Boolean::New(isolate, value.As<v8::BooleanObject>()->ValueOf());
    } else if (value->IsBigIntObject()) {
        type = "BigInt";
        primitive = value.As<v8::BigIntObject>()->ValueOf();
    } else {
        type = "Symbol";
        primitive = value.As<v8::SymbolObject>()->ValueOf();
    }
    std::string base = "[" + type;
    if (constructor != type)
        base += constructor ? " (" + *constructor + ")" : std::string(" (null prototype)");
    base += ": " + formatPrimitive(primitive, false) + "]";
    if (!tag.empty() && constructor != tag)
        base += " [" + tag + "]";
    if (!keys.empty() || !m_options.colors)
        return base;
    Style style = Style::Symbol;
    if (type == "Number") style = Style::Number;
    else if (type == "String") style = Style::String;
    else if (type == "Boolean") style = Style::Boolean;
    else if (type == "BigInt") style = Style::BigInt;
    return stylize(base, style);
}

std::string Inspector::getStackString(Local<Object> error) const
{
    const Local<Value> stack = m_js.dataProperty(error, m_js.m_stack);
    if (stack->BooleanValue(m_js.isolate()))
        return m_js.toStringOr(stack, "");
    // Error.prototype.toString()
    const Local<Value> nameValue = m_js.dataProperty(error, m_js.m_name);
    const Local<Value> messageValue = m_js.dataProperty(error, m_js.m_message);
    const std::string name =
        nameValue->IsUndefined() ? std::string("Error") : m_js.toStringOr(nameValue, "Error");
    const std::string message =
        messageValue->IsUndefined() ? std::string() : m_js.toStringOr(messageValue, "");
    if (name.empty())
        return message;
    if (message.empty())
        return name;
    return name + ": " + message;
}

void Inspector::removeDuplicateErrorKeys(std::vector<PropertyKey>& keys, Local<Object> err,
                                         const std::string& stack) const
{
    if (m_options.showHidden || keys.empty())
        return;
    for (const char* name : {"name", "message", "stack"}) {
        const auto it = std::find_if(keys.begin(), keys.end(), [&](const PropertyKey& k) {
            return k.key->IsString() && keyString(k) == name;
        });
        // Only hide the property when it is part of the printed stack.
        if (it != keys.end()
            && stack.find(m_js.toStringOr(m_js.dataProperty(err, m_js.str(name)), "\x01"))
                != std::string::npos)
            keys.erase(it);
    }
}

// Node's identicalSequenceRange(): the longest run (> 3) of frames shared with the cause.
std::pair<std::size_t, std::size_t> identicalSequenceRange(const std::vector<std::string>& a,
                                                           const std::vector<std::string>& b)
{
    for (std::size_t i = 0; i + 3 < a.size(); ++i) {
        const auto found = std::find(b.begin(), b.end(), a[i]);
        if (found == b.end())
            continue;
        const std::size_t pos = std::size_t(found - b.begin());
        const std::size_t rest = b.size() - pos;
        if (rest > 3) {
            std::size_t len = 1;
            const std::size_t maxLen = std::min(a.size() - i, rest);
            while (maxLen > len && a[i + len] == b[pos + len])
                ++len;
            if (len > 3)
                return {len, i};
        }
    }
    return {0, 0};
}

std::vector<std::string> Inspector::getStackFrames(Local<Object> err, const std::string& stack)
{
    std::vector<std::string> frames = splitLines(stack);
    const Local<Value> cause = m_js.dataProperty(err, m_js.m_cause);
    // Remove stack frames identical to frames in cause.
    if (cause->IsObject() && m_js.isError(cause.As<Object>())) {
        const std::string causeStack = getStackString(cause.As<Object>());
        const std::size_t causeStackStart = causeStack.find("\n    at");
        if (causeStackStart != std::string::npos) {
            const std::vector<std::string> causeFrames =
                splitLines(causeStack.substr(causeStackStart + 1));
            const auto [len, offset] = identicalSequenceRange(frames, causeFrames);
            if (len > 0) {
                const std::size_t skipped = len - 2;
                const std::string msg = "    ... " + std::to_string(skipped)
                    + " lines matching cause stack trace ...";
                frames.erase(frames.begin() + std::ptrdiff_t(offset + 1),
                             frames.begin() + std::ptrdiff_t(offset + 1 + skipped));
                frames.insert(frames.begin() + std::ptrdiff_t(offset + 1),
                              stylize(msg, Style::Undefined));
            }
        }
    }
    return frames;
}

// Node's improveStack(): make the first line name the actual class, e.g. "Foo [TypeError]".
std::string Inspector::improveStack(std::string stack, const Constructor& constructor,
                                    const std::string& name, const std::string& tag) const
{
    std::size_t len = name.size();
    const bool looksNormal = endsWith(name, "Error") && startsWith(stack, name)
        && (stack.size() == len || stack[len] == ':' || stack[len] == '\n');
    if (constructor && !looksNormal)
        return stack;
    std::string fallback = "Error";
    if (!constructor) {
        // /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/ || /^([a-z_A-Z0-9-]*Error)$/
        const auto inClass = [](char c, bool withSpaceAndBrackets) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'
                || (withSpaceAndBrackets
                    && (c == ' ' || c == '[' || c == ']' || c == '(' || c == ')'));
        };
        std::string start;
        if (!stack.empty() && stack[0] >= 'A' && stack[0] <= 'Z') {
            std::size_t end = 1;
            while (end < stack.size() && inClass(stack[end], true))
                ++end;
            if (end > 1
                && (stack.compare(end, 1, ":") == 0 || stack.compare(end, 7, "\n    at") == 0))
                start = stack.substr(0, end);
        }
        if (start.empty() && endsWith(stack, "Error")
            && std::all_of(stack.begin(), stack.end(), [&](char c) { return inClass(c, false); }))
            start = stack;
        len = start.size();
        fallback = start.empty() ? std::string("Error") : start;
    }
    std::string prefix = getPrefix(constructor, tag, fallback);
    prefix.pop_back();
    if (name != prefix) {
        if (prefix.find(name) != std::string::npos) {
            stack = len == 0 ? prefix + ": " + stack : prefix + stack.substr(std::min(len, stack.size()));
        } else {
            stack = prefix + " [" + name + "]" + stack.substr(std::min(len, stack.size()));
        }
    }
    return stack;
}

std::string Inspector::formatError(Local<Object> err, const Constructor& constructor,
                                   const std::string& tag, std::vector<PropertyKey>& keys)
{
    const Local<Value> nameValue = m_js.dataProperty(err, m_js.m_name);
    const std::string name = nameValue->IsNullOrUndefined() ? std::string("Error")
                                                            : m_js.toStringOr(nameValue, "Error");
    std::string stack = getStackString(err);
    removeDuplicateErrorKeys(keys, err, stack);

    if (m_js.hasProperty(err, m_js.m_cause) && !hasKey(keys, "cause"))
        keys.push_back({m_js.m_cause, {}});
    // Print errors aggregated into AggregateError.
    if (m_js.dataProperty(err, m_js.m_errors)->IsArray() && !hasKey(keys, "errors"))
        keys.push_back({m_js.m_errors, {}});

    stack = improveStack(stack, constructor, name, tag);

    // Ignore the error message if it's contained in the stack.
    const Local<Value> messageValue = m_js.dataProperty(err, m_js.m_message);
    std::size_t pos = std::string::npos;
    if (messageValue->BooleanValue(m_js.isolate())) {
        const std::string message = m_js.toStringOr(messageValue, "");
        const std::size_t found = stack.find(message);
        if (found != std::string::npos && found != 0)
            pos = found + message.size();
    }
    // Wrap the error in brackets in case it has no stack trace.
    const std::size_t stackStart = stack.find("\n    at", pos == std::string::npos ? 0 : pos);
    if (stackStart == std::string::npos) {
        stack = "[" + stack + "]";
    } else {
        std::string newStack = stack.substr(0, stackStart);
        for (const std::string& line : getStackFrames(err, stack.substr(stackStart + 1)))
            newStack += "\n" + line;
        stack = newStack;
    }
    // The message and the stack have to be indented as well.
    if (m_layout.indentationLvl != 0)
        stack = replaceAll(stack, "\n", "\n" + spaces(m_layout.indentationLvl));
    return stack;
}

bool Inspector::hasBuiltInToString(Local<Object> value) const
{
    value = m_js.unwrapProxy(value);
    if (value.IsEmpty())
        return true;
    const Local<Value> toPrimitive = v8::Symbol::GetToPrimitive(m_js.isolate());
    bool checkToString = true;
    bool checkToPrimitive = true;
    // Count objects without `toString` and `Symbol.toPrimitive` functions as built-in.
    if (!m_js.dataProperty(value, m_js.m_toString)->IsFunction()) {
        if (!m_js.dataProperty(value, toPrimitive)->IsFunction())
            return true;
        if (m_js.hasOwn(value, toPrimitive))
            return false;
        checkToString = false;
    } else if (m_js.hasOwn(value, m_js.m_toString)) {
        return false;
    } else if (!m_js.dataProperty(value, toPrimitive)->IsFunction()) {
        checkToPrimitive = false;
    } else if (m_js.hasOwn(value, toPrimitive)) {
        return false;
    }
    // Find the prototype that has `toString` or `Symbol.toPrimitive` as own property.
    Local<Value> pointer = value;
    for (int i = 0; i < kMaxPrototypeChain; ++i) {
        pointer = m_js.prototypeOf(pointer.As<Object>());
        if (!pointer->IsObject())
            return true;
        const Local<Object> p = pointer.As<Object>();
        if ((checkToString && m_js.hasOwn(p, m_js.m_toString))
            || (checkToPrimitive && m_js.hasOwn(p, toPrimitive)))
            break;
    }
    if (!pointer->IsObject())
        return true;
    const PropertyDesc desc = m_js.ownProperty(pointer.As<Object>(), m_js.m_constructor);
    return desc.exists && !desc.isAccessor && desc.value->IsFunction()
        && isBuiltInObjectName(m_js.functionName(desc.value.As<Object>()));
}

// --- util.format ---------------------------------------------------------------------------

// Runs `body` with the context entered, a HandleScope and a TryCatch that swallows anything
// that escapes the finer-grained ones.
template <typename Body>
std::string guarded(Local<Context> context, Body&& body)
{
    Isolate* isolate = context->GetIsolate();
    HandleScope scope(isolate);
    Context::Scope contextScope(context);
    TryCatch tc(isolate);
    try {
        return body(JsAccess(context));
    } catch (...) {
        // Only std::bad_alloc can get here; never let it cross into V8.
        return std::string("[Inspection failed]");
    }
}

std::string inspectWith(const JsAccess& js, Local<Value> value, const InspectOptions& options)
{
    return Inspector(js, options).inspect(value);
}

bool isTypeofObject(Local<Value> v) { return v->IsObject() && !v->IsFunction(); }

// %s
std::string formatStringSpecifier(const JsAccess& js, Local<Value> arg,
                                  const InspectOptions& options)
{
    Inspector noColor(js, InspectOptions());
    if (arg->IsNumber())
        return noColor.formatNumber(arg.As<v8::Number>()->Value());
    if (arg->IsBigInt())
        return noColor.formatBigInt(arg);
    if (!isTypeofObject(arg) || !noColor.hasBuiltInToString(arg.As<Object>())) {
        const std::string str = js.toStringOr(arg, "\x01");
        if (str != "\x01")
            return str;
    }
    InspectOptions o = options;
    o.colors = false;
    o.depth = 0;
    return inspectWith(js, arg, o);
}

// %j: JSON.stringify(), with '[Circular]' for circular structures.
std::string formatJsonSpecifier(const JsAccess& js, Local<Value> arg)
{
    TryCatch tc(js.isolate());
    Local<String> json;
    if (v8::JSON::Stringify(js.context(), arg).ToLocal(&json))
        return js.utf8(json);
    const Local<Value> exception = tc.Exception();
    const std::string message = exception.IsEmpty() || !exception->IsObject()
        ? std::string()
        : js.toStringOr(js.dataProperty(exception.As<Object>(), js.m_message), "");
    if (startsWith(message, "Converting circular structure to JSON"))
        return "[Circular]";
    // Node would throw from console.log here; we print the error instead.
    return exception.IsEmpty() ? std::string("undefined")
                               : "[" + js.toStringOr(exception, "Error") + "]";
}

// %d, %i and %f
std::string formatNumericSpecifier(const JsAccess& js, Local<Value> arg, char16_t specifier)
{
    Inspector noColor(js, InspectOptions());
    if (arg->IsBigInt() && specifier != u'f')
        return noColor.formatBigInt(arg);
    if (arg->IsSymbol())
        return "NaN";
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (specifier == u'd') {
        TryCatch tc(js.isolate());
        Local<v8::Number> number;
        if (!arg->ToNumber(js.context()).ToLocal(&number))
            return "NaN";
        return noColor.formatNumber(number->Value());
    }
    const std::string text = js.toStringOr(arg, "\x01");
    if (text == "\x01")
        return noColor.formatNumber(nan);
    const std::u16string text16 = utf8ToUtf16(text);
    return noColor.formatNumber(specifier == u'i' ? parseIntLikeJs(text16)
                                                  : parseFloatLikeJs(text16));
}

std::string formatWithOptionsInternal(const JsAccess& js, const InspectOptions& options,
                                      const std::vector<Local<Value>>& args)
{
    std::string str;
    std::size_t a = 0;
    std::string join;
    if (!args.empty() && args[0]->IsString()) {
        const std::u16string first = js.utf16(args[0].As<String>());
        if (args.size() == 1)
            return utf16ToUtf8(first);
        const auto slice = [&](std::size_t from, std::size_t to) {
            appendUtf16AsUtf8(str, std::u16string_view(first).substr(from, to - from));
        };
        std::size_t lastPos = 0;
        for (std::size_t i = 0; i + 1 < first.size(); ++i) {
            if (first[i] != u'%')
                continue;
            const char16_t nextChar = first[++i];
            if (a + 1 != args.size()) {
                std::string tempStr;
                switch (nextChar) {
                case u's': tempStr = formatStringSpecifier(js, args[++a], options); break;
                case u'j': tempStr = formatJsonSpecifier(js, args[++a]); break;
                case u'd':
                case u'i':
                case u'f': tempStr = formatNumericSpecifier(js, args[++a], nextChar); break;
                case u'O': tempStr = inspectWith(js, args[++a], options); break;
                case u'o': {
                    InspectOptions o = options;
                    o.showHidden = true;
                    o.showProxy = true;
                    o.depth = 4;
                    tempStr = inspectWith(js, args[++a], o);
                    break;
                }
                case u'c': ++a; break;
                case u'%':
                    slice(lastPos, i);
                    lastPos = i + 1;
                    continue;
                default: continue; // not a placeholder
                }
                if (lastPos != i - 1)
                    slice(lastPos, i - 1);
                str += tempStr;
                lastPos = i + 1;
            } else if (nextChar == u'%') {
                slice(lastPos, i);
                lastPos = i + 1;
            }
        }
        if (lastPos != 0) {
            ++a;
            join = " ";
            if (lastPos < first.size())
                slice(lastPos, first.size());
        }
    }
    for (; a < args.size(); ++a) {
        str += join;
        str += args[a]->IsString() ? js.utf8(args[a].As<String>())
                                   : inspectWith(js, args[a], options);
        join = " ";
    }
    return str;
}

// --- console.table -------------------------------------------------------------------------

// Node's _inspect() inside console.table().
std::string inspectTableCell(const JsAccess& js, Local<Value> v)
{
    InspectOptions options;
    options.depth = 0;
    options.maxArrayLength = 3;
    options.breakLength = std::numeric_limits<long long>::max() / 4;
    if (isTypeofObject(v) && !v->IsArray()) {
        const Local<Object> target = js.unwrapProxy(v.As<Object>());
        TryCatch tc(js.isolate());
        Local<Array> keys;
        if (!target.IsEmpty()
            && target->GetOwnPropertyNames(js.context(),
                                           static_cast<v8::PropertyFilter>(v8::ONLY_ENUMERABLE
                                                                           | v8::SKIP_SYMBOLS))
                   .ToLocal(&keys)
            && keys->Length() > 2)
            options.depth = -1;
    }
    return inspectWith(js, v, options);
}

// The property keys of an object in the order Object.keys() lists them (array indices first).
class ColumnMap final {
public:
    std::vector<std::string>& column(const std::string& key)
    {
        for (auto& [k, cells] : m_columns) {
            if (k == key)
                return cells;
        }
        m_columns.emplace_back(key, std::vector<std::string>());
        return m_columns.back().second;
    }
    std::vector<std::pair<std::string, std::vector<std::string>>> ordered() const
    {
        auto result = m_columns;
        std::stable_sort(result.begin(), result.end(), [](const auto& x, const auto& y) {
            const double ix = arrayIndex(x.first);
            const double iy = arrayIndex(y.first);
            if (ix >= 0 && iy >= 0)
                return ix < iy;
            return ix >= 0 && iy < 0;
        });
        return result;
    }

private:
    // The value of a canonical array index, or -1.
    static double arrayIndex(const std::string& key)
    {
        if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0'))
            return -1;
        if (!std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return -1;
        const double v = std::stod(key);
        return v <= 4294967294.0 ? v : -1;
    }
    std::vector<std::pair<std::string, std::vector<std::string>>> m_columns;
};

void setCell(std::vector<std::string>& column, std::size_t row, std::string text)
{
    if (column.size() <= row)
        column.resize(row + 1);
    column[row] = std::move(text);
}

std::vector<std::string> indexColumn(const JsAccess& js, std::size_t length)
{
    std::vector<std::string> column;
    for (std::size_t i = 0; i < length; ++i)
        column.push_back(inspectTableCell(js, v8::Number::New(js.isolate(), double(i))));
    return column;
}

// A value for a cell: data properties as they are, accessors as Node labels them.
std::string tableCellOf(const JsAccess& js, Local<Object> item, Local<Value> key)
{
    const PropertyDesc desc = js.ownProperty(item, key);
    if (desc.isAccessor)
        return desc.hasGetter ? (desc.hasSetter ? "[Getter/Setter]" : "[Getter]") : "[Setter]";
    return inspectTableCell(js, desc.value.IsEmpty() ? v8::Undefined(js.isolate()).As<Value>()
                                                     : desc.value);
}

std::string formatTableImpl(const JsAccess& js, Local<Value> data, Local<Value> properties)
{
    Isolate* isolate = js.isolate();
    if (!isTypeofObject(data))
        return formatWithOptionsInternal(js, InspectOptions(), {data});
    Local<Object> tabularData = js.unwrapProxy(data.As<Object>());
    if (tabularData.IsEmpty())
        return formatWithOptionsInternal(js, InspectOptions(), {data});

    // Map, Set and their iterators: "(iteration index)", "Key", "Values".
    Local<Array> entries;
    bool isKeyValue = false;
    const bool mapIter = tabularData->IsMapIterator();
    const bool setIter = tabularData->IsSetIterator();
    {
        TryCatch tc(isolate);
        if (mapIter || setIter) {
            if (!tabularData->PreviewEntries(&isKeyValue).ToLocal(&entries))
                entries = Array::New(isolate);
        } else if (tabularData->IsMap()) {
            entries = tabularData.As<v8::Map>()->AsArray();
            isKeyValue = true;
        } else if (tabularData->IsSet()) {
            entries = tabularData.As<v8::Set>()->AsArray();
        }
    }
    const auto element = [&](uint32_t i) {
        Local<Value> v;
        TryCatch tc(isolate);
        return entries->Get(js.context(), i).ToLocal(&v) ? v : v8::Undefined(isolate).As<Value>();
    };
    if (!entries.IsEmpty() && isKeyValue) {
        std::vector<std::string> keys;
        std::vector<std::string> values;
        for (uint32_t i = 0; i + 1 < entries->Length(); i += 2) {
            keys.push_back(inspectTableCell(js, element(i)));
            values.push_back(inspectTableCell(js, element(i + 1)));
        }
        return renderCliTable({"(iteration index)", "Key", "Values"},
                              {indexColumn(js, keys.size()), keys, values});
    }
    if (!entries.IsEmpty()) {
        std::vector<std::string> values;
        for (uint32_t i = 0; i < entries->Length(); ++i)
            values.push_back(inspectTableCell(js, element(i)));
        return renderCliTable({"(iteration index)", "Values"},
                              {indexColumn(js, values.size()), values});
    }

    // Any other object: one row per own enumerable key.
    std::vector<Local<Value>> propertyFilter;
    const bool hasProperties = properties->IsArray();
    if (hasProperties) {
        const Local<Array> list = properties.As<Array>();
        for (uint32_t i = 0; i < list->Length(); ++i) {
            Local<Value> key;
            TryCatch tc(isolate);
            if (!list->Get(js.context(), i).ToLocal(&key) || key->IsSymbol())
                continue; // symbol keys never become columns (Object.keys skips them)
            Local<String> name;
            if (key->ToString(js.context()).ToLocal(&name))
                propertyFilter.push_back(name);
        }
    }
    Local<Array> indexKeys;
    {
        TryCatch tc(isolate);
        if (!tabularData
                 ->GetOwnPropertyNames(js.context(),
                                       static_cast<v8::PropertyFilter>(v8::ONLY_ENUMERABLE
                                                                       | v8::SKIP_SYMBOLS),
                                       v8::KeyConversionMode::kConvertToString)
                 .ToLocal(&indexKeys))
            indexKeys = Array::New(isolate);
    }
    ColumnMap map;
    bool hasPrimitives = false;
    std::vector<std::string> valuesColumn;
    std::vector<std::string> indexColumnCells;
    for (uint32_t i = 0; i < indexKeys->Length(); ++i) {
        HandleScope scope(isolate);
        Local<Value> indexKey;
        {
            TryCatch tc(isolate);
            if (!indexKeys->Get(js.context(), i).ToLocal(&indexKey))
                indexKey = js.str("");
        }
        indexColumnCells.push_back(js.toStringOr(indexKey, ""));
        const Local<Value> item = js.dataProperty(tabularData, indexKey);
        const bool primitive = !item->IsObject();
        if (!hasProperties && primitive) {
            hasPrimitives = true;
            setCell(valuesColumn, i, inspectTableCell(js, item));
            continue;
        }
        std::vector<Local<Value>> keys = propertyFilter;
        if (!hasProperties) {
            const Local<Object> target = js.unwrapProxy(item.As<Object>());
            TryCatch tc(isolate);
            Local<Array> names;
            if (!target.IsEmpty()
                && target
                       ->GetOwnPropertyNames(
                           js.context(),
                           static_cast<v8::PropertyFilter>(v8::ONLY_ENUMERABLE | v8::SKIP_SYMBOLS),
                           v8::KeyConversionMode::kConvertToString)
                       .ToLocal(&names)) {
                for (uint32_t k = 0; k < names->Length(); ++k) {
                    Local<Value> name;
                    if (names->Get(js.context(), k).ToLocal(&name))
                        keys.push_back(name);
                }
            }
        }
        for (const Local<Value>& key : keys) {
            std::vector<std::string>& column = map.column(js.toStringOr(key, ""));
            if (primitive || !js.hasOwn(item.As<Object>(), key))
                setCell(column, i, "");
            else
                setCell(column, i, tableCellOf(js, item.As<Object>(), key));
        }
    }
    std::vector<std::string> head = {"(index)"};
    std::vector<std::vector<std::string>> columns = {indexColumnCells};
    for (auto& [key, cells] : map.ordered()) {
        head.push_back(key);
        columns.push_back(cells);
    }
    if (hasPrimitives) {
        head.push_back("Values");
        columns.push_back(valuesColumn);
    }
    return renderCliTable(head, columns);
}

} // namespace

std::string formatValue(Local<Context> context, Local<Value> value, const FormatOptions& options)
{
    return guarded(context, [&](const JsAccess& js) {
        return inspectWith(js, value, toInspectOptions(options));
    });
}

std::string formatLogArguments(Local<Context> context, const std::vector<Local<Value>>& args,
                               const FormatOptions& options)
{
    return guarded(context, [&](const JsAccess& js) {
        return formatWithOptionsInternal(js, toInspectOptions(options), args);
    });
}

std::string formatTable(Local<Context> context, Local<Value> data, Local<Value> properties)
{
    return guarded(context, [&](const JsAccess& js) {
        return formatTableImpl(js, data, properties);
    });
}

} // namespace nano::api
