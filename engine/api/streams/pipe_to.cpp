#include "api/streams/pipe_to.h"

#include "api/events/abort_signal.h"
#include "api/streams/promises.h"
#include "api/streams/read_request.h"
#include "api/streams/readable_byte_stream_controller.h"
#include "api/streams/readable_stream_default_controller.h"
#include "api/streams/readable_stream_default_reader.h"
#include "api/streams/writable_stream.h"
#include "api/streams/writable_stream_default_writer.h"
#include "bind/errors.h"

#include <memory>

namespace nano::api::streams {

namespace {

class PipeTo;

// A read of the stream now would take a chunk from its queue (its controller's [[PullSteps]]
// step 1 for a default controller, FillReadRequestFromQueue for a byte controller).
bool readableStreamHasQueuedChunk(const ReadableStream* stream)
{
    const ReadableStreamController* controller = stream->m_controller.get();
    if (!controller) return false;
    if (controller->isByteController())
        return static_cast<const ReadableByteStreamController*>(controller)->m_queueTotalSize > 0;
    return !static_cast<const ReadableStreamDefaultController*>(controller)->m_queue.isEmpty();
}

// The pipe's writes: one native write request, queued for every chunk it writes (no promise
// per chunk); it tells the pipe when each write has ended.
class PipeWrites final : public WriteRequest {
    NANO_BIND_CLASS(PipeWrites)
public:
    static void define(bind::ClassBuilder<PipeWrites>&) {}
    bind::Member<PipeTo> m_pipe{this};
    void writeFulfilled(v8::Isolate* isolate) override;
    void writeRejected(v8::Isolate* isolate, v8::Local<v8::Value>) override;
};

class PipeTo final : public ReadRequest {
    NANO_BIND_CLASS(PipeTo)
public:
    static constexpr int kInlineReferences = 9; // all its Members: read per chunk
    static void define(bind::ClassBuilder<PipeTo>&) {}

    ~PipeTo() override = default;

    // What a shutdown with an action does once the writes in flight are done.
    // SignalAbort is step 14's: abort and cancel as the options allow, each only on a stream
    // still in its first state, then wait for all of them (for none, too).
    enum class Action { None, AbortDestination, CancelSource, CloseDestination, SignalAbort };

    bind::Member<ReadableStream> m_source{this};
    bind::Member<WritableStream> m_dest{this};
    bind::Member<ReadableStreamDefaultReader> m_reader{this};
    bind::Member<WritableStreamDefaultWriter> m_writer{this};
    bind::Member<AbortSignal> m_signal{this};
    bind::Member<v8::Promise> m_promise{this};
    bind::Member<PipeWrites> m_writes{this};
    int m_writesPending = 0; // written chunks whose write has not ended yet
    bool m_waitingForWrites = false;
    bool m_preventClose = false;
    bool m_preventAbort = false;
    bool m_preventCancel = false;
    bool m_shuttingDown = false;
    bool m_finalized = false;
    bool m_readFromQueue = false; // the read in progress takes a chunk already queued
    uint64_t m_abortAlgorithm = 0;

    // The shutdown in progress.
    Action m_action = Action::None;
    bool m_originalIsError = false;
    bind::Member<v8::Value> m_originalError{this};
    int m_actionsPending = 0;

    bind::Member<v8::Value> m_pendingChunk{this};

    // The loop (https://streams.spec.whatwg.org/#readable-stream-pipe-to, step 15).
    void step(v8::Isolate* isolate, v8::Local<v8::Value> = {})
    {
        if (m_shuttingDown) return;
        // Upon fulfillment of the writer's ready promise (a rejection ends the loop; the
        // error propagation steps take over).
        m_writer->m_readyPromise.whenFulfilled(isolate, nativeReaction<&PipeTo::onReady>(this));
    }
    void onReady(v8::Isolate* isolate, v8::Local<v8::Value>)
    {
        if (m_shuttingDown) return;
        // A chunk already queued is read at once, from the pipe's own microtask, not from a
        // source's enqueue(): it can be written at once too (one microtask less per chunk).
        m_readFromQueue = readableStreamHasQueuedChunk(m_source.get());
        readableStreamDefaultReaderRead(isolate, m_reader.get(), {}, this);
        m_readFromQueue = false;
    }

