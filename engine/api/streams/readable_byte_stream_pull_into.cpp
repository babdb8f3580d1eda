// The BYOB half of ReadableByteStreamController: pull-into descriptors filled by reads with
// a view, the BYOB request a source fills them through, and the read-into requests of the
// stream's BYOB reader.

#include "api/streams/readable_byte_stream_controller.h"

#include "api/streams/promises.h"
#include "api/streams/read_request.h"
#include "api/streams/readable_byte_stream_internal.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_byob_reader.h"
#include "bind/errors.h"

namespace nano::api::streams {

using namespace byte_stream_detail;
using Controller = ReadableByteStreamController;
using Descriptor = ReadableByteStreamController::PullIntoDescriptor;
using ViewType = ReadableByteStreamController::ViewType;

namespace {
// https://streams.spec.whatwg.org/#readable-byte-stream-controller-respond-in-closed-state
void respondInClosedState(v8::Isolate* isolate, Controller* c)
{
    if (c->m_pendingPullIntos.front().readerType == Controller::ReaderType::None)
        shiftPendingPullInto(isolate, c);
    ReadableStream* stream = streamOf(c);
    if (readableStreamHasBYOBReader(stream)) {
        // Shift them all first, then commit (committing fulfills the read-into requests). Each
        // read-into request has its descriptor; an empty list ends the loop all the same.
        std::vector<Filled> filledPullIntos;
        while (filledPullIntos.size() < readableStreamGetNumReadIntoRequests(stream) &&
               !c->m_pendingPullIntos.empty())
            filledPullIntos.push_back(shiftPendingPullInto(isolate, c));
        for (const Filled& filled : filledPullIntos)
            commitPullIntoDescriptor(isolate, stream, filled);
    }
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-respond-in-readable-state
void respondInReadableState(v8::Isolate* isolate, Controller* c, size_t bytesWritten)
{
    ReadableStream* stream = streamOf(c);
    Descriptor& d = c->m_pendingPullIntos.front();
    fillHeadPullIntoDescriptor(c, bytesWritten, d);
    if (d.readerType == Controller::ReaderType::None) {
        if (!enqueueDetachedPullIntoToQueue(isolate, c)) return;
        for (const Filled& filled : processPullIntoDescriptorsUsingQueue(isolate, c))
            commitPullIntoDescriptor(isolate, stream, filled);
        return;
    }
    if (d.bytesFilled < d.minimumFill) return;
    Filled head = shiftPendingPullInto(isolate, c);
    size_t remainderSize = head.descriptor.bytesFilled % head.descriptor.elementSize;
    if (remainderSize > 0) {
        size_t end = head.descriptor.byteOffset + head.descriptor.bytesFilled;
        if (!enqueueClonedChunkToQueue(isolate, c, head.buffer, end - remainderSize, remainderSize))
            return;
    }
    head.descriptor.bytesFilled -= remainderSize;
    std::vector<Filled> filledPullIntos = processPullIntoDescriptorsUsingQueue(isolate, c);
    commitPullIntoDescriptor(isolate, stream, head);
    for (const Filled& filled : filledPullIntos)
        commitPullIntoDescriptor(isolate, stream, filled);
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-respond-internal
void respondInternal(v8::Isolate* isolate, Controller* c, size_t bytesWritten)
{
    invalidateBYOBRequest(c);
    if (streamOf(c)->m_state == ReadableStream::State::Closed)
        respondInClosedState(isolate, c);
    else
        respondInReadableState(isolate, c, bytesWritten);
    callPullIfNeeded(isolate, c);
}

} // namespace

// --- ReadableStreamBYOBRequest ----------------------------------------------------------------

// https://streams.spec.whatwg.org/#rs-byob-request-view
v8::Local<v8::Value> ReadableStreamBYOBRequest::view(bind::CallContext& cx) const
{
    v8::Local<v8::Value> view = m_view.get(cx.isolate());
    if (view.IsEmpty()) return v8::Null(cx.isolate());
    return view;
}

// https://streams.spec.whatwg.org/#rs-byob-request-respond
void ReadableStreamBYOBRequest::respond(bind::CallContext& cx,
                                        bind::EnforceRange<uint64_t> bytesWritten)
{
    ReadableByteStreamController* controller = m_controller.get();
    if (!controller) {
        cx.throwTypeError("This BYOB request was invalidated: it has been responded to.");
        return;
    }
    v8::Local<v8::ArrayBufferView> view = m_view.get(cx.isolate()).As<v8::ArrayBufferView>();
    if (bind::isDetached(view->Buffer())) {
        cx.throwTypeError("The view's buffer is detached.");
        return;
    }
    if (!readableByteStreamControllerRespond(cx.isolate(), controller, bytesWritten.value))
        cx.setFailed();
}

// https://streams.spec.whatwg.org/#rs-byob-request-respond-with-new-view
void ReadableStreamBYOBRequest::respondWithNewView(bind::CallContext& cx,
                                                   v8::Local<v8::Value> value)
{
    if (!value->IsArrayBufferView()) {
        cx.throwTypeError("parameter 1 is not of type 'ArrayBufferView'.");
        return;
    }
    ReadableByteStreamController* controller = m_controller.get();
    if (!controller) {
        cx.throwTypeError("This BYOB request was invalidated: it has been responded to.");
        return;
    }
    v8::Local<v8::ArrayBufferView> view = value.As<v8::ArrayBufferView>();
    if (bind::isDetached(view->Buffer())) {
        cx.throwTypeError("The view's buffer is detached.");
        return;
    }
    if (!readableByteStreamControllerRespondWithNewView(cx.isolate(), controller, view))
        cx.setFailed();
}

void ReadableStreamBYOBRequest::define(bind::ClassBuilder<ReadableStreamBYOBRequest>& c)
{
    c.readonlyAttribute<&ReadableStreamBYOBRequest::view>("view")
        .method<&ReadableStreamBYOBRequest::respond>("respond")
        .method<&ReadableStreamBYOBRequest::respondWithNewView>("respondWithNewView");
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-get-byob-request
ReadableStreamBYOBRequest* readableByteStreamControllerGetBYOBRequest(v8::Isolate* isolate,
                                                                      Controller* c)
{
    if (!c->m_byobRequest && !c->m_pendingPullIntos.empty()) {
        const Descriptor& first = c->m_pendingPullIntos.front();
        v8::Local<v8::ArrayBuffer> buffer =
            c->m_pullIntoBuffers.front(isolate).As<v8::ArrayBuffer>();
        v8::Local<v8::Value> view = v8::Uint8Array::New(
            buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
        auto* request = bind::create<ReadableStreamBYOBRequest>(isolate);
        if (!request) return nullptr;
        request->m_controller.set(c);
        request->m_view.set(view);
        c->m_byobRequest.set(request);
    }
    return c->m_byobRequest.get();
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-pull-into
void readableByteStreamControllerPullInto(v8::Isolate* isolate, Controller* c,
                                          v8::Local<v8::ArrayBufferView> view, uint64_t min,
                                          v8::Local<v8::Promise> promise, ReadIntoRequest* request)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    ReadableStream* stream = streamOf(c);
    auto chunkSteps = [&](v8::Local<v8::Value> chunk) {
        if (request)
            request->chunkSteps(isolate, chunk);
        else
            resolveReadResult(isolate, promise, chunk, false);
    };
    auto closeSteps = [&](v8::Local<v8::Value> chunk) {
        if (request)
            request->closeSteps(isolate, chunk);
        else
            resolveReadResult(isolate, promise, chunk, true);
    };
    auto errorSteps = [&](v8::Local<v8::Value> e) {
        if (request)
            request->errorSteps(isolate, e);
        else
            rejectPromise(context, promise, e);
    };
    // Steps 2-9.
    ViewType ctor = viewTypeOf(view);
    size_t elementSize = elementSizeOf(ctor);
    size_t minimumFill = static_cast<size_t>(min) * elementSize;
    size_t byteOffset = view->ByteOffset();
    size_t byteLength = view->ByteLength();
    // Steps 10-12.
    v8::Local<v8::ArrayBuffer> buffer;
    {
        v8::TryCatch tryCatch(isolate);
        buffer = transfer(isolate, view->Buffer());
        if (buffer.IsEmpty()) {
            if (!tryCatch.CanContinue()) return;
            v8::Local<v8::Value> e = tryCatch.Exception();
            tryCatch.Reset();
            errorSteps(e);
            return;
        }
    }
    // Step 13.
    Descriptor d{buffer->ByteLength(), byteOffset,  byteLength, 0,
                 minimumFill,          elementSize, ctor,       Controller::ReaderType::Byob};
    // Step 14.
    if (!c->m_pendingPullIntos.empty()) {
        c->m_pendingPullIntos.push_back(d);
        c->m_pullIntoBuffers.push(isolate, buffer);
        readableStreamAddReadIntoRequest(isolate, stream, promise, request);
        return;
    }
    // Step 15.
    if (stream->m_state == ReadableStream::State::Closed) {
        closeSteps(constructView(ctor, buffer, byteOffset, 0));
        return;
    }
    // Step 16.
    if (c->m_queueTotalSize > 0) {
        if (fillPullIntoDescriptorFromQueue(isolate, c, d, buffer)) {
            v8::Local<v8::Value> filledView = convertPullIntoDescriptor(isolate, {d, buffer});
            if (filledView.IsEmpty()) return;
            ++c->m_chunksPassed;
            c->m_bytesPassed += d.bytesFilled;
            handleQueueDrain(isolate, c);
            chunkSteps(filledView);
            return;
        }
        if (c->m_closeRequested) {
            v8::Local<v8::Value> e =
                bind::makeError(isolate, "TypeError",
                                {bind::CallSite::Kind::Method, "ReadableStreamBYOBReader", "read"},
                                "The stream closed with a partial element left.");
            readableByteStreamControllerError(isolate, c, e);
            errorSteps(e);
            return;
        }
    }
    // Steps 17-19.
    c->m_pendingPullIntos.push_back(d);
    c->m_pullIntoBuffers.push(isolate, buffer);
    readableStreamAddReadIntoRequest(isolate, stream, promise, request);
    callPullIfNeeded(isolate, c);
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-respond
bool readableByteStreamControllerRespond(v8::Isolate* isolate, Controller* c, uint64_t bytesWritten)
{
    const Descriptor& first = c->m_pendingPullIntos.front();
    if (streamOf(c)->m_state == ReadableStream::State::Closed) {
        if (bytesWritten != 0) {
            throwTypeError(isolate, "respond", "bytesWritten must be 0 when the stream is closed.");
            return false;
        }
    } else {
        if (bytesWritten == 0) {
            throwTypeError(isolate, "respond", "bytesWritten must be greater than 0.");
            return false;
        }
        if (first.bytesFilled + bytesWritten > first.byteLength) {
            bind::throwError(isolate, "RangeError",
                             {bind::CallSite::Kind::Method, "ReadableStreamBYOBRequest", "respond"},
                             "bytesWritten is out of range.");
            return false;
        }
    }
    v8::Local<v8::ArrayBuffer> transferred = transfer(isolate, c->m_pullIntoBuffers.front(isolate));
    if (transferred.IsEmpty()) return false;
    c->m_pullIntoBuffers.setFront(transferred);
    respondInternal(isolate, c, static_cast<size_t>(bytesWritten));
    return true;
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-respond-with-new-view
bool readableByteStreamControllerRespondWithNewView(v8::Isolate* isolate, Controller* c,
                                                    v8::Local<v8::ArrayBufferView> view)
{
    const Descriptor& first = c->m_pendingPullIntos.front();
    bind::CallSite site{bind::CallSite::Kind::Method, "ReadableStreamBYOBRequest",
                        "respondWithNewView"};
    if (streamOf(c)->m_state == ReadableStream::State::Closed) {
        if (view->ByteLength() != 0) {
            bind::throwError(isolate, "TypeError", site,
                             "The view must be empty when the stream is closed.");
            return false;
        }
    } else if (view->ByteLength() == 0) {
        bind::throwError(isolate, "TypeError", site, "The view must not be empty.");
        return false;
    }
    if (first.byteOffset + first.bytesFilled != view->ByteOffset()) {
        bind::throwError(isolate, "RangeError", site,
                         "The view's offset does not match the BYOB request's.");
        return false;
    }
    if (first.bufferByteLength != view->Buffer()->ByteLength()) {
        bind::throwError(isolate, "RangeError", site,
                         "The view's buffer does not have the BYOB request buffer's length.");
        return false;
    }
    if (first.bytesFilled + view->ByteLength() > first.byteLength) {
        bind::throwError(isolate, "RangeError", site, "The view is longer than the BYOB request.");
        return false;
    }
    size_t viewByteLength = view->ByteLength();
    v8::Local<v8::ArrayBuffer> transferred = transfer(isolate, view->Buffer());
    if (transferred.IsEmpty()) return false;
    c->m_pullIntoBuffers.setFront(transferred);
    respondInternal(isolate, c, viewByteLength);
    return true;
}

// https://streams.spec.whatwg.org/#readable-stream-add-read-into-request
bool readableStreamAddReadIntoRequest(v8::Isolate* isolate, ReadableStream* stream,
                                      v8::Local<v8::Promise> promise, ReadIntoRequest* request)
{
    auto* reader = static_cast<ReadableStreamBYOBReader*>(stream->m_reader.get());
    return reader->m_readIntoRequests.append(isolate, promise, request);
}

// https://streams.spec.whatwg.org/#readable-stream-fulfill-read-into-request
void readableStreamFulfillReadIntoRequest(v8::Isolate* isolate, ReadableStream* stream,
                                          v8::Local<v8::Value> chunk, bool done)
{
    auto* reader = static_cast<ReadableStreamBYOBReader*>(stream->m_reader.get());
    reader->m_readIntoRequests.takeFirstAndRun(
        isolate, done ? ReadIntoRequestList::Steps::Close : ReadIntoRequestList::Steps::Chunk,
        chunk);
}

// https://streams.spec.whatwg.org/#readable-stream-get-num-read-into-requests
size_t readableStreamGetNumReadIntoRequests(const ReadableStream* stream)
{
    const ReadableStreamGenericReader* reader = stream->m_reader.get();
    if (!reader || !reader->isBYOB()) return 0;
    return static_cast<const ReadableStreamBYOBReader*>(reader)->m_readIntoRequests.size();
}

// https://streams.spec.whatwg.org/#readable-stream-has-byob-reader
bool readableStreamHasBYOBReader(const ReadableStream* stream)
{
    const ReadableStreamGenericReader* reader = stream->m_reader.get();
    return reader && reader->isBYOB();
}

// https://streams.spec.whatwg.org/#readable-stream-has-default-reader
bool readableStreamHasDefaultReader(const ReadableStream* stream)
{
    const ReadableStreamGenericReader* reader = stream->m_reader.get();
    return reader && !reader->isBYOB();
}

} // namespace nano::api::streams
