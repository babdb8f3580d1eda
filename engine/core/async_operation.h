#pragma once
// A pending host operation that settles a promise later (a crypto job, a WebAssembly
// compilation, a fetch): its promise resolver, a keep-alive that holds the run open until the
// operation settles, and the rule that it settles on the engine thread inside a task (a
// HandleScope, the context entered, a microtask checkpoint after: Runtime::runMacrotask), never
// from a Qt slot or another thread directly.
//
//   auto op = core::AsyncOperation::create(cx.context());     // in the bound call
//   v8::Local<v8::Promise> promise = op.promise(cx.isolate());
//   ... later, from a task (or settleInTask from anywhere on the engine thread):
//   op.resolve(isolate, value);                                 // ends the keep-alive too
//
// Movable, not copyable. Dropping an unsettled operation leaves its promise pending and lets
// the run end (the run's teardown drops the ones still held, see Runtime::addTeardownHook).

#include "bind/promise.h"
#include "core/event_loop.h"

#include <functional>
#include <string_view>

namespace nano::core {

class AsyncOperation {
public:
    AsyncOperation() = default;
    // Empty (an exception pending) only if V8 cannot allocate.
    static AsyncOperation create(v8::Local<v8::Context> context);

    bool isEmpty() const { return m_resolver.isEmpty(); }
    v8::Local<v8::Promise> promise(v8::Isolate* isolate) const
    {
        return m_resolver.promise(isolate);
    }

    // Engine thread, inside a task. The first settle wins; each ends the keep-alive.
    void resolve(v8::Isolate* isolate, v8::Local<v8::Value> value);
    void reject(v8::Isolate* isolate, v8::Local<v8::Value> reason);
    // Rejects with a spec error named here (bind::makeError): "TypeError", "AbortError", ...
    void rejectWith(v8::Isolate* isolate, std::string_view errorName, const bind::CallSite& site,
                    std::string_view message);
    // For settle functions written against the resolver (crypto's finishers). Settle through it
    // only from a task; the keep-alive ends when this operation is settled or dropped.
    bind::PromiseResolver& resolver() { return m_resolver; }

    // Engine thread, outside a task (a Qt signal, a V8 callback): runs `settle` as a task of its
    // own, with this operation.
    static void settleInTask(AsyncOperation&& operation,
                             std::function<void(v8::Isolate*, AsyncOperation&)> settle);

private:
    void settle(v8::Isolate* isolate, v8::Local<v8::Value> value, bool fulfilled);
    // Logs (file:line) and returns false when called off the engine thread or outside a task:
    // a bug in our invariants, recovered from by settling from a task instead.
    bool checkInTask(v8::Isolate* isolate, const char* what) const;

    bind::PromiseResolver m_resolver;
    EventLoop::KeepAlive m_keepAlive;
};

} // namespace nano::core
