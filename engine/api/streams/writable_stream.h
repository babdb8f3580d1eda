#pragma once
// WritableStream (https://streams.spec.whatwg.org/#ws-class).
//
// [Exposed=*, Transferable] interface WritableStream {
//   constructor(optional object underlyingSink, optional QueuingStrategy strategy = {});
//   readonly attribute boolean locked;
//   Promise<undefined> abort(optional any reason);
//   Promise<undefined> close();
//   WritableStreamDefaultWriter getWriter();
// };
//
// Every write() promise settles when the sink has processed that chunk; writer.ready is
// pending while the queue holds the high-water mark or more (backpressure).

#include "api/streams/queuing_strategy.h"
#include "api/streams/stream_inspection.h"
#include "api/streams/underlying_sink.h"
#include "api/streams/value_queue.h"
#include "bind/class_builder.h"

namespace nano::api::streams {

class WritableStreamDefaultController;
class WritableStreamDefaultWriter;

// A write request made by C++ (a pipe's writes), in place of the promise of a writer.write():
// the stream tells it how the write ended, synchronously, where it would settle the promise.
// No promise per chunk for writes nobody but the pipe can see.
class WriteRequest : public bind::Wrappable {
public:
    virtual void writeFulfilled(v8::Isolate* isolate) = 0;
    virtual void writeRejected(v8::Isolate* isolate, v8::Local<v8::Value> error) = 0;
};

class WritableStream final : public bind::Wrappable {
    NANO_BIND_CLASS(WritableStream)
public:
    static constexpr int kInlineReferences = 12; // all its Members: read per chunk
    enum class State { Writable, Closed, Erroring, Errored };

    WritableStream() = default;
    static void define(bind::ClassBuilder<WritableStream>& c);

    // https://streams.spec.whatwg.org/#ws-constructor (steps needing the wrapper in
    // constructed()).
    static std::unique_ptr<WritableStream> construct(bind::CallContext& cx,
                                                     std::optional<v8::Local<v8::Object>> sink,
                                                     QueuingStrategy strategy);
    void constructed(bind::CallContext& cx);

    // IDL members.
    bool locked() const;
    v8::Local<v8::Promise> abort(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> reason);
    v8::Local<v8::Promise> close(bind::CallContext& cx);
    v8::Local<v8::Value> getWriter(bind::CallContext& cx);

    // console.log shows the state too.
    void inspectMore(v8::Isolate* isolate, Inspected& out) override;

    // Registers with the run's stream inspector (once set up; `label` says who made it).
    void registerWithInspector(v8::Isolate* isolate, QString label);
    StreamInspection m_inspection;

    // Internal slots (https://streams.spec.whatwg.org/#ws-internal-slots).
    bool m_backpressure = false;
    bind::Member<v8::Promise> m_closeRequest{this};
    bind::Member<WritableStreamDefaultController> m_controller{this};
    bind::Member<v8::Value> m_inFlightWriteRequest{this}; // a promise or a WriteRequest's wrapper
    bind::Member<v8::Promise> m_inFlightCloseRequest{this};
    // [[pendingAbortRequest]]: its promise (empty when there is none), reason and flag.
    bind::Member<v8::Promise> m_pendingAbortPromise{this};
    bind::Member<v8::Value> m_pendingAbortReason{this};
    bool m_pendingAbortWasAlreadyErroring = false;
    // The abort request's promise while the sink's abort() runs (step 12 of FinishErroring).
    bind::Member<v8::Promise> m_inFlightAbortPromise{this};
    State m_state = State::Writable;
    bind::Member<v8::Value> m_storedError{this};
    bind::Member<WritableStreamDefaultWriter> m_writer{this};
    ValueQueue m_writeRequests{this}; // promises and WriteRequest wrappers

    void onAbortFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>);
    void onAbortRejected(v8::Isolate* isolate, v8::Local<v8::Value> reason);

private:
    struct PendingSetup {
        v8::Local<v8::Object> sink;
        UnderlyingSink dict;
        QueuingStrategy strategy;
        double highWaterMark;
    };
    std::unique_ptr<PendingSetup> m_pendingSetup;
};

