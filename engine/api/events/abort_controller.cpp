#include "api/events/abort_controller.h"

namespace nano::api {

AbortSignal* AbortController::signalOf(v8::Isolate* isolate)
{
    if (!m_signal) {
        // https://dom.spec.whatwg.org/#dom-abortcontroller-abortcontroller
        m_signal.set(AbortSignal::create(isolate));
    }
    return m_signal.get();
}

void AbortController::abort(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> reason)
{
    if (AbortSignal* signal = signalOf(cx.isolate()))
        signal->signalAbort(cx.isolate(), reason ? *reason : v8::Local<v8::Value>());
    else
        cx.setFailed();
}

void AbortController::define(bind::ClassBuilder<AbortController>& c)
{
    c.constructor<&AbortController::construct>()
        .readonlyAttribute<&AbortController::signal>("signal")
        .method<&AbortController::abort>("abort");
}

} // namespace nano::api
