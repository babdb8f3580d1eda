#include "api/fetch/fetch.h"

#include "api/events/abort_signal.h"
#include "api/fetch/fetch_controller.h"
#include "api/fetch/request.h"
#include "api/streams/promises.h"
#include "api/streams/readable_stream.h"
#include "api/streams/stream_inspection.h"
#include "bind/namespace_builder.h"

namespace nano::api::fetch {

namespace {

// https://fetch.spec.whatwg.org/#fetch-method
v8::Local<v8::Promise> fetchMethod(bind::CallContext& cx, Request::Info input, RequestInit init)
{
    v8::Isolate* isolate = cx.isolate();
    // Step 1.
    core::AsyncOperation promise = core::AsyncOperation::create(cx.context());
    if (promise.isEmpty()) {
        cx.setFailed();
        return {};
    }
    // Steps 2-3: a throw rejects (the binding layer turns it into the rejected promise).
    std::unique_ptr<Request> constructed =
        Request::construct(cx, std::move(input), std::move(init));
    if (!constructed) return {};
    Request* requestObject = constructed.release();
    if (bind::wrapperOf(isolate, requestObject).IsEmpty()) {
        delete requestObject;
        cx.setFailed();
        return {};
    }
    v8::Local<v8::Promise> p = promise.promise(isolate);
    // Step 4: https://fetch.spec.whatwg.org/#abort-fetch with no response.
    AbortSignal* signal = requestObject->signal();
    if (signal->aborted()) {
        v8::Local<v8::Value> reason = signal->reasonValue(isolate);
        promise.reject(isolate, reason);
        Body& body = requestObject->body();
        if (!body.isNull()) {
            streams::ReadableStream* stream = body.stream(isolate);
            if (stream && stream->m_state == streams::ReadableStream::State::Readable) {
                v8::Local<v8::Promise> cancelled =
                    streams::readableStreamCancel(isolate, stream, reason);
                if (!cancelled.IsEmpty()) streams::setPromiseIsHandled(cancelled);
            }
        }
        return p;
    }
    // Steps 9-12.
    FetchController::start(isolate, requestObject, std::move(promise),
                           streams::callSiteLabel(isolate));
    return p;
}

} // namespace

void installFetch(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::NamespaceBuilder(context, global, nullptr).function<&fetchMethod>("fetch");
}

} // namespace nano::api::fetch
