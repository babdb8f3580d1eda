#include "api/events/abort_controller.h"

#include "bind/hidden.h"

namespace nano::api {

AbortSignal* AbortController::signalOf(v8::Isolate* isolate) {
    if (!m_signal) {
        // https://dom.spec.whatwg.org/#dom-abortcontroller-abortcontroller
        m_signal = AbortSignal::create(isolate);
        if (m_signal)
            bind::hidden::set(isolate, wrapper(), "AbortController.signal", m_signal->wrapper());
    }
    return m_signal;
}

void AbortController::abort(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> reason) {
    if (AbortSignal* signal = signalOf(cx.isolate()))
        signal->signalAbort(cx.isolate(), reason ? *reason : v8::Local<v8::Value>());
    else
        cx.setFailed();
}

void AbortController::define(bind::ClassBuilder<AbortController>& c) {
    c.constructor<&AbortController::construct>()
        .readonlyAttribute<&AbortController::signal>("signal")
        .method<&AbortController::abort>("abort");
}

} // namespace nano::api
