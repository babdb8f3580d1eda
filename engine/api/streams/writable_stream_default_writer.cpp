#include "api/streams/writable_stream_default_writer.h"

#include "api/streams/promises.h"
#include "api/streams/writable_stream.h"
#include "api/streams/writable_stream_default_controller.h"
#include "bind/errors.h"

namespace nano::api::streams {

namespace {
v8::Local<v8::Value> typeError(v8::Isolate* isolate, const char* member, const char* message)
{
    return bind::makeError(isolate, "TypeError",
                           {bind::CallSite::Kind::Method, "WritableStreamDefaultWriter", member},
                           message);
}

constexpr const char* kReleased = "The writer was released: its lock on the stream is gone.";

bool isPending(v8::Local<v8::Promise> promise)
{
    return promise->State() == v8::Promise::kPending;
}
} // namespace

// https://streams.spec.whatwg.org/#default-writer-constructor
std::unique_ptr<WritableStreamDefaultWriter> WritableStreamDefaultWriter::construct(
    bind::CallContext&, WritableStream* stream)
{
    auto writer = std::make_unique<WritableStreamDefaultWriter>();
    writer->m_constructingFor = stream;
    return writer;
}

void WritableStreamDefaultWriter::constructed(bind::CallContext& cx)
{
    WritableStream* stream = std::exchange(m_constructingFor, nullptr);
    if (!setUpWritableStreamDefaultWriter(cx.isolate(), this, stream)) cx.setFailed();
}

// https://streams.spec.whatwg.org/#default-writer-closed
v8::Local<v8::Promise> WritableStreamDefaultWriter::closed(bind::CallContext& cx) const
{
    return m_closedPromise.get(cx.isolate());
}

// https://streams.spec.whatwg.org/#default-writer-desired-size
bind::Nullable<bind::UnrestrictedDouble> WritableStreamDefaultWriter::desiredSize(
    bind::CallContext& cx) const
{
    if (!m_stream) {
        cx.throwTypeError(kReleased);
        return {};
    }
    std::optional<double> size = writableStreamDefaultWriterGetDesiredSize(this);
    if (!size) return {};
    return bind::UnrestrictedDouble{*size};
}

void WritableStreamDefaultWriter::inspectMore(v8::Isolate* isolate, Inspected& out)
{
    if (!m_stream) return; // released: the getter throws
    std::optional<double> size = writableStreamDefaultWriterGetDesiredSize(this);
    out.emplace_back("desiredSize", size ? v8::Number::New(isolate, *size).As<v8::Value>()
                                         : v8::Null(isolate).As<v8::Value>());
}

// https://streams.spec.whatwg.org/#default-writer-ready
v8::Local<v8::Promise> WritableStreamDefaultWriter::ready(bind::CallContext& cx) const
{
    return const_cast<LazyPromise&>(m_readyPromise).get(cx.isolate());
}

// https://streams.spec.whatwg.org/#default-writer-abort
v8::Local<v8::Promise> WritableStreamDefaultWriter::abort(
    bind::CallContext& cx, std::optional<v8::Local<v8::Value>> reason)
{
    if (!m_stream) {
        cx.throwTypeError(kReleased);
        return {};
    }
    v8::Isolate* isolate = cx.isolate();
    // https://streams.spec.whatwg.org/#writable-stream-default-writer-abort
    return writableStreamAbort(isolate, m_stream.get(), valueOrUndefined(isolate, reason));
}

// https://streams.spec.whatwg.org/#default-writer-close
v8::Local<v8::Promise> WritableStreamDefaultWriter::close(bind::CallContext& cx)
{
    if (!m_stream) {
        cx.throwTypeError(kReleased);
        return {};
    }
    if (writableStreamCloseQueuedOrInFlight(m_stream.get())) {
        cx.throwTypeError("The stream is closing or closed already.");
        return {};
    }
    // https://streams.spec.whatwg.org/#writable-stream-default-writer-close
    return writableStreamClose(cx.isolate(), m_stream.get());
}

// https://streams.spec.whatwg.org/#default-writer-release-lock
void WritableStreamDefaultWriter::releaseLock(bind::CallContext& cx)
{
    if (!m_stream) return;
    writableStreamDefaultWriterRelease(cx.isolate(), this);
}

// https://streams.spec.whatwg.org/#default-writer-write
v8::Local<v8::Promise> WritableStreamDefaultWriter::write(bind::CallContext& cx,
                                                          std::optional<v8::Local<v8::Value>> chunk)
{
    if (!m_stream) {
        cx.throwTypeError(kReleased);
        return {};
    }
    v8::Isolate* isolate = cx.isolate();
    v8::Local<v8::Promise> promise =
        writableStreamDefaultWriterWrite(isolate, this, valueOrUndefined(isolate, chunk));
    if (promise.IsEmpty()) cx.setFailed();
    return promise;
}

void WritableStreamDefaultWriter::define(bind::ClassBuilder<WritableStreamDefaultWriter>& c)
{
    c.constructor<&WritableStreamDefaultWriter::construct>()
        .readonlyAttribute<&WritableStreamDefaultWriter::closed>("closed")
        .readonlyAttribute<&WritableStreamDefaultWriter::desiredSize>("desiredSize")
        .readonlyAttribute<&WritableStreamDefaultWriter::ready>("ready")
        .method<&WritableStreamDefaultWriter::abort>("abort")
        .method<&WritableStreamDefaultWriter::close>("close")
        .method<&WritableStreamDefaultWriter::releaseLock>("releaseLock")
        .method<&WritableStreamDefaultWriter::write>("write");
}

// https://streams.spec.whatwg.org/#acquire-writable-stream-default-writer
WritableStreamDefaultWriter* acquireWritableStreamDefaultWriter(v8::Isolate* isolate,
                                                                WritableStream* stream)
{
    auto* writer = bind::create<WritableStreamDefaultWriter>(isolate);
    if (!writer || !setUpWritableStreamDefaultWriter(isolate, writer, stream)) return nullptr;
    return writer;
}

// https://streams.spec.whatwg.org/#set-up-writable-stream-default-writer
bool setUpWritableStreamDefaultWriter(v8::Isolate* isolate, WritableStreamDefaultWriter* writer,
                                      WritableStream* stream)
{
    using State = WritableStream::State;
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    if (isWritableStreamLocked(stream)) {
        bind::throwTypeError(isolate, "The WritableStream is locked to a writer already.");
        return false;
    }
    writer->m_stream.set(stream);
    stream->m_writer.set(writer);
    v8::Local<v8::Value> undefined = v8::Undefined(isolate);
    switch (stream->m_state) {
    case State::Writable:
        if (!writableStreamCloseQueuedOrInFlight(stream) && stream->m_backpressure)
            writer->m_readyPromise.setPending();
        else
            writer->m_readyPromise.setResolved();
        writer->m_closedPromise.set(newPromise(context));
        break;
    case State::Erroring:
        writer->m_readyPromise.setRejected(stream->m_storedError.get(isolate));
        writer->m_closedPromise.set(newPromise(context));
        break;
    case State::Closed:
        writer->m_readyPromise.setResolved();
        writer->m_closedPromise.set(promiseResolvedWith(context, undefined));
        break;
    case State::Errored: {
        v8::Local<v8::Value> storedError = stream->m_storedError.get(isolate);
        writer->m_readyPromise.setRejected(storedError);
        v8::Local<v8::Promise> closed = promiseRejectedWith(context, storedError);
        setPromiseIsHandled(closed);
        writer->m_closedPromise.set(closed);
        break;
    }
    }
    return true;
}

// https://streams.spec.whatwg.org/#writable-stream-default-writer-close-with-error-propagation
v8::Local<v8::Promise> writableStreamDefaultWriterCloseWithErrorPropagation(
    v8::Isolate* isolate, WritableStreamDefaultWriter* writer)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    WritableStream* stream = writer->m_stream.get();
    if (writableStreamCloseQueuedOrInFlight(stream) ||
        stream->m_state == WritableStream::State::Closed)
        return promiseResolvedWith(context, v8::Undefined(isolate));
    if (stream->m_state == WritableStream::State::Errored)
        return promiseRejectedWith(context, stream->m_storedError.get(isolate));
    return writableStreamClose(isolate, stream);
}

