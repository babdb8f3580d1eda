#pragma once

// Node's util.inspect() (lib/internal/util/inspect.js of Node 20) on the V8 API. Method names
// follow Node's function names so the two can be read side by side; deliberate differences are
// noted where they occur. The implementation is split by topic:
//   formatter_inspect.cpp  values, objects, constructor names, keys and properties
//   formatter_entries.cpp  entries of arrays, typed arrays, buffers, Map/Set, iterators, Promise
//   formatter_errors.cpp   functions, classes, boxed primitives and errors
//   formatter_custom.cpp   the custom inspection hook (nodejs.util.inspect.custom)
// Internal to engine/api/console; the public entry points are in formatter.h.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <v8.h>

#include "engine/api/console/formatter_access.h"
#include "engine/api/console/formatter_layout.h"
#include "engine/api/console/formatter_text.h"

namespace nano::api::formatter_detail {

// The options of one inspect() call, in Node's terms (FormatOptions plus what util.format()
// and console.table() set internally).
struct InspectOptions {
    double depth = 2; // negative: only the top level; infinite: no limit
    bool colors = false;
    bool showHidden = false;
    bool showProxy = false;
    long long maxArrayLength = 100;
    long long maxStringLength = 10000;
    long long breakLength = 80;
    bool sorted = false;
    bool customInspect = true;
};

// A constructor name as Node's getConstructorName() returns it; nullopt is Node's `null`
// (no constructor found on a null-terminated prototype chain).
using Constructor = std::optional<std::string>;

// A property to print: a real key (string or symbol), or a value that Node reads through a
// built-in prototype getter (ArrayBuffer byteLength, the DataView fields) that we read natively.
struct PropertyKey {
    v8::Local<v8::Value> key;
    v8::Local<v8::Value> virtualValue; // set for the virtual ones
};

// Which of Node's formatters produces the entries printed before the own properties.
enum class EntriesKind {
    None,
    Array,
    Set,
    Map,
    TypedArray,
    Iterator,
    ArrayBuffer,
    Promise,
    WeakSet,
    WeakMap,
    WeakUnknown,
    Namespace
};

// Everything formatRaw() decides about a value before it formats its entries.
struct RawParts {
    std::vector<PropertyKey> keys;
    std::string base;
    std::string open = "{";
    std::string close = "}";
    EntriesKind entries = EntriesKind::None;
    ExtrasType extrasType = ExtrasType::Object;
    std::optional<std::string> result; // set when the value is fully formatted already
};

// One util.inspect() call: Node's `ctx`. Cheap to create; not reusable across calls.
class Inspector final {
public:
    Inspector(const JsAccess& js, const InspectOptions& options);

    std::string inspect(v8::Local<v8::Value> value) { return formatValue(value, 0); }

    // Node's formatNumber() / formatBigInt() (no numeric separators).
    std::string formatNumber(double number) const;
    std::string formatBigInt(v8::Local<v8::Value> bigint) const;

    // Node's hasBuiltInToString(): %s inspects objects whose toString() is a built-in one and
    // converts the others with String().
    bool hasBuiltInToString(v8::Local<v8::Object> value) const;

private:
    // formatter_inspect.cpp
    std::string stylize(std::string_view text, Style style) const
    {
        return formatter_detail::stylize(text, style, m_options.colors);
    }
    std::string numberToString(double number) const;
    bool depthExceeded(int recurseTimes) const { return recurseTimes > m_options.depth; }
    std::string formatValue(v8::Local<v8::Value> value, int recurseTimes, bool typedArray = false);
    std::string formatPrimitive(v8::Local<v8::Value> value, bool colors);
    std::string formatString(v8::Local<v8::String> value, bool colors);
    std::string formatProxy(v8::Local<v8::Proxy> proxy, int recurseTimes);
    std::optional<std::string> formatCustom(v8::Local<v8::Object> value,
                                            v8::Local<v8::Object> receiver, int recurseTimes);
    v8::Local<v8::Object> userOptions() const;
    std::string circularReference(v8::Local<v8::Object> value);
    std::string formatRaw(v8::Local<v8::Object> value, int recurseTimes, bool typedArray);
    bool classifyIterable(v8::Local<v8::Object> value, const Constructor& constructor,
                          const std::string& tag, bool hasProtoProps, RawParts& parts);
    void classifyObject(v8::Local<v8::Object> value, const Constructor& constructor,
                        const std::string& tag, int recurseTimes, bool typedArray,
                        bool hasProtoProps, RawParts& parts);
    Constructor getConstructorName(v8::Local<v8::Object> obj, int recurseTimes,
                                   std::vector<std::string>* protoProps);
    void addPrototypeProperties(v8::Local<v8::Object> main, v8::Local<v8::Object> obj,
                                int recurseTimes, std::vector<std::string>& output);
    std::string getToStringTag(v8::Local<v8::Object> value);
    std::vector<PropertyKey> getKeys(v8::Local<v8::Object> value, bool nonIndexOnly);
    std::string getCtxStyle(v8::Local<v8::Object> value, const Constructor& constructor,
                            const std::string& tag) const;
    std::string formatProperty(v8::Local<v8::Object> value, int recurseTimes,
                               const PropertyKey& key, bool arrayElement,
                               const PropertyDesc* knownDesc = nullptr);
    std::string propertyName(v8::Local<v8::Value> key, bool enumerable) const;

