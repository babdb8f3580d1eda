#include "api/streams/readable_stream.h"

#include "api/events/abort_signal.h"
#include "api/streams/pipe_to.h"
#include "api/streams/promises.h"
#include "api/streams/read_request.h"
#include "api/streams/readable_byte_stream_controller.h"
#include "api/streams/readable_stream_byob_reader.h"
#include "api/streams/readable_stream_default_controller.h"
#include "api/streams/readable_stream_default_reader.h"
#include "api/streams/readable_stream_from.h"
#include "api/streams/readable_stream_tee.h"
#include "api/streams/writable_stream.h"
#include "bind/strings.h"

namespace nano::bind {
bool DictionaryTraits<api::streams::ReadableWritablePair>::read(
    DictionaryReader& d, api::streams::ReadableWritablePair& out)
{
    return d.required("readable", out.readable) && d.required("writable", out.writable);
}

bool DictionaryTraits<api::streams::StreamPipeOptions>::read(
    DictionaryReader& d, api::streams::StreamPipeOptions& out)
{
    return d.get("preventAbort", out.preventAbort) && d.get("preventCancel", out.preventCancel) &&
           d.get("preventClose", out.preventClose) && d.get("signal", out.signal);
}
} // namespace nano::bind

namespace nano::api::streams {

namespace {
// The read request of a ReadableStream async iterator
// (https://streams.spec.whatwg.org/#rs-asynciterator-prototype-internal-slots): one per
// iterator, reused for each next().
class IteratorReadRequest final : public ReadRequest {
    NANO_BIND_CLASS(IteratorReadRequest)
public:
    static void define(bind::ClassBuilder<IteratorReadRequest>&) {}

    void chunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk) override
    {
        resolvePromise(isolate->GetCurrentContext(), takePromise(isolate), chunk);
    }
    void closeSteps(v8::Isolate* isolate) override
    {
        readableStreamDefaultReaderRelease(isolate, m_reader.get());
        resolvePromise(isolate->GetCurrentContext(), takePromise(isolate),
                       bind::endOfIteration(isolate));
    }
    void errorSteps(v8::Isolate* isolate, v8::Local<v8::Value> e) override
    {
        readableStreamDefaultReaderRelease(isolate, m_reader.get());
        rejectPromise(isolate->GetCurrentContext(), takePromise(isolate), e);
    }
    v8::Local<v8::Promise> takePromise(v8::Isolate* isolate)
    {
        v8::Local<v8::Promise> promise = m_promise.get(isolate);
        m_promise.clear();
        return promise;
    }

    bind::Member<ReadableStreamDefaultReader> m_reader{this};
    bind::Member<v8::Promise> m_promise{this};
    bool m_preventCancel = false;
};

struct ReadableStreamIteratorOptions {
    bool preventCancel = false;
};
} // namespace

} // namespace nano::api::streams

namespace nano::bind {
template <> struct DictionaryTraits<api::streams::ReadableStreamIteratorOptions> {
    static constexpr const char* name = "ReadableStreamIteratorOptions";
    static bool read(DictionaryReader& d, api::streams::ReadableStreamIteratorOptions& out)
    {
        return d.get("preventCancel", out.preventCancel);
    }
};
} // namespace nano::bind

