// Runtime: unhandled promise rejections, tracked from V8's reject callback and reported after
// each macrotask's microtask checkpoint (the HTML "notify about rejected promises" steps).

#include "core/runtime.h"

namespace nano::core {

void Runtime::processPendingRejections()
{
    // https://html.spec.whatwg.org/#notify-about-rejected-promises
    while (!m_pendingRejections.empty() && m_stopReason.load() == StopReason::None) {
        std::vector<PendingRejection> pending;
        pending.swap(m_pendingRejections);
        for (PendingRejection& entry : pending) {
            if (m_stopReason.load() != StopReason::None) break;
            v8::HandleScope scope(m_isolate);
            v8::Local<v8::Promise> promise = entry.promise.Get(m_isolate);
            v8::Local<v8::Value> reason = entry.reason.Get(m_isolate);
            if (promise->HasHandler()) continue;
            const bool isEntry =
                !m_entryPromise.IsEmpty() && m_entryPromise.Get(m_isolate) == promise;
            if (!isEntry && m_hooks.dispatchUnhandledRejection) {
                v8::TryCatch tryCatch(m_isolate);
                const bool handled = m_hooks.dispatchUnhandledRejection(context(), promise, reason);
                m_isolate->PerformMicrotaskCheckpoint();
                if (handled) continue;
            }
            reportException(reason, v8::Local<v8::Message>(),
                            isEntry ? ReportKind::Uncaught : ReportKind::UncaughtInPromise);
        }
    }
}

void Runtime::onPromiseReject(v8::PromiseRejectMessage message)
{
    v8::Local<v8::Promise> promise = message.GetPromise();
    v8::Isolate* isolate = promise->GetIsolate();
    Runtime* self = from(isolate);
    if (!self) return;
    switch (message.GetEvent()) {
    case v8::kPromiseRejectWithNoHandler: {
        PendingRejection entry;
        entry.promise.Reset(isolate, promise);
        entry.reason.Reset(isolate, message.GetValue());
        self->m_pendingRejections.push_back(std::move(entry));
        break;
    }
    case v8::kPromiseHandlerAddedAfterReject: {
        auto& list = self->m_pendingRejections;
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](const PendingRejection& entry) {
                                      return entry.promise.Get(isolate) == promise;
                                  }),
                   list.end());
        break;
    }
    default: break;
    }
}

} // namespace nano::core