    // formatter_entries.cpp
    std::vector<std::string> formatEntries(v8::Local<v8::Object> value, int recurseTimes,
                                           RawParts& parts);
    std::vector<std::string> formatArray(v8::Local<v8::Array> value, int recurseTimes);
    std::vector<std::string> formatSpecialArray(v8::Local<v8::Array> value, int recurseTimes,
                                                long long maxLength,
                                                std::vector<std::string> output, uint32_t i);
    std::vector<std::string> formatTypedArray(v8::Local<v8::TypedArray> value, int recurseTimes);
    std::vector<std::string> formatArrayBuffer(v8::Local<v8::Object> value);
    std::vector<std::string> formatSet(v8::Local<v8::Set> value, int recurseTimes);
    std::vector<std::string> formatMap(v8::Local<v8::Map> value, int recurseTimes);
    std::vector<std::string> formatSetIterInner(int recurseTimes, v8::Local<v8::Array> entries,
                                                bool weak);
    std::vector<std::string> formatMapIterInner(int recurseTimes, v8::Local<v8::Array> entries,
                                                bool weak);
    std::vector<std::string> formatIterator(v8::Local<v8::Object> value, int recurseTimes,
                                            std::string& open);
    std::vector<std::string> formatPromise(v8::Local<v8::Promise> value, int recurseTimes);
    std::vector<std::string> formatNamespaceObject(v8::Local<v8::Object> value, int recurseTimes,
                                                   std::vector<PropertyKey>& keys);

    // formatter_errors.cpp
    std::string getFunctionBase(v8::Local<v8::Function> value, const Constructor& constructor,
                                const std::string& tag);
    std::string getClassBase(v8::Local<v8::Function> value, const Constructor& constructor,
                             const std::string& tag);
    std::string getBoxedBase(v8::Local<v8::Object> value, std::vector<PropertyKey>& keys,
                             const Constructor& constructor, const std::string& tag);
    std::string formatError(v8::Local<v8::Object> err, const Constructor& constructor,
                            const std::string& tag, std::vector<PropertyKey>& keys);
    std::string getStackString(v8::Local<v8::Object> error) const;
    std::vector<std::string> getStackFrames(v8::Local<v8::Object> err, const std::string& stack);
    std::string improveStack(std::string stack, const Constructor& constructor,
                             const std::string& name, const std::string& tag) const;
    void removeDuplicateErrorKeys(std::vector<PropertyKey>& keys, v8::Local<v8::Object> err,
                                  const std::string& stack) const;

    std::string keyString(const PropertyKey& key) const;
    bool hasKey(const std::vector<PropertyKey>& keys, const std::string& name) const;

    const JsAccess& m_js;
    InspectOptions m_options;
    LayoutState m_layout;
    // Objects on the current path (Node's ctx.seen); they outlive every use, see formatRaw().
    std::vector<v8::Local<v8::Object>> m_seen;
    // Objects found to be circular and their reference number; Globals because the Local of
    // the value that closed the circle belongs to an inner HandleScope.
    std::vector<std::pair<v8::Global<v8::Object>, int>> m_circular;
    int m_nesting = 0; // formatRaw() recursion, bounded by kMaxNesting
};

// Node's getPrefix(): "Foo(3) [tag] " or "[Fallback(3): null prototype] [tag] ".
std::string getPrefix(const Constructor& constructor, const std::string& tag,
                      const std::string& fallback, const std::string& size = "");
// Node's builtInObjects: the constructor-like globals of Node, which tell built-in prototypes
// from user classes.
bool isBuiltInObjectName(const std::string& name);
// "Uint8Array" etc. for a typed array, and its element size.
const char* typedArrayName(v8::Local<v8::Value> value);
int typedArrayElementSize(v8::Local<v8::Value> value);
// "... n more item(s)"
std::string remainingText(long long remaining);

} // namespace nano::api::formatter_detail
