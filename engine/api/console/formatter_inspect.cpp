#include "engine/api/console/formatter_inspect.h"
#include "bind/class_builder.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace nano::api::formatter_detail {

using v8::Array;
using v8::Function;
using v8::HandleScope;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::String;
using v8::TryCatch;
using v8::Value;

namespace {

constexpr int kMaxNesting = 1000; // C++ stack guard for `depth: Infinity`

} // namespace

// The globals of Node whose name looks like a constructor (Node's `builtInObjects`), used to
// tell built-in prototypes from user classes.
bool isBuiltInObjectName(const std::string& name)
{
    static const char* const names[] = {"Object",
                                        "Function",
                                        "Array",
                                        "Number",
                                        "Infinity",
                                        "NaN",
                                        "Boolean",
                                        "String",
                                        "Symbol",
                                        "Date",
                                        "Promise",
                                        "RegExp",
                                        "Error",
                                        "AggregateError",
                                        "EvalError",
                                        "RangeError",
                                        "ReferenceError",
                                        "SyntaxError",
                                        "TypeError",
                                        "URIError",
                                        "JSON",
                                        "Math",
                                        "Intl",
                                        "ArrayBuffer",
                                        "Uint8Array",
                                        "Int8Array",
                                        "Uint16Array",
                                        "Int16Array",
                                        "Uint32Array",
                                        "Int32Array",
                                        "Float32Array",
                                        "Float64Array",
                                        "Uint8ClampedArray",
                                        "BigUint64Array",
                                        "BigInt64Array",
                                        "DataView",
                                        "Map",
                                        "BigInt",
                                        "Set",
                                        "WeakMap",
                                        "WeakSet",
                                        "Proxy",
                                        "Reflect",
                                        "FinalizationRegistry",
                                        "WeakRef",
                                        "Buffer",
                                        "URL",
                                        "URLSearchParams",
                                        "DOMException",
                                        "AbortController",
                                        "AbortSignal",
                                        "Event",
                                        "EventTarget",
                                        "TextEncoder",
                                        "TextDecoder",
                                        "TransformStream",
                                        "TransformStreamDefaultController",
                                        "WritableStream",
                                        "WritableStreamDefaultController",
                                        "WritableStreamDefaultWriter",
                                        "ReadableStream",
                                        "ReadableStreamDefaultReader",
                                        "ReadableStreamBYOBReader",
                                        "ReadableStreamBYOBRequest",
                                        "ReadableByteStreamController",
                                        "ReadableStreamDefaultController",
                                        "ByteLengthQueuingStrategy",
                                        "CountQueuingStrategy",
                                        "TextEncoderStream",
                                        "TextDecoderStream",
                                        "CompressionStream",
                                        "DecompressionStream",
                                        "BroadcastChannel",
                                        "MessageChannel",
                                        "MessagePort",
                                        "MessageEvent",
                                        "Blob",
                                        "File",
                                        "Performance",
                                        "PerformanceEntry",
                                        "PerformanceMark",
                                        "PerformanceMeasure",
                                        "PerformanceObserver",
                                        "PerformanceObserverEntryList",
                                        "PerformanceResourceTiming",
                                        "FormData",
                                        "Headers",
                                        "Request",
                                        "Response",
                                        "SharedArrayBuffer",
                                        "Atomics",
                                        "WebAssembly",
                                        "Crypto",
                                        "CryptoKey",
                                        "SubtleCrypto",
                                        "CustomEvent"};
    return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

std::string remainingText(long long remaining)
{
    return "... " + std::to_string(remaining) + " more item" + (remaining > 1 ? "s" : "");
}

// Node's getPrefix(): "Foo(3) [tag] " or "[Fallback(3): null prototype] [tag] ".
std::string getPrefix(const Constructor& constructor, const std::string& tag,
                      const std::string& fallback, const std::string& size)
{
    if (!constructor) {
        if (!tag.empty() && fallback != tag)
            return "[" + fallback + size + ": null prototype] [" + tag + "] ";
        return "[" + fallback + size + ": null prototype] ";
    }
    if (!tag.empty() && *constructor != tag) return *constructor + size + " [" + tag + "] ";
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

Inspector::Inspector(const JsAccess& js, const InspectOptions& options)
    : m_js(js)
    , m_options(options)
{
    m_layout.breakLength = options.breakLength;
    m_layout.maxArrayLength = options.maxArrayLength;
    m_layout.colors = options.colors;
}

std::string Inspector::formatNumber(double number) const
{
    // -0 prints as "-0" (String(-0) is "0").
    if (number == 0 && std::signbit(number)) return stylize("-0", Style::Number);
    return stylize(numberToString(number), Style::Number);
}

std::string Inspector::formatBigInt(Local<Value> bigint) const
{
    return stylize(m_js.toStringOr(bigint, "0") + "n", Style::BigInt);
}

std::string Inspector::numberToString(double number) const
{
    Local<String> s;
    TryCatch tc(m_js.isolate());
    if (!v8::Number::New(m_js.isolate(), number)->ToString(m_js.context()).ToLocal(&s))
        return "NaN";
    return m_js.utf8(s);
}

std::string Inspector::keyString(const PropertyKey& key) const
{
    return key.key->IsString() ? m_js.utf8(key.key.As<String>()) : std::string();
}

bool Inspector::hasKey(const std::vector<PropertyKey>& keys, const std::string& name) const
{
    return std::any_of(keys.begin(), keys.end(), [&](const PropertyKey& k) {
        return k.key->IsString() && keyString(k) == name;
    });
}

// --- values --------------------------------------------------------------------------------

std::string Inspector::formatValue(Local<Value> value, int recurseTimes, bool typedArray)
{
    if (!value->IsObject()) return formatPrimitive(value, m_options.colors);
    Local<Object> object = value.As<Object>();
    const Local<Object> receiver = object; // a custom hook is called on the Proxy itself
    if (object->IsProxy()) {
        // Proxies are shown through their target so that no trap runs. Unlike Node we unwrap
        // nested Proxies too, for the same reason.
        if (m_js.unwrapProxy(object).IsEmpty()) return stylize("<Revoked Proxy>", Style::Special);
        if (m_options.showProxy) return formatProxy(object.As<v8::Proxy>(), recurseTimes);
        object = m_js.unwrapProxy(object);
    }
    if (std::optional<std::string> custom = formatCustom(object, receiver, recurseTimes))
        return *custom;
    for (const Local<Object>& seen : m_seen) {
        if (seen == object) return circularReference(object);
    }
    return formatRaw(object, recurseTimes, typedArray);
}

std::string Inspector::circularReference(Local<Object> value)
{
    int index = 0;
    for (const auto& [object, i] : m_circular) {
        if (object == value) index = i;
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
    if (value->IsString()) return formatString(value.As<String>(), colors);
    if (value->IsNumber()) {
        const double number = value.As<v8::Number>()->Value();
        if (number == 0 && std::signbit(number)) return style("-0", Style::Number);
        return style(numberToString(number), Style::Number);
    }
    if (value->IsBigInt()) return style(m_js.toStringOr(value, "0") + "n", Style::BigInt);
    if (value->IsBoolean()) return style(value->IsTrue() ? "true" : "false", Style::Boolean);
    if (value->IsUndefined()) return style("undefined", Style::Undefined);
    if (value->IsNull()) return style("null", Style::Null);
    if (value->IsSymbol()) return style(m_js.symbolToString(value.As<v8::Symbol>()), Style::Symbol);
    return style(m_js.toStringOr(value, ""), Style::Special);
}

std::string Inspector::formatString(Local<String> value, bool colors)
{
    std::u16string text = m_js.utf16(value);
    std::string trailer;
    if (static_cast<long long>(text.size()) > m_options.maxStringLength) {
        const long long remaining = static_cast<long long>(text.size()) - m_options.maxStringLength;
        text.resize(std::size_t(m_options.maxStringLength));
        trailer =
            "... " + std::to_string(remaining) + " more character" + (remaining > 1 ? "s" : "");
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
            if (start != 0) out += " +\n" + spaces(m_layout.indentationLvl + 2);
            out += formatter_detail::stylize(
                quoteJsString(std::u16string_view(text).substr(start, end - start)), Style::String,
                colors);
            start = end;
        }
        return out + trailer;
    }
    return formatter_detail::stylize(quoteJsString(text), Style::String, colors) + trailer;
}

std::string Inspector::formatProxy(Local<v8::Proxy> proxy, int recurseTimes)
{
    if (depthExceeded(recurseTimes)) return stylize("Proxy [Array]", Style::Special);
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
    if (m_options.showHidden && !depthExceeded(recurseTimes)) protoProps = &protoPropsStorage;
    const Constructor constructor = getConstructorName(value, recurseTimes, protoProps);
    const bool hasProtoProps = !protoPropsStorage.empty();
    const std::string tag = getToStringTag(value);

    RawParts parts;
    const bool iterable =
        !constructor || m_js.hasProperty(value, v8::Symbol::GetIterator(m_js.isolate()));
    if (!iterable || !classifyIterable(value, constructor, tag, hasProtoProps, parts))
        classifyObject(value, constructor, tag, recurseTimes, typedArray, hasProtoProps, parts);
    if (parts.result) return *parts.result;

    if (depthExceeded(recurseTimes)) {
        std::string name = getCtxStyle(value, constructor, tag);
        name.pop_back();
        if (constructor) name = "[" + name + "]";
        return stylize(name, Style::Special);
    }
    if (m_nesting >= kMaxNesting) {
        std::string name = getCtxStyle(value, constructor, tag);
        name.pop_back();
        return stylize("[" + name +
                           ": Inspection interrupted prematurely. Maximum call stack "
                           "size exceeded.]",
                       Style::Special);
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
            const std::string reference =
                stylize("<ref *" + std::to_string(index) + ">", Style::Special);
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

    // Node checks `typeof value[i]` for every output entry to choose the column alignment.
    std::function<bool()> allNumeric;
    const std::size_t count = output.size();
    if (value->IsTypedArray()) {
        const std::size_t length = value.As<v8::TypedArray>()->Length();
        allNumeric = [count, length] { return count <= length; };
    } else if (value->IsArray()) {
        allNumeric = [this, value, count] {
            for (uint32_t i = 0; i < count; ++i) {
                const Local<Value> v = m_js.dataProperty(value, m_js.indexKey(i));
                if (!v->IsNumber() && !v->IsBigInt()) return false;
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
        const std::string prefix =
            (constructor != std::string("Array") || !tag.empty())
                ? getPrefix(constructor, tag, "Array", "(" + std::to_string(length) + ")")
                : std::string();
        parts.keys = getKeys(value, true);
        parts.open = prefix + "[";
        parts.close = "]";
        if (length == 0 && parts.keys.empty() && !hasProtoProps) parts.result = parts.open + "]";
        parts.extrasType = ExtrasType::ArrayExtras;
        parts.entries = EntriesKind::Array;
    } else if (value->IsSet() || value->IsMap()) {
        const bool isSet = value->IsSet();
        const std::size_t size = isSet ? value.As<v8::Set>()->Size() : value.As<v8::Map>()->Size();
        const std::string prefix =
            getPrefix(constructor, tag, isSet ? "Set" : "Map", "(" + std::to_string(size) + ")");
        parts.keys = getKeys(value, false);
        parts.entries = isSet ? EntriesKind::Set : EntriesKind::Map;
        if (size == 0 && parts.keys.empty() && !hasProtoProps) parts.result = prefix + "{}";
        parts.open = prefix + "{";
    } else if (value->IsTypedArray()) {
        parts.keys = getKeys(value, true);
        const std::string fallback = constructor ? "" : typedArrayName(value);
        const std::size_t length = value.As<v8::TypedArray>()->Length();
        const std::string prefix =
            getPrefix(constructor, tag, fallback, "(" + std::to_string(length) + ")");
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
            if (!braceTag.empty()) braceTag += "] [";
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
    // Map-like platform objects (URLSearchParams) show their pairs instead, laid out the way
    // Node's own inspect of URLSearchParams does.
    const Local<Array> pairs = bind::inspectedPairs(m_js.isolate(), value);
    if (!pairs.IsEmpty()) {
        std::vector<std::string> output;
        long long length = -2; // without the last ", "
        for (uint32_t i = 0; i + 1 < pairs->Length(); i += 2) {
            output.push_back(formatValue(m_js.element(pairs, i), recurseTimes + 1) + " => " +
                             formatValue(m_js.element(pairs, i + 1), recurseTimes + 1));
            length += static_cast<long long>(lengthWithoutColors(output.back())) + 2;
        }
        const std::string name = constructor ? *constructor : tag;
        const bool multiline = length > m_options.breakLength;
        std::string text = name + (output.empty() ? " {" : multiline ? " {\n  " : " { ");
        for (size_t i = 0; i < output.size(); ++i)
            text += (i ? (multiline ? ",\n  " : ", ") : "") + output[i];
        parts.result = text + (output.empty() ? "}" : " }");
        return;
    }
    // Our platform objects (URL, Blob, CryptoKey, ...) show their attributes first, as Node
    // shows its own objects; they are read from C++ state, so no script runs. Errors
    // (DOMException) show their stack instead, as Node's do.
    std::vector<PropertyKey> attributes;
    if (!m_js.isError(value)) {
        for (const auto& [name, attribute] : bind::inspectedAttributes(m_js.isolate(), value))
            attributes.push_back(PropertyKey{m_js.str(name), attribute});
    }
    parts.keys.insert(parts.keys.begin(), attributes.begin(), attributes.end());
    const bool noKeys = parts.keys.empty() && !hasProtoProps;
    if (value->IsFunction()) {
        parts.base = getFunctionBase(value.As<Function>(), constructor, tag);
        if (noKeys) parts.result = stylize(parts.base, Style::Special);
    } else if (constructor == std::string("Object")) {
        if (value->IsArgumentsObject())
            parts.open = "[Arguments] {";
        else if (!tag.empty())
            parts.open = getPrefix(constructor, tag, "Object") + "{";
        if (noKeys) parts.result = parts.open + "}";
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
        if (noKeys) parts.result = stylize(parts.base, Style::Date);
    } else if (m_js.isError(value)) {
        parts.base = formatError(value, constructor, tag, parts.keys);
        if (parts.keys.empty() && !hasProtoProps) parts.result = parts.base;
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
        parts.keys.insert(
            parts.keys.begin(),
            PropertyKey{m_js.str("byteLength"), v8::Number::New(m_js.isolate(), byteLength)});
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
    } else if (value->IsNumberObject() || value->IsStringObject() || value->IsBooleanObject() ||
               value->IsBigIntObject() || value->IsSymbolObject()) {
        parts.base = getBoxedBase(value, parts.keys, constructor, tag);
        if (parts.keys.empty() && !hasProtoProps) parts.result = parts.base;
    } else {
        if (noKeys) {
            if (value->IsExternal()) {
                const auto address = reinterpret_cast<uintptr_t>(value.As<v8::External>()->Value());
                parts.result = stylize("[External: " + toHex(address) + "]", Style::Special);
                return;
            }
            parts.result = getCtxStyle(value, constructor, tag) + "{}";
        }
        parts.open = getCtxStyle(value, constructor, tag) + "{";
    }
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
        const PropertyDesc desc = m_js.ownProperty(o, m_js.names().constructor);
        if (desc.exists && !desc.isAccessor && desc.value->IsFunction()) {
            const std::string name = m_js.functionName(desc.value.As<Object>());
            if (!name.empty() && m_js.isInstanceOf(tmp, desc.value.As<Function>())) {
                if (protoProps && (firstProto != o || !isBuiltInObjectName(name)))
                    addPrototypeProperties(tmp,
                                           firstProto.IsEmpty() ? tmp : firstProto.As<Object>(),
                                           recurseTimes, *protoProps);
                return name;
            }
        }
        current = m_js.prototypeOf(o);
        if (firstProto.IsEmpty()) firstProto = current;
    }
    if (firstProto.IsEmpty() || !firstProto->IsObject()) return std::nullopt;

    const std::string res = m_js.utf8(tmp->GetConstructorName());
    if (depthExceeded(recurseTimes)) return res + " <Complex prototype>";
    const Constructor protoConstr =
        getConstructorName(firstProto.As<Object>(), recurseTimes + 1, protoProps);
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
            if (!proto->IsObject()) return;
            obj = proto.As<Object>();
            const PropertyDesc desc = m_js.ownProperty(obj, m_js.names().constructor);
            if (desc.exists && !desc.isAccessor && desc.value->IsFunction() &&
                isBuiltInObjectName(m_js.functionName(desc.value.As<Object>())))
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
                    keys.push_back(m_js.element(names, i));
            }
        }
        m_seen.push_back(main);
        for (const Local<Value>& key : keys) {
            if ((key->IsString() && m_js.utf8(key.As<String>()) == "constructor") ||
                m_js.hasOwn(main, key) || (depth != 0 && inKeySet(key)))
                continue;
            const PropertyDesc desc = m_js.ownProperty(obj, key);
            if (!desc.isAccessor && !desc.value.IsEmpty() && desc.value->IsFunction()) continue;
            const std::string value = formatProperty(obj, recurseTimes, {key, {}}, false, &desc);
            output.push_back(m_options.colors ? "\x1b[2m" + value + "\x1b[22m" : value);
        }
        m_seen.pop_back();
    }
}

std::string Inspector::getToStringTag(Local<Object> value)
{
    const Local<v8::Symbol> symbol = v8::Symbol::GetToStringTag(m_js.isolate());
    // value[Symbol.toStringTag], as Node reads it: a getter runs, and its exception propagates.
    const Local<Value> tag = m_js.get(value, symbol);
    if (!tag->IsString() || tag.As<String>()->Length() == 0) return {};
    // Only list the tag when it is not an own (enumerable) property, or it would print twice.
    const PropertyDesc own = m_js.ownProperty(value, symbol);
    if (own.exists && (m_options.showHidden || own.enumerable)) return {};
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
        ok = value
                 ->GetPropertyNames(m_js.context(), v8::KeyCollectionMode::kOwnOnly, filter,
                                    v8::IndexFilter::kSkipIndices,
                                    v8::KeyConversionMode::kConvertToString)
                 .ToLocal(&names);
    } else {
        ok = value
                 ->GetOwnPropertyNames(m_js.context(), filter,
                                       v8::KeyConversionMode::kConvertToString)
                 .ToLocal(&names);
        if (!ok && value->IsModuleNamespaceObject()) {
            // Enumerability of an uninitialized binding throws: list all names instead.
            tc.Reset();
            ok = value
                     ->GetOwnPropertyNames(m_js.context(), v8::ALL_PROPERTIES,
                                           v8::KeyConversionMode::kConvertToString)
                     .ToLocal(&names);
        }
    }
    if (!ok) return keys;
    keys.reserve(names->Length());
    for (uint32_t i = 0; i < names->Length(); ++i)
        keys.push_back({m_js.element(names, i), {}});
    return keys;
}

std::string Inspector::getCtxStyle(Local<Object> value, const Constructor& constructor,
                                   const std::string& tag) const
{
    std::string fallback;
    if (!constructor) {
        fallback = m_js.utf8(value->GetConstructorName());
        if (fallback == tag) fallback = "Object";
    }
    return getPrefix(constructor, tag, fallback);
}

// --- properties ----------------------------------------------------------------------------

std::string Inspector::formatProperty(Local<Object> value, int recurseTimes, const PropertyKey& key,
                                      bool arrayElement, const PropertyDesc* knownDesc)
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
    if (arrayElement) return str;
    return propertyName(key.key, desc.enumerable) + ": " + str;
}

