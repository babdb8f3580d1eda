#pragma once
// TransformStreamDefaultController (https://streams.spec.whatwg.org/#ts-default-controller-class).
//
// [Exposed=*] interface TransformStreamDefaultController {
//   readonly attribute unrestricted double? desiredSize;
//   undefined enqueue(optional any chunk);
//   undefined error(optional any reason);
//   undefined terminate();
// };

#include "bind/class_builder.h"

namespace nano::api::streams {

class TransformStream;
class TransformStreamDefaultController;

// The [[transformAlgorithm]], [[flushAlgorithm]] and [[cancelAlgorithm]] of a TransformStream
// set up by C++ (https://streams.spec.whatwg.org/#transformstream-set-up): TextEncoderStream,
// CompressionStream. The implementing object is a Wrappable; the controller holds its wrapper.
// A transform enqueues its output with transformStreamDefaultControllerEnqueue().
class TransformerAlgorithms {
public:
    virtual v8::Local<v8::Promise> transformAlgorithm(v8::Isolate* isolate,
                                                      TransformStreamDefaultController* controller,
                                                      v8::Local<v8::Value> chunk) = 0;
    virtual v8::Local<v8::Promise> flushAlgorithm(v8::Isolate* isolate,
                                                  TransformStreamDefaultController* controller) = 0;
    virtual v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate,
                                                   TransformStreamDefaultController* controller,
                                                   v8::Local<v8::Value> reason) = 0;

protected:
    ~TransformerAlgorithms() = default;
};

class TransformStreamDefaultController final : public bind::Wrappable {
    NANO_BIND_CLASS(TransformStreamDefaultController)
public:
    static constexpr int kInlineReferences = 8; // all its Members: read per chunk
    TransformStreamDefaultController() = default;
    static void define(bind::ClassBuilder<TransformStreamDefaultController>& c);

    // IDL members.
    bind::Nullable<bind::UnrestrictedDouble> desiredSize() const;
    void enqueue(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> chunk);
    void error(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> reason);
    void terminate(bind::CallContext& cx);

    // The algorithms (https://streams.spec.whatwg.org/#ts-default-controller-internal-slots):
    // a transformer's functions, called with the transformer as `this`; without a transform
    // function, the identity transform.
    v8::Local<v8::Promise> transformAlgorithm(v8::Isolate* isolate, v8::Local<v8::Value> chunk);
    v8::Local<v8::Promise> flushAlgorithm(v8::Isolate* isolate);
    v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate, v8::Local<v8::Value> reason);

    // Internal slots.
    bind::Member<v8::Object> m_transformer{this};
    bind::Member<v8::Function> m_transformFunction{this};
    bind::Member<v8::Function> m_flushFunction{this};
    bind::Member<v8::Function> m_cancelFunction{this};
    bind::Member<v8::Object> m_algorithmsHolder{this};
    TransformerAlgorithms* m_algorithms = nullptr;
    bind::Member<v8::Promise> m_finishPromise{this};
    bind::Member<TransformStream> m_stream{this};

    bind::Member<v8::Function> m_onTransformRejected{this};
    v8::MaybeLocal<v8::Value> onTransformRejected(v8::Isolate* isolate, v8::Local<v8::Value> r);
};

// https://streams.spec.whatwg.org/#transform-stream-default-controller-clear-algorithms
void transformStreamDefaultControllerClearAlgorithms(TransformStreamDefaultController* controller);
// https://streams.spec.whatwg.org/#transform-stream-default-controller-enqueue: false with an
// exception pending.
bool transformStreamDefaultControllerEnqueue(v8::Isolate* isolate,
                                             TransformStreamDefaultController* controller,
                                             v8::Local<v8::Value> chunk);
// https://streams.spec.whatwg.org/#transform-stream-default-controller-perform-transform
v8::Local<v8::Promise> transformStreamDefaultControllerPerformTransform(
    v8::Isolate* isolate, TransformStreamDefaultController* controller, v8::Local<v8::Value> chunk);

} // namespace nano::api::streams