namespace nano::api::streams {

// https://streams.spec.whatwg.org/#rs-constructor
std::unique_ptr<ReadableStream> ReadableStream::construct(
    bind::CallContext& cx, std::optional<v8::Local<v8::Object>> source, QueuingStrategy strategy)
{
    v8::Isolate* isolate = cx.isolate();
    auto setup = std::make_unique<PendingSetup>();
    // Steps 1-2: the strategy was converted first, as the arguments are.
    bind::ValueSource src;
    src.index = 0;
    v8::Local<v8::Value> sourceValue =
        source ? v8::Local<v8::Value>(*source) : v8::Null(isolate).As<v8::Value>();
    if (!bind::Convert<UnderlyingSource>::fromJs(cx, src, sourceValue, setup->dict))
        return nullptr;
    if (source) setup->source = *source;
    // Step 4: a byte stream counts bytes, so it takes no size function.
    if (setup->dict.type && !strategy.size.IsEmpty()) {
        cx.throwRangeError("The strategy for a byte stream cannot have a size function.");
        return nullptr;
    }
    // Steps 4-5.
    std::optional<double> highWaterMark =
        extractHighWaterMark(cx, strategy, setup->dict.type ? 0 : 1);
    if (!highWaterMark) return nullptr;
    setup->highWaterMark = *highWaterMark;
    setup->strategy = strategy;
    auto stream = std::make_unique<ReadableStream>();
    stream->m_pendingSetup = std::move(setup);
    return stream;
}

void ReadableStream::constructed(bind::CallContext& cx)
{
    std::unique_ptr<PendingSetup> setup = std::move(m_pendingSetup);
    registerWithInspector(cx.isolate(), callSiteLabel(cx.isolate()));
    if (setup->dict.type) {
        setUpReadableByteStreamControllerFromUnderlyingSource(cx, this, setup->source, setup->dict,
                                                              setup->highWaterMark);
        return;
    }
    setUpReadableStreamDefaultControllerFromUnderlyingSource(
        cx, this, setup->source, setup->dict, setup->highWaterMark, setup->strategy);
}

// https://streams.spec.whatwg.org/#rs-from
v8::Local<v8::Value> ReadableStream::from(bind::CallContext& cx,
                                          v8::Local<v8::Value> asyncIterable)
{
    ReadableStream* stream = readableStreamFromIterable(cx, asyncIterable);
    if (!stream) return {};
    return stream->wrapper();
}

// https://streams.spec.whatwg.org/#rs-locked
bool ReadableStream::locked() const
{
    return isReadableStreamLocked(this);
}

// https://streams.spec.whatwg.org/#rs-cancel
v8::Local<v8::Promise> ReadableStream::cancel(bind::CallContext& cx,
                                              std::optional<v8::Local<v8::Value>> reason)
{
    if (isReadableStreamLocked(this)) {
        cx.throwTypeError("Cannot cancel a stream that is locked to a reader.");
        return {};
    }
    v8::Isolate* isolate = cx.isolate();
    return readableStreamCancel(isolate, this, valueOrUndefined(isolate, reason));
}

// https://streams.spec.whatwg.org/#rs-get-reader
v8::Local<v8::Value> ReadableStream::getReader(bind::CallContext& cx,
                                               ReadableStreamGetReaderOptions options)
{
    if (isReadableStreamLocked(this)) {
        cx.throwTypeError("The stream is locked to a reader already.");
        return {};
    }
    if (options.mode) {
        ReadableStreamBYOBReader* reader = acquireReadableStreamBYOBReader(cx.isolate(), this);
        if (!reader) {
            cx.setFailed();
            return {};
        }
        return reader->wrapper();
    }
    ReadableStreamDefaultReader* reader = acquireReadableStreamDefaultReader(cx.isolate(), this);
    if (!reader) {
        cx.setFailed();
        return {};
    }
    return reader->wrapper();
}

// https://streams.spec.whatwg.org/#rs-pipe-through
v8::Local<v8::Value> ReadableStream::pipeThrough(bind::CallContext& cx,
                                                 ReadableWritablePair pair,
                                                 StreamPipeOptions options)
{
    // Steps 1-2.
    if (isReadableStreamLocked(this)) {
        cx.throwTypeError("Cannot pipe a stream that is locked to a reader.");
        return {};
    }
    if (isWritableStreamLocked(pair.writable)) {
        cx.throwTypeError("Cannot pipe to a WritableStream that is locked to a writer.");
        return {};
    }
    // Steps 3-6.
    v8::Local<v8::Promise> promise = readableStreamPipeTo(cx.isolate(), this, pair.writable,
                                                          options);
    if (promise.IsEmpty()) {
        cx.setFailed();
        return {};
    }
    setPromiseIsHandled(promise);
    return pair.readable->wrapper();
}

// https://streams.spec.whatwg.org/#rs-pipe-to
v8::Local<v8::Promise> ReadableStream::pipeTo(bind::CallContext& cx, WritableStream* destination,
                                              StreamPipeOptions options)
{
    if (isReadableStreamLocked(this)) {
        cx.throwTypeError("Cannot pipe a stream that is locked to a reader.");
        return {};
    }
    if (isWritableStreamLocked(destination)) {
        cx.throwTypeError("Cannot pipe to a WritableStream that is locked to a writer.");
        return {};
    }
    return readableStreamPipeTo(cx.isolate(), this, destination, options);
}

// https://streams.spec.whatwg.org/#rs-tee
std::vector<ReadableStream*> ReadableStream::tee(bind::CallContext& cx)
{
    if (isReadableStreamLocked(this)) {
        cx.throwTypeError("Cannot tee a stream that is locked to a reader.");
        return {};
    }
    // https://streams.spec.whatwg.org/#readable-stream-tee
    auto branches = m_controller->isByteController() ? readableByteStreamTee(cx.isolate(), this)
                                                     : readableStreamDefaultTee(cx.isolate(), this);
    if (!branches.first) {
        cx.setFailed();
        return {};
    }
    return {branches.first, branches.second};
}

// https://streams.spec.whatwg.org/#rs-get-iterator
bool ReadableStream::asyncIteratorInit(bind::CallContext& cx, AsyncIterationState& state)
{
    v8::Isolate* isolate = cx.isolate();
    ReadableStreamIteratorOptions options;
    bind::ValueSource src;
    src.index = 0;
    if (!bind::Convert<ReadableStreamIteratorOptions>::fromJs(cx, src, cx.arg(0), options))
        return false;
    if (isReadableStreamLocked(this)) {
        cx.throwTypeError("Cannot iterate a stream that is locked to a reader.");
        return false;
    }
    ReadableStreamDefaultReader* reader = acquireReadableStreamDefaultReader(isolate, this);
    if (!reader) return false;
    auto* request = bind::create<IteratorReadRequest>(isolate);
    if (!request) return false;
    request->m_reader.set(reader);
    request->m_preventCancel = options.preventCancel;
    state.request.set(request);
    return true;
}

// https://streams.spec.whatwg.org/#rs-asynciterator-prototype-next
v8::Local<v8::Promise> ReadableStream::nextIterationResult(v8::Isolate* isolate,
                                                           AsyncIterationState& state)
{
    auto* request = static_cast<IteratorReadRequest*>(state.request.get());
    v8::Local<v8::Promise> promise = newPromise(isolate->GetCurrentContext());
    if (promise.IsEmpty()) return {};
    request->m_promise.set(promise);
    readableStreamDefaultReaderRead(isolate, request->m_reader.get(), {}, request);
    return promise;
}

// https://streams.spec.whatwg.org/#rs-asynciterator-prototype-return
v8::Local<v8::Promise> ReadableStream::asyncIteratorReturn(v8::Isolate* isolate,
                                                           AsyncIterationState& state,
                                                           v8::Local<v8::Value> value)
{
    auto* request = static_cast<IteratorReadRequest*>(state.request.get());
    ReadableStreamDefaultReader* reader = request->m_reader.get();
    if (!request->m_preventCancel) {
        v8::Local<v8::Promise> result = readableStreamReaderGenericCancel(isolate, reader, value);
        readableStreamDefaultReaderRelease(isolate, reader);
        return result;
    }
    readableStreamDefaultReaderRelease(isolate, reader);
    return promiseResolvedWith(isolate->GetCurrentContext(), v8::Undefined(isolate));
}

void ReadableStream::define(bind::ClassBuilder<ReadableStream>& c)
{
    c.constructor<&ReadableStream::construct>()
        .staticMethod<&ReadableStream::from>("from")
        .readonlyAttribute<&ReadableStream::locked>("locked")
        .method<&ReadableStream::cancel>("cancel")
        .method<&ReadableStream::getReader>("getReader")
        .method<&ReadableStream::pipeThrough>("pipeThrough")
        .method<&ReadableStream::pipeTo>("pipeTo")
        .method<&ReadableStream::tee>("tee");
    bind::defineAsyncIterable(c);
}

void ReadableStream::inspectMore(v8::Isolate* isolate, Inspected& out)
{
    const char* state = m_state == State::Readable ? "readable"
                        : m_state == State::Closed ? "closed"
                                                   : "errored";
    out.emplace_back("state", bind::name(isolate, state));
    if (m_controller && m_controller->isByteController())
        out.emplace_back("type", bind::name(isolate, "bytes"));
}

void ReadableStream::registerWithInspector(v8::Isolate* isolate, QString label)
{
    m_inspection.label = std::move(label);
    m_inspection.site = currentCallSite(isolate);
    m_inspection.registration = StreamRegistry::from(isolate).add([this](StreamSnapshot& s) {
        if (!isWrapped() || !m_controller) return false; // collected, or not set up
        s.label = m_inspection.label;
        s.sourceUrl = m_inspection.site.sourceUrl;
        s.line = m_inspection.site.line;
        s.error = m_inspection.errorText;
        s.state = m_state == State::Readable ? StreamSnapshot::State::Readable
                  : m_state == State::Closed ? StreamSnapshot::State::Closed
                                             : StreamSnapshot::State::Errored;
        s.locked = isReadableStreamLocked(this);
        ReadableStreamController* controller = m_controller.get();
        if (controller->isByteController()) {
            auto* c = static_cast<ReadableByteStreamController*>(controller);
            s.kind = StreamSnapshot::Kind::ReadableBytes;
            s.queuedChunks = qint64(c->m_queue.size());
            s.queueTotalSize = c->m_queueTotalSize;
            s.highWaterMark = c->m_strategyHWM;
            s.chunksPassed = c->m_chunksPassed;
            s.bytesPassed = c->m_bytesPassed;
            s.pendingReads = int(readableStreamGetNumReadIntoRequests(this));
        } else {
            auto* c = static_cast<ReadableStreamDefaultController*>(controller);
            s.kind = StreamSnapshot::Kind::Readable;
            s.queuedChunks = qint64(c->m_queue.size());
            s.queueTotalSize = c->m_queue.totalSize();
            s.highWaterMark = c->m_strategyHWM;
            s.chunksPassed = c->m_chunksPassed;
            s.bytesPassed = c->m_bytesPassed;
        }
        if (m_inspection.transformSide) s.kind = StreamSnapshot::Kind::TransformReadable;
        s.pendingReads += int(readableStreamGetNumReadRequests(this));
        if (m_state == State::Readable)
            s.desiredSize = s.highWaterMark - s.queueTotalSize;
        else if (m_state == State::Closed)
            s.desiredSize = 0;
        s.links.teeParent = m_inspection.teeParent;
        s.links.teeBranch = m_inspection.teeBranch;
        s.links.pipeDestination = m_inspection.pipePeer;
        s.links.transformPair = m_inspection.transformPair;
        return true;
    });
}

ReadableStreamDefaultController* ReadableStream::defaultController() const
{
    return static_cast<ReadableStreamDefaultController*>(m_controller.get());
}

ReadableStreamDefaultReader* ReadableStream::defaultReader() const
{
    ReadableStreamGenericReader* reader = m_reader.get();
    return reader && !reader->isBYOB() ? static_cast<ReadableStreamDefaultReader*>(reader)
                                       : nullptr;
}

// https://streams.spec.whatwg.org/#create-readable-stream
ReadableStream* createReadableStream(v8::Isolate* isolate, bind::Wrappable* algorithmsHolder,
                                     SourceAlgorithms* algorithms, double highWaterMark,
                                     v8::Local<v8::Function> sizeFunction,
                                     v8::Local<v8::Promise> startPromise)
{
    auto* stream = bind::create<ReadableStream>(isolate);
    if (!stream) return nullptr;
    auto* controller = bind::create<ReadableStreamDefaultController>(isolate);
    if (!controller) return nullptr;
    setUpReadableStreamDefaultController(isolate, stream, controller, algorithmsHolder,
                                         algorithms, highWaterMark, sizeFunction, startPromise);
    stream->registerWithInspector(isolate, {}); // the caller names it
    return stream;
}

// https://streams.spec.whatwg.org/#is-readable-stream-locked
bool isReadableStreamLocked(const ReadableStream* stream)
{
    return !stream->m_reader.isEmpty();
}

// https://streams.spec.whatwg.org/#readable-stream-cancel
v8::Local<v8::Promise> readableStreamCancel(v8::Isolate* isolate, ReadableStream* stream,
                                            v8::Local<v8::Value> reason)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    stream->m_disturbed = true;
    if (stream->m_state == ReadableStream::State::Closed)
        return promiseResolvedWith(context, v8::Undefined(isolate));
    if (stream->m_state == ReadableStream::State::Errored)
        return promiseRejectedWith(context, stream->m_storedError.get(isolate));
    readableStreamClose(isolate, stream);
    if (ReadableStreamGenericReader* reader = stream->m_reader.get(); reader && reader->isBYOB())
        readableStreamBYOBReaderCloseReadIntoRequests(
            isolate, static_cast<ReadableStreamBYOBReader*>(reader));
    v8::Local<v8::Promise> sourceCancelPromise =
        stream->m_controller->cancelSteps(isolate, reason);
    if (sourceCancelPromise.IsEmpty()) return {};
    return promiseThenUndefined(context, sourceCancelPromise);
}

