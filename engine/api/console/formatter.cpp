#include "engine/api/console/formatter.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

#include "bind/strings.h"
#include "engine/api/console/formatter_inspect.h"

#include <QtGlobal>

// The public entry points: util.inspect(), util.formatWithOptions() (Node's
// formatWithOptionsInternal) and console.table() (lib/internal/console/constructor.js).

namespace nano::api {

using namespace formatter_detail;
using v8::Array;
using v8::Context;
using v8::HandleScope;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::String;
using v8::TryCatch;
using v8::Value;

namespace {

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
    o.customInspect = options.customInspect;
    return o;
}

// --- util.format ---------------------------------------------------------------------------

// Runs `body` with the context entered, a HandleScope and a TryCatch. An exception of user
// code (ScriptThrew) is rethrown to our caller; anything else the TryCatch caught escaped a
// finer-grained read that degrades on failure, and is dropped.
template <typename Body> std::optional<std::string> guarded(Local<Context> context, Body&& body)
{
    Isolate* isolate = context->GetIsolate();
    HandleScope scope(isolate);
    Context::Scope contextScope(context);
    TryCatch tc(isolate);
    try {
        return body(JsAccess(context));
    } catch (const ScriptThrew&) {
        if (!tc.HasCaught()) {
            // A TryCatch of ours swallowed the exception on the way: report it as a failure.
            qWarning("%s:%d: console formatter lost a script exception", __FILE__, __LINE__);
            isolate->ThrowException(
                v8::Exception::Error(bind::name(isolate, "The value could not be inspected.")));
        }
        tc.ReThrow();
        return std::nullopt;
    } catch (...) {
        // Only std::bad_alloc can get here; never let it cross into V8.
        return std::string("[Inspection failed]");
    }
}

std::string inspectWith(const JsAccess& js, Local<Value> value, const InspectOptions& options)
{
    return Inspector(js, options).inspect(value);
}

bool isTypeofObject(Local<Value> v)
{
    return v->IsObject() && !v->IsFunction();
}

// %s
std::string formatStringSpecifier(const JsAccess& js, Local<Value> arg,
                                  const InspectOptions& options)
{
    Inspector noColor(js, InspectOptions());
    if (arg->IsNumber()) return noColor.formatNumber(arg.As<v8::Number>()->Value());
    if (arg->IsBigInt()) return noColor.formatBigInt(arg);
    if (!isTypeofObject(arg) || !noColor.hasBuiltInToString(arg.As<Object>()))
        return js.jsString(arg); // String(arg): a throwing toString() propagates
    InspectOptions o = options;
    o.colors = false;
    o.depth = 0;
    return inspectWith(js, arg, o);
}

// %j: Node's tryStringify(): JSON.stringify(), '[Circular]' for circular structures, any other
// exception (a throwing toJSON(), a BigInt) propagates.
std::string formatJsonSpecifier(const JsAccess& js, Local<Value> arg)
{
    TryCatch tc(js.isolate());
    Local<String> json;
    if (v8::JSON::Stringify(js.context(), arg).ToLocal(&json)) return js.utf8(json);
    const Local<Value> exception = tc.Exception();
    const std::string message =
        exception.IsEmpty() || !exception->IsObject()
            ? std::string()
            : js.toStringOr(js.dataProperty(exception.As<Object>(), js.names().message), "");
    if (exception->IsNativeError() && startsWith(message, "Converting circular structure to JSON"))
        return "[Circular]";
    tc.ReThrow();
    throw ScriptThrew();
}

// %d, %i and %f
std::string formatNumericSpecifier(const JsAccess& js, Local<Value> arg, char16_t specifier)
{
    Inspector noColor(js, InspectOptions());
    if (arg->IsBigInt() && specifier != u'f') return noColor.formatBigInt(arg);
    if (arg->IsSymbol()) return "NaN";
    if (specifier == u'd') {
        Local<v8::Number> number; // Number(arg): a throwing valueOf() propagates
        if (!arg->ToNumber(js.context()).ToLocal(&number)) throw ScriptThrew();
        return noColor.formatNumber(number->Value());
    }
    // parseInt(arg) / parseFloat(arg) convert with String(arg) first.
    const std::u16string text16 = utf8ToUtf16(js.jsString(arg));
    return noColor.formatNumber(specifier == u'i' ? parseIntLikeJs(text16)
                                                  : parseFloatLikeJs(text16));
}

// https://console.spec.whatwg.org/#formatter as Node's formatWithOptionsInternal() does it.
std::string formatWithOptionsInternal(const JsAccess& js, const InspectOptions& options,
                                      const std::vector<Local<Value>>& args)
{
    std::string str;
    std::size_t a = 0;
    std::string join;
    if (!args.empty() && args[0]->IsString()) {
        const std::u16string first = js.utf16(args[0].As<String>());
        if (args.size() == 1) return utf16ToUtf8(first);
        const auto slice = [&](std::size_t from, std::size_t to) {
            appendUtf16AsUtf8(str, std::u16string_view(first).substr(from, to - from));
        };
        std::size_t lastPos = 0;
        for (std::size_t i = 0; i + 1 < first.size(); ++i) {
            if (first[i] != u'%') continue;
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
                if (lastPos != i - 1) slice(lastPos, i - 1);
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
            if (lastPos < first.size()) slice(lastPos, first.size());
        }
    }
    for (; a < args.size(); ++a) {
        str += join;
        str +=
            args[a]->IsString() ? js.utf8(args[a].As<String>()) : inspectWith(js, args[a], options);
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
        if (!target.IsEmpty() &&
            target
                ->GetOwnPropertyNames(js.context(), static_cast<v8::PropertyFilter>(
                                                        v8::ONLY_ENUMERABLE | v8::SKIP_SYMBOLS))
                .ToLocal(&keys) &&
            keys->Length() > 2)
            options.depth = -1;
    }
    return inspectWith(js, v, options);
}

// The columns of console.table(). Node collects them as the keys of a null-prototype object, so
// they come out in Object.keys() order: array indices ascending, then insertion order.
class ColumnMap final {
public:
    std::vector<std::string>& column(const std::string& key)
    {
        for (auto& [k, cells] : m_columns) {
            if (k == key) return cells;
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
            if (ix >= 0 && iy >= 0) return ix < iy;
            return ix >= 0 && iy < 0;
        });
        return result;
    }

private:
    // The value of a canonical array index, or -1.
    static double arrayIndex(const std::string& key)
    {
        if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0')) return -1;
        if (!std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return -1;
        double v = 0;
        for (const char c : key)
            v = v * 10 + (c - '0');
        return v <= 4294967294.0 ? v : -1;
    }
    std::vector<std::pair<std::string, std::vector<std::string>>> m_columns;
};

void setCell(std::vector<std::string>& column, std::size_t row, std::string text)
{
    if (column.size() <= row) column.resize(row + 1);
    column[row] = std::move(text);
}

std::vector<std::string> indexColumn(const JsAccess& js, std::size_t length)
{
    std::vector<std::string> column;
    for (std::size_t i = 0; i < length; ++i)
        column.push_back(inspectTableCell(js, v8::Number::New(js.isolate(), double(i))));
    return column;
}

// item[key], read as Node reads it: getters run (and may throw); a Proxy is read through its
// target, without traps.
Local<Value> tableValueOf(const JsAccess& js, Local<Object> item, Local<Value> key)
{
    const Local<Object> target = js.unwrapProxy(item);
    return target.IsEmpty() ? v8::Undefined(js.isolate()).As<Value>() : js.get(target, key);
}

// https://console.spec.whatwg.org/#table as Node's Console.prototype.table() does it.
std::string formatTableImpl(const JsAccess& js, Local<Value> data, Local<Value> properties,
                            TableCells* cells)
{
    // Every tabular result goes through here: the text for terminals, the cells for the UI.
    const auto render = [cells](std::vector<std::string> head,
                                std::vector<std::vector<std::string>> columns) {
        std::string text = renderCliTable(head, columns);
        if (cells) {
            cells->head = std::move(head);
            cells->columns = std::move(columns);
        }
        return text;
    };
    Isolate* isolate = js.isolate();
    if (!isTypeofObject(data)) return formatWithOptionsInternal(js, InspectOptions(), {data});
    Local<Object> tabularData = js.unwrapProxy(data.As<Object>());
    if (tabularData.IsEmpty()) return formatWithOptionsInternal(js, InspectOptions(), {data});

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
        return render({"(iteration index)", "Key", "Values"},
                      {indexColumn(js, keys.size()), keys, values});
    }
    if (!entries.IsEmpty()) {
        std::vector<std::string> values;
        for (uint32_t i = 0; i < entries->Length(); ++i)
            values.push_back(inspectTableCell(js, element(i)));
        return render({"(iteration index)", "Values"}, {indexColumn(js, values.size()), values});
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
            if (key->ToString(js.context()).ToLocal(&name)) propertyFilter.push_back(name);
        }
    }
    Local<Array> indexKeys;
    {
        TryCatch tc(isolate);
        if (!tabularData
                 ->GetOwnPropertyNames(
                     js.context(),
                     static_cast<v8::PropertyFilter>(v8::ONLY_ENUMERABLE | v8::SKIP_SYMBOLS),
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
            if (!indexKeys->Get(js.context(), i).ToLocal(&indexKey)) indexKey = js.str("");
        }
        indexColumnCells.push_back(js.toStringOr(indexKey, ""));
        const Local<Value> item = tableValueOf(js, tabularData, indexKey);
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
            if (!target.IsEmpty() &&
                target
                    ->GetOwnPropertyNames(
                        js.context(),
                        static_cast<v8::PropertyFilter>(v8::ONLY_ENUMERABLE | v8::SKIP_SYMBOLS),
                        v8::KeyConversionMode::kConvertToString)
                    .ToLocal(&names)) {
                for (uint32_t k = 0; k < names->Length(); ++k) {
                    Local<Value> name;
                    if (names->Get(js.context(), k).ToLocal(&name)) keys.push_back(name);
                }
            }
        }
        for (const Local<Value>& key : keys) {
            std::vector<std::string>& column = map.column(js.toStringOr(key, ""));
            if (primitive || !js.hasOwn(item.As<Object>(), key))
                setCell(column, i, "");
            else
                setCell(column, i, inspectTableCell(js, tableValueOf(js, item.As<Object>(), key)));
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
    return render(head, columns);
}

} // namespace

