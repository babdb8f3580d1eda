#include "api/streams/writable_stream.h"

#include "api/streams/promises.h"
#include "api/streams/writable_stream_default_controller.h"
#include "api/streams/writable_stream_default_writer.h"
#include "bind/errors.h"
#include "bind/strings.h"

namespace nano::api::streams {

namespace {
v8::Local<v8::Value> typeError(v8::Isolate* isolate, const char* member, const char* message)
{
    return bind::makeError(isolate, "TypeError",
                           {bind::CallSite::Kind::Method, "WritableStream", member}, message);
}
} // namespace

// https://streams.spec.whatwg.org/#ws-constructor
std::unique_ptr<WritableStream> WritableStream::construct(
    bind::CallContext& cx, std::optional<v8::Local<v8::Object>> sink, QueuingStrategy strategy)
{
    v8::Isolate* isolate = cx.isolate();
    auto setup = std::make_unique<PendingSetup>();
    // Steps 1-2.
    bind::ValueSource src;
    src.index = 0;
    v8::Local<v8::Value> sinkValue =
        sink ? v8::Local<v8::Value>(*sink) : v8::Null(isolate).As<v8::Value>();
    if (!bind::Convert<UnderlyingSink>::fromJs(cx, src, sinkValue, setup->dict)) return nullptr;
    if (sink) setup->sink = *sink;
    // Step 3.
    if (!setup->dict.type.IsEmpty() && !setup->dict.type->IsUndefined()) {
        cx.throwRangeError("Invalid type is specified.");
        return nullptr;
    }
    // Steps 5-6.
    std::optional<double> highWaterMark = extractHighWaterMark(cx, strategy, 1);
    if (!highWaterMark) return nullptr;
    setup->highWaterMark = *highWaterMark;
    setup->strategy = strategy;
    auto stream = std::make_unique<WritableStream>();
    stream->m_pendingSetup = std::move(setup);
    return stream;
}

void WritableStream::inspectMore(v8::Isolate* isolate, Inspected& out)
{
    const char* names[] = {"writable", "closed", "erroring", "errored"};
    out.emplace_back("state", bind::name(isolate, names[static_cast<int>(m_state)]));
}

void WritableStream::registerWithInspector(v8::Isolate* isolate, QString label)
{
    m_inspection.label = std::move(label);
    m_inspection.site = currentCallSite(isolate);
    m_inspection.registration = StreamRegistry::from(isolate).add([this](StreamSnapshot& s) {
        if (!isWrapped() || !m_controller) return false; // collected, or not set up
        const WritableStreamDefaultController* c = m_controller.get();
        s.kind = m_inspection.transformSide ? StreamSnapshot::Kind::TransformWritable
                                            : StreamSnapshot::Kind::Writable;
        s.label = m_inspection.label;
        s.sourceUrl = m_inspection.site.sourceUrl;
        s.line = m_inspection.site.line;
        s.error = m_inspection.errorText;
        switch (m_state) {
        case State::Writable: s.state = StreamSnapshot::State::Writable; break;
        case State::Closed: s.state = StreamSnapshot::State::Closed; break;
        case State::Erroring: s.state = StreamSnapshot::State::Erroring; break;
        case State::Errored: s.state = StreamSnapshot::State::Errored; break;
        }
        s.locked = isWritableStreamLocked(this);
        // The close sentinel is no chunk.
        s.queuedChunks = qint64(c->m_queue.size()) - (c->m_queue.peekIsCloseSentinel() ? 1 : 0);
        s.queueTotalSize = c->m_queue.totalSize();
        s.highWaterMark = c->m_strategyHWM;
        if (m_state == State::Writable)
            s.desiredSize = writableStreamDefaultControllerGetDesiredSize(c);
        else if (m_state == State::Closed)
            s.desiredSize = 0;
        s.chunksPassed = c->m_chunksPassed;
        s.bytesPassed = c->m_bytesPassed;
        s.pendingWrites = int(m_writeRequests.size()) + (m_inFlightWriteRequest ? 1 : 0);
        s.links.pipeSource = m_inspection.pipePeer;
        s.links.transformPair = m_inspection.transformPair;
        return true;
    });
}

void WritableStream::constructed(bind::CallContext& cx)
{
    std::unique_ptr<PendingSetup> setup = std::move(m_pendingSetup);
    registerWithInspector(cx.isolate(), callSiteLabel(cx.isolate()));
    setUpWritableStreamDefaultControllerFromUnderlyingSink(
        cx, this, setup->sink, setup->dict, setup->highWaterMark, setup->strategy);
}

// https://streams.spec.whatwg.org/#ws-locked
bool WritableStream::locked() const
{
    return isWritableStreamLocked(this);
}

// https://streams.spec.whatwg.org/#ws-abort
v8::Local<v8::Promise> WritableStream::abort(bind::CallContext& cx,
                                             std::optional<v8::Local<v8::Value>> reason)
{
    if (isWritableStreamLocked(this)) {
        cx.throwTypeError("Cannot abort a stream that is locked to a writer.");
        return {};
    }
    v8::Isolate* isolate = cx.isolate();
    return writableStreamAbort(isolate, this, valueOrUndefined(isolate, reason));
}

// https://streams.spec.whatwg.org/#ws-close
v8::Local<v8::Promise> WritableStream::close(bind::CallContext& cx)
{
    if (isWritableStreamLocked(this)) {
        cx.throwTypeError("Cannot close a stream that is locked to a writer.");
        return {};
    }
    if (writableStreamCloseQueuedOrInFlight(this)) {
        cx.throwTypeError("Cannot close a stream that is already closing.");
        return {};
    }
    return writableStreamClose(cx.isolate(), this);
}

// https://streams.spec.whatwg.org/#ws-get-writer
v8::Local<v8::Value> WritableStream::getWriter(bind::CallContext& cx)
{
    if (isWritableStreamLocked(this)) {
        cx.throwTypeError("The stream is locked to a writer already.");
        return {};
    }
    WritableStreamDefaultWriter* writer = acquireWritableStreamDefaultWriter(cx.isolate(), this);
    if (!writer) {
        cx.setFailed();
        return {};
    }
    return writer->wrapper();
}

void WritableStream::define(bind::ClassBuilder<WritableStream>& c)
{
    c.constructor<&WritableStream::construct>()
        .readonlyAttribute<&WritableStream::locked>("locked")
        .method<&WritableStream::abort>("abort")
        .method<&WritableStream::close>("close")
        .method<&WritableStream::getWriter>("getWriter");
}

// https://streams.spec.whatwg.org/#create-writable-stream
WritableStream* createWritableStream(v8::Isolate* isolate, bind::Wrappable* algorithmsHolder,
                                     SinkAlgorithms* algorithms, double highWaterMark,
                                     v8::Local<v8::Function> sizeFunction,
                                     v8::Local<v8::Promise> startPromise)
{
    auto* stream = bind::create<WritableStream>(isolate);
    if (!stream) return nullptr;
    auto* controller = bind::create<WritableStreamDefaultController>(isolate);
    if (!controller) return nullptr;
    setUpWritableStreamDefaultController(isolate, stream, controller, algorithmsHolder,
                                         algorithms, highWaterMark, sizeFunction, startPromise);
    stream->registerWithInspector(isolate, {}); // the caller names it
    return stream;
}

// https://streams.spec.whatwg.org/#is-writable-stream-locked
bool isWritableStreamLocked(const WritableStream* stream)
{
    return !stream->m_writer.isEmpty();
}

// https://streams.spec.whatwg.org/#writable-stream-abort
v8::Local<v8::Promise> writableStreamAbort(v8::Isolate* isolate, WritableStream* stream,
                                           v8::Local<v8::Value> reason)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    using State = WritableStream::State;
    // Step 1.
    if (stream->m_state == State::Closed || stream->m_state == State::Errored)
        return promiseResolvedWith(context, v8::Undefined(isolate));
    // Step 2.
    stream->m_controller->signalAbort(isolate, reason);
    // Steps 3-4: an abort listener may have changed the state.
    if (stream->m_state == State::Closed || stream->m_state == State::Errored)
        return promiseResolvedWith(context, v8::Undefined(isolate));
    // Step 5.
    if (!stream->m_pendingAbortPromise.isEmpty())
        return stream->m_pendingAbortPromise.get(isolate);
    // Steps 7-8.
    bool wasAlreadyErroring = false;
    if (stream->m_state == State::Erroring) {
        wasAlreadyErroring = true;
        reason = v8::Undefined(isolate);
    }
    // Steps 9-10.
    v8::Local<v8::Promise> promise = newPromise(context);
    stream->m_pendingAbortPromise.set(promise);
    stream->m_pendingAbortReason.set(reason);
    stream->m_pendingAbortWasAlreadyErroring = wasAlreadyErroring;
    // Step 11.
    if (!wasAlreadyErroring) writableStreamStartErroring(isolate, stream, reason);
    return promise;
}