// https://streams.spec.whatwg.org/#readable-stream-close
void readableStreamClose(v8::Isolate* isolate, ReadableStream* stream)
{
    stream->m_state = ReadableStream::State::Closed;
    ReadableStreamGenericReader* genericReader = stream->m_reader.get();
    if (!genericReader) return;
    resolvePromise(isolate->GetCurrentContext(), genericReader->m_closedPromise.get(isolate),
                   v8::Undefined(isolate));
    ReadableStreamDefaultReader* reader = stream->defaultReader();
    if (!reader) return;
    for (size_t n = reader->m_readRequests.size(); n > 0 && !reader->m_readRequests.isEmpty(); --n)
        reader->m_readRequests.takeFirstAndRunCloseSteps(isolate);
}

// https://streams.spec.whatwg.org/#readable-stream-error
void readableStreamError(v8::Isolate* isolate, ReadableStream* stream, v8::Local<v8::Value> e)
{
    stream->m_state = ReadableStream::State::Errored;
    stream->m_storedError.set(e);
    stream->m_inspection.errorText = errorText(isolate, e);
    ReadableStreamGenericReader* reader = stream->m_reader.get();
    if (!reader) return;
    v8::Local<v8::Promise> closed = reader->m_closedPromise.get(isolate);
    rejectPromise(isolate->GetCurrentContext(), closed, e);
    setPromiseIsHandled(closed);
    if (reader->isBYOB())
        readableStreamBYOBReaderErrorReadIntoRequests(
            isolate, static_cast<ReadableStreamBYOBReader*>(reader), e);
    else
        readableStreamDefaultReaderErrorReadRequests(
            isolate, static_cast<ReadableStreamDefaultReader*>(reader), e);
}

