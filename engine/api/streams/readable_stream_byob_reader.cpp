#include "api/streams/readable_stream_byob_reader.h"

#include "api/streams/promises.h"
#include "api/streams/read_request.h"
#include "api/streams/readable_byte_stream_controller.h"
#include "api/streams/readable_stream.h"
#include "bind/errors.h"

namespace nano::api::streams {

bool ReadIntoRequestList::append(v8::Isolate* isolate, v8::Local<v8::Promise> promise,
                                 ReadIntoRequest* request)
{
    if (!m_values.push(isolate, request ? v8::Local<v8::Value>(request->wrapper())
                                        : v8::Local<v8::Value>(promise)))
        return false;
    m_native.push_back(request);
    return true;
}

void ReadIntoRequestList::takeFirstAndRun(v8::Isolate* isolate, Steps steps,
                                          v8::Local<v8::Value> value)
{
    v8::Local<v8::Value> held = m_values.take(isolate); // keeps the request alive meanwhile
    ReadIntoRequest* request = m_native.front();
    m_native.pop_front();
    if (request) {
        if (steps == Steps::Chunk)
            request->chunkSteps(isolate, value);
        else if (steps == Steps::Close)
            request->closeSteps(isolate, value);
        else
            request->errorSteps(isolate, value);
        return;
    }
    v8::Local<v8::Promise> promise = held.As<v8::Promise>();
    if (steps == Steps::Error)
        rejectPromise(isolate->GetCurrentContext(), promise, value);
    else
        resolveReadResult(isolate, promise, value, steps == Steps::Close);
}

// https://streams.spec.whatwg.org/#byob-reader-constructor
std::unique_ptr<ReadableStreamBYOBReader> ReadableStreamBYOBReader::construct(bind::CallContext&,
                                                                              ReadableStream* stream)
{
    auto reader = std::make_unique<ReadableStreamBYOBReader>();
    reader->m_constructingFor = stream;
    return reader;
}

void ReadableStreamBYOBReader::constructed(bind::CallContext& cx)
{
    ReadableStream* stream = std::exchange(m_constructingFor, nullptr);
    if (!setUpReadableStreamBYOBReader(cx.isolate(), this, stream)) cx.setFailed();
}

// https://streams.spec.whatwg.org/#generic-reader-closed
v8::Local<v8::Promise> ReadableStreamBYOBReader::closed(bind::CallContext& cx) const
{
    return m_closedPromise.get(cx.isolate());
}

// https://streams.spec.whatwg.org/#generic-reader-cancel
v8::Local<v8::Promise> ReadableStreamBYOBReader::cancel(bind::CallContext& cx,
                                                        std::optional<v8::Local<v8::Value>> reason)
{
    if (!m_stream) {
        cx.throwTypeError("The reader has no stream: its lock was released.");
        return {};
    }
    return readableStreamReaderGenericCancel(cx.isolate(), this,
                                             valueOrUndefined(cx.isolate(), reason));
}

// https://streams.spec.whatwg.org/#byob-reader-read
v8::Local<v8::Promise> ReadableStreamBYOBReader::read(bind::CallContext& cx,
                                                      v8::Local<v8::Value> value,
                                                      ReadOptions options)
{
    if (!value->IsArrayBufferView()) {
        cx.throwTypeError("parameter 1 is not of type 'ArrayBufferView'.");
        return {};
    }
    v8::Local<v8::ArrayBufferView> view = value.As<v8::ArrayBufferView>();
    if (view->Buffer()->GetBackingStore()->IsShared()) {
        cx.throwTypeError("The view's buffer must not be a SharedArrayBuffer.");
        return {};
    }
    // Steps 1-6.
    if (view->ByteLength() == 0) {
        cx.throwTypeError("The view is empty.");
        return {};
    }
    if (view->Buffer()->ByteLength() == 0) {
        cx.throwTypeError("The view's buffer is empty.");
        return {};
    }
    if (bind::isDetached(view->Buffer())) {
        cx.throwTypeError("The view's buffer is detached.");
        return {};
    }
    uint64_t min = options.min.value;
    if (min == 0) {
        cx.throwTypeError("options.min must be greater than 0.");
        return {};
    }
    uint64_t length = view->IsTypedArray() ? view.As<v8::TypedArray>()->Length()
                                           : view->ByteLength();
    if (min > length) {
        cx.throwRangeError(view->IsTypedArray()
                               ? "options.min must not exceed the view's length."
                               : "options.min must not exceed the view's byte length.");
        return {};
    }
    if (!m_stream) {
        cx.throwTypeError("The reader has no stream: its lock was released.");
        return {};
    }
    // Steps 7-10.
    v8::Local<v8::Promise> promise = newPromise(cx.context());
    if (promise.IsEmpty()) {
        cx.setFailed();
        return {};
    }
    readableStreamBYOBReaderRead(cx.isolate(), this, view, min, promise, nullptr);
    return promise;
}

// https://streams.spec.whatwg.org/#byob-reader-release-lock
void ReadableStreamBYOBReader::releaseLock(bind::CallContext& cx)
{
    if (!m_stream) return;
    readableStreamBYOBReaderRelease(cx.isolate(), this);
}

void ReadableStreamBYOBReader::define(bind::ClassBuilder<ReadableStreamBYOBReader>& c)
{
    c.constructor<&ReadableStreamBYOBReader::construct>()
        .readonlyAttribute<&ReadableStreamBYOBReader::closed>("closed")
        .method<&ReadableStreamBYOBReader::cancel>("cancel")
        .method<&ReadableStreamBYOBReader::read>("read")
        .method<&ReadableStreamBYOBReader::releaseLock>("releaseLock");
}

// https://streams.spec.whatwg.org/#acquire-readable-stream-byob-reader
ReadableStreamBYOBReader* acquireReadableStreamBYOBReader(v8::Isolate* isolate,
                                                          ReadableStream* stream)
{
    auto* reader = bind::create<ReadableStreamBYOBReader>(isolate);
    if (!reader || !setUpReadableStreamBYOBReader(isolate, reader, stream)) return nullptr;
    return reader;
}

// https://streams.spec.whatwg.org/#set-up-readable-stream-byob-reader
bool setUpReadableStreamBYOBReader(v8::Isolate* isolate, ReadableStreamBYOBReader* reader,
                                   ReadableStream* stream)
{
    if (isReadableStreamLocked(stream)) {
        bind::throwTypeError(isolate, "The ReadableStream is locked to a reader already.");
        return false;
    }
    if (!stream->m_controller->isByteController()) {
        bind::throwTypeError(isolate, "A BYOB reader needs a byte stream (type: 'bytes').");
        return false;
    }
    readableStreamReaderGenericInitialize(isolate, reader, stream);
    return true;
}

// https://streams.spec.whatwg.org/#readable-stream-byob-reader-read
void readableStreamBYOBReaderRead(v8::Isolate* isolate, ReadableStreamBYOBReader* reader,
                                  v8::Local<v8::ArrayBufferView> view, uint64_t min,
                                  v8::Local<v8::Promise> promise, ReadIntoRequest* request)
{
    ReadableStream* stream = reader->m_stream.get();
    stream->m_disturbed = true;
    if (stream->m_state == ReadableStream::State::Errored) {
        v8::Local<v8::Value> e = stream->m_storedError.get(isolate);
        if (request)
            request->errorSteps(isolate, e);
        else
            rejectPromise(isolate->GetCurrentContext(), promise, e);
        return;
    }
    readableByteStreamControllerPullInto(
        isolate, static_cast<ReadableByteStreamController*>(stream->m_controller.get()), view, min,
        promise, request);
}

// https://streams.spec.whatwg.org/#abstract-opdef-readablestreambyobreaderrelease
void readableStreamBYOBReaderRelease(v8::Isolate* isolate, ReadableStreamBYOBReader* reader)
{
    readableStreamReaderGenericRelease(isolate, reader);
    readableStreamBYOBReaderErrorReadIntoRequests(
        isolate, reader, readerReleasedError(isolate, "ReadableStreamBYOBReader"));
}

// https://streams.spec.whatwg.org/#abstract-opdef-readablestreambyobreadererrorreadintorequests
void readableStreamBYOBReaderErrorReadIntoRequests(v8::Isolate* isolate,
                                                   ReadableStreamBYOBReader* reader,
                                                   v8::Local<v8::Value> e)
{
    for (size_t n = reader->m_readIntoRequests.size(); n > 0 && !reader->m_readIntoRequests.isEmpty();
         --n)
        reader->m_readIntoRequests.takeFirstAndRun(isolate, ReadIntoRequestList::Steps::Error, e);
}

void readableStreamBYOBReaderCloseReadIntoRequests(v8::Isolate* isolate,
                                                   ReadableStreamBYOBReader* reader)
{
    for (size_t n = reader->m_readIntoRequests.size(); n > 0 && !reader->m_readIntoRequests.isEmpty();
         --n)
        reader->m_readIntoRequests.takeFirstAndRun(isolate, ReadIntoRequestList::Steps::Close,
                                                   v8::Undefined(isolate));
}

} // namespace nano::api::streams
