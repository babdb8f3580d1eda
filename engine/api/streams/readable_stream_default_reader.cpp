#include "api/streams/readable_stream_default_reader.h"

#include "api/streams/promises.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_controller.h"
#include "bind/errors.h"

namespace nano::api::streams {


// https://streams.spec.whatwg.org/#default-reader-constructor
std::unique_ptr<ReadableStreamDefaultReader> ReadableStreamDefaultReader::construct(
    bind::CallContext&, ReadableStream* stream)
{
    auto reader = std::make_unique<ReadableStreamDefaultReader>();
    reader->m_constructingFor = stream;
    return reader;
}

void ReadableStreamDefaultReader::constructed(bind::CallContext& cx)
{
    ReadableStream* stream = std::exchange(m_constructingFor, nullptr);
    if (!setUpReadableStreamDefaultReader(cx.isolate(), this, stream)) cx.setFailed();
}

// https://streams.spec.whatwg.org/#generic-reader-closed
v8::Local<v8::Promise> ReadableStreamDefaultReader::closed(bind::CallContext& cx) const
{
    return m_closedPromise.get(cx.isolate());
}

// https://streams.spec.whatwg.org/#generic-reader-cancel
v8::Local<v8::Promise> ReadableStreamDefaultReader::cancel(
    bind::CallContext& cx, std::optional<v8::Local<v8::Value>> reason)
{
    v8::Isolate* isolate = cx.isolate();
    if (!m_stream) {
        cx.throwTypeError("The reader has no stream: its lock was released.");
        return {};
    }
    return readableStreamReaderGenericCancel(isolate, this,
                                             valueOrUndefined(isolate, reason));
}

// https://streams.spec.whatwg.org/#default-reader-read
v8::Local<v8::Promise> ReadableStreamDefaultReader::read(bind::CallContext& cx)
{
    if (!m_stream) {
        cx.throwTypeError("The reader has no stream: its lock was released.");
        return {};
    }
    v8::Local<v8::Promise> promise = newPromise(cx.context());
    if (promise.IsEmpty()) {
        cx.setFailed();
        return {};
    }
    readableStreamDefaultReaderRead(cx.isolate(), this, promise, nullptr);
    return promise;
}

// https://streams.spec.whatwg.org/#default-reader-release-lock
void ReadableStreamDefaultReader::releaseLock(bind::CallContext& cx)
{
    if (!m_stream) return;
    readableStreamDefaultReaderRelease(cx.isolate(), this);
}

void ReadableStreamDefaultReader::define(bind::ClassBuilder<ReadableStreamDefaultReader>& c)
{
    c.constructor<&ReadableStreamDefaultReader::construct>()
        .readonlyAttribute<&ReadableStreamDefaultReader::closed>("closed")
        .method<&ReadableStreamDefaultReader::cancel>("cancel")
        .method<&ReadableStreamDefaultReader::read>("read")
        .method<&ReadableStreamDefaultReader::releaseLock>("releaseLock");
}

// https://streams.spec.whatwg.org/#acquire-readable-stream-reader
ReadableStreamDefaultReader* acquireReadableStreamDefaultReader(v8::Isolate* isolate,
                                                                ReadableStream* stream)
{
    auto* reader = bind::create<ReadableStreamDefaultReader>(isolate);
    if (!reader || !setUpReadableStreamDefaultReader(isolate, reader, stream)) return nullptr;
    return reader;
}

// https://streams.spec.whatwg.org/#set-up-readable-stream-default-reader
bool setUpReadableStreamDefaultReader(v8::Isolate* isolate, ReadableStreamDefaultReader* reader,
                                      ReadableStream* stream)
{
    if (isReadableStreamLocked(stream)) {
        bind::throwTypeError(isolate, "The ReadableStream is locked to a reader already.");
        return false;
    }
    readableStreamReaderGenericInitialize(isolate, reader, stream);
    return true;
}

// https://streams.spec.whatwg.org/#readable-stream-default-reader-read
void readableStreamDefaultReaderRead(v8::Isolate* isolate, ReadableStreamDefaultReader* reader,
                                     v8::Local<v8::Promise> promise, ReadRequest* request)
{
    ReadableStream* stream = reader->m_stream.get();
    stream->m_disturbed = true;
    switch (stream->m_state) {
    case ReadableStream::State::Closed:
        if (request)
            request->closeSteps(isolate);
        else
            resolveReadResult(isolate, promise, v8::Undefined(isolate), true);
        break;
    case ReadableStream::State::Errored:
        if (request)
            request->errorSteps(isolate, stream->m_storedError.get(isolate));
        else
            rejectPromise(isolate->GetCurrentContext(), promise,
                          stream->m_storedError.get(isolate));
        break;
    case ReadableStream::State::Readable:
        stream->m_controller->pullSteps(isolate, promise, request);
        break;
    }
}

// https://streams.spec.whatwg.org/#abstract-opdef-readablestreamdefaultreaderrelease
void readableStreamDefaultReaderRelease(v8::Isolate* isolate, ReadableStreamDefaultReader* reader)
{
    readableStreamReaderGenericRelease(isolate, reader);
    readableStreamDefaultReaderErrorReadRequests(isolate, reader, readerReleasedError(isolate, "ReadableStreamDefaultReader"));
}

// https://streams.spec.whatwg.org/#abstract-opdef-readablestreamdefaultreadererrorreadrequests
void readableStreamDefaultReaderErrorReadRequests(v8::Isolate* isolate,
                                                  ReadableStreamDefaultReader* reader,
                                                  v8::Local<v8::Value> e)
{
    // Steps 1-2: the requests queued now; ones their steps add stay queued.
    for (size_t n = reader->m_readRequests.size(); n > 0 && !reader->m_readRequests.isEmpty(); --n)
        reader->m_readRequests.takeFirstAndRunErrorSteps(isolate, e);
}

} // namespace nano::api::streams