// https://streams.spec.whatwg.org/#readable-stream-fulfill-read-request
void readableStreamFulfillReadRequest(v8::Isolate* isolate, ReadableStream* stream,
                                      v8::Local<v8::Value> chunk, bool done)
{
    ReadableStreamDefaultReader* reader = stream->defaultReader();
    if (done)
        reader->m_readRequests.takeFirstAndRunCloseSteps(isolate);
    else
        reader->m_readRequests.takeFirstAndRunChunkSteps(isolate, chunk);
}

// https://streams.spec.whatwg.org/#readable-stream-get-num-read-requests
size_t readableStreamGetNumReadRequests(const ReadableStream* stream)
{
    const ReadableStreamDefaultReader* reader = stream->defaultReader();
    return reader ? reader->m_readRequests.size() : 0;
}

// https://streams.spec.whatwg.org/#readable-stream-add-read-request
bool readableStreamAddReadRequest(v8::Isolate* isolate, ReadableStream* stream,
                                  v8::Local<v8::Promise> promise, ReadRequest* request)
{
    ReadableStreamDefaultReader* reader = stream->defaultReader();
    return request ? reader->m_readRequests.append(isolate, request)
                   : reader->m_readRequests.append(isolate, promise);
}

void installReadableStream(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<ReadableStream>(context, global);
    bind::exposeLazily<ReadableStreamDefaultReader>(context, global);
    bind::exposeLazily<ReadableStreamDefaultController>(context, global);
    bind::exposeLazily<ReadableStreamBYOBReader>(context, global);
    bind::exposeLazily<ReadableByteStreamController>(context, global);
    bind::exposeLazily<ReadableStreamBYOBRequest>(context, global);
}

} // namespace nano::api::streams
