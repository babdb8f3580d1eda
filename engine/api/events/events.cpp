#include "api/events/events.h"

#include "api/events/abort_controller.h"
#include "api/events/custom_event.h"
#include "api/events/error_event.h"
#include "api/events/global_scope.h"
#include "api/events/promise_rejection_event.h"

namespace nano::api {

void installEvents(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<Event>(context, global);
    bind::exposeLazily<EventTarget>(context, global);
    bind::exposeLazily<CustomEvent>(context, global);
    bind::exposeLazily<ErrorEvent>(context, global);
    bind::exposeLazily<PromiseRejectionEvent>(context, global);
    bind::exposeLazily<AbortController>(context, global);
    bind::exposeLazily<AbortSignal>(context, global);
    attachGlobalScope(context, global);
}

} // namespace nano::api
