#pragma once
// TransformStream (https://streams.spec.whatwg.org/#ts-class).
//
// [Exposed=*, Transferable] interface TransformStream {
//   constructor(optional object transformer,
//               optional QueuingStrategy writableStrategy = {},
//               optional QueuingStrategy readableStrategy = {});
//   readonly attribute ReadableStream readable;
//   readonly attribute WritableStream writable;
// };
// dictionary Transformer {
//   TransformerStartCallback start;
//   TransformerTransformCallback transform;
//   TransformerFlushCallback flush;
//   TransformerCancelCallback cancel;
//   any readableType;
//   any writableType;
// };
//
// The stream is the C++ sink of its writable side and the C++ source of its readable side;
// without a transformer, each chunk goes from one side to the other without running script.

#include "api/streams/queuing_strategy.h"
#include "api/streams/underlying_sink.h"
#include "api/streams/underlying_source.h"
#include "bind/class_builder.h"

namespace nano::api::streams {

class ReadableStream;
class WritableStream;
class TransformStreamDefaultController;

struct Transformer {
    v8::Local<v8::Function> cancel;
    v8::Local<v8::Function> flush;
    v8::Local<v8::Value> readableType;
    v8::Local<v8::Function> start;
    v8::Local<v8::Function> transform;
    v8::Local<v8::Value> writableType;
};

class TransformStream final : public bind::Wrappable,
                              public SourceAlgorithms,
                              public SinkAlgorithms {
    NANO_BIND_CLASS(TransformStream)
public:
    static constexpr int kInlineReferences = 7; // all its Members: read per chunk
    TransformStream() = default;
    static void define(bind::ClassBuilder<TransformStream>& c);

    // https://streams.spec.whatwg.org/#ts-constructor
    static std::unique_ptr<TransformStream> construct(bind::CallContext& cx,
                                                      std::optional<v8::Local<v8::Object>> transformer,
                                                      QueuingStrategy writableStrategy,
                                                      QueuingStrategy readableStrategy);
    void constructed(bind::CallContext& cx);
    // https://streams.spec.whatwg.org/#initialize-transform-stream; false with an exception
    // pending.
    bool initialize(v8::Isolate* isolate, v8::Local<v8::Promise> startPromise, double writableHWM,
                    v8::Local<v8::Function> writableSize, double readableHWM,
                    v8::Local<v8::Function> readableSize);
    // Names both sides for the stream inspector ("readable side of <what>") and links them.
    void labelSides(const QString& what);

    // IDL members.
    ReadableStream* readable() const { return m_readable.get(); }
    WritableStream* writable() const { return m_writable.get(); }

    // The writable side's sink: https://streams.spec.whatwg.org/#transform-stream-default-sink-write-algorithm,
    // #transform-stream-default-sink-close-algorithm, #transform-stream-default-sink-abort-algorithm.
    v8::Local<v8::Promise> writeAlgorithm(v8::Isolate* isolate, WritableStreamDefaultController*,
                                          v8::Local<v8::Value> chunk) override;
    v8::Local<v8::Promise> closeAlgorithm(v8::Isolate* isolate,
                                          WritableStreamDefaultController*) override;
    v8::Local<v8::Promise> abortAlgorithm(v8::Isolate* isolate, WritableStreamDefaultController*,
                                          v8::Local<v8::Value> reason) override;
    // The readable side's source: https://streams.spec.whatwg.org/#transform-stream-default-source-pull,
    // #transform-stream-default-source-cancel.
    v8::Local<v8::Promise> pullAlgorithm(v8::Isolate* isolate,
                                         ReadableStreamController*) override;
    v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate, ReadableStreamController*,
                                           v8::Local<v8::Value> reason) override;

    // Internal slots (https://streams.spec.whatwg.org/#ts-internal-slots).
    bool m_backpressure = false;
    bind::Member<v8::Promise> m_backpressureChangePromise{this};
    bind::Member<TransformStreamDefaultController> m_controller{this};
    bind::Member<ReadableStream> m_readable{this};
    bind::Member<WritableStream> m_writable{this};

    // Reactions (one write at a time reaches the sink; finishing happens once).
    bind::Member<v8::Value> m_pendingChunk{this};
    bind::Member<v8::Function> m_onBackpressureRelieved{this};
    bind::Member<v8::Value> m_finishReason{this};
    v8::MaybeLocal<v8::Value> onBackpressureRelieved(v8::Isolate* isolate, v8::Local<v8::Value>);
    void onAbortCancelFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>);
    void onFlushFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>);
    void onFinishRejected(v8::Isolate* isolate, v8::Local<v8::Value> r);
    void onSourceCancelFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>);
    void onSourceCancelRejected(v8::Isolate* isolate, v8::Local<v8::Value> r);

private:
    template <void (TransformStream::*OnFulfilled)(v8::Isolate*, v8::Local<v8::Value>),
              void (TransformStream::*OnRejected)(v8::Isolate*, v8::Local<v8::Value>),
              typename Algorithm>
    v8::Local<v8::Promise> finishOnce(v8::Isolate* isolate, Algorithm&& algorithm);
    void settleFinishPromise(v8::Isolate* isolate, bool otherSideErrored,
                             v8::Local<v8::Value> storedError);

    struct PendingSetup {
        v8::Local<v8::Object> transformer;
        Transformer dict;
        QueuingStrategy writableStrategy;
        QueuingStrategy readableStrategy;
        double writableHWM;
        double readableHWM;
    };
    std::unique_ptr<PendingSetup> m_pendingSetup;
};

class TransformerAlgorithms;

// https://streams.spec.whatwg.org/#transformstream-set-up: a TransformStream whose algorithms
// are C++ (a TextDecoderStream's, a CompressionStream's). Null with an exception pending if
// V8 failed. `label` names it in the stream inspector ("CompressionStream gzip").
TransformStream* setUpTransformStream(v8::Isolate* isolate, bind::Wrappable* algorithmsHolder,
                                      TransformerAlgorithms* algorithms,
                                      double writableHighWaterMark = 1,
                                      double readableHighWaterMark = 0,
                                      const QString& label = QStringLiteral("TransformStream"));

// https://streams.spec.whatwg.org/#transform-stream-error
void transformStreamError(v8::Isolate* isolate, TransformStream* stream, v8::Local<v8::Value> e);
// https://streams.spec.whatwg.org/#transform-stream-error-writable-and-unblock-write
void transformStreamErrorWritableAndUnblockWrite(v8::Isolate* isolate, TransformStream* stream,
                                                 v8::Local<v8::Value> e);
// https://streams.spec.whatwg.org/#transform-stream-set-backpressure
void transformStreamSetBackpressure(v8::Isolate* isolate, TransformStream* stream,
                                    bool backpressure);
// https://streams.spec.whatwg.org/#transform-stream-unblock-write
void transformStreamUnblockWrite(v8::Isolate* isolate, TransformStream* stream);

void installTransformStream(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api::streams

namespace nano::bind {
template <> struct DictionaryTraits<api::streams::Transformer> {
    static constexpr const char* name = "Transformer";
    static bool read(DictionaryReader& d, api::streams::Transformer& out)
    {
        return d.get("cancel", out.cancel) && d.get("flush", out.flush) &&
               d.raw("readableType", out.readableType) && d.get("start", out.start) &&
               d.get("transform", out.transform) && d.raw("writableType", out.writableType);
    }
};
} // namespace nano::bind