// https://streams.spec.whatwg.org/#writable-stream-close
v8::Local<v8::Promise> writableStreamClose(v8::Isolate* isolate, WritableStream* stream)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    using State = WritableStream::State;
    // Step 2.
    if (stream->m_state == State::Closed || stream->m_state == State::Errored)
        return promiseRejectedWith(
            context, typeError(isolate, "close", "The stream is closed or errored already."));
    // Steps 5-6.
    v8::Local<v8::Promise> promise = newPromise(context);
    stream->m_closeRequest.set(promise);
    // Step 7.
    WritableStreamDefaultWriter* writer = stream->m_writer.get();
    if (writer && stream->m_backpressure && stream->m_state == State::Writable)
        writer->m_readyPromise.resolve(isolate);
    // Step 8.
    writableStreamDefaultControllerClose(isolate, stream->m_controller.get());
    return promise;
}

// https://streams.spec.whatwg.org/#writable-stream-add-write-request
v8::Local<v8::Promise> writableStreamAddWriteRequest(v8::Isolate* isolate, WritableStream* stream)
{
    v8::Local<v8::Promise> promise = newPromise(isolate->GetCurrentContext());
    if (promise.IsEmpty() || !stream->m_writeRequests.push(isolate, promise)) return {};
    return promise;
}

