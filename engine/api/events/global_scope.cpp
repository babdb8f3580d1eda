#include "api/events/global_scope.h"

#include "api/events/error_event.h"
#include "api/events/event_target.h"
#include "api/events/promise_rejection_event.h"

namespace nano::api {

namespace {

// The global object's class: an EventTarget with the global event handlers. It is not exposed
// by name.
class GlobalScope final : public EventTarget {
    NANO_BIND_CLASS(GlobalScope)
public:
    static void define(bind::ClassBuilder<GlobalScope>& c)
    {
        c.inherit<EventTarget>()
            .attribute<&GlobalScope::onerror, &GlobalScope::setOnerror>("onerror")
            .attribute<&GlobalScope::onunhandledrejection, &GlobalScope::setOnunhandledrejection>(
                "onunhandledrejection");
    }

    // The C++ object of a context's global scope (null if the context has a plain global).
    static GlobalScope* of(v8::Local<v8::Context> context)
    {
        v8::Local<v8::Value> global = context->Global()->GetPrototype();
        if (!global->IsObject() ||
            !bind::classTemplate<GlobalScope>(context->GetIsolate())->HasInstance(global))
            return nullptr;
        return static_cast<GlobalScope*>(bind::Wrappable::fromObject(global.As<v8::Object>()));
    }

    // Scripts see the global proxy, never the global object behind it.
    v8::Local<v8::Object> jsObject() const override
    {
        return bind::IsolateData::get(isolate())->context()->Global();
    }

    v8::Local<v8::Value> onerror(bind::CallContext& cx) const
    {
        return eventHandler(cx.isolate(), u"error");
    }
    void setOnerror(v8::Local<v8::Value> handler) { setEventHandler(u"error", handler); }
    v8::Local<v8::Value> onunhandledrejection(bind::CallContext& cx) const
    {
        return eventHandler(cx.isolate(), u"unhandledrejection");
    }
    void setOnunhandledrejection(v8::Local<v8::Value> handler)
    {
        setEventHandler(u"unhandledrejection", handler);
    }

    // https://html.spec.whatwg.org/#report-an-exception, steps from "If global is not in error
    // reporting mode": fires a cancelable ErrorEvent; true if a listener cancelled it. An error
    // thrown while the event is dispatched is not fired again (it goes to the console).
    bool reportException(v8::Isolate* isolate, v8::Local<v8::Value> error,
                         const core::ErrorLocation& location)
    {
        if (m_errorReportingMode) return false;
        ErrorEventInit init;
        init.cancelable = true;
        v8::Local<v8::Message> message = v8::Exception::CreateMessage(isolate, error);
        init.message = bind::toUtf16(isolate, message->Get());
        init.filename = location.url.toStdString();
        init.lineno = static_cast<uint32_t>(std::max(0, location.line));
        init.colno = static_cast<uint32_t>(std::max(0, location.column));
        init.error = error;
        ErrorEvent* event = Event::create<ErrorEvent>(isolate, u"error", init);
        if (!event) return false;
        event->setTrusted(true);
        m_errorReportingMode = true;
        const bool notCanceled = dispatch(isolate, event);
        m_errorReportingMode = false;
        return !notCanceled;
    }

    // https://html.spec.whatwg.org/#notify-about-rejected-promises, step 5.4.
    bool notifyRejection(v8::Isolate* isolate, v8::Local<v8::Promise> promise,
                         v8::Local<v8::Value> reason)
    {
        PromiseRejectionEventInit init;
        init.cancelable = true;
        init.promise = promise;
        init.reason = reason;
        auto* event = Event::create<PromiseRejectionEvent>(isolate, u"unhandledrejection", init);
        if (!event) return false;
        event->setTrusted(true);
        return !dispatch(isolate, event);
    }

protected:
    bool isGlobalScope() const override { return true; }

private:
    bool m_errorReportingMode = false;
};

} // namespace

v8::Local<v8::ObjectTemplate> globalScopeTemplate(v8::Isolate* isolate)
{
    return bind::classTemplate<GlobalScope>(isolate)->InstanceTemplate();
}

void attachGlobalScope(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    // The global object behind the proxy is an instance of GlobalScope when the runtime was
    // given globalScopeTemplate(); it gets its C++ EventTarget here.
    v8::Isolate* isolate = context->GetIsolate();
    v8::Local<v8::Value> inner = global->GetPrototype();
    if (!inner->IsObject() || !bind::classTemplate<GlobalScope>(isolate)->HasInstance(inner))
        return;
    auto* scope = new GlobalScope();
    scope->wrap(isolate, inner.As<v8::Object>());

    core::RuntimeHooks& hooks = core::Runtime::from(isolate)->hooks();
    hooks.dispatchError = [](v8::Local<v8::Context> context, v8::Local<v8::Value> error,
                             const core::ErrorLocation& location) {
        GlobalScope* scope = GlobalScope::of(context);
        return scope && scope->reportException(context->GetIsolate(), error, location);
    };
    hooks.dispatchUnhandledRejection = [](v8::Local<v8::Context> context,
                                          v8::Local<v8::Promise> promise,
                                          v8::Local<v8::Value> reason) {
        GlobalScope* scope = GlobalScope::of(context);
        return scope && scope->notifyRejection(context->GetIsolate(), promise, reason);
    };
}

} // namespace nano::api
