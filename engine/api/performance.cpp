#include "api/performance.h"

#include "api/structured_clone.h"

#include "bind/dom_exception.h"
#include "core/runtime.h"

#include <algorithm>

namespace nano::api {

namespace {

// https://w3c.github.io/user-timing/#dom-performancemark-constructor step 5: a structured
// clone of the detail (null when absent).
v8::MaybeLocal<v8::Value> cloneDetail(v8::Isolate* isolate, v8::Local<v8::Value> value)
{
    if (value.IsEmpty() || value->IsNullOrUndefined()) return v8::Null(isolate);
    return structuredCloneValue(isolate, value, {});
}

bool setMember(v8::Local<v8::Context> context, v8::Local<v8::Object> object, const char* key,
               v8::Local<v8::Value> value)
{
    return object->CreateDataProperty(context, bind::name(context->GetIsolate(), key), value)
        .FromMaybe(false);
}

} // namespace

// --- PerformanceEntry ------------------------------------------------------------------------

v8::Local<v8::Value> PerformanceEntry::toJSON(bind::CallContext& cx)
{
    v8::Isolate* isolate = cx.isolate();
    v8::Local<v8::Context> context = cx.context();
    v8::Local<v8::Object> json = v8::Object::New(isolate);
    v8::Local<v8::Value> name, type;
    if (!bind::toJs(isolate, m_name).ToLocal(&name) ||
        !bind::toJs(isolate, m_entryType).ToLocal(&type) ||
        !setMember(context, json, "name", name) || !setMember(context, json, "entryType", type) ||
        !setMember(context, json, "startTime", v8::Number::New(isolate, m_startTime)) ||
        !setMember(context, json, "duration", v8::Number::New(isolate, m_duration))) {
        cx.setFailed();
        return {};
    }
    v8::Local<v8::Value> detail = detailValue(isolate);
    if (!detail.IsEmpty() && !setMember(context, json, "detail", detail)) {
        cx.setFailed();
        return {};
    }
    return json;
}

void PerformanceEntry::define(bind::ClassBuilder<PerformanceEntry>& c)
{
    c.readonlyAttribute<&PerformanceEntry::name>("name")
        .readonlyAttribute<&PerformanceEntry::entryType>("entryType")
        .readonlyAttribute<&PerformanceEntry::startTime>("startTime")
        .readonlyAttribute<&PerformanceEntry::duration>("duration")
        .method<&PerformanceEntry::toJSON>("toJSON");
}

v8::Local<v8::Value> DetailedEntry::detail(bind::CallContext& cx) const
{
    return detailValue(cx.isolate());
}

v8::Local<v8::Value> DetailedEntry::detailValue(v8::Isolate* isolate) const
{
    if (!m_detail) return v8::Null(isolate);
    return m_detail.get(isolate);
}

// --- PerformanceMark / PerformanceMeasure ------------------------------------------------------

std::unique_ptr<PerformanceMark> PerformanceMark::construct(bind::CallContext& cx,
                                                            std::string markName,
                                                            PerformanceMarkOptions options)
{
    double startTime = core::Runtime::from(cx.isolate())->now();
    if (options.startTime) {
        if (*options.startTime < 0) {
            cx.throwTypeError("'" + markName + "' cannot have a negative start time.");
            return nullptr;
        }
        startTime = *options.startTime;
    }
    v8::Local<v8::Value> detail;
    if (!cloneDetail(cx.isolate(), options.detail).ToLocal(&detail)) {
        cx.setFailed();
        return nullptr;
    }
    auto mark = std::make_unique<PerformanceMark>(std::move(markName), "mark", startTime, 0.0);
    mark->setDetail(detail);
    return mark;
}

void PerformanceMark::define(bind::ClassBuilder<PerformanceMark>& c)
{
    c.inherit<PerformanceEntry>()
        .constructor<&PerformanceMark::construct>()
        .readonlyAttribute<&DetailedEntry::detail>("detail");
}

void PerformanceMeasure::define(bind::ClassBuilder<PerformanceMeasure>& c)
{
    c.inherit<PerformanceEntry>().readonlyAttribute<&DetailedEntry::detail>("detail");
}

// --- Performance -------------------------------------------------------------------------------

double Performance::now(bind::CallContext& cx) const
{
    return core::Runtime::from(cx.isolate())->now();
}

double Performance::timeOrigin(bind::CallContext& cx) const
{
    return core::Runtime::from(cx.isolate())->timeOrigin();
}

PerformanceMark* Performance::mark(bind::CallContext& cx, std::string markName,
                                   PerformanceMarkOptions options)
{
    std::unique_ptr<PerformanceMark> mark =
        PerformanceMark::construct(cx, std::move(markName), std::move(options));
    if (!mark) return nullptr;
    PerformanceMark* raw = mark.release();
    v8::Local<v8::Object> wrapper = bind::wrapperOf(cx.isolate(), raw);
    if (wrapper.IsEmpty()) {
        cx.setFailed();
        return nullptr;
    }
    m_entries.emplace_back(this);
    m_entries.back().set(raw);
    return raw;
}

std::optional<double> Performance::markToTimestamp(
    bind::CallContext& cx, const std::variant<std::string, double>& mark) const
{
    if (const double* time = std::get_if<double>(&mark)) {
        if (*time < 0) {
            cx.throwTypeError("A negative time stamp is not allowed.");
            return std::nullopt;
        }
        return *time;
    }
    const std::string& name = std::get<std::string>(mark);
    for (auto it = m_entries.rbegin(); it != m_entries.rend(); ++it) {
        if ((*it)->entryType() == "mark" && (*it)->name() == name) return (*it)->startTime();
    }
    cx.throwDOMException("SyntaxError", "The mark '" + name + "' does not exist.");
    return std::nullopt;
}

// https://w3c.github.io/user-timing/#dom-performance-measure
PerformanceMeasure* Performance::measure(
    bind::CallContext& cx, std::string measureName,
    std::optional<std::variant<std::string, PerformanceMeasureOptions>> startOrOptions,
    std::optional<std::string> endMark)
{
    const PerformanceMeasureOptions* options =
        startOrOptions ? std::get_if<PerformanceMeasureOptions>(&*startOrOptions) : nullptr;
    const bool optionsGiven =
        options && ((!options->detail.IsEmpty() && !options->detail->IsUndefined()) ||
                    options->start || options->end || options->duration);
    // Step 1.
    if (optionsGiven) {
        if (endMark) {
            cx.throwTypeError("Options cannot be passed together with an end mark.");
            return nullptr;
        }
        if (!options->start && !options->end) {
            cx.throwTypeError("Options must include a start or an end.");
            return nullptr;
        }
        if (options->start && options->duration && options->end) {
            cx.throwTypeError("Options cannot include a start, a duration and an end.");
            return nullptr;
        }
    }
    core::Runtime* runtime = core::Runtime::from(cx.isolate());
    // Step 3: the end time.
    double end;
    if (endMark) {
        auto t = markToTimestamp(cx, *endMark);
        if (!t) return nullptr;
        end = *t;
    } else if (optionsGiven && options->end) {
        auto t = markToTimestamp(cx, *options->end);
        if (!t) return nullptr;
        end = *t;
    } else if (optionsGiven && options->start && options->duration) {
        auto t = markToTimestamp(cx, *options->start);
        if (!t) return nullptr;
        end = *t + *options->duration;
    } else {
        end = runtime->now();
    }
    // Step 4: the start time.
    double start = 0;
    if (optionsGiven && options->start) {
        auto t = markToTimestamp(cx, *options->start);
        if (!t) return nullptr;
        start = *t;
    } else if (optionsGiven && options->duration && options->end) {
        start = end - *options->duration;
    } else if (startOrOptions && std::holds_alternative<std::string>(*startOrOptions)) {
        auto t = markToTimestamp(cx, std::get<std::string>(*startOrOptions));
        if (!t) return nullptr;
        start = *t;
    }
    v8::Local<v8::Value> detail = v8::Null(cx.isolate());
    if (optionsGiven && !cloneDetail(cx.isolate(), options->detail).ToLocal(&detail)) {
        cx.setFailed();
        return nullptr;
    }
    auto* measure = bind::create<PerformanceMeasure>(cx.isolate(), std::move(measureName),
                                                     "measure", start, end - start);
    if (!measure) {
        cx.setFailed();
        return nullptr;
    }
    measure->setDetail(detail);
    m_entries.emplace_back(this);
    m_entries.back().set(measure);
    return measure;
}

std::vector<PerformanceEntry*> Performance::filtered(const std::string* name,
                                                     const std::string* type) const
{
    std::vector<PerformanceEntry*> out;
    for (const auto& member : m_entries) {
        PerformanceEntry* entry = member.get();
        if ((!name || entry->name() == *name) && (!type || entry->entryType() == *type))
            out.push_back(entry);
    }
    // https://w3c.github.io/performance-timeline/#filter-buffer-map-by-name-and-type:
    // chronological order by startTime.
    std::stable_sort(out.begin(), out.end(), [](PerformanceEntry* a, PerformanceEntry* b) {
        return a->startTime() < b->startTime();
    });
    return out;
}

std::vector<PerformanceEntry*> Performance::getEntries() const
{
    return filtered(nullptr, nullptr);
}

std::vector<PerformanceEntry*> Performance::getEntriesByType(std::string type) const
{
    return filtered(nullptr, &type);
}

std::vector<PerformanceEntry*> Performance::getEntriesByName(std::string name,
                                                             std::optional<std::string> type) const
{
    return filtered(&name, type ? &*type : nullptr);
}

void Performance::clear(const char* type, const std::optional<std::string>& name)
{
    for (size_t i = m_entries.size(); i-- > 0;) {
        if (m_entries[i]->entryType() == type && (!name || m_entries[i]->name() == *name))
            m_entries.erase(m_entries.begin() + static_cast<long>(i));
    }
}

void Performance::clearMarks(std::optional<std::string> markName)
{
    clear("mark", markName);
}

void Performance::clearMeasures(std::optional<std::string> measureName)
{
    clear("measure", measureName);
}

v8::Local<v8::Value> Performance::toJSON(bind::CallContext& cx)
{
    v8::Local<v8::Object> json = v8::Object::New(cx.isolate());
    if (!setMember(cx.context(), json, "timeOrigin",
                   v8::Number::New(cx.isolate(), timeOrigin(cx)))) {
        cx.setFailed();
        return {};
    }
    return json;
}

void Performance::define(bind::ClassBuilder<Performance>& c)
{
    c.inherit<EventTarget>()
        .method<&Performance::now>("now")
        .readonlyAttribute<&Performance::timeOrigin>("timeOrigin")
        .method<&Performance::mark>("mark")
        .method<&Performance::measure>("measure")
        .method<&Performance::getEntries>("getEntries")
        .method<&Performance::getEntriesByType>("getEntriesByType")
        .method<&Performance::getEntriesByName>("getEntriesByName")
        .method<&Performance::clearMarks>("clearMarks")
        .method<&Performance::clearMeasures>("clearMeasures")
        .method<&Performance::toJSON>("toJSON");
}

void installPerformance(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<Performance>(context, global);
    bind::exposeLazily<PerformanceEntry>(context, global);
    bind::exposeLazily<PerformanceMark>(context, global);
    bind::exposeLazily<PerformanceMeasure>(context, global);
    bind::exposeSingleton<Performance>(context, global, "performance");
}

} // namespace nano::api
