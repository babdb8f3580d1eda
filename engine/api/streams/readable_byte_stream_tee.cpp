// ReadableByteStreamTee (https://streams.spec.whatwg.org/#abstract-opdef-readablebytestreamtee).
//
// Like the default tee, but each branch is a byte stream and gets its own copy of every chunk
// (branch 2's is a clone). A branch read with a BYOB reader has the source fill that reader's
// buffer directly: the tee switches its own reader of the source between a default and a BYOB
// reader as the branches' reads require.

#include "api/streams/promises.h"

#include "api/streams/readable_byte_stream_controller.h"
#include "api/streams/readable_byte_stream_internal.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_byob_reader.h"
#include "api/streams/readable_stream_default_reader.h"
#include "api/streams/readable_stream_tee.h"
#include "bind/promise.h"

#include <QtGlobal>

#include <cstring>

namespace nano::api::streams {

namespace {

class ReadableByteStreamTee;

// The read-into request of pullWithBYOBReader, one per branch.
class ByteTeeReadIntoRequest final : public ReadIntoRequest {
    NANO_BIND_CLASS(ByteTeeReadIntoRequest)
public:
    static void define(bind::ClassBuilder<ByteTeeReadIntoRequest>&) {}
    void chunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk) override;
    void closeSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk) override;
    void errorSteps(v8::Isolate* isolate, v8::Local<v8::Value> e) override;

    bind::Member<ReadableByteStreamTee> m_tee{this};
    bool m_forBranch2 = false;
};

class ReadableByteStreamTee final : public ReadRequest, public SourceAlgorithms {
    NANO_BIND_CLASS(ReadableByteStreamTee)
public:
    static constexpr int kInlineReferences = 11; // all its Members
    static void define(bind::ClassBuilder<ReadableByteStreamTee>&) {}

    ReadableByteStreamController* controller(bool second)
    {
        return static_cast<ReadableByteStreamController*>(
            (second ? m_branch2 : m_branch1)->m_controller.get());
    }

    // Step 14: forwardReaderError, given the reader now in use.
    void forwardReaderError(v8::Isolate* isolate, ReadableStreamGenericReader* thisReader)
    {
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        uint64_t generation = ++m_readerGeneration;
        bind::react(
            context, thisReader->m_closedPromise.get(isolate), nullptr,
            [this, generation](v8::Isolate* i, v8::Local<v8::Value> r) {
                if (generation != m_readerGeneration) return; // not the current reader
                readableByteStreamControllerError(i, controller(false), r);
                readableByteStreamControllerError(i, controller(true), r);
                if (!m_canceled1 || !m_canceled2) resolveCancelPromise(i, v8::Undefined(i));
            },
            wrapper());
    }

    void resolveCancelPromise(v8::Isolate* isolate, v8::Local<v8::Value> value)
    {
        resolvePromise(isolate->GetCurrentContext(), m_cancelPromise.get(isolate), value);
    }

    // Step 15: pullWithDefaultReader.
    void pullWithDefaultReader(v8::Isolate* isolate)
    {
        if (m_reader->isBYOB()) {
            readableStreamBYOBReaderRelease(isolate,
                                            static_cast<ReadableStreamBYOBReader*>(m_reader.get()));
            ReadableStreamDefaultReader* reader =
                acquireReadableStreamDefaultReader(isolate, m_stream.get());
            if (!reader) return;
            m_reader.set(reader);
            forwardReaderError(isolate, reader);
        }
        readableStreamDefaultReaderRead(
            isolate, static_cast<ReadableStreamDefaultReader*>(m_reader.get()), {}, this);
    }

