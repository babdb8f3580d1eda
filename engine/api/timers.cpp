#include "api/timers.h"

#include "bind/namespace_builder.h"
#include "core/runtime.h"

#include <unordered_map>

namespace nano::api {

namespace {

struct Timer {
    v8::Global<v8::Function> callback; // empty for a string handler
    v8::Global<v8::String> code;
    std::vector<v8::Global<v8::Value>> arguments;
    double timeout = 0;
    bool repeat = false;
    int nestingLevel = 0;
    uint64_t loopTimer = 0; // the event loop's id of the scheduled run
};

struct TimerTable {
    std::unordered_map<int32_t, Timer> timers; // the map of active timers
    int32_t nextId = 1;
    int currentNesting = 0; // nesting level of the timer task running now (0 outside timers)
};

TimerTable& table(v8::Isolate* isolate)
{
    return bind::IsolateData::get(isolate)->state<TimerTable>();
}

void schedule(v8::Isolate* isolate, int32_t id, Timer& timer);

// https://html.spec.whatwg.org/#timer-initialisation-steps, the task queued when a timer fires.
void runTimer(v8::Isolate* isolate, int32_t id)
{
    TimerTable& timers = table(isolate);
    auto it = timers.timers.find(id);
    if (it == timers.timers.end()) return;
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    Timer& timer = it->second;
    timer.loopTimer = 0;
    const int nesting = timer.nestingLevel;
    const bool repeat = timer.repeat;
    v8::Local<v8::Function> callback =
        timer.callback.IsEmpty() ? v8::Local<v8::Function>() : timer.callback.Get(isolate);
    v8::Local<v8::String> code =
        timer.code.IsEmpty() ? v8::Local<v8::String>() : timer.code.Get(isolate);
    std::vector<v8::Local<v8::Value>> args;
    args.reserve(timer.arguments.size());
    for (const auto& arg : timer.arguments)
        args.push_back(arg.Get(isolate));
    if (!repeat) timers.timers.erase(it); // a timeout is done once it runs

    const int savedNesting = timers.currentNesting;
    timers.currentNesting = nesting;
    if (!callback.IsEmpty()) {
        callback->Call(context, context->Global(), static_cast<int>(args.size()), args.data())
            .IsEmpty();
    } else if (!code.IsEmpty()) {
        v8::Local<v8::Script> script;
        if (v8::Script::Compile(context, code).ToLocal(&script)) script->Run(context).IsEmpty();
    }
    timers.currentNesting = savedNesting;

    if (repeat) {
        auto again = timers.timers.find(id);
        if (again != timers.timers.end() && again->second.loopTimer == 0) {
            again->second.nestingLevel = nesting + 1;
            schedule(isolate, id, again->second);
        }
    }
}

void schedule(v8::Isolate* isolate, int32_t id, Timer& timer)
{
    double timeout = timer.timeout;
    // Steps 10-11: when the task scheduling it is nested more than 5 levels deep (the timer's
    // own level is one more), it waits at least 4 ms.
    if (timer.nestingLevel - 1 > 5 && timeout < 4) timeout = 4;
    core::Runtime* runtime = core::Runtime::from(isolate);
    timer.loopTimer = runtime->loop().addTimer(timeout, [isolate, id] { runTimer(isolate, id); });
}

int32_t startTimer(bind::CallContext& cx, v8::Local<v8::Value> handler,
                   std::optional<int32_t> timeout, bind::Rest<v8::Local<v8::Value>>& args,
                   bool repeat)
{
    v8::Isolate* isolate = cx.isolate();
    TimerTable& timers = table(isolate);
    Timer timer;
    if (handler->IsFunction()) {
        timer.callback.Reset(isolate, handler.As<v8::Function>());
    } else {
        // A string handler is compiled when the timer fires, as HTML specifies.
        v8::Local<v8::String> code;
        if (!handler->ToString(cx.context()).ToLocal(&code)) {
            cx.setFailed();
            return 0;
        }
        timer.code.Reset(isolate, code);
    }
    for (v8::Local<v8::Value> arg : args.values)
        timer.arguments.emplace_back(isolate, arg);
    timer.timeout = std::max(0, timeout.value_or(0));
    timer.repeat = repeat;
    timer.nestingLevel = timers.currentNesting + 1;
    // Ids are never reused within a run; skip over any that wrapped around and are still live.
    int32_t id;
    do {
        id = timers.nextId;
        timers.nextId = timers.nextId == INT32_MAX ? 1 : timers.nextId + 1;
    } while (timers.timers.count(id));
    Timer& stored = timers.timers.emplace(id, std::move(timer)).first->second;
    schedule(isolate, id, stored);
    return id;
}

int32_t setTimeout(bind::CallContext& cx, v8::Local<v8::Value> handler,
                   std::optional<int32_t> timeout, bind::Rest<v8::Local<v8::Value>> args)
{
    return startTimer(cx, handler, timeout, args, false);
}

int32_t setInterval(bind::CallContext& cx, v8::Local<v8::Value> handler,
                    std::optional<int32_t> timeout, bind::Rest<v8::Local<v8::Value>> args)
{
    return startTimer(cx, handler, timeout, args, true);
}

void clearTimer(bind::CallContext& cx, std::optional<int32_t> id)
{
    if (!id || *id <= 0) return;
    TimerTable& timers = table(cx.isolate());
    auto it = timers.timers.find(*id);
    if (it == timers.timers.end()) return;
    if (it->second.loopTimer)
        core::Runtime::from(cx.isolate())->loop().cancelTimer(it->second.loopTimer);
    timers.timers.erase(it);
}

} // namespace

void installTimers(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::NamespaceBuilder(context, global, nullptr)
        .function<&setTimeout>("setTimeout")
        .function<&setInterval>("setInterval")
        .function<&clearTimer>("clearTimeout")
        .function<&clearTimer>("clearInterval");
}

} // namespace nano::api
