#pragma once
// AbortController (https://dom.spec.whatwg.org/#interface-abortcontroller).
//
// [Exposed=*] interface AbortController {
//   constructor();
//   [SameObject] readonly attribute AbortSignal signal;
//   undefined abort(optional any reason);
// };

#include "api/events/abort_signal.h"

namespace nano::api {

class AbortController final : public bind::Wrappable {
    NANO_BIND_CLASS(AbortController)
public:
    static std::unique_ptr<AbortController> construct()
    {
        return std::make_unique<AbortController>();
    }
    static void define(bind::ClassBuilder<AbortController>& c);

    AbortSignal* signal(bind::CallContext& cx) { return signalOf(cx.isolate()); }
    // https://dom.spec.whatwg.org/#dom-abortcontroller-abort
    void abort(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> reason);

    // The controller's signal, created with it on first use and held by a Member (so the
    // controller keeps it alive in a way the GC sees).
    AbortSignal* signalOf(v8::Isolate* isolate);
    // console.log shows the signal, as Node does (its getter takes the call context).
    void inspectMore(v8::Isolate* isolate, Inspected& out) override
    {
        if (AbortSignal* signal = signalOf(isolate)) out.emplace_back("signal", signal->wrapper());
    }

private:
    bind::Member<AbortSignal> m_signal{this};
};

} // namespace nano::api
