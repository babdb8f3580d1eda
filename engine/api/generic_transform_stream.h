#pragma once
// The GenericTransformStream mixin (https://streams.spec.whatwg.org/#generictransformstream)
// for the classes whose transform is C++: TextEncoderStream, TextDecoderStream,
// CompressionStream, DecompressionStream. It sets up their TransformStream
// (https://streams.spec.whatwg.org/#transformstream-set-up) with the class's algorithms and
// holds it; the class exposes readable/writable with one-line getters over it.

#include "api/streams/transform_stream_default_controller.h"
#include "bind/member.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace nano::api::streams {
class ReadableStream;
class TransformStream;
class WritableStream;
} // namespace nano::api::streams

namespace nano::api {

class GenericTransformStream : public streams::TransformerAlgorithms {
public:
    // `holder` is the class itself (the Wrappable that derives from this).
    explicit GenericTransformStream(bind::Wrappable* holder)
        : m_holder(holder)
        , m_transform(holder)
    {}

    streams::ReadableStream* transformReadable() const;
    streams::WritableStream* transformWritable() const;

    // None of these specs gives a cancel algorithm: a promise resolved with undefined.
    v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate,
                                           streams::TransformStreamDefaultController* controller,
                                           v8::Local<v8::Value> reason) override;

protected:
    ~GenericTransformStream() = default;

    // Sets up the TransformStream (from the class's `constructed` step, once the holder has
    // its wrapper). `label` names it in the stream inspector. False with an exception pending.
    bool setUpTransform(v8::Isolate* isolate, const QString& label);
    streams::TransformStream* transformStream() const { return m_transform.get(); }

    // https://streams.spec.whatwg.org/#transformstream-enqueue: false, with what it threw in
    // `error`, if the readable side cannot take the chunk.
    static bool enqueue(v8::Isolate* isolate, streams::TransformStreamDefaultController* controller,
                        v8::Local<v8::Value> chunk, v8::Local<v8::Value>& error);
    // Enqueues the bytes as a new Uint8Array (they move into its buffer, uncopied).
    static bool enqueueBytes(v8::Isolate* isolate,
                             streams::TransformStreamDefaultController* controller,
                             std::vector<uint8_t>&& bytes, v8::Local<v8::Value>& error);
    // What an algorithm returns: a promise resolved with undefined, or rejected with `error`
    // if it is set (set-up's wrappers: an algorithm that throws e returns a promise rejected
    // with e).
    static v8::Local<v8::Promise> completion(v8::Isolate* isolate, v8::Local<v8::Value> error);
    // A TypeError for an algorithm of `className` ("Failed to execute 'transform' on ...").
    static v8::Local<v8::Value> typeError(v8::Isolate* isolate, const char* className,
                                          const char* algorithm, std::string_view message);

private:
    bind::Wrappable* m_holder;
    bind::Member<streams::TransformStream> m_transform;
};

} // namespace nano::api