bool writableStreamAddWriteRequest(v8::Isolate* isolate, WritableStream* stream,
                                   WriteRequest* request)
{
    return stream->m_writeRequests.push(isolate, request->wrapper());
}

namespace {
// Resolves or rejects a write request: a writer.write() promise, or a native request.
void settleWriteRequest(v8::Isolate* isolate, v8::Local<v8::Value> request, bool fulfilled,
                        v8::Local<v8::Value> error)
{
    if (request->IsPromise()) {
        if (fulfilled)
            resolvePromise(isolate->GetCurrentContext(), request.As<v8::Promise>(),
                           v8::Undefined(isolate));
        else
            rejectPromise(isolate->GetCurrentContext(), request.As<v8::Promise>(), error);
        return;
    }
    // Only WriteRequests are queued besides promises.
    auto* native = static_cast<WriteRequest*>(bind::Wrappable::fromObject(request.As<v8::Object>()));
    if (!native) return;
    if (fulfilled)
        native->writeFulfilled(isolate);
    else
        native->writeRejected(isolate, error);
}
} // namespace

// https://streams.spec.whatwg.org/#writable-stream-close-queued-or-in-flight
bool writableStreamCloseQueuedOrInFlight(const WritableStream* stream)
{
    return !stream->m_closeRequest.isEmpty() || !stream->m_inFlightCloseRequest.isEmpty();
}

// https://streams.spec.whatwg.org/#writable-stream-deal-with-rejection
void writableStreamDealWithRejection(v8::Isolate* isolate, WritableStream* stream,
                                     v8::Local<v8::Value> error)
{
    if (stream->m_state == WritableStream::State::Writable) {
        writableStreamStartErroring(isolate, stream, error);
        return;
    }
    writableStreamFinishErroring(isolate, stream);
}

