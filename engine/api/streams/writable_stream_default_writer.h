#pragma once
// WritableStreamDefaultWriter (https://streams.spec.whatwg.org/#default-writer-class).
//
// [Exposed=*] interface WritableStreamDefaultWriter {
//   constructor(WritableStream stream);
//   readonly attribute Promise<undefined> closed;
//   readonly attribute unrestricted double? desiredSize;
//   readonly attribute Promise<undefined> ready;
//   Promise<undefined> abort(optional any reason);
//   Promise<undefined> close();
//   undefined releaseLock();
//   Promise<undefined> write(optional any chunk);
// };

#include "api/streams/lazy_promise.h"
#include "bind/class_builder.h"

namespace nano::api::streams {

class WriteRequest;

class WritableStream;

class WritableStreamDefaultWriter final : public bind::Wrappable {
    NANO_BIND_CLASS(WritableStreamDefaultWriter)
public:
    static constexpr int kInlineReferences = 5; // all its Members: read per chunk
    WritableStreamDefaultWriter() = default;
    static void define(bind::ClassBuilder<WritableStreamDefaultWriter>& c);

    // https://streams.spec.whatwg.org/#default-writer-constructor
    static std::unique_ptr<WritableStreamDefaultWriter> construct(bind::CallContext& cx,
                                                                  WritableStream* stream);
    void constructed(bind::CallContext& cx);

    // IDL members.
    v8::Local<v8::Promise> closed(bind::CallContext& cx) const;
    bind::Nullable<bind::UnrestrictedDouble> desiredSize(bind::CallContext& cx) const;
    v8::Local<v8::Promise> ready(bind::CallContext& cx) const;
    v8::Local<v8::Promise> abort(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> reason);
    v8::Local<v8::Promise> close(bind::CallContext& cx);
    void releaseLock(bind::CallContext& cx);
    v8::Local<v8::Promise> write(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> chunk);

    // console.log shows desiredSize (its getter takes the call context).
    void inspectMore(v8::Isolate* isolate, Inspected& out) override;

    // Internal slots (https://streams.spec.whatwg.org/#default-writer-internal-slots).
    bind::Member<v8::Promise> m_closedPromise{this};
    LazyPromise m_readyPromise{this};
    bind::Member<WritableStream> m_stream{this};

private:
    WritableStream* m_constructingFor = nullptr;
};

// https://streams.spec.whatwg.org/#acquire-writable-stream-default-writer: null with a
// TypeError pending if the stream is locked.
WritableStreamDefaultWriter* acquireWritableStreamDefaultWriter(v8::Isolate* isolate,
                                                                WritableStream* stream);
// https://streams.spec.whatwg.org/#set-up-writable-stream-default-writer
bool setUpWritableStreamDefaultWriter(v8::Isolate* isolate, WritableStreamDefaultWriter* writer,
                                      WritableStream* stream);
// https://streams.spec.whatwg.org/#writable-stream-default-writer-close-with-error-propagation
v8::Local<v8::Promise> writableStreamDefaultWriterCloseWithErrorPropagation(
    v8::Isolate* isolate, WritableStreamDefaultWriter* writer);
// https://streams.spec.whatwg.org/#writable-stream-default-writer-ensure-closed-promise-rejected
void writableStreamDefaultWriterEnsureClosedPromiseRejected(v8::Isolate* isolate,
                                                            WritableStreamDefaultWriter* writer,
                                                            v8::Local<v8::Value> error);
// https://streams.spec.whatwg.org/#writable-stream-default-writer-ensure-ready-promise-rejected
void writableStreamDefaultWriterEnsureReadyPromiseRejected(v8::Isolate* isolate,
                                                           WritableStreamDefaultWriter* writer,
                                                           v8::Local<v8::Value> error);
// https://streams.spec.whatwg.org/#writable-stream-default-writer-get-desired-size
std::optional<double> writableStreamDefaultWriterGetDesiredSize(
    const WritableStreamDefaultWriter* writer);
// https://streams.spec.whatwg.org/#writable-stream-default-writer-release
void writableStreamDefaultWriterRelease(v8::Isolate* isolate, WritableStreamDefaultWriter* writer);
// https://streams.spec.whatwg.org/#writable-stream-default-writer-write
v8::Local<v8::Promise> writableStreamDefaultWriterWrite(v8::Isolate* isolate,
                                                        WritableStreamDefaultWriter* writer,
                                                        v8::Local<v8::Value> chunk);
// The same for a native write request (a pipe's): true when the write was queued; false when
// the writer refused it (the promise would have been rejected) or when terminating.
bool writableStreamDefaultWriterWrite(v8::Isolate* isolate, WritableStreamDefaultWriter* writer,
                                      v8::Local<v8::Value> chunk, WriteRequest* request);

} // namespace nano::api::streams