// https://streams.spec.whatwg.org/#writable-stream-default-writer-ensure-closed-promise-rejected
void writableStreamDefaultWriterEnsureClosedPromiseRejected(v8::Isolate* isolate,
                                                            WritableStreamDefaultWriter* writer,
                                                            v8::Local<v8::Value> error)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Promise> closed = writer->m_closedPromise.get(isolate);
    if (isPending(closed)) {
        rejectPromise(context, closed, error);
    } else {
        closed = promiseRejectedWith(context, error);
        writer->m_closedPromise.set(closed);
    }
    setPromiseIsHandled(closed);
}

// https://streams.spec.whatwg.org/#writable-stream-default-writer-ensure-ready-promise-rejected
void writableStreamDefaultWriterEnsureReadyPromiseRejected(v8::Isolate* isolate,
                                                           WritableStreamDefaultWriter* writer,
                                                           v8::Local<v8::Value> error)
{
    if (writer->m_readyPromise.isPending())
        writer->m_readyPromise.reject(isolate, error);
    else
        writer->m_readyPromise.setRejected(error);
}

// https://streams.spec.whatwg.org/#writable-stream-default-writer-get-desired-size
std::optional<double> writableStreamDefaultWriterGetDesiredSize(
    const WritableStreamDefaultWriter* writer)
{
    const WritableStream* stream = writer->m_stream.get();
    using State = WritableStream::State;
    if (stream->m_state == State::Errored || stream->m_state == State::Erroring)
        return std::nullopt;
    if (stream->m_state == State::Closed) return 0;
    return writableStreamDefaultControllerGetDesiredSize(stream->m_controller.get());
}