    // Step 16: pullWithBYOBReader.
    void pullWithBYOBReader(v8::Isolate* isolate, v8::Local<v8::ArrayBufferView> view,
                            bool forBranch2)
    {
        if (!m_reader->isBYOB()) {
            readableStreamDefaultReaderRelease(
                isolate, static_cast<ReadableStreamDefaultReader*>(m_reader.get()));
            ReadableStreamBYOBReader* reader =
                acquireReadableStreamBYOBReader(isolate, m_stream.get());
            if (!reader) return;
            m_reader.set(reader);
            forwardReaderError(isolate, reader);
        }
        readableStreamBYOBReaderRead(isolate,
                                     static_cast<ReadableStreamBYOBReader*>(m_reader.get()), view,
                                     1, {}, forBranch2 ? m_request2.get() : m_request1.get());
    }

    // Steps 17-18: pull1Algorithm and pull2Algorithm.
    v8::Local<v8::Promise> pullAlgorithm(v8::Isolate* isolate,
                                         ReadableStreamController* controller) override
    {
        bool second = controller == m_branch2->m_controller.get();
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        pullBranch(isolate, second);
        return promiseResolvedWithUndefined(context);
    }
    void pullBranch(v8::Isolate* isolate, bool second)
    {
        if (m_reading) {
            (second ? m_readAgainForBranch2 : m_readAgainForBranch1) = true;
            return;
        }
        m_reading = true;
        ReadableStreamBYOBRequest* byobRequest =
            readableByteStreamControllerGetBYOBRequest(isolate, controller(second));
        if (!byobRequest)
            pullWithDefaultReader(isolate);
        else
            pullWithBYOBReader(isolate, byobRequest->m_view.get(isolate).As<v8::ArrayBufferView>(),
                               second);
    }

