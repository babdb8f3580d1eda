#include "engine/api/console/formatter_inspect.h"

#include <algorithm>
#include <cctype>

// Node's getFunctionBase(), getClassBase(), getBoxedBase() and formatError() with its helpers.

namespace nano::api::formatter_detail {

using v8::Function;
using v8::Isolate;
using v8::Local;
using v8::Object;
using v8::String;
using v8::TryCatch;
using v8::Value;

namespace {

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

bool isJsSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Node's identicalSequenceRange(): the longest run (> 3) of frames shared with the cause.
std::pair<std::size_t, std::size_t> identicalSequenceRange(const std::vector<std::string>& a,
                                                           const std::vector<std::string>& b)
{
    for (std::size_t i = 0; i + 3 < a.size(); ++i) {
        const auto found = std::find(b.begin(), b.end(), a[i]);
        if (found == b.end()) continue;
        const std::size_t pos = std::size_t(found - b.begin());
        const std::size_t rest = b.size() - pos;
        if (rest > 3) {
            std::size_t len = 1;
            const std::size_t maxLen = std::min(a.size() - i, rest);
            while (maxLen > len && a[i + len] == b[pos + len])
                ++len;
            if (len > 3) return {len, i};
        }
    }
    return {0, 0};
}

} // namespace

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
                isClass = !stripped.empty() && isJsSpace(stripped[0]) &&
                          brace != std::string::npos && stripped.find('(') > brace;
            }
            if (isClass) return getClassBase(value, constructor, tag);
        }
    }
    std::string type = "Function";
    if (value->IsGeneratorFunction()) type = "Generator" + type;
    if (value->IsAsyncFunction()) type = "Async" + type;
    std::string base = "[" + type;
    if (!constructor) base += " (null prototype)";
    const std::string name = m_js.functionName(value);
    base += name.empty() ? " (anonymous)" : ": " + name;
    base += "]";
    if (constructor && *constructor != type) base += " " + *constructor;
    if (!tag.empty() && constructor != tag) base += " [" + tag + "]";
    return base;
}