// https://streams.spec.whatwg.org/#create-writable-stream with C++ algorithms (the start
// algorithm returns `startPromise`, or undefined). Null with an exception pending if V8 failed.
WritableStream* createWritableStream(v8::Isolate* isolate, bind::Wrappable* algorithmsHolder,
                                     SinkAlgorithms* algorithms, double highWaterMark = 1,
                                     v8::Local<v8::Function> sizeFunction = {},
                                     v8::Local<v8::Promise> startPromise = {});

// https://streams.spec.whatwg.org/#is-writable-stream-locked
bool isWritableStreamLocked(const WritableStream* stream);
// https://streams.spec.whatwg.org/#writable-stream-abort
v8::Local<v8::Promise> writableStreamAbort(v8::Isolate* isolate, WritableStream* stream,
                                           v8::Local<v8::Value> reason);
// https://streams.spec.whatwg.org/#writable-stream-close
v8::Local<v8::Promise> writableStreamClose(v8::Isolate* isolate, WritableStream* stream);
// https://streams.spec.whatwg.org/#writable-stream-add-write-request
v8::Local<v8::Promise> writableStreamAddWriteRequest(v8::Isolate* isolate,
                                                     WritableStream* stream);
// The same with a native request (false with an exception pending when V8 could not allocate).
bool writableStreamAddWriteRequest(v8::Isolate* isolate, WritableStream* stream,
                                   WriteRequest* request);
// https://streams.spec.whatwg.org/#writable-stream-close-queued-or-in-flight
bool writableStreamCloseQueuedOrInFlight(const WritableStream* stream);
// https://streams.spec.whatwg.org/#writable-stream-deal-with-rejection
void writableStreamDealWithRejection(v8::Isolate* isolate, WritableStream* stream,
                                     v8::Local<v8::Value> error);
// https://streams.spec.whatwg.org/#writable-stream-finish-erroring
void writableStreamFinishErroring(v8::Isolate* isolate, WritableStream* stream);
// https://streams.spec.whatwg.org/#writable-stream-finish-in-flight-close
void writableStreamFinishInFlightClose(v8::Isolate* isolate, WritableStream* stream);
// https://streams.spec.whatwg.org/#writable-stream-finish-in-flight-close-with-error
void writableStreamFinishInFlightCloseWithError(v8::Isolate* isolate, WritableStream* stream,
                                                v8::Local<v8::Value> error);
// https://streams.spec.whatwg.org/#writable-stream-finish-in-flight-write
void writableStreamFinishInFlightWrite(v8::Isolate* isolate, WritableStream* stream);
// https://streams.spec.whatwg.org/#writable-stream-finish-in-flight-write-with-error
void writableStreamFinishInFlightWriteWithError(v8::Isolate* isolate, WritableStream* stream,
                                                v8::Local<v8::Value> error);
// https://streams.spec.whatwg.org/#writable-stream-has-operation-marked-in-flight
bool writableStreamHasOperationMarkedInFlight(const WritableStream* stream);
// https://streams.spec.whatwg.org/#writable-stream-mark-close-request-in-flight
void writableStreamMarkCloseRequestInFlight(WritableStream* stream);
// https://streams.spec.whatwg.org/#writable-stream-mark-first-write-request-in-flight
void writableStreamMarkFirstWriteRequestInFlight(v8::Isolate* isolate, WritableStream* stream);
// https://streams.spec.whatwg.org/#writable-stream-reject-close-and-closed-promise-if-needed
void writableStreamRejectCloseAndClosedPromiseIfNeeded(v8::Isolate* isolate,
                                                       WritableStream* stream);
// https://streams.spec.whatwg.org/#writable-stream-start-erroring
void writableStreamStartErroring(v8::Isolate* isolate, WritableStream* stream,
                                 v8::Local<v8::Value> reason);
// https://streams.spec.whatwg.org/#writable-stream-update-backpressure
void writableStreamUpdateBackpressure(v8::Isolate* isolate, WritableStream* stream,
                                      bool backpressure);

void installWritableStream(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api::streams
