#include "api/streams/readable_byte_stream_controller.h"

#include "api/streams/readable_byte_stream_internal.h"

#include "api/streams/promises.h"
#include "api/streams/read_request.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_byob_reader.h"
#include "api/streams/readable_stream_default_reader.h"
#include "bind/errors.h"
#include "core/array_buffer_allocator.h"

#include <algorithm>
#include <cstring>

namespace nano::api::streams {

using Controller = ReadableByteStreamController;
using Descriptor = ReadableByteStreamController::PullIntoDescriptor;
using ViewType = ReadableByteStreamController::ViewType;

namespace byte_stream_detail {

const char* const kClass = "ReadableByteStreamController";

void throwTypeError(v8::Isolate* isolate, const char* member, const char* message)
{
    bind::throwError(isolate, "TypeError", {bind::CallSite::Kind::Method, kClass, member}, message);
}

size_t elementSizeOf(ViewType type)
{
    switch (type) {
    case ViewType::DataView:
    case ViewType::Int8:
    case ViewType::Uint8:
    case ViewType::Uint8Clamped: return 1;
    case ViewType::Int16:
    case ViewType::Uint16: return 2;
    case ViewType::Int32:
    case ViewType::Uint32:
    case ViewType::Float32: return 4;
    case ViewType::Float64:
    case ViewType::BigInt64:
    case ViewType::BigUint64: return 8;
    }
    return 1;
}

ViewType viewTypeOf(v8::Local<v8::ArrayBufferView> view)
{
    if (view->IsInt8Array()) return ViewType::Int8;
    if (view->IsUint8Array()) return ViewType::Uint8;
    if (view->IsUint8ClampedArray()) return ViewType::Uint8Clamped;
    if (view->IsInt16Array()) return ViewType::Int16;
    if (view->IsUint16Array()) return ViewType::Uint16;
    if (view->IsInt32Array()) return ViewType::Int32;
    if (view->IsUint32Array()) return ViewType::Uint32;
    if (view->IsFloat32Array()) return ViewType::Float32;
    if (view->IsFloat64Array()) return ViewType::Float64;
    if (view->IsBigInt64Array()) return ViewType::BigInt64;
    if (view->IsBigUint64Array()) return ViewType::BigUint64;
    return ViewType::DataView;
}

// Construct(viewConstructor, « buffer, byteOffset, length »).
v8::Local<v8::Value> constructView(ViewType type, v8::Local<v8::ArrayBuffer> buffer, size_t offset,
                                   size_t length)
{
    switch (type) {
    case ViewType::DataView: return v8::DataView::New(buffer, offset, length);
    case ViewType::Int8: return v8::Int8Array::New(buffer, offset, length);
    case ViewType::Uint8: return v8::Uint8Array::New(buffer, offset, length);
    case ViewType::Uint8Clamped: return v8::Uint8ClampedArray::New(buffer, offset, length);
    case ViewType::Int16: return v8::Int16Array::New(buffer, offset, length);
    case ViewType::Uint16: return v8::Uint16Array::New(buffer, offset, length);
    case ViewType::Int32: return v8::Int32Array::New(buffer, offset, length);
    case ViewType::Uint32: return v8::Uint32Array::New(buffer, offset, length);
    case ViewType::Float32: return v8::Float32Array::New(buffer, offset, length);
    case ViewType::Float64: return v8::Float64Array::New(buffer, offset, length);
    case ViewType::BigInt64: return v8::BigInt64Array::New(buffer, offset, length);
    case ViewType::BigUint64: return v8::BigUint64Array::New(buffer, offset, length);
    }
    return {};
}

v8::Local<v8::ArrayBuffer> allocateArrayBuffer(v8::Isolate* isolate, size_t length)
{
    // A length the script chose (autoAllocateChunkSize, a chunk to clone) may be more than
    // the machine has: NewBackingStore aborts then, so ask the allocator first.
    if (!core::ArrayBufferAllocator::canAllocate(length)) {
        bind::throwRangeError(isolate, "Array buffer allocation failed");
        return {};
    }
    std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, length);
    return v8::ArrayBuffer::New(isolate, std::move(store));
}

v8::Local<v8::ArrayBuffer> transfer(v8::Isolate* isolate, v8::Local<v8::Value> buffer)
{
    v8::Local<v8::ArrayBuffer> result;
    if (!bind::transferArrayBuffer(isolate, buffer.As<v8::ArrayBuffer>()).ToLocal(&result))
        return {};
    return result;
}

ReadableStream* streamOf(Controller* c)
{
    return c->m_stream.get();
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-invalidate-byob-request
void invalidateBYOBRequest(Controller* c)
{
    ReadableStreamBYOBRequest* request = c->m_byobRequest.get();
    if (!request) return;
    request->m_controller.clear();
    request->m_view.clear();
    c->m_byobRequest.clear();
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-clear-pending-pull-intos
void clearPendingPullIntos(Controller* c)
{
    invalidateBYOBRequest(c);
    c->m_pendingPullIntos.clear();
    c->m_pullIntoBuffers.clear();
}

// https://streams.spec.whatwg.org/#reset-queue for a byte stream controller.
void resetQueue(Controller* c)
{
    c->m_queue.clear();
    c->m_queueBuffers.clear();
    c->m_queueTotalSize = 0;
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-clear-algorithms
void clearAlgorithms(Controller* c)
{
    c->m_pullFunction.clear();
    c->m_cancelFunction.clear();
    c->m_underlyingSource.clear();
    c->m_algorithms = nullptr;
    c->m_algorithmsHolder.clear();
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-shift-pending-pull-into
Filled shiftPendingPullInto(v8::Isolate* isolate, Controller* c)
{
    Filled filled{c->m_pendingPullIntos.front(), c->m_pullIntoBuffers.take(isolate)};
    c->m_pendingPullIntos.pop_front();
    return filled;
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-enqueue-chunk-to-queue
void enqueueChunkToQueue(v8::Isolate* isolate, Controller* c, v8::Local<v8::ArrayBuffer> buffer,
                         size_t byteOffset, size_t byteLength)
{
    c->m_queueBuffers.push(isolate, buffer);
    c->m_queue.push_back({byteOffset, byteLength});
    c->m_queueTotalSize += static_cast<double>(byteLength);
}

// https://streams.spec.whatwg.org/#abstract-opdef-readablebytestreamcontrollerenqueueclonedchunktoqueue
bool enqueueClonedChunkToQueue(v8::Isolate* isolate, Controller* c, v8::Local<v8::Value> buffer,
                               size_t byteOffset, size_t byteLength)
{
    // Steps 1-2: a clone that cannot be allocated errors the controller.
    v8::Local<v8::ArrayBuffer> clone;
    {
        v8::TryCatch tryCatch(isolate);
        clone = allocateArrayBuffer(isolate, byteLength);
        if (clone.IsEmpty()) {
            v8::Local<v8::Value> error = tryCatch.Exception();
            readableByteStreamControllerError(isolate, c, error);
            tryCatch.ReThrow();
            return false;
        }
    }
    if (byteLength > 0)
        std::memcpy(clone->Data(),
                    static_cast<uint8_t*>(buffer.As<v8::ArrayBuffer>()->Data()) + byteOffset,
                    byteLength);
    enqueueChunkToQueue(isolate, c, clone, 0, byteLength);
    return true;
}

// https://streams.spec.whatwg.org/#abstract-opdef-readablebytestreamcontrollerenqueuedetachedpullintotoqueue
bool enqueueDetachedPullIntoToQueue(v8::Isolate* isolate, Controller* c)
{
    const Descriptor& d = c->m_pendingPullIntos.front();
    if (d.bytesFilled > 0 &&
        !enqueueClonedChunkToQueue(isolate, c, c->m_pullIntoBuffers.front(isolate), d.byteOffset,
                                   d.bytesFilled))
        return false;
    shiftPendingPullInto(isolate, c);
    return true;
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-convert-pull-into-descriptor
v8::Local<v8::Value> convertPullIntoDescriptor(v8::Isolate* isolate, const Filled& filled)
{
    const Descriptor& d = filled.descriptor;
    v8::Local<v8::ArrayBuffer> buffer = transfer(isolate, filled.buffer);
    if (buffer.IsEmpty()) return {};
    return constructView(d.viewConstructor, buffer, d.byteOffset, d.bytesFilled / d.elementSize);
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-commit-pull-into-descriptor
void commitPullIntoDescriptor(v8::Isolate* isolate, ReadableStream* stream, const Filled& filled)
{
    bool done = stream->m_state == ReadableStream::State::Closed;
    v8::Local<v8::Value> filledView = convertPullIntoDescriptor(isolate, filled);
    if (filledView.IsEmpty()) return;
    auto* c = static_cast<Controller*>(stream->m_controller.get());
    ++c->m_chunksPassed;
    c->m_bytesPassed += filled.descriptor.bytesFilled;
    if (filled.descriptor.readerType == Controller::ReaderType::Default)
        readableStreamFulfillReadRequest(isolate, stream, filledView, done);
    else
        readableStreamFulfillReadIntoRequest(isolate, stream, filledView, done);
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-fill-head-pull-into-descriptor
void fillHeadPullIntoDescriptor(Controller*, size_t size, Descriptor& d)
{
    d.bytesFilled += size;
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-fill-pull-into-descriptor-from-queue
bool fillPullIntoDescriptorFromQueue(v8::Isolate* isolate, Controller* c, Descriptor& d,
                                     v8::Local<v8::Value> descriptorBuffer)
{
    size_t maxBytesToCopy =
        std::min(static_cast<size_t>(c->m_queueTotalSize), d.byteLength - d.bytesFilled);
    size_t maxBytesFilled = d.bytesFilled + maxBytesToCopy;
    size_t totalBytesToCopyRemaining = maxBytesToCopy;
    bool ready = false;
    size_t remainderBytes = maxBytesFilled % d.elementSize;
    size_t maxAlignedBytes = maxBytesFilled - remainderBytes;
    if (maxAlignedBytes >= d.minimumFill) {
        totalBytesToCopyRemaining = maxAlignedBytes - d.bytesFilled;
        ready = true;
    }
    auto* dest = static_cast<uint8_t*>(descriptorBuffer.As<v8::ArrayBuffer>()->Data());
    while (totalBytesToCopyRemaining > 0) {
        Controller::QueueEntry& head = c->m_queue.front();
        size_t bytesToCopy = std::min(totalBytesToCopyRemaining, head.byteLength);
        size_t destStart = d.byteOffset + d.bytesFilled;
        auto* source =
            static_cast<uint8_t*>(c->m_queueBuffers.front(isolate).As<v8::ArrayBuffer>()->Data());
        std::memmove(dest + destStart, source + head.byteOffset, bytesToCopy);
        if (head.byteLength == bytesToCopy) {
            c->m_queue.pop_front();
            c->m_queueBuffers.take(isolate);
        } else {
            head.byteOffset += bytesToCopy;
            head.byteLength -= bytesToCopy;
        }
        c->m_queueTotalSize -= static_cast<double>(bytesToCopy);
        fillHeadPullIntoDescriptor(c, bytesToCopy, d);
        totalBytesToCopyRemaining -= bytesToCopy;
    }
    return ready;
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-handle-queue-drain
void handleQueueDrain(v8::Isolate* isolate, Controller* c)
{
    if (c->m_queueTotalSize == 0 && c->m_closeRequested) {
        clearAlgorithms(c);
        readableStreamClose(isolate, streamOf(c));
    } else {
        callPullIfNeeded(isolate, c);
    }
}

// https://streams.spec.whatwg.org/#abstract-opdef-readablebytestreamcontrollerfillreadrequestfromqueue
void fillReadRequestFromQueue(v8::Isolate* isolate, Controller* c, v8::Local<v8::Promise> promise,
                              ReadRequest* request)
{
    Controller::QueueEntry entry = c->m_queue.front();
    c->m_queue.pop_front();
    v8::Local<v8::ArrayBuffer> buffer = c->m_queueBuffers.take(isolate).As<v8::ArrayBuffer>();
    c->m_queueTotalSize -= static_cast<double>(entry.byteLength);
    ++c->m_chunksPassed;
    c->m_bytesPassed += entry.byteLength;
    handleQueueDrain(isolate, c);
    v8::Local<v8::Value> view = v8::Uint8Array::New(buffer, entry.byteOffset, entry.byteLength);
    if (request)
        request->chunkSteps(isolate, view);
    else
        resolveReadResult(isolate, promise, view, false);
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-process-pull-into-descriptors-using-queue
std::vector<Filled> processPullIntoDescriptorsUsingQueue(v8::Isolate* isolate, Controller* c)
{
    std::vector<Filled> filledPullIntos;
    while (!c->m_pendingPullIntos.empty()) {
        if (c->m_queueTotalSize == 0) break;
        Descriptor& d = c->m_pendingPullIntos.front();
        if (fillPullIntoDescriptorFromQueue(isolate, c, d, c->m_pullIntoBuffers.front(isolate)))
            filledPullIntos.push_back(shiftPendingPullInto(isolate, c));
    }
    return filledPullIntos;
}

// https://streams.spec.whatwg.org/#abstract-opdef-readablebytestreamcontrollerprocessreadrequestsusingqueue
void processReadRequestsUsingQueue(v8::Isolate* isolate, Controller* c)
{
    ReadableStreamDefaultReader* reader = streamOf(c)->defaultReader();
    while (reader && !reader->m_readRequests.isEmpty()) {
        if (c->m_queueTotalSize == 0) return;
        // The request is taken off the list, then filled; a local handle keeps a C++ request
        // alive meanwhile (the list held it).
        v8::Local<v8::Promise> promise;
        ReadRequest* request = reader->m_readRequests.takeFirst(isolate, promise);
        v8::Local<v8::Object> keepAlive = request ? request->wrapper() : v8::Local<v8::Object>();
        fillReadRequestFromQueue(isolate, c, promise, request);
        static_cast<void>(keepAlive);
    }
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-should-call-pull
bool shouldCallPull(Controller* c)
{
    ReadableStream* stream = streamOf(c);
    if (stream->m_state != ReadableStream::State::Readable) return false;
    if (c->m_closeRequested || !c->m_started) return false;
    if (readableStreamHasDefaultReader(stream) && readableStreamGetNumReadRequests(stream) > 0)
        return true;
    if (readableStreamHasBYOBReader(stream) && readableStreamGetNumReadIntoRequests(stream) > 0)
        return true;
    return c->m_strategyHWM - c->m_queueTotalSize > 0;
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-call-pull-if-needed
void callPullIfNeeded(v8::Isolate* isolate, Controller* c)
{
    if (!shouldCallPull(c)) return;
    if (c->m_pulling) {
        c->m_pullAgain = true;
        return;
    }
    c->m_pulling = true;
    if (c->m_algorithms) {
        v8::Local<v8::Promise> pullPromise = runNativeAlgorithm(
            isolate, "pull", [&] { return c->m_algorithms->pullAlgorithm(isolate, c); });
        uponPromiseWith<&Controller::onPullFulfilled, &Controller::onPullRejected>(
            isolate, pullPromise, c, c->m_onPullFulfilled, c->m_onPullRejected);
        return;
    }
    v8::Local<v8::Value> argv[] = {c->wrapper()};
    invokeAndReact<&Controller::onPullFulfilled, &Controller::onPullRejected>(
        isolate, c->m_pullFunction.get(isolate), c->m_underlyingSource.get(isolate), 1, argv, c,
        c->m_onPullFulfilled, c->m_onPullRejected);
}

} // namespace byte_stream_detail

using namespace byte_stream_detail;

// --- ReadableByteStreamController -------------------------------------------------------------

// https://streams.spec.whatwg.org/#rbs-controller-byob-request
ReadableStreamBYOBRequest* Controller::byobRequest(bind::CallContext& cx)
{
    ReadableStreamBYOBRequest* request =
        readableByteStreamControllerGetBYOBRequest(cx.isolate(), this);
    if (!request && !m_pendingPullIntos.empty()) cx.setFailed();
    return request;
}

// https://streams.spec.whatwg.org/#rbs-controller-desired-size
bind::Nullable<bind::UnrestrictedDouble> Controller::desiredSize() const
{
    const ReadableStream* stream = m_stream.get();
    if (stream->m_state == ReadableStream::State::Errored) return {};
    if (stream->m_state == ReadableStream::State::Closed) return bind::UnrestrictedDouble{0};
    return bind::UnrestrictedDouble{m_strategyHWM - m_queueTotalSize};
}

// https://streams.spec.whatwg.org/#rbs-controller-close
void Controller::close(bind::CallContext& cx)
{
    if (m_closeRequested) {
        cx.throwTypeError("The stream is closing already.");
        return;
    }
    if (m_stream->m_state != ReadableStream::State::Readable) {
        cx.throwTypeError("The stream is not readable.");
        return;
    }
    if (!readableByteStreamControllerClose(cx.isolate(), this)) cx.setFailed();
}

// https://streams.spec.whatwg.org/#rbs-controller-enqueue
void Controller::enqueue(bind::CallContext& cx, v8::Local<v8::Value> value)
{
    if (!value->IsArrayBufferView()) {
        cx.throwTypeError("parameter 1 is not of type 'ArrayBufferView'.");
        return;
    }
    v8::Local<v8::ArrayBufferView> chunk = value.As<v8::ArrayBufferView>();
    if (chunk->ByteLength() == 0) {
        cx.throwTypeError("The chunk is empty.");
        return;
    }
    if (chunk->Buffer()->ByteLength() == 0) {
        cx.throwTypeError("The chunk's buffer is empty (or detached).");
        return;
    }
    if (m_closeRequested) {
        cx.throwTypeError("Cannot enqueue a chunk into a stream that is closing.");
        return;
    }
    if (m_stream->m_state != ReadableStream::State::Readable) {
        cx.throwTypeError("Cannot enqueue a chunk into a stream that is not readable.");
        return;
    }
    if (!readableByteStreamControllerEnqueue(cx.isolate(), this, chunk)) cx.setFailed();
}

// https://streams.spec.whatwg.org/#rbs-controller-error
void Controller::error(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> e)
{
    v8::Isolate* isolate = cx.isolate();
    readableByteStreamControllerError(isolate, this, valueOrUndefined(isolate, e));
}

// https://streams.spec.whatwg.org/#rbs-controller-private-cancel
v8::Local<v8::Promise> Controller::cancelSteps(v8::Isolate* isolate, v8::Local<v8::Value> reason)
{
    clearPendingPullIntos(this);
    resetQueue(this);
    v8::Local<v8::Promise> result;
    if (m_algorithms) {
        result = runNativeAlgorithm(isolate, "cancel", [&] {
            return m_algorithms->cancelAlgorithm(isolate, this, reason);
        });
    } else if (v8::Local<v8::Function> cancel = m_cancelFunction.get(isolate); !cancel.IsEmpty()) {
        v8::Local<v8::Value> thisArg = m_underlyingSource.get(isolate);
        if (thisArg.IsEmpty()) thisArg = v8::Undefined(isolate);
        if (!bind::CallbackFunction{cancel}
                 .invokeForPromise(isolate, thisArg, {reason})
                 .ToLocal(&result))
            return {};
    } else {
        result = promiseResolvedWithUndefined(isolate->GetCurrentContext());
    }
    clearAlgorithms(this);
    return result;
}

// https://streams.spec.whatwg.org/#rbs-controller-private-pull
void Controller::pullSteps(v8::Isolate* isolate, v8::Local<v8::Promise> promise,
                           ReadRequest* request)
{
    ReadableStream* stream = m_stream.get();
    // Step 3.
    if (m_queueTotalSize > 0) {
        fillReadRequestFromQueue(isolate, this, promise, request);
        return;
    }
    // Steps 4-5.
    if (m_autoAllocateChunkSize > 0) {
        // Step 5.1-5.2: an allocation that fails is the read request's error.
        v8::Local<v8::ArrayBuffer> buffer;
        v8::Local<v8::Value> error;
        {
            v8::TryCatch tryCatch(isolate);
            buffer = allocateArrayBuffer(isolate, static_cast<size_t>(m_autoAllocateChunkSize));
            if (buffer.IsEmpty()) error = tryCatch.Exception();
        }
        if (buffer.IsEmpty()) {
            if (error.IsEmpty()) return; // terminating
            if (request)
                request->errorSteps(isolate, error);
            else
                rejectPromise(isolate->GetCurrentContext(), promise, error);
            return;
        }
        size_t size = static_cast<size_t>(m_autoAllocateChunkSize);
        m_pendingPullIntos.push_back(
            {size, 0, size, 0, 1, 1, ViewType::Uint8, ReaderType::Default});
        m_pullIntoBuffers.push(isolate, buffer);
    }
    // Steps 6-7.
    readableStreamAddReadRequest(isolate, stream, promise, request);
    callPullIfNeeded(isolate, this);
}

// https://streams.spec.whatwg.org/#abstract-opdef-readablebytestreamcontroller-releasesteps
void Controller::releaseSteps()
{
    if (m_pendingPullIntos.empty()) return;
    v8::Isolate* isolate = this->isolate();
    Descriptor first = m_pendingPullIntos.front();
    first.readerType = ReaderType::None;
    v8::Local<v8::Value> buffer = m_pullIntoBuffers.front(isolate);
    m_pendingPullIntos.clear();
    m_pullIntoBuffers.clear();
    m_pendingPullIntos.push_back(first);
    m_pullIntoBuffers.push(isolate, buffer);
}

void Controller::onStartFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>)
{
    m_started = true;
    callPullIfNeeded(isolate, this);
}

void Controller::onStartRejected(v8::Isolate* isolate, v8::Local<v8::Value> r)
{
    readableByteStreamControllerError(isolate, this, r);
}

void Controller::onPullFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>)
{
    m_pulling = false;
    if (m_pullAgain) {
        m_pullAgain = false;
        callPullIfNeeded(isolate, this);
    }
}

void Controller::onPullRejected(v8::Isolate* isolate, v8::Local<v8::Value> e)
{
    readableByteStreamControllerError(isolate, this, e);
}

void Controller::define(bind::ClassBuilder<ReadableByteStreamController>& c)
{
    c.readonlyAttribute<&Controller::byobRequest>("byobRequest")
        .readonlyAttribute<&Controller::desiredSize>("desiredSize")
        .method<&Controller::close>("close")
        .method<&Controller::enqueue>("enqueue")
        .method<&Controller::error>("error");
}

namespace {
// https://streams.spec.whatwg.org/#set-up-readable-byte-stream-controller, steps 2-16 once the
// start algorithm returned `startResult`.
void startByteController(v8::Isolate* isolate, Controller* c, v8::Local<v8::Value> startResult)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Promise> startPromise;
    if (startResult->IsUndefined())
        startPromise = promiseResolvedWithUndefined(context);
    else if (!promiseFromValue(context, startResult).ToLocal(&startPromise))
        return;
    uponPromise(context, startPromise, reactionOnce<&Controller::onStartFulfilled>(context, c),
                reactionOnce<&Controller::onStartRejected>(context, c));
}
} // namespace

// https://streams.spec.whatwg.org/#set-up-readable-byte-stream-controller-from-underlying-source
bool setUpReadableByteStreamControllerFromUnderlyingSource(bind::CallContext& cx,
                                                           ReadableStream* stream,
                                                           v8::Local<v8::Object> underlyingSource,
                                                           const UnderlyingSource& dict,
                                                           double highWaterMark)
{
    v8::Isolate* isolate = cx.isolate();
    // Step 8 (checked before anything runs).
    if (dict.autoAllocateChunkSize && dict.autoAllocateChunkSize->value == 0) {
        cx.throwTypeError("autoAllocateChunkSize must be greater than 0.");
        return false;
    }
    auto* controller = bind::create<Controller>(isolate);
    if (!controller) {
        cx.setFailed();
        return false;
    }
    controller->m_stream.set(stream);
    controller->m_strategyHWM = highWaterMark;
    if (!underlyingSource.IsEmpty()) controller->m_underlyingSource.set(underlyingSource);
    controller->m_pullFunction.set(dict.pull);
    controller->m_cancelFunction.set(dict.cancel);
    if (dict.autoAllocateChunkSize)
        controller->m_autoAllocateChunkSize = dict.autoAllocateChunkSize->value;
    stream->m_controller.set(controller);
    v8::Local<v8::Value> startResult;
    if (!invokeStartMethod(isolate, dict.start, underlyingSource, controller->wrapper())
             .ToLocal(&startResult)) {
        cx.setFailed();
        return false;
    }
    startByteController(isolate, controller, startResult);
    return true;
}

// https://streams.spec.whatwg.org/#abstract-opdef-createreadablebytestream
ReadableStream* createReadableByteStream(v8::Isolate* isolate, bind::Wrappable* algorithmsHolder,
                                         SourceAlgorithms* algorithms)
{
    auto* stream = bind::create<ReadableStream>(isolate);
    if (!stream) return nullptr;
    auto* controller = bind::create<Controller>(isolate);
    if (!controller) return nullptr;
    controller->m_stream.set(stream);
    controller->m_strategyHWM = 0;
    controller->m_algorithmsHolder.set(algorithmsHolder->wrapper());
    controller->m_algorithms = algorithms;
    stream->m_controller.set(controller);
    startByteController(isolate, controller, v8::Undefined(isolate));
    stream->registerWithInspector(isolate, {}); // the caller names it
    return stream;
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-close
bool readableByteStreamControllerClose(v8::Isolate* isolate, Controller* c)
{
    ReadableStream* stream = streamOf(c);
    if (c->m_closeRequested || stream->m_state != ReadableStream::State::Readable) return true;
    if (c->m_queueTotalSize > 0) {
        c->m_closeRequested = true;
        return true;
    }
    if (!c->m_pendingPullIntos.empty()) {
        const Descriptor& first = c->m_pendingPullIntos.front();
        if (first.bytesFilled % first.elementSize != 0) {
            v8::Local<v8::Value> e = bind::makeError(
                isolate, "TypeError", {bind::CallSite::Kind::Method, kClass, "close"},
                "Cannot close a stream with a partial element pending in a BYOB read.");
            readableByteStreamControllerError(isolate, c, e);
            isolate->ThrowException(e);
            return false;
        }
    }
    clearAlgorithms(c);
    readableStreamClose(isolate, stream);
    return true;
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-enqueue
bool readableByteStreamControllerEnqueue(v8::Isolate* isolate, Controller* c,
                                         v8::Local<v8::ArrayBufferView> chunk)
{
    ReadableStream* stream = streamOf(c);
    if (c->m_closeRequested || stream->m_state != ReadableStream::State::Readable) return true;
    v8::Local<v8::ArrayBuffer> buffer = chunk->Buffer();
    size_t byteOffset = chunk->ByteOffset();
    size_t byteLength = chunk->ByteLength();
    if (bind::isDetached(buffer)) {
        throwTypeError(isolate, "enqueue", "The chunk's buffer is detached.");
        return false;
    }
    v8::Local<v8::ArrayBuffer> transferredBuffer = transfer(isolate, buffer);
    if (transferredBuffer.IsEmpty()) return false;
    if (!c->m_pendingPullIntos.empty()) {
        v8::Local<v8::Value> firstBuffer = c->m_pullIntoBuffers.front(isolate);
        if (bind::isDetached(firstBuffer.As<v8::ArrayBuffer>())) {
            throwTypeError(isolate, "enqueue", "The BYOB request's buffer is detached.");
            return false;
        }
        invalidateBYOBRequest(c);
        v8::Local<v8::ArrayBuffer> transferred = transfer(isolate, firstBuffer);
        if (transferred.IsEmpty()) return false;
        c->m_pullIntoBuffers.setFront(transferred);
        if (c->m_pendingPullIntos.front().readerType == Controller::ReaderType::None &&
            !enqueueDetachedPullIntoToQueue(isolate, c))
            return false;
    }
    if (readableStreamHasDefaultReader(stream)) {
        processReadRequestsUsingQueue(isolate, c);
        if (readableStreamGetNumReadRequests(stream) == 0) {
            enqueueChunkToQueue(isolate, c, transferredBuffer, byteOffset, byteLength);
        } else {
            if (!c->m_pendingPullIntos.empty()) shiftPendingPullInto(isolate, c);
            v8::Local<v8::Value> transferredView =
                v8::Uint8Array::New(transferredBuffer, byteOffset, byteLength);
            ++c->m_chunksPassed;
            c->m_bytesPassed += byteLength;
            readableStreamFulfillReadRequest(isolate, stream, transferredView, false);
        }
    } else if (readableStreamHasBYOBReader(stream)) {
        enqueueChunkToQueue(isolate, c, transferredBuffer, byteOffset, byteLength);
        for (const Filled& filled : processPullIntoDescriptorsUsingQueue(isolate, c))
            commitPullIntoDescriptor(isolate, stream, filled);
    } else {
        enqueueChunkToQueue(isolate, c, transferredBuffer, byteOffset, byteLength);
    }
    callPullIfNeeded(isolate, c);
    return true;
}

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-error
void readableByteStreamControllerError(v8::Isolate* isolate, Controller* c, v8::Local<v8::Value> e)
{
    ReadableStream* stream = streamOf(c);
    if (!stream || stream->m_state != ReadableStream::State::Readable) return;
    clearPendingPullIntos(c);
    resetQueue(c);
    clearAlgorithms(c);
    readableStreamError(isolate, stream, e);
}

} // namespace nano::api::streams