    // A chunk that fulfils a pending read comes from the source's enqueue(), which must not
    // run the sink's write() synchronously (WPT piping/general-addition): that write happens
    // in a microtask.
    void chunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk) override
    {
        ++m_writesPending; // read, so waited for until written
        if (m_readFromQueue) {
            m_readFromQueue = false;
            write(isolate, chunk);
            return;
        }
        m_pendingChunk.set(chunk);
        queueReaction<&PipeTo::writeChunk>(isolate, this);
    }
    void writeChunk(v8::Isolate* isolate, v8::Local<v8::Value>)
    {
        v8::Local<v8::Value> chunk = m_pendingChunk.get(isolate);
        m_pendingChunk.clear();
        write(isolate, chunk);
    }
    void write(v8::Isolate* isolate, v8::Local<v8::Value> chunk)
    {
        if (m_finalized) return;
        // A refused write ends at once (its promise would have been rejected); the propagation
        // steps end the pipe.
        if (!writableStreamDefaultWriterWrite(isolate, m_writer.get(), chunk, m_writes.get())) {
            if (isolate->IsExecutionTerminating()) return;
            onWriteEnded(isolate);
        }
        step(isolate);
    }
    void onWriteEnded(v8::Isolate* isolate)
    {
        if (--m_writesPending > 0 || !m_waitingForWrites) return;
        m_waitingForWrites = false;
        // The rest happens a microtask later, as a reaction to the last write's promise would.
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        queueMicrotask(isolate, reactionOnce<&PipeTo::onWritesFinished>(context, this));
    }
    void closeSteps(v8::Isolate*) override {}
    void errorSteps(v8::Isolate*, v8::Local<v8::Value>) override {}

    // Step 14: the signal's abort algorithm.
    void abortAlgorithm(v8::Isolate* isolate)
    {
        shutdownWithAnAction(isolate, Action::SignalAbort, true, m_signal->reasonValue(isolate));
    }

    // The propagation checks of step 15.
    void onSourceErrored(v8::Isolate* isolate, v8::Local<v8::Value> storedError)
    {
        if (!m_preventAbort)
            shutdownWithAnAction(isolate, Action::AbortDestination, true, storedError);
        else
            shutdown(isolate, true, storedError);
    }
    void onDestErrored(v8::Isolate* isolate, v8::Local<v8::Value> storedError)
    {
        if (!m_preventCancel)
            shutdownWithAnAction(isolate, Action::CancelSource, true, storedError);
        else
            shutdown(isolate, true, storedError);
    }
    void onSourceClosed(v8::Isolate* isolate, v8::Local<v8::Value> = {})
    {
        if (!m_preventClose)
            shutdownWithAnAction(isolate, Action::CloseDestination, false, {});
        else
            shutdown(isolate, false, {});
    }

    bool destIsWritableAndNotClosing() const
    {
        const WritableStream* dest = m_dest.get();
        return dest->m_state == WritableStream::State::Writable &&
               !writableStreamCloseQueuedOrInFlight(dest);
    }

    // https://streams.spec.whatwg.org/#rs-pipeTo-shutdown-with-action
    void shutdownWithAnAction(v8::Isolate* isolate, Action action, bool originalIsError,
                              v8::Local<v8::Value> originalError)
    {
        if (m_shuttingDown) return;
        m_shuttingDown = true;
        m_action = action;
        m_originalIsError = originalIsError;
        m_originalError.set(originalError);
        if (destIsWritableAndNotClosing())
            waitForWritesToFinish(isolate);
        else
            doTheRest(isolate);
    }
    // https://streams.spec.whatwg.org/#rs-pipeTo-shutdown
    void shutdown(v8::Isolate* isolate, bool isError, v8::Local<v8::Value> error)
    {
        shutdownWithAnAction(isolate, Action::None, isError, error);
    }