// https://streams.spec.whatwg.org/#writable-stream-finish-erroring
void writableStreamFinishErroring(v8::Isolate* isolate, WritableStream* stream)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    // Steps 3-7.
    stream->m_state = WritableStream::State::Errored;
    stream->m_controller->errorSteps();
    v8::Local<v8::Value> storedError = stream->m_storedError.get(isolate);
    while (!stream->m_writeRequests.isEmpty())
        settleWriteRequest(isolate, stream->m_writeRequests.take(isolate), false, storedError);
    stream->m_writeRequests.clear();
    // Step 8.
    if (stream->m_pendingAbortPromise.isEmpty()) {
        writableStreamRejectCloseAndClosedPromiseIfNeeded(isolate, stream);
        return;
    }
    // Steps 9-10.
    v8::Local<v8::Promise> abortPromise = stream->m_pendingAbortPromise.get(isolate);
    v8::Local<v8::Value> abortReason = stream->m_pendingAbortReason.get(isolate);
    bool wasAlreadyErroring = stream->m_pendingAbortWasAlreadyErroring;
    // The abort promise stays reachable from the stream until the abort steps settle it.
    stream->m_pendingAbortPromise.clear();
    stream->m_pendingAbortReason.clear();
    // Step 11.
    if (wasAlreadyErroring) {
        rejectPromise(context, abortPromise, storedError);
        writableStreamRejectCloseAndClosedPromiseIfNeeded(isolate, stream);
        return;
    }
    // Steps 12-14.
    stream->m_inFlightAbortPromise.set(abortPromise);
    v8::Local<v8::Promise> promise = stream->m_controller->abortSteps(isolate, abortReason);
    if (promise.IsEmpty()) return;
    uponPromise(context, promise,
                reactionOnce<&WritableStream::onAbortFulfilled>(context, stream),
                reactionOnce<&WritableStream::onAbortRejected>(context, stream));
}

void WritableStream::onAbortFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>)
{
    v8::Local<v8::Promise> promise = m_inFlightAbortPromise.get(isolate);
    m_inFlightAbortPromise.clear();
    resolvePromise(isolate->GetCurrentContext(), promise, v8::Undefined(isolate));
    writableStreamRejectCloseAndClosedPromiseIfNeeded(isolate, this);
}

void WritableStream::onAbortRejected(v8::Isolate* isolate, v8::Local<v8::Value> reason)
{
    v8::Local<v8::Promise> promise = m_inFlightAbortPromise.get(isolate);
    m_inFlightAbortPromise.clear();
    rejectPromise(isolate->GetCurrentContext(), promise, reason);
    writableStreamRejectCloseAndClosedPromiseIfNeeded(isolate, this);
}

// https://streams.spec.whatwg.org/#writable-stream-finish-in-flight-close
void writableStreamFinishInFlightClose(v8::Isolate* isolate, WritableStream* stream)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Value> undefined = v8::Undefined(isolate);
    resolvePromise(context, stream->m_inFlightCloseRequest.get(isolate), undefined);
    stream->m_inFlightCloseRequest.clear();
    if (stream->m_state == WritableStream::State::Erroring) {
        stream->m_storedError.clear();
        if (!stream->m_pendingAbortPromise.isEmpty()) {
            resolvePromise(context, stream->m_pendingAbortPromise.get(isolate), undefined);
            stream->m_pendingAbortPromise.clear();
            stream->m_pendingAbortReason.clear();
        }
    }
    stream->m_state = WritableStream::State::Closed;
    if (WritableStreamDefaultWriter* writer = stream->m_writer.get())
        resolvePromise(context, writer->m_closedPromise.get(isolate), undefined);
}

// https://streams.spec.whatwg.org/#writable-stream-finish-in-flight-close-with-error
void writableStreamFinishInFlightCloseWithError(v8::Isolate* isolate, WritableStream* stream,
                                                v8::Local<v8::Value> error)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    rejectPromise(context, stream->m_inFlightCloseRequest.get(isolate), error);
    stream->m_inFlightCloseRequest.clear();
    if (!stream->m_pendingAbortPromise.isEmpty()) {
        rejectPromise(context, stream->m_pendingAbortPromise.get(isolate), error);
        stream->m_pendingAbortPromise.clear();
        stream->m_pendingAbortReason.clear();
    }
    writableStreamDealWithRejection(isolate, stream, error);
}

