#pragma once
// The process-wide V8 platform. It wraps V8's default platform (worker threads, tracing) and
// routes each isolate's foreground tasks into that isolate's own event loop, so V8's tasks
// (WebAssembly compilation results, GC finalisation, Atomics.waitAsync) run as macrotasks
// on the engine thread instead of needing a pump.

#include <functional>
#include <memory>
#include <v8.h>

namespace nano::core {

// Receives an isolate's foreground tasks; called from any thread.
class ForegroundTaskSink {
public:
    virtual ~ForegroundTaskSink() = default;
    virtual void postForegroundTask(std::unique_ptr<v8::Task> task, double delaySeconds) = 0;
};

class Platform {
public:
    // Initialises V8 once per process (idempotent, thread-safe). `argv0` locates ICU data.
    static void initialize(const char* argv0 = nullptr);
    static v8::Platform* get();

    // Routes the isolate's foreground tasks to `sink` until unregister (tasks posted after that
    // are dropped, as V8 allows for a disposed isolate).
    static void registerIsolate(v8::Isolate* isolate, ForegroundTaskSink* sink);
    static void unregisterIsolate(v8::Isolate* isolate);
};

} // namespace nano::core