    // "Wait until every chunk that has been read has been written."
    void waitForWritesToFinish(v8::Isolate* isolate)
    {
        if (m_writesPending > 0) {
            m_waitingForWrites = true;
            return;
        }
        // Even with no write pending the rest happens a microtask later.
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        queueMicrotask(isolate, reactionOnce<&PipeTo::onWritesFinished>(context, this));
    }
    void onWritesFinished(v8::Isolate* isolate, v8::Local<v8::Value>) { doTheRest(isolate); }

    // Runs the action, then finalizes with its outcome.
    void doTheRest(v8::Isolate* isolate)
    {
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        v8::Local<v8::Value> error = m_originalError.get(isolate);
        if (error.IsEmpty()) error = v8::Undefined(isolate);
        std::vector<v8::Local<v8::Promise>> actions;
        ReadableStream* source = m_source.get();
        WritableStream* dest = m_dest.get();
        switch (m_action) {
        case Action::None: finalize(isolate, m_originalIsError, error); return;
        case Action::AbortDestination:
            actions.push_back(writableStreamAbort(isolate, dest, error));
            break;
        case Action::CancelSource:
            actions.push_back(readableStreamCancel(isolate, source, error));
            break;
        case Action::CloseDestination:
            actions.push_back(
                writableStreamDefaultWriterCloseWithErrorPropagation(isolate, m_writer.get()));
            break;
        case Action::SignalAbort:
            if (!m_preventAbort)
                actions.push_back(dest->m_state == WritableStream::State::Writable
                                      ? writableStreamAbort(isolate, dest, error)
                                      : promiseResolvedWithUndefined(context));
            if (!m_preventCancel)
                actions.push_back(source->m_state == ReadableStream::State::Readable
                                      ? readableStreamCancel(isolate, source, error)
                                      : promiseResolvedWithUndefined(context));
            // Waiting for all of no promises still fulfills a microtask later.
            if (actions.empty()) actions.push_back(promiseResolvedWithUndefined(context));
            break;
        }
        m_actionsPending = static_cast<int>(actions.size());
        for (v8::Local<v8::Promise> action : actions) {
            if (action.IsEmpty()) return; // terminating
            uponPromise(context, action, reactionOnce<&PipeTo::onActionFulfilled>(context, this),
                        reactionOnce<&PipeTo::onActionRejected>(context, this));
        }
    }
    void onActionFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>)
    {
        if (--m_actionsPending > 0) return;
        v8::Local<v8::Value> error = m_originalError.get(isolate);
        if (error.IsEmpty()) error = v8::Undefined(isolate);
        finalize(isolate, m_originalIsError, error);
    }
    void onActionRejected(v8::Isolate* isolate, v8::Local<v8::Value> newError)
    {
        finalize(isolate, true, newError);
    }

    // https://streams.spec.whatwg.org/#rs-pipeTo-finalize
    void finalize(v8::Isolate* isolate, bool isError, v8::Local<v8::Value> error)
    {
        if (m_finalized) return;
        m_finalized = true;
        m_source->m_inspection.pipePeer = 0;
        m_dest->m_inspection.pipePeer = 0;
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        writableStreamDefaultWriterRelease(isolate, m_writer.get());
        readableStreamDefaultReaderRelease(isolate, m_reader.get());
        if (AbortSignal* signal = m_signal.get()) signal->removeAlgorithm(m_abortAlgorithm);
        v8::Local<v8::Promise> promise = m_promise.get(isolate);
        if (isError)
            rejectPromise(context, promise, error);
        else
            resolvePromise(context, promise, v8::Undefined(isolate));
    }
};