    // Steps 19-20.
    v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate,
                                           ReadableStreamController* controller,
                                           v8::Local<v8::Value> reason) override
    {
        bool second = controller == m_branch2->m_controller.get();
        (second ? m_canceled2 : m_canceled1) = true;
        (second ? m_reason2 : m_reason1).set(reason);
        if (m_canceled1 && m_canceled2) {
            v8::Local<v8::Value> reasons[] = {m_reason1.get(isolate), m_reason2.get(isolate)};
            v8::Local<v8::Promise> cancelResult =
                readableStreamCancel(isolate, m_stream.get(), v8::Array::New(isolate, reasons, 2));
            if (!cancelResult.IsEmpty()) resolveCancelPromise(isolate, cancelResult);
        }
        return m_cancelPromise.get(isolate);
    }

    // CloneAsUint8Array (https://streams.spec.whatwg.org/#abstract-opdef-cloneasuint8array).
    // Empty with a RangeError pending if the copy cannot be allocated.
    static v8::Local<v8::Value> cloneAsUint8Array(v8::Isolate* isolate,
                                                  v8::Local<v8::ArrayBufferView> view)
    {
        size_t length = view->ByteLength();
        v8::Local<v8::ArrayBuffer> buffer =
            byte_stream_detail::allocateArrayBuffer(isolate, length);
        if (buffer.IsEmpty()) return {};
        if (length > 0) view->CopyContents(buffer->Data(), length);
        return v8::Uint8Array::New(buffer, 0, length);
    }

    // The default read request's steps (step 15.2); the chunk goes on in a microtask.
    void chunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk) override
    {
        queueChunk(isolate, chunk, Pending::Default);
    }
    void closeSteps(v8::Isolate* isolate) override
    {
        m_reading = false;
        if (!m_canceled1) readableByteStreamControllerClose(isolate, controller(false));
        if (!m_canceled2) readableByteStreamControllerClose(isolate, controller(true));
        if (!controller(false)->m_pendingPullIntos.empty())
            readableByteStreamControllerRespond(isolate, controller(false), 0);
        if (!controller(true)->m_pendingPullIntos.empty())
            readableByteStreamControllerRespond(isolate, controller(true), 0);
        if (!m_canceled1 || !m_canceled2) resolveCancelPromise(isolate, v8::Undefined(isolate));
    }
    void errorSteps(v8::Isolate*, v8::Local<v8::Value>) override { m_reading = false; }

    enum class Pending { Default, ByobBranch1, ByobBranch2 };
    void queueChunk(v8::Isolate* isolate, v8::Local<v8::Value> chunk, Pending kind)
    {
        m_pendingChunk.set(chunk);
        m_pendingKind = kind;
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        queueMicrotask(
            isolate, reaction<&ReadableByteStreamTee::deliverChunk>(context, this, m_onMicrotask));
    }

    // Error both branches and cancel the source with the exception a clone (out of memory) or,
    // against our invariants, an enqueue threw.
    void failBranches(v8::Isolate* isolate, v8::TryCatch& tryCatch)
    {
        v8::Local<v8::Value> e = tryCatch.Exception();
        tryCatch.Reset();
        readableByteStreamControllerError(isolate, controller(false), e);
        readableByteStreamControllerError(isolate, controller(true), e);
        v8::Local<v8::Promise> cancelled = readableStreamCancel(isolate, m_stream.get(), e);
        if (!cancelled.IsEmpty()) resolveCancelPromise(isolate, cancelled);
    }

    void deliverChunk(v8::Isolate* isolate, v8::Local<v8::Value>)
    {
        v8::Local<v8::ArrayBufferView> chunk =
            m_pendingChunk.get(isolate).As<v8::ArrayBufferView>();
        m_pendingChunk.clear();
        m_readAgainForBranch1 = m_readAgainForBranch2 = false;
        v8::TryCatch tryCatch(isolate);
        if (m_pendingKind == Pending::Default) {
            // Step 15.2, chunk steps.
            v8::Local<v8::Value> chunk2 = chunk;
            if (!m_canceled1 && !m_canceled2) {
                chunk2 = cloneAsUint8Array(isolate, chunk);
                if (chunk2.IsEmpty()) return failBranches(isolate, tryCatch);
            }
            if (!m_canceled1)
                readableByteStreamControllerEnqueue(isolate, controller(false), chunk);
            if (!m_canceled2)
                readableByteStreamControllerEnqueue(isolate, controller(true),
                                                    chunk2.As<v8::ArrayBufferView>());
        } else {
            // Step 16.4, chunk steps.
            bool forBranch2 = m_pendingKind == Pending::ByobBranch2;
            bool byobCanceled = forBranch2 ? m_canceled2 : m_canceled1;
            bool otherCanceled = forBranch2 ? m_canceled1 : m_canceled2;
            if (!otherCanceled) {
                v8::Local<v8::Value> clonedChunk = cloneAsUint8Array(isolate, chunk);
                if (clonedChunk.IsEmpty()) return failBranches(isolate, tryCatch);
                if (!byobCanceled)
                    readableByteStreamControllerRespondWithNewView(isolate, controller(forBranch2),
                                                                   chunk);
                readableByteStreamControllerEnqueue(isolate, controller(!forBranch2),
                                                    clonedChunk.As<v8::ArrayBufferView>());
            } else if (!byobCanceled) {
                readableByteStreamControllerRespondWithNewView(isolate, controller(forBranch2),
                                                               chunk);
            }
        }
        // The spec's "!": these cannot fail on valid state. Should one fail all the same, the
        // tee fails as a failed clone does instead of going on with a chunk lost.
        if (tryCatch.HasCaught()) {
            if (!tryCatch.CanContinue()) {
                tryCatch.ReThrow();
                return;
            }
            qWarning("%s:%d: a byte tee branch refused a chunk", __FILE__, __LINE__);
            return failBranches(isolate, tryCatch);
        }
        m_reading = false;
        if (m_readAgainForBranch1)
            pullBranch(isolate, false);
        else if (m_readAgainForBranch2)
            pullBranch(isolate, true);
    }

    // Step 16.4, close steps.
    void byobCloseSteps(v8::Isolate* isolate, bool forBranch2, v8::Local<v8::Value> chunk)
    {
        m_reading = false;
        bool byobCanceled = forBranch2 ? m_canceled2 : m_canceled1;
        bool otherCanceled = forBranch2 ? m_canceled1 : m_canceled2;
        if (!byobCanceled) readableByteStreamControllerClose(isolate, controller(forBranch2));
        if (!otherCanceled) readableByteStreamControllerClose(isolate, controller(!forBranch2));
        if (!chunk->IsUndefined()) {
            if (!byobCanceled)
                readableByteStreamControllerRespondWithNewView(isolate, controller(forBranch2),
                                                               chunk.As<v8::ArrayBufferView>());
            if (!otherCanceled && !controller(!forBranch2)->m_pendingPullIntos.empty())
                readableByteStreamControllerRespond(isolate, controller(!forBranch2), 0);
        }
        if (!byobCanceled || !otherCanceled) resolveCancelPromise(isolate, v8::Undefined(isolate));
    }

    bind::Member<ReadableStream> m_stream{this};
    bind::Member<ReadableStreamGenericReader> m_reader{this};
    uint64_t m_readerGeneration = 0;
    bool m_reading = false;
    bool m_readAgainForBranch1 = false;
    bool m_readAgainForBranch2 = false;
    bool m_canceled1 = false;
    bool m_canceled2 = false;
    bind::Member<v8::Value> m_reason1{this};
    bind::Member<v8::Value> m_reason2{this};
    bind::Member<ReadableStream> m_branch1{this};
    bind::Member<ReadableStream> m_branch2{this};
    bind::Member<v8::Promise> m_cancelPromise{this};
    bind::Member<v8::Value> m_pendingChunk{this};
    Pending m_pendingKind = Pending::Default;
    bind::Member<v8::Function> m_onMicrotask{this};
    bind::Member<ByteTeeReadIntoRequest> m_request1{this};
    bind::Member<ByteTeeReadIntoRequest> m_request2{this};
};