// https://streams.spec.whatwg.org/#writable-stream-default-writer-release
void writableStreamDefaultWriterRelease(v8::Isolate* isolate, WritableStreamDefaultWriter* writer)
{
    WritableStream* stream = writer->m_stream.get();
    v8::Local<v8::Value> releasedError = typeError(isolate, "releaseLock", kReleased);
    writableStreamDefaultWriterEnsureReadyPromiseRejected(isolate, writer, releasedError);
    writableStreamDefaultWriterEnsureClosedPromiseRejected(isolate, writer, releasedError);
    stream->m_writer.clear();
    writer->m_stream.clear();
}

namespace {
// Steps 1-8 of WritableStreamDefaultWriterWrite: the chunk's size, and the reason the write is
// refused (empty when it may go ahead). Nothing (an empty optional) when terminating.
struct WriteAdmission {
    double chunkSize = 1;
    v8::Local<v8::Value> refusal;
};
std::optional<WriteAdmission> admitWrite(v8::Isolate* isolate, WritableStreamDefaultWriter* writer,
                                         v8::Local<v8::Value> chunk)
{
    using State = WritableStream::State;
    // Locals keep the stream and controller alive across size(), which may run script that
    // releases this writer.
    WritableStream* stream = writer->m_stream.get();
    [[maybe_unused]] v8::Local<v8::Object> streamWrapper = stream->wrapper();
    [[maybe_unused]] v8::Local<v8::Object> controllerWrapper = stream->m_controller->wrapper();
    std::optional<double> chunkSize =
        writableStreamDefaultControllerGetChunkSize(isolate, stream->m_controller.get(), chunk);
    if (!chunkSize) return std::nullopt;
    WriteAdmission admission{*chunkSize, {}};
    if (stream != writer->m_stream.get())
        admission.refusal = typeError(isolate, "write", kReleased);
    else if (stream->m_state == State::Errored)
        admission.refusal = stream->m_storedError.get(isolate);
    else if (writableStreamCloseQueuedOrInFlight(stream) || stream->m_state == State::Closed)
        admission.refusal = typeError(isolate, "write",
                                      "Cannot write to a stream that is closing or closed.");
    else if (stream->m_state == State::Erroring)
        admission.refusal = stream->m_storedError.get(isolate);
    return admission;
}
} // namespace

// https://streams.spec.whatwg.org/#writable-stream-default-writer-write
v8::Local<v8::Promise> writableStreamDefaultWriterWrite(v8::Isolate* isolate,
                                                        WritableStreamDefaultWriter* writer,
                                                        v8::Local<v8::Value> chunk)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    WritableStream* stream = writer->m_stream.get();
    std::optional<WriteAdmission> admission = admitWrite(isolate, writer, chunk);
    if (!admission) return {};
    if (!admission->refusal.IsEmpty()) return promiseRejectedWith(context, admission->refusal);
    // Steps 9-11.
    v8::Local<v8::Promise> promise = writableStreamAddWriteRequest(isolate, stream);
    if (promise.IsEmpty()) return {};
    writableStreamDefaultControllerWrite(isolate, stream->m_controller.get(), chunk,
                                         admission->chunkSize);
    return promise;
}

bool writableStreamDefaultWriterWrite(v8::Isolate* isolate, WritableStreamDefaultWriter* writer,
                                      v8::Local<v8::Value> chunk, WriteRequest* request)
{
    WritableStream* stream = writer->m_stream.get();
    std::optional<WriteAdmission> admission = admitWrite(isolate, writer, chunk);
    if (!admission || !admission->refusal.IsEmpty()) return false;
    if (!writableStreamAddWriteRequest(isolate, stream, request)) return false;
    writableStreamDefaultControllerWrite(isolate, stream->m_controller.get(), chunk,
                                         admission->chunkSize);
    return true;
}

} // namespace nano::api::streams
