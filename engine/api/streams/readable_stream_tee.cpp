#include "api/streams/readable_stream_tee.h"

#include "api/streams/promises.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_default_controller.h"
#include "api/streams/readable_stream_default_reader.h"

namespace nano::api::streams {

namespace {

// The state the spec's tee algorithm closes over, the read request it reuses for every read,
// and the branches' source algorithms.
class ReadableStreamTee final : public ReadRequest, public SourceAlgorithms {
    NANO_BIND_CLASS(ReadableStreamTee)
public:
    static constexpr int kInlineReferences = 8; // all its Members: read per chunk
    static void define(bind::ClassBuilder<ReadableStreamTee>&) {}

    // Step 13: pullAlgorithm.
    v8::Local<v8::Promise> pullAlgorithm(v8::Isolate* isolate,
                                         ReadableStreamController*) override
    {
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        if (m_reading) {
            m_readAgain = true;
            return promiseResolvedWithUndefined(context);
        }
        m_reading = true;
        readableStreamDefaultReaderRead(isolate, m_reader.get(), {}, this);
        return promiseResolvedWithUndefined(context);
    }

    // Steps 14-15: cancel1Algorithm and cancel2Algorithm.
    v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate,
                                           ReadableStreamController* controller,
                                           v8::Local<v8::Value> reason) override
    {
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        bool first = m_branch1.get() && controller == m_branch1->m_controller.get();
        (first ? m_canceled1 : m_canceled2) = true;
        (first ? m_reason1 : m_reason2).set(reason);
        if (m_canceled1 && m_canceled2) {
            v8::Local<v8::Value> reasons[] = {m_reason1.get(isolate), m_reason2.get(isolate)};
            v8::Local<v8::Array> compositeReason = v8::Array::New(isolate, reasons, 2);
            v8::Local<v8::Promise> cancelResult =
                readableStreamCancel(isolate, m_reader->m_stream.get(), compositeReason);
            if (!cancelResult.IsEmpty())
                resolvePromise(context, m_cancelPromise.get(isolate), cancelResult);
        }
        return m_cancelPromise.get(isolate);
    }

    // The read request's chunk steps: the rest runs in a microtask, so that an error the
    // source reports right after this chunk reaches the branches first.
    void chunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk) override
    {
        m_pendingChunk.set(chunk);
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        queueMicrotask(isolate,
                       reaction<&ReadableStreamTee::deliverChunk>(context, this, m_onMicrotask));
    }
    void closeSteps(v8::Isolate* isolate) override
    {
        m_reading = false;
        if (!m_canceled1) readableStreamDefaultControllerClose(isolate, controller1());
        if (!m_canceled2) readableStreamDefaultControllerClose(isolate, controller2());
        if (!m_canceled1 || !m_canceled2)
            resolvePromise(isolate->GetCurrentContext(), m_cancelPromise.get(isolate),
                           v8::Undefined(isolate));
    }
    void errorSteps(v8::Isolate*, v8::Local<v8::Value>) override { m_reading = false; }

    void deliverChunk(v8::Isolate* isolate, v8::Local<v8::Value>)
    {
        v8::Local<v8::Value> chunk = m_pendingChunk.get(isolate);
        m_pendingChunk.clear();
        m_readAgain = false;
        // The branches' sizes are 1: enqueueing cannot throw.
        if (!m_canceled1) readableStreamDefaultControllerEnqueue(isolate, controller1(), chunk);
        if (!m_canceled2) readableStreamDefaultControllerEnqueue(isolate, controller2(), chunk);
        m_reading = false;
        if (m_readAgain) pullAlgorithm(isolate, nullptr);
    }

    // Step 19: upon rejection of reader.[[closedPromise]].
    void onSourceErrored(v8::Isolate* isolate, v8::Local<v8::Value> r)
    {
        readableStreamDefaultControllerError(isolate, controller1(), r);
        readableStreamDefaultControllerError(isolate, controller2(), r);
        if (!m_canceled1 || !m_canceled2)
            resolvePromise(isolate->GetCurrentContext(), m_cancelPromise.get(isolate),
                           v8::Undefined(isolate));
    }

    ReadableStreamDefaultController* controller1() { return m_branch1->defaultController(); }
    ReadableStreamDefaultController* controller2() { return m_branch2->defaultController(); }

    bind::Member<ReadableStreamDefaultReader> m_reader{this};
    bool m_reading = false;
    bool m_readAgain = false;
    bool m_canceled1 = false;
    bool m_canceled2 = false;
    bind::Member<v8::Value> m_reason1{this};
    bind::Member<v8::Value> m_reason2{this};
    bind::Member<ReadableStream> m_branch1{this};
    bind::Member<ReadableStream> m_branch2{this};
    bind::Member<v8::Promise> m_cancelPromise{this};
    bind::Member<v8::Value> m_pendingChunk{this};
    bind::Member<v8::Function> m_onMicrotask{this};
};

} // namespace

void labelTeeBranches(ReadableStream* source, ReadableStream* branch1, ReadableStream* branch2)
{
    quint64 parent = source->m_inspection.id();
    int n = 1;
    for (ReadableStream* branch : {branch1, branch2}) {
        branch->m_inspection.label =
            QStringLiteral("tee branch %1 of #%2").arg(n).arg(parent);
        branch->m_inspection.teeParent = parent;
        branch->m_inspection.teeBranch = n++;
    }
}

// https://streams.spec.whatwg.org/#abstract-opdef-readablestreamdefaulttee
std::pair<ReadableStream*, ReadableStream*> readableStreamDefaultTee(v8::Isolate* isolate,
                                                                     ReadableStream* stream)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    // Step 3.
    ReadableStreamDefaultReader* reader = acquireReadableStreamDefaultReader(isolate, stream);
    if (!reader) return {};
    auto* tee = bind::create<ReadableStreamTee>(isolate);
    if (!tee) return {};
    tee->m_reader.set(reader);
    // Step 12.
    tee->m_cancelPromise.set(newPromise(context));
    // Steps 16-18.
    ReadableStream* branch1 = createReadableStream(isolate, tee, tee);
    if (!branch1) return {};
    tee->m_branch1.set(branch1);
    ReadableStream* branch2 = createReadableStream(isolate, tee, tee);
    if (!branch2) return {};
    tee->m_branch2.set(branch2);
    labelTeeBranches(stream, branch1, branch2);
    // Step 19.
    uponPromise(context, reader->m_closedPromise.get(isolate), {},
                reactionOnce<&ReadableStreamTee::onSourceErrored>(context, tee));
    return {branch1, branch2};
}

} // namespace nano::api::streams
