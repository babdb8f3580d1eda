#include "api/console/console.h"

#include "api/console/formatter.h"
#include "bind/namespace_builder.h"
#include "core/runtime.h"

#include <QByteArray>
#include <QString>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>

namespace nano::api {

namespace {

using Level = ConsoleMessage::Level;
using Kind = ConsoleMessage::Kind;
using Args = bind::Rest<v8::Local<v8::Value>>;

// How many logged objects a run keeps addressable for the workbench (Store as global
// variable, Copy as JSON), as DevTools keeps the objects its console shows.
constexpr size_t kMaxLoggedValues = 1000;

struct ConsoleState {
    std::map<std::string, uint64_t> counts; // https://console.spec.whatwg.org/#count-map
    std::map<std::string, double> timers;   // https://console.spec.whatwg.org/#timer-table
    int groupDepth = 0;
    // (messageId, argument index) -> the logged object; ids grow, so begin() is the oldest.
    std::map<std::pair<quint64, int>, v8::Global<v8::Value>> loggedValues;
};

// Process-wide, so that an id from an earlier run (or an abandoned engine) never finds a value
// of the current one.
std::atomic<quint64> g_nextMessageId{1};

ConsoleState& state(v8::Isolate* isolate)
{
    return bind::IsolateData::get(isolate)->state<ConsoleState>();
}

QString indent(const QString& text, int depth)
{
    if (depth <= 0) return text;
    const QString pad(depth * 2, QLatin1Char(' '));
    QString out = pad + text;
    out.replace(QLatin1Char('\n'), QLatin1Char('\n') + pad);
    return out;
}

// Keeps the objects among `values` for the workbench (only when a viewer is attached: a
// terminal cannot ask for them again, and keeping them would hold them from the GC).
void keepLoggedObjects(v8::Isolate* isolate, ConsoleMessage& message,
                       const std::vector<v8::Local<v8::Value>>* values)
{
    if (!values || !core::Runtime::from(isolate)->options().consoleLocations) return;
    auto& kept = state(isolate).loggedValues;
    for (size_t i = 0; i < values->size(); ++i) {
        if (!(*values)[i]->IsObject()) continue;
        if (message.messageId == 0) message.messageId = g_nextMessageId++;
        message.objectArgs.append(int(i));
        kept.emplace(std::make_pair(message.messageId, int(i)),
                     v8::Global<v8::Value>(isolate, (*values)[i]));
        if (kept.size() > kMaxLoggedValues) kept.erase(kept.begin());
    }
}

// https://console.spec.whatwg.org/#printer: one message, located at the caller's frame.
void print(v8::Isolate* isolate, Level level, Kind kind, const std::string& text,
           const TableCells* table = nullptr,
           const std::vector<v8::Local<v8::Value>>* values = nullptr)
{
    ConsoleMessage message;
    keepLoggedObjects(isolate, message, values);
    if (table && !table->head.empty()) {
        for (const std::string& title : table->head)
            message.tableColumns << QString::fromStdString(title);
        const size_t rows = table->columns.empty() ? 0 : table->columns.front().size();
        message.tableRows.reserve(static_cast<int>(rows));
        for (size_t row = 0; row < rows; ++row) {
            QStringList cells;
            for (const auto& column : table->columns)
                cells << (row < column.size() ? QString::fromStdString(column[row]) : QString());
            message.tableRows.push_back(cells);
        }
    }
    message.level = level;
    message.kind = kind;
    const int depth = state(isolate).groupDepth;
    message.groupDepth = depth;
    if (!text.empty()) // structural messages (groupEnd, unlabelled groups) stay empty
        message.text = indent(QString::fromStdString(text), depth);
    core::Runtime* runtime = core::Runtime::from(isolate);
    v8::Local<v8::StackTrace> stack;
    if (runtime->options().consoleLocations) stack = v8::StackTrace::CurrentStackTrace(isolate, 1);
    if (!stack.IsEmpty() && stack->GetFrameCount() > 0) {
        v8::Local<v8::StackFrame> frame = stack->GetFrame(isolate, 0);
        v8::Local<v8::String> url = frame->GetScriptNameOrSourceURL();
        if (!url.IsEmpty()) message.sourceUrl = bind::toQString(isolate, url);
        message.line = frame->GetLineNumber();
        message.column = frame->GetColumn();
    }
    runtime->emitConsole(std::move(message));
}

// nullopt when user code the formatter called threw: the exception is pending and leaves the
// console method, as in Node; nothing is printed.
std::optional<std::string> format(bind::CallContext& cx,
                                  const std::vector<v8::Local<v8::Value>>& values)
{
    return formatLogArguments(cx.context(), values);
}

// https://console.spec.whatwg.org/#logger
void logger(bind::CallContext& cx, Level level, const Args& args, Kind kind = Kind::Console)
{
    if (args.values.empty() && kind == Kind::Console) {
        print(cx.isolate(), level, kind, "");
        return;
    }
    if (const std::optional<std::string> text = format(cx, args.values))
        print(cx.isolate(), level, kind, *text, nullptr, &args.values);
}

void log(bind::CallContext& cx, Args args)
{
    logger(cx, Level::Log, args);
}
void info(bind::CallContext& cx, Args args)
{
    logger(cx, Level::Info, args);
}
void warn(bind::CallContext& cx, Args args)
{
    logger(cx, Level::Warn, args);
}
void error(bind::CallContext& cx, Args args)
{
    logger(cx, Level::Error, args);
}
void debug(bind::CallContext& cx, Args args)
{
    logger(cx, Level::Debug, args);
}
void dirxml(bind::CallContext& cx, Args args)
{
    logger(cx, Level::Log, args);
}

// https://console.spec.whatwg.org/#assert
void assertion(bind::CallContext& cx, std::optional<bool> condition, Args args)
{
    if (condition.value_or(false)) return;
    std::vector<v8::Local<v8::Value>> data = args.values;
    const char* message = "Assertion failed";
    if (data.empty()) {
        data.push_back(bind::name(cx.isolate(), message));
    } else if (data[0]->IsString()) {
        v8::Local<v8::String> joined = v8::String::Concat(
            cx.isolate(), bind::name(cx.isolate(), "Assertion failed: "), data[0].As<v8::String>());
        data[0] = joined;
    } else {
        data.insert(data.begin(), bind::name(cx.isolate(), message));
    }
    if (const std::optional<std::string> text = format(cx, data))
        print(cx.isolate(), Level::Error, Kind::Console, *text, nullptr, &data);
}

std::string labelOf(const std::optional<std::string>& label)
{
    return label.value_or("default");
}

// https://console.spec.whatwg.org/#count
void count(bind::CallContext& cx, std::optional<std::string> label)
{
    const std::string key = labelOf(label);
    const uint64_t n = ++state(cx.isolate()).counts[key];
    print(cx.isolate(), Level::Info, Kind::Console, key + ": " + std::to_string(n));
}

void countReset(bind::CallContext& cx, std::optional<std::string> label)
{
    const std::string key = labelOf(label);
    auto& counts = state(cx.isolate()).counts;
    auto it = counts.find(key);
    if (it == counts.end()) {
        print(cx.isolate(), Level::Warn, Kind::Console, "Count for '" + key + "' does not exist");
        return;
    }
    it->second = 0;
}

// Node's style: "1.234ms", "1.234s", "1:02.345 (m:ss.mmm)" for long ones. QByteArray::number
// formats in the C locale whatever the process locale is (QApplication sets it from LANG, and
// printf's %f would then print "3,714ms" under de_DE).
std::string formatDuration(double ms)
{
    if (ms >= 60000) {
        const double seconds = ms / 1000;
        const int minutes = static_cast<int>(seconds / 60);
        QByteArray rest = QByteArray::number(seconds - minutes * 60, 'f', 3);
        if (rest.indexOf('.') < 2) rest.prepend('0');
        return std::to_string(minutes) + ':' + rest.toStdString() + " (m:ss.mmm)";
    }
    if (ms >= 1000) return QByteArray::number(ms / 1000, 'f', 3).toStdString() + 's';
    return QByteArray::number(ms, 'f', 3).toStdString() + "ms";
}

// https://console.spec.whatwg.org/#time
void time(bind::CallContext& cx, std::optional<std::string> label)
{
    const std::string key = labelOf(label);
    auto& timers = state(cx.isolate()).timers;
    if (timers.count(key)) {
        print(cx.isolate(), Level::Warn, Kind::Console, "Timer '" + key + "' already exists");
        return;
    }
    timers[key] = core::Runtime::from(cx.isolate())->now();
}

void timeReport(bind::CallContext& cx, const std::optional<std::string>& label, const Args* data,
                bool end)
{
    const std::string key = labelOf(label);
    auto& timers = state(cx.isolate()).timers;
    auto it = timers.find(key);
    if (it == timers.end()) {
        print(cx.isolate(), Level::Warn, Kind::Console, "Timer '" + key + "' does not exist");
        return;
    }
    std::string text =
        key + ": " + formatDuration(core::Runtime::from(cx.isolate())->now() - it->second);
    if (end) timers.erase(it);
    v8::Local<v8::String> prefix;
    if (data && !data->values.empty() && bind::newString(cx.isolate(), text).ToLocal(&prefix)) {
        // Node logs ('%s', text, ...data): the data are appended, never a format string.
        std::vector<v8::Local<v8::Value>> args = {bind::name(cx.isolate(), "%s"), prefix};
        args.insert(args.end(), data->values.begin(), data->values.end());
        const std::optional<std::string> formatted = format(cx, args);
        if (!formatted) return;
        print(cx.isolate(), Level::Log, Kind::Console, *formatted, nullptr, &args);
        return;
    }
    print(cx.isolate(), Level::Log, Kind::Console, text);
}

void timeLog(bind::CallContext& cx, std::optional<std::string> label, Args data)
{
    timeReport(cx, label, &data, false);
}

void timeEnd(bind::CallContext& cx, std::optional<std::string> label)
{
    timeReport(cx, label, nullptr, true);
}

// https://console.spec.whatwg.org/#group
void groupWith(bind::CallContext& cx, const Args& data, Kind kind)
{
    // Without a label nothing is printed in a terminal, but a viewer still needs the group.
    std::optional<std::string> label = std::string();
    if (!data.values.empty() && !(label = format(cx, data.values))) return;
    print(cx.isolate(), Level::Log, kind, *label);
    ++state(cx.isolate()).groupDepth;
}
void group(bind::CallContext& cx, Args data)
{
    groupWith(cx, data, Kind::Group);
}
void groupCollapsed(bind::CallContext& cx, Args data)
{
    groupWith(cx, data, Kind::GroupCollapsed);
}
void groupEnd(bind::CallContext& cx)
{
    int& depth = state(cx.isolate()).groupDepth;
    if (depth > 0) {
        --depth;
        print(cx.isolate(), Level::Log, Kind::GroupEnd, ""); // carries the depth it returns to
    }
}

void table(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> data,
           std::optional<v8::Local<v8::Value>> properties)
{
    v8::Local<v8::Value> undefined = v8::Undefined(cx.isolate());
    TableCells cells;
    const std::optional<std::string> text =
        formatTable(cx.context(), data.value_or(undefined), properties.value_or(undefined), &cells);
    const std::vector<v8::Local<v8::Value>> logged = {data.value_or(undefined)};
    if (text)
        print(cx.isolate(), Level::Log, cells.head.empty() ? Kind::Console : Kind::Table, *text,
              &cells, &logged);
}

// https://console.spec.whatwg.org/#trace
void trace(bind::CallContext& cx, Args data)
{
    v8::Isolate* isolate = cx.isolate();
    std::string text = "Trace";
    if (!data.values.empty()) {
        const std::optional<std::string> message = format(cx, data.values);
        if (!message) return;
        text += ": " + *message;
    }
    v8::Local<v8::StackTrace> stack = v8::StackTrace::CurrentStackTrace(isolate, 10);
    for (int i = 0; i < stack->GetFrameCount(); ++i) {
        v8::Local<v8::StackFrame> frame = stack->GetFrame(isolate, i);
        std::string where;
        v8::Local<v8::String> url = frame->GetScriptNameOrSourceURL();
        where = url.IsEmpty() ? "<anonymous>" : bind::toUtf8(isolate, url);
        where +=
            ":" + std::to_string(frame->GetLineNumber()) + ":" + std::to_string(frame->GetColumn());
        v8::Local<v8::String> function = frame->GetFunctionName();
        if (!function.IsEmpty() && function->Length() > 0)
            text += "\n    at " + bind::toUtf8(isolate, function) + " (" + where + ")";
        else
            text += "\n    at " + where;
    }
    print(isolate, Level::Log, Kind::Trace, text);
}

// https://console.spec.whatwg.org/#dir with util.inspect() options, as Node's console.dir():
// custom inspection hooks are not called unless options.customInspect says so.
void dir(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> item,
         bind::Nullable<v8::Local<v8::Object>> options)
{
    FormatOptions format;
    format.customInspect = false;
    if (options && !readInspectOptions(cx.context(), *options, format))
        return; // an options getter threw
    const std::vector<v8::Local<v8::Value>> logged = {item.value_or(v8::Undefined(cx.isolate()))};
    const std::optional<std::string> text = formatValue(cx.context(), logged.front(), format);
    if (text) print(cx.isolate(), Level::Log, Kind::Console, *text, nullptr, &logged);
}

} // namespace

void installConsole(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    // Error reports and REPL results: an exception while inspecting the value (a throwing
    // hook or getter) must not hide the report, so it falls back to String(value).
    core::Runtime::from(context->GetIsolate())->hooks().formatValue =
        [](v8::Local<v8::Context> ctx, v8::Local<v8::Value> value) {
            v8::Isolate* isolate = ctx->GetIsolate();
            v8::TryCatch tryCatch(isolate);
            if (std::optional<std::string> text = formatValue(ctx, value)) return *text;
            if (tryCatch.HasTerminated()) {
                tryCatch.ReThrow();
                return std::string();
            }
            tryCatch.Reset();
            v8::Local<v8::String> string;
            if (value->ToString(ctx).ToLocal(&string)) return bind::toUtf8(isolate, string);
            return std::string("[value could not be inspected]");
        };
    core::Runtime::from(context->GetIsolate())->hooks().loggedValue =
        [](v8::Isolate* isolate, quint64 messageId, int argIndex) -> v8::Local<v8::Value> {
        const auto& kept = state(isolate).loggedValues;
        const auto it = kept.find(std::make_pair(messageId, argIndex));
        return it == kept.end() ? v8::Local<v8::Value>() : it->second.Get(isolate);
    };
    bind::NamespaceBuilder::create(context, global, "console")
        .function<&log>("log")
        .function<&info>("info")
        .function<&warn>("warn")
        .function<&error>("error")
        .function<&debug>("debug")
        .function<&trace>("trace")
        .function<&assertion>("assert")
        .function<&count>("count")
        .function<&countReset>("countReset")
        .function<&time>("time")
        .function<&timeLog>("timeLog")
        .function<&timeEnd>("timeEnd")
        .function<&group>("group")
        .function<&groupCollapsed>("groupCollapsed")
        .function<&groupEnd>("groupEnd")
        .function<&table>("table")
        .function<&dir>("dir")
        .function<&dirxml>("dirxml");
}

} // namespace nano::api