void ByteTeeReadIntoRequest::chunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk)
{
    m_tee->queueChunk(isolate, chunk,
                      m_forBranch2 ? ReadableByteStreamTee::Pending::ByobBranch2
                                   : ReadableByteStreamTee::Pending::ByobBranch1);
}

void ByteTeeReadIntoRequest::closeSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk)
{
    m_tee->byobCloseSteps(isolate, m_forBranch2, chunk);
}

void ByteTeeReadIntoRequest::errorSteps(v8::Isolate*, v8::Local<v8::Value>)
{
    m_tee->m_reading = false;
}

} // namespace

// https://streams.spec.whatwg.org/#abstract-opdef-readablebytestreamtee
std::pair<ReadableStream*, ReadableStream*> readableByteStreamTee(v8::Isolate* isolate,
                                                                  ReadableStream* stream)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    ReadableStreamDefaultReader* reader = acquireReadableStreamDefaultReader(isolate, stream);
    if (!reader) return {};
    auto* tee = bind::create<ReadableByteStreamTee>(isolate);
    auto* request1 = bind::create<ByteTeeReadIntoRequest>(isolate);
    auto* request2 = bind::create<ByteTeeReadIntoRequest>(isolate);
    if (!tee || !request1 || !request2) return {};
    request1->m_tee.set(tee);
    request2->m_tee.set(tee);
    request2->m_forBranch2 = true;
    tee->m_request1.set(request1);
    tee->m_request2.set(request2);
    tee->m_stream.set(stream);
    tee->m_reader.set(reader);
    tee->m_cancelPromise.set(newPromise(context));
    ReadableStream* branch1 = createReadableByteStream(isolate, tee, tee);
    if (!branch1) return {};
    tee->m_branch1.set(branch1);
    ReadableStream* branch2 = createReadableByteStream(isolate, tee, tee);
    if (!branch2) return {};
    tee->m_branch2.set(branch2);
    labelTeeBranches(stream, branch1, branch2);
    tee->forwardReaderError(isolate, reader);
    return {branch1, branch2};
}

} // namespace nano::api::streams