void PipeWrites::writeFulfilled(v8::Isolate* isolate)
{
    if (PipeTo* pipe = m_pipe.get()) pipe->onWriteEnded(isolate);
}
void PipeWrites::writeRejected(v8::Isolate* isolate, v8::Local<v8::Value>)
{
    if (PipeTo* pipe = m_pipe.get()) pipe->onWriteEnded(isolate);
}

} // namespace

// https://streams.spec.whatwg.org/#readable-stream-pipe-to
v8::Local<v8::Promise> readableStreamPipeTo(v8::Isolate* isolate, ReadableStream* source,
                                            WritableStream* dest, const StreamPipeOptions& options)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    // Steps 6-11.
    ReadableStreamDefaultReader* reader = acquireReadableStreamDefaultReader(isolate, source);
    if (!reader) return {};
    WritableStreamDefaultWriter* writer = acquireWritableStreamDefaultWriter(isolate, dest);
    if (!writer) return {};
    source->m_disturbed = true;
    auto* pipe = bind::create<PipeTo>(isolate);
    auto* writes = bind::create<PipeWrites>(isolate);
    if (!pipe || !writes) return {};
    writes->m_pipe.set(pipe);
    pipe->m_writes.set(writes);
    pipe->m_source.set(source);
    pipe->m_dest.set(dest);
    pipe->m_reader.set(reader);
    pipe->m_writer.set(writer);
    pipe->m_preventAbort = options.preventAbort;
    pipe->m_preventCancel = options.preventCancel;
    pipe->m_preventClose = options.preventClose;
    source->m_inspection.pipePeer = dest->m_inspection.id();
    dest->m_inspection.pipePeer = source->m_inspection.id();
    // Step 13.
    v8::Local<v8::Promise> promise = newPromise(context);
    if (promise.IsEmpty()) return {};
    pipe->m_promise.set(promise);
    // Step 14.
    if (AbortSignal* signal = options.signal) {
        pipe->m_signal.set(signal);
        if (signal->aborted()) {
            pipe->abortAlgorithm(isolate);
            return promise;
        }
        // The signal holds the pipe until the pipe finalizes: nothing else may reach a pipe
        // waiting for a chunk, yet aborting it must still abort the destination.
        pipe->m_abortAlgorithm = signal->addAlgorithmKeepingAlive(
            [pipe, isolate] {
                v8::HandleScope scope(isolate);
                pipe->abortAlgorithm(isolate);
            },
            pipe);
    }
    // Step 15: errors must be propagated forward and backward, closing forward and backward.
    if (source->m_state == ReadableStream::State::Errored)
        pipe->onSourceErrored(isolate, source->m_storedError.get(isolate));
    else
        uponPromise(context, reader->m_closedPromise.get(isolate), {},
                    reactionOnce<&PipeTo::onSourceErrored>(context, pipe));
    if (dest->m_state == WritableStream::State::Errored)
        pipe->onDestErrored(isolate, dest->m_storedError.get(isolate));
    else
        uponPromise(context, writer->m_closedPromise.get(isolate), {},
                    reactionOnce<&PipeTo::onDestErrored>(context, pipe));
    if (source->m_state == ReadableStream::State::Closed)
        pipe->onSourceClosed(isolate);
    else
        uponPromise(context, reader->m_closedPromise.get(isolate),
                    reactionOnce<&PipeTo::onSourceClosed>(context, pipe), {});
    if (writableStreamCloseQueuedOrInFlight(dest) ||
        dest->m_state == WritableStream::State::Closed) {
        v8::Local<v8::Value> destClosed = bind::makeError(
            isolate, "TypeError", {bind::CallSite::Kind::Method, "ReadableStream", "pipeTo"},
            "The destination WritableStream closed before all data could be piped to it.");
        if (!options.preventCancel)
            pipe->shutdownWithAnAction(isolate, PipeTo::Action::CancelSource, true, destClosed);
        else
            pipe->shutdown(isolate, true, destClosed);
    }
    pipe->step(isolate);
    return promise;
}

} // namespace nano::api::streams