std::string Inspector::propertyName(Local<Value> key, bool enumerable) const
{
    if (key->IsSymbol()) {
        const std::string text = m_js.symbolToString(key.As<v8::Symbol>());
        return "[" + stylize(escapeJsText(utf8ToUtf16(text)), Style::Symbol) + "]";
    }
    const std::u16string name = key->IsString() ? m_js.utf16(key.As<String>()) : u"";
    if (name == u"__proto__") return "['__proto__']";
    if (!enumerable) return "[" + escapeJsText(name) + "]";
    // /^[a-zA-Z_][a-zA-Z_0-9]*$/
    bool identifier = !name.empty() && !(name[0] >= u'0' && name[0] <= u'9');
    for (const char16_t c : name) {
        identifier = identifier && ((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                                    c == u'_' || (c >= u'0' && c <= u'9'));
    }
    if (identifier) return stylize(utf16ToUtf8(name), Style::Name);
    return stylize(quoteJsString(name), Style::String);
}

bool Inspector::hasBuiltInToString(Local<Object> value) const
{
    value = m_js.unwrapProxy(value);
    if (value.IsEmpty()) return true;
    const Local<Value> toPrimitive = v8::Symbol::GetToPrimitive(m_js.isolate());
    bool checkToString = true;
    bool checkToPrimitive = true;
    // Count objects without `toString` and `Symbol.toPrimitive` functions as built-in.
    if (!m_js.dataProperty(value, m_js.names().toString)->IsFunction()) {
        if (!m_js.dataProperty(value, toPrimitive)->IsFunction()) return true;
        if (m_js.hasOwn(value, toPrimitive)) return false;
        checkToString = false;
    } else if (m_js.hasOwn(value, m_js.names().toString)) {
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
        if (!pointer->IsObject()) return true;
        const Local<Object> p = pointer.As<Object>();
        if ((checkToString && m_js.hasOwn(p, m_js.names().toString)) ||
            (checkToPrimitive && m_js.hasOwn(p, toPrimitive)))
            break;
    }
    if (!pointer->IsObject()) return true;
    const PropertyDesc desc = m_js.ownProperty(pointer.As<Object>(), m_js.names().constructor);
    return desc.exists && !desc.isAccessor && desc.value->IsFunction() &&
           isBuiltInObjectName(m_js.functionName(desc.value.As<Object>()));
}

} // namespace nano::api::formatter_detail
