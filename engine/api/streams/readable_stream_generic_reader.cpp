#include "api/streams/readable_stream_generic_reader.h"

#include "api/streams/promises.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_controller.h"
#include "bind/errors.h"

namespace nano::api::streams {

v8::Local<v8::Value> readerReleasedError(v8::Isolate* isolate, const char* className)
{
    return bind::makeError(isolate, "TypeError",
                           {bind::CallSite::Kind::Method, className, "releaseLock"},
                           "The reader was released: its lock on the stream is gone.");
}

// https://streams.spec.whatwg.org/#readable-stream-reader-generic-initialize
void readableStreamReaderGenericInitialize(v8::Isolate* isolate,
                                           ReadableStreamGenericReader* reader,
                                           ReadableStream* stream)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    reader->m_stream.set(stream);
    stream->m_reader.set(reader);
    if (stream->m_state == ReadableStream::State::Readable) {
        reader->m_closedPromise.set(newPromise(context));
    } else if (stream->m_state == ReadableStream::State::Closed) {
        reader->m_closedPromise.set(promiseResolvedWith(context, v8::Undefined(isolate)));
    } else {
        v8::Local<v8::Promise> closed =
            promiseRejectedWith(context, stream->m_storedError.get(isolate));
        setPromiseIsHandled(closed);
        reader->m_closedPromise.set(closed);
    }
}

// https://streams.spec.whatwg.org/#readable-stream-reader-generic-release
void readableStreamReaderGenericRelease(v8::Isolate* isolate, ReadableStreamGenericReader* reader)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    ReadableStream* stream = reader->m_stream.get();
    const char* className = reader->bindClassName();
    // Steps 4-5.
    if (stream->m_state == ReadableStream::State::Readable) {
        rejectPromise(context, reader->m_closedPromise.get(isolate),
                      readerReleasedError(isolate, className));
    } else {
        reader->m_closedPromise.set(
            promiseRejectedWith(context, readerReleasedError(isolate, className)));
    }
    // Step 6.
    setPromiseIsHandled(reader->m_closedPromise.get(isolate));
    // Steps 7-9.
    stream->m_controller->releaseSteps();
    stream->m_reader.clear();
    reader->m_stream.clear();
}

// https://streams.spec.whatwg.org/#readable-stream-reader-generic-cancel
v8::Local<v8::Promise> readableStreamReaderGenericCancel(v8::Isolate* isolate,
                                                         ReadableStreamGenericReader* reader,
                                                         v8::Local<v8::Value> reason)
{
    return readableStreamCancel(isolate, reader->m_stream.get(), reason);
}

} // namespace nano::api::streams