std::string Inspector::getClassBase(Local<Function> value, const Constructor& constructor,
                                    const std::string& tag)
{
    std::string name;
    if (m_js.hasOwn(value, m_js.names().name)) name = m_js.functionName(value);
    std::string base = "class " + (name.empty() ? std::string("(anonymous)") : name);
    if (constructor != std::string("Function") && constructor) base += " [" + *constructor + "]";
    if (!tag.empty() && constructor != tag) base += " [" + tag + "]";
    if (constructor) {
        const Local<Value> parent = m_js.prototypeOf(value);
        if (parent->IsObject()) {
            const std::string superName = m_js.functionName(parent.As<Object>());
            if (!superName.empty()) base += " extends " + superName;
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
    if (!tag.empty() && constructor != tag) base += " [" + tag + "]";
    if (!keys.empty() || !m_options.colors) return base;
    Style style = Style::Symbol;
    if (type == "Number")
        style = Style::Number;
    else if (type == "String")
        style = Style::String;
    else if (type == "Boolean")
        style = Style::Boolean;
    else if (type == "BigInt")
        style = Style::BigInt;
    return stylize(base, style);
}

// Node reads `stack`, `name` and `message` with their getters, whose exceptions propagate.
std::string Inspector::getStackString(Local<Object> error) const
{
    const Local<Value> stack = m_js.get(error, m_js.names().stack);
    if (stack->BooleanValue(m_js.isolate())) return m_js.jsString(stack);
    // https://tc39.es/ecma262/#sec-error.prototype.tostring
    const Local<Value> nameValue = m_js.get(error, m_js.names().name);
    const Local<Value> messageValue = m_js.get(error, m_js.names().message);
    const std::string name =
        nameValue->IsUndefined() ? std::string("Error") : m_js.jsString(nameValue);
    const std::string message =
        messageValue->IsUndefined() ? std::string() : m_js.jsString(messageValue);
    if (name.empty()) return message;
    if (message.empty()) return name;
    return name + ": " + message;
}

void Inspector::removeDuplicateErrorKeys(std::vector<PropertyKey>& keys, Local<Object> err,
                                         const std::string& stack) const
{
    if (m_options.showHidden || keys.empty()) return;
    for (const char* name : {"name", "message", "stack"}) {
        const auto it = std::find_if(keys.begin(), keys.end(), [&](const PropertyKey& k) {
            return k.key->IsString() && keyString(k) == name;
        });
        if (it == keys.end()) continue;
        // Only hide the property when it is part of the printed stack.
        if (stack.find(m_js.jsString(m_js.get(err, it->key))) != std::string::npos) keys.erase(it);
    }
}

std::vector<std::string> Inspector::getStackFrames(Local<Object> err, const std::string& stack)
{
    std::vector<std::string> frames = splitLines(stack);
    Local<Value> cause;
    {
        // Node ignores a throwing `cause` getter here.
        TryCatch tc(m_js.isolate());
        if (!err->Get(m_js.context(), m_js.names().cause).ToLocal(&cause))
            cause = v8::Undefined(m_js.isolate());
    }
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
                const std::string msg =
                    "    ... " + std::to_string(skipped) + " lines matching cause stack trace ...";
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
    const bool looksNormal = endsWith(name, "Error") && startsWith(stack, name) &&
                             (stack.size() == len || stack[len] == ':' || stack[len] == '\n');
    if (constructor && !looksNormal) return stack;
    std::string fallback = "Error";
    if (!constructor) {
        // /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/ || /^([a-z_A-Z0-9-]*Error)$/
        const auto inClass = [](char c, bool withSpaceAndBrackets) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
                   (withSpaceAndBrackets &&
                    (c == ' ' || c == '[' || c == ']' || c == '(' || c == ')'));
        };
        std::string start;
        if (!stack.empty() && stack[0] >= 'A' && stack[0] <= 'Z') {
            std::size_t end = 1;
            while (end < stack.size() && inClass(stack[end], true))
                ++end;
            if (end > 1 &&
                (stack.compare(end, 1, ":") == 0 || stack.compare(end, 7, "\n    at") == 0))
                start = stack.substr(0, end);
        }
        if (start.empty() && endsWith(stack, "Error") &&
            std::all_of(stack.begin(), stack.end(), [&](char c) { return inClass(c, false); }))
            start = stack;
        len = start.size();
        fallback = start.empty() ? std::string("Error") : start;
    }
    std::string prefix = getPrefix(constructor, tag, fallback);
    prefix.pop_back();
    if (name != prefix) {
        if (prefix.find(name) != std::string::npos) {
            stack = len == 0 ? prefix + ": " + stack
                             : prefix + stack.substr(std::min(len, stack.size()));
        } else {
            stack = prefix + " [" + name + "]" + stack.substr(std::min(len, stack.size()));
        }
    }
    return stack;
}

std::string Inspector::formatError(Local<Object> err, const Constructor& constructor,
                                   const std::string& tag, std::vector<PropertyKey>& keys)
{
    const Local<Value> nameValue = m_js.get(err, m_js.names().name);
    const std::string name =
        nameValue->IsNullOrUndefined() ? std::string("Error") : m_js.jsString(nameValue);
    std::string stack = getStackString(err);
    removeDuplicateErrorKeys(keys, err, stack);

    if (m_js.hasProperty(err, m_js.names().cause) && !hasKey(keys, "cause"))
        keys.push_back({m_js.names().cause, {}});
    // Print errors aggregated into AggregateError.
    if (m_js.get(err, m_js.names().errors)->IsArray() && !hasKey(keys, "errors"))
        keys.push_back({m_js.names().errors, {}});

    stack = improveStack(stack, constructor, name, tag);

    // Ignore the error message if it's contained in the stack.
    const Local<Value> messageValue = m_js.get(err, m_js.names().message);
    std::size_t pos = std::string::npos;
    if (messageValue->BooleanValue(m_js.isolate())) {
        const std::string message = m_js.jsString(messageValue);
        const std::size_t found = stack.find(message);
        if (found != std::string::npos && found != 0) pos = found + message.size();
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

} // namespace nano::api::formatter_detail
