#include "api/generic_transform_stream.h"

#include "api/streams/promises.h"
#include "api/streams/readable_stream.h"
#include "api/streams/transform_stream.h"
#include "api/streams/writable_stream.h"
#include "bind/convert.h"
#include "bind/errors.h"

namespace nano::api {

streams::ReadableStream* GenericTransformStream::transformReadable() const
{
    return m_transform->readable();
}

streams::WritableStream* GenericTransformStream::transformWritable() const
{
    return m_transform->writable();
}

v8::Local<v8::Promise> GenericTransformStream::cancelAlgorithm(
    v8::Isolate* isolate, streams::TransformStreamDefaultController*, v8::Local<v8::Value>)
{
    return streams::promiseResolvedWithUndefined(isolate->GetCurrentContext());
}

// https://streams.spec.whatwg.org/#transformstream-set-up (high-water marks 1 and 0, each
// chunk counting 1, as the encoding and compression specs leave them).
bool GenericTransformStream::setUpTransform(v8::Isolate* isolate, const QString& label)
{
    streams::TransformStream* stream =
        streams::setUpTransformStream(isolate, m_holder, this, 1, 0, label);
    if (!stream) return false;
    m_transform.set(stream);
    return true;
}

bool GenericTransformStream::enqueue(v8::Isolate* isolate,
                                     streams::TransformStreamDefaultController* controller,
                                     v8::Local<v8::Value> chunk, v8::Local<v8::Value>& error)
{
    v8::TryCatch tryCatch(isolate);
    if (streams::transformStreamDefaultControllerEnqueue(isolate, controller, chunk)) return true;
    if (!tryCatch.CanContinue()) {
        tryCatch.ReThrow();
        error = v8::Undefined(isolate);
        return false;
    }
    error = tryCatch.Exception();
    return false;
}

bool GenericTransformStream::enqueueBytes(v8::Isolate* isolate,
                                          streams::TransformStreamDefaultController* controller,
                                          std::vector<uint8_t>&& bytes, v8::Local<v8::Value>& error)
{
    const size_t length = bytes.size();
    v8::Local<v8::ArrayBuffer> buffer = bind::toArrayBuffer(isolate, std::move(bytes));
    return enqueue(isolate, controller, v8::Uint8Array::New(buffer, 0, length), error);
}

v8::Local<v8::Promise> GenericTransformStream::completion(v8::Isolate* isolate,
                                                          v8::Local<v8::Value> error)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    if (error.IsEmpty()) return streams::promiseResolvedWithUndefined(context);
    return streams::promiseRejectedWith(context, error);
}

v8::Local<v8::Value> GenericTransformStream::typeError(v8::Isolate* isolate, const char* className,
                                                       const char* algorithm,
                                                       std::string_view message)
{
    return bind::makeError(isolate, "TypeError",
                           {bind::CallSite::Kind::Method, className, algorithm}, message);
}

} // namespace nano::api