// https://nodejs.org/api/util.html#utilinspectobject-options
bool readInspectOptions(Local<Context> context, Local<Object> options, FormatOptions& out)
{
    Isolate* isolate = context->GetIsolate();
    const auto read = [&](const char* key, Local<Value>& value) {
        return options->Get(context, bind::name(isolate, key)).ToLocal(&value);
    };
    // A count option: null and anything past INT_MAX are unlimited, NaN keeps the default.
    const auto count = [](Local<Value> v, int& field, int lowest) {
        if (v->IsNull()) {
            field = INT_MAX;
        } else if (v->IsNumber() && !std::isnan(v.As<v8::Number>()->Value())) {
            const double d = std::floor(v.As<v8::Number>()->Value());
            field = d > 1e6 ? INT_MAX : static_cast<int>(std::max<double>(d, lowest));
        }
    };
    Local<Value> v;
    if (!read("depth", v)) return false;
    count(v, out.depth, -1); // negative: the top level only
    if (!read("showHidden", v)) return false;
    if (!v->IsUndefined()) out.showHidden = v->BooleanValue(isolate);
    if (!read("colors", v)) return false;
    if (!v->IsUndefined()) out.colors = v->BooleanValue(isolate);
    if (!read("customInspect", v)) return false;
    if (!v->IsUndefined()) out.customInspect = v->BooleanValue(isolate);
    if (!read("maxArrayLength", v)) return false;
    count(v, out.maxArrayLength, 0);
    if (!read("maxStringLength", v)) return false;
    count(v, out.maxStringLength, 0);
    if (!read("breakLength", v)) return false;
    count(v, out.breakLength, 0);
    if (!read("sorted", v)) return false;
    if (!v->IsUndefined()) out.sorted = v->BooleanValue(isolate);
    return true;
}

std::optional<std::string> formatValue(Local<Context> context, Local<Value> value,
                                       const FormatOptions& options)
{
    return guarded(context, [&](const JsAccess& js) {
        return inspectWith(js, value, toInspectOptions(options));
    });
}

std::optional<std::string> formatLogArguments(Local<Context> context,
                                              const std::vector<Local<Value>>& args,
                                              const FormatOptions& options)
{
    return guarded(context, [&](const JsAccess& js) {
        return formatWithOptionsInternal(js, toInspectOptions(options), args);
    });
}

std::optional<std::string> formatTable(Local<Context> context, Local<Value> data,
                                       Local<Value> properties, TableCells* cells)
{
    return guarded(
        context, [&](const JsAccess& js) { return formatTableImpl(js, data, properties, cells); });
}

} // namespace nano::api