// https://streams.spec.whatwg.org/#writable-stream-finish-in-flight-write
void writableStreamFinishInFlightWrite(v8::Isolate* isolate, WritableStream* stream)
{
    v8::Local<v8::Value> request = stream->m_inFlightWriteRequest.get(isolate);
    stream->m_inFlightWriteRequest.clear();
    settleWriteRequest(isolate, request, true, {});
}

// https://streams.spec.whatwg.org/#writable-stream-finish-in-flight-write-with-error
void writableStreamFinishInFlightWriteWithError(v8::Isolate* isolate, WritableStream* stream,
                                                v8::Local<v8::Value> error)
{
    v8::Local<v8::Value> request = stream->m_inFlightWriteRequest.get(isolate);
    stream->m_inFlightWriteRequest.clear();
    settleWriteRequest(isolate, request, false, error);
    writableStreamDealWithRejection(isolate, stream, error);
}

// https://streams.spec.whatwg.org/#writable-stream-has-operation-marked-in-flight
bool writableStreamHasOperationMarkedInFlight(const WritableStream* stream)
{
    return !stream->m_inFlightWriteRequest.isEmpty() || !stream->m_inFlightCloseRequest.isEmpty();
}

// https://streams.spec.whatwg.org/#writable-stream-mark-close-request-in-flight
void writableStreamMarkCloseRequestInFlight(WritableStream* stream)
{
    v8::Isolate* isolate = stream->isolate();
    stream->m_inFlightCloseRequest.set(stream->m_closeRequest.get(isolate));
    stream->m_closeRequest.clear();
}

// https://streams.spec.whatwg.org/#writable-stream-mark-first-write-request-in-flight
void writableStreamMarkFirstWriteRequestInFlight(v8::Isolate* isolate, WritableStream* stream)
{
    stream->m_inFlightWriteRequest.set(stream->m_writeRequests.take(isolate));
}

// https://streams.spec.whatwg.org/#writable-stream-reject-close-and-closed-promise-if-needed
void writableStreamRejectCloseAndClosedPromiseIfNeeded(v8::Isolate* isolate,
                                                       WritableStream* stream)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Value> storedError = stream->m_storedError.get(isolate);
    if (storedError.IsEmpty()) storedError = v8::Undefined(isolate);
    if (!stream->m_closeRequest.isEmpty()) {
        rejectPromise(context, stream->m_closeRequest.get(isolate), storedError);
        stream->m_closeRequest.clear();
    }
    if (WritableStreamDefaultWriter* writer = stream->m_writer.get()) {
        v8::Local<v8::Promise> closed = writer->m_closedPromise.get(isolate);
        rejectPromise(context, closed, storedError);
        setPromiseIsHandled(closed);
    }
}

// https://streams.spec.whatwg.org/#writable-stream-start-erroring
void writableStreamStartErroring(v8::Isolate* isolate, WritableStream* stream,
                                 v8::Local<v8::Value> reason)
{
    WritableStreamDefaultController* controller = stream->m_controller.get();
    stream->m_state = WritableStream::State::Erroring;
    stream->m_storedError.set(reason);
    stream->m_inspection.errorText = errorText(isolate, reason);
    if (WritableStreamDefaultWriter* writer = stream->m_writer.get())
        writableStreamDefaultWriterEnsureReadyPromiseRejected(isolate, writer, reason);
    if (!writableStreamHasOperationMarkedInFlight(stream) && controller->m_started)
        writableStreamFinishErroring(isolate, stream);
}

// https://streams.spec.whatwg.org/#writable-stream-update-backpressure
void writableStreamUpdateBackpressure(v8::Isolate* isolate, WritableStream* stream,
                                      bool backpressure)
{
    WritableStreamDefaultWriter* writer = stream->m_writer.get();
    if (writer && backpressure != stream->m_backpressure) {
        if (backpressure)
            writer->m_readyPromise.setPending();
        else
            writer->m_readyPromise.resolve(isolate);
    }
    stream->m_backpressure = backpressure;
}

void installWritableStream(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<WritableStream>(context, global);
    bind::exposeLazily<WritableStreamDefaultWriter>(context, global);
    bind::exposeLazily<WritableStreamDefaultController>(context, global);
}

} // namespace nano::api::streams
