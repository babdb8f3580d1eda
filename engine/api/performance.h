#pragma once
// High Resolution Time and User Timing (https://w3c.github.io/hr-time/,
// https://w3c.github.io/user-timing/): the `performance` object with now(), timeOrigin, marks
// and measures, and the PerformanceEntry/PerformanceMark/PerformanceMeasure interfaces.

#include "api/events/event_target.h"
#include "bind/class_builder.h"
#include "bind/member.h"

#include <variant>

namespace nano::api {

class PerformanceEntry : public bind::Wrappable {
    NANO_BIND_CLASS(PerformanceEntry)
public:
    PerformanceEntry(std::string name, std::string entryType, double startTime, double duration)
        : m_name(std::move(name))
        , m_entryType(std::move(entryType))
        , m_startTime(startTime)
        , m_duration(duration)
    {}
    const std::string& name() const { return m_name; }
    const std::string& entryType() const { return m_entryType; }
    double startTime() const { return m_startTime; }
    double duration() const { return m_duration; }
    v8::Local<v8::Value> toJSON(bind::CallContext& cx);
    static void define(bind::ClassBuilder<PerformanceEntry>& c);
    // Marks and measures have a detail; other entries return an empty handle.
    virtual v8::Local<v8::Value> detailValue(v8::Isolate*) const { return {}; }

protected:
    std::string m_name;
    std::string m_entryType;
    double m_startTime;
    double m_duration;
};

// Entries with a `detail` (a structured clone of what the script passed).
class DetailedEntry : public PerformanceEntry {
public:
    using PerformanceEntry::PerformanceEntry;
    void setDetail(v8::Local<v8::Value> detail) { m_detail.set(detail); }
    v8::Local<v8::Value> detail(bind::CallContext& cx) const;
    v8::Local<v8::Value> detailValue(v8::Isolate* isolate) const override;
    // console.log shows the detail too, as Node does (its getter takes the call context).
    void inspectMore(v8::Isolate* isolate, Inspected& out) override
    {
        out.emplace_back("detail", detailValue(isolate));
    }

private:
    bind::Member<v8::Value> m_detail{this};
};

struct PerformanceMarkOptions {
    v8::Local<v8::Value> detail;
    std::optional<double> startTime;
};

class PerformanceMark final : public DetailedEntry {
    NANO_BIND_CLASS(PerformanceMark)
public:
    using DetailedEntry::DetailedEntry;
    // https://w3c.github.io/user-timing/#dom-performancemark-constructor
    static std::unique_ptr<PerformanceMark> construct(bind::CallContext& cx, std::string markName,
                                                      PerformanceMarkOptions options);
    static void define(bind::ClassBuilder<PerformanceMark>& c);
};

class PerformanceMeasure final : public DetailedEntry {
    NANO_BIND_CLASS(PerformanceMeasure)
public:
    using DetailedEntry::DetailedEntry;
    static void define(bind::ClassBuilder<PerformanceMeasure>& c);
};

struct PerformanceMeasureOptions {
    v8::Local<v8::Value> detail;
    std::optional<double> duration;
    std::optional<std::variant<std::string, double>> end;
    std::optional<std::variant<std::string, double>> start;
};

// https://w3c.github.io/hr-time/#sec-performance: interface Performance : EventTarget
class Performance final : public EventTarget {
    NANO_BIND_CLASS(Performance)
public:
    double now(bind::CallContext& cx) const;
    double timeOrigin(bind::CallContext& cx) const;
    PerformanceMark* mark(bind::CallContext& cx, std::string markName,
                          PerformanceMarkOptions options);
    PerformanceMeasure* measure(
        bind::CallContext& cx, std::string measureName,
        std::optional<std::variant<std::string, PerformanceMeasureOptions>> startOrOptions,
        std::optional<std::string> endMark);
    std::vector<PerformanceEntry*> getEntries() const;
    std::vector<PerformanceEntry*> getEntriesByType(std::string type) const;
    std::vector<PerformanceEntry*> getEntriesByName(std::string name,
                                                    std::optional<std::string> type) const;
    void clearMarks(std::optional<std::string> markName);
    void clearMeasures(std::optional<std::string> measureName);
    v8::Local<v8::Value> toJSON(bind::CallContext& cx);
    static void define(bind::ClassBuilder<Performance>& c);

private:
    // https://w3c.github.io/user-timing/#convert-a-mark-to-a-timestamp
    std::optional<double> markToTimestamp(bind::CallContext& cx,
                                          const std::variant<std::string, double>& mark) const;
    void clear(const char* type, const std::optional<std::string>& name);
    std::vector<PerformanceEntry*> filtered(const std::string* name, const std::string* type) const;

    // The performance entry buffer (Members keep the entries alive).
    std::vector<bind::Member<PerformanceEntry>> m_entries;
};

void installPerformance(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api

namespace nano::bind {
template <> struct DictionaryTraits<api::PerformanceMarkOptions> {
    static constexpr const char* name = "PerformanceMarkOptions";
    static bool read(DictionaryReader& d, api::PerformanceMarkOptions& out)
    {
        return d.raw("detail", out.detail) && d.get("startTime", out.startTime);
    }
};
template <> struct DictionaryTraits<api::PerformanceMeasureOptions> {
    static constexpr const char* name = "PerformanceMeasureOptions";
    static bool read(DictionaryReader& d, api::PerformanceMeasureOptions& out)
    {
        return d.raw("detail", out.detail) && d.get("duration", out.duration) &&
               d.get("end", out.end) && d.get("start", out.start);
    }
};
} // namespace nano::bind
