#include "engine/api/console/formatter_inspect.h"

#include "bind/strings.h"
#include "engine/api/console/formatter.h"

#include <cmath>

// Node's custom inspection hook: value[Symbol.for('nodejs.util.inspect.custom')](depth,
// options, inspect), called by formatValue() as Node's formatValue() calls it.

namespace nano::api::formatter_detail {

using v8::Context;
using v8::Function;
using v8::HandleScope;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::String;
using v8::Value;

namespace {

// The `stylize` of a custom hook's options: Node's stylizeWithColor / stylizeNoColor. The
// callback data says whether colours are on.
void stylizeCallback(const v8::FunctionCallbackInfo<Value>& info)
{
    Isolate* isolate = info.GetIsolate();
    const Local<v8::Context> context = isolate->GetCurrentContext();
    const JsAccess js(context);
    try {
        std::string text =
            js.jsString(info.Length() > 0 ? info[0] : v8::Undefined(isolate).As<Value>());
        const std::string type = info.Length() > 1 && info[1]->IsString()
                                     ? js.utf8(info[1].As<String>())
                                     : std::string();
        static const std::pair<const char*, Style> styles[] = {
            {"special", Style::Special}, {"number", Style::Number},       {"bigint", Style::BigInt},
            {"boolean", Style::Boolean}, {"undefined", Style::Undefined}, {"null", Style::Null},
            {"string", Style::String},   {"symbol", Style::Symbol},       {"date", Style::Date},
            {"regexp", Style::RegExp},   {"module", Style::Module}};
        for (const auto& [name, style] : styles) {
            if (type == name) text = stylize(text, style, info.Data()->IsTrue());
        }
        info.GetReturnValue().Set(js.str(text));
    } catch (const ScriptThrew&) {
        // String(text) threw: the exception is pending and leaves this call.
    }
}

// util.inspect(value, options), the third argument of a custom inspection hook.
void utilInspect(const v8::FunctionCallbackInfo<Value>& info)
{
    Isolate* isolate = info.GetIsolate();
    const Local<Context> context = isolate->GetCurrentContext();
    FormatOptions options;
    if (info.Length() > 1 && info[1]->IsObject() &&
        !readInspectOptions(context, info[1].As<Object>(), options))
        return;
    const Local<Value> value = info.Length() > 0 ? info[0] : v8::Undefined(isolate).As<Value>();
    const std::optional<std::string> text = api::formatValue(context, value, options);
    Local<String> result;
    if (text && bind::newString(isolate, *text).ToLocal(&result)) info.GetReturnValue().Set(result);
}

// A function behaving as Node's util.inspect(value, options), handed to custom hooks.
Local<v8::Function> newUtilInspect(const JsAccess& js)
{
    Local<v8::Function> inspect;
    if (!v8::Function::New(js.context(), &utilInspect, {}, 2).ToLocal(&inspect))
        throw ScriptThrew();
    inspect->SetName(js.str("inspect"));
    return inspect;
}

} // namespace

// https://nodejs.org/api/util.html#utilinspectcustom
// The custom inspection hook, as Node's formatValue() calls it: nullopt when there is none.
std::optional<std::string> Inspector::formatCustom(Local<Object> value, Local<Object> receiver,
                                                   int recurseTimes)
{
    if (!m_options.customInspect) return std::nullopt;
    HandleScope scope(m_js.isolate());
    const Local<Value> maybeCustom = m_js.get(value, m_js.customInspectSymbol());
    if (!maybeCustom->IsFunction()) return std::nullopt;
    // Prototype objects (value.constructor.prototype === value) are not inspected by their hook.
    const Local<Value> constructor = m_js.get(value, m_js.names().constructor);
    if (constructor->IsObject() &&
        m_js.get(constructor.As<Object>(), m_js.names().prototype)->StrictEquals(value))
        return std::nullopt;
    Isolate* isolate = m_js.isolate();
    const Local<Value> depth =
        std::isinf(m_options.depth)
            ? v8::Null(isolate).As<Value>()
            : v8::Number::New(isolate, m_options.depth - recurseTimes).As<Value>();
    Local<Value> args[] = {depth, userOptions(), newUtilInspect(m_js)};
    Local<Value> ret;
    if (!maybeCustom.As<Function>()->Call(m_js.context(), receiver, 3, args).ToLocal(&ret))
        throw ScriptThrew();
    // A hook returning `this` is inspected as if it had none (no infinite recursion).
    if (ret->StrictEquals(receiver)) return std::nullopt;
    if (!ret->IsString()) return formatValue(ret, recurseTimes);
    std::string text = m_js.utf8(ret.As<String>());
    const std::string indentation = "\n" + spaces(m_layout.indentationLvl);
    for (std::size_t pos = 0; (pos = text.find('\n', pos)) != std::string::npos;
         pos += indentation.size())
        text.replace(pos, 1, indentation);
    return text;
}

// Node's getUserOptions(): the options a custom hook receives.
Local<Object> Inspector::userOptions() const
{
    Isolate* isolate = m_js.isolate();
    const Local<Object> options = Object::New(isolate);
    const auto set = [&](const char* key, Local<Value> value) {
        // A fresh ordinary object: defining its properties runs no script.
        (void)options->CreateDataProperty(m_js.context(), m_js.str(key), value).FromMaybe(false);
    };
    const auto number = [&](double n) { return v8::Number::New(isolate, n).As<Value>(); };
    const auto boolean = [&](bool b) { return v8::Boolean::New(isolate, b).As<Value>(); };
    set("showHidden", boolean(m_options.showHidden));
    set("depth",
        std::isinf(m_options.depth) ? v8::Null(isolate).As<Value>() : number(m_options.depth));
    set("colors", boolean(m_options.colors));
    set("customInspect", boolean(m_options.customInspect));
    set("showProxy", boolean(m_options.showProxy));
    set("maxArrayLength", number(double(m_options.maxArrayLength)));
    set("maxStringLength", number(double(m_options.maxStringLength)));
    set("breakLength", number(double(m_options.breakLength)));
    set("compact", number(kCompact));
    set("sorted", boolean(m_options.sorted));
    set("getters", boolean(false));
    set("numericSeparator", boolean(false));
    // stylize(text, styleType): hooks use it to colour their output like built-in values do.
    Local<Function> stylize;
    if (Function::New(m_js.context(), &stylizeCallback, boolean(m_options.colors), 2)
            .ToLocal(&stylize))
        set("stylize", stylize);
    return options;
}

} // namespace nano::api::formatter_detail
