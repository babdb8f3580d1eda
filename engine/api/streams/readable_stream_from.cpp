#include "api/streams/readable_stream_from.h"

#include "api/streams/promises.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_default_controller.h"
#include "bind/promise.h"
#include "bind/strings.h"

namespace nano::api::streams {

namespace {

constexpr bind::CallSite kFromSite{bind::CallSite::Kind::StaticMethod, "ReadableStream", "from"};

v8::Local<v8::Value> typeError(v8::Isolate* isolate, const char* message)
{
    return bind::makeError(isolate, "TypeError", kFromSite, message);
}

// The pending exception of `tryCatch` as a rejected promise (empty when terminating).
v8::Local<v8::Promise> rejectedWithCaught(v8::Local<v8::Context> context, v8::TryCatch& tryCatch)
{
    if (!tryCatch.CanContinue()) return {};
    v8::Local<v8::Value> exception = tryCatch.Exception();
    tryCatch.Reset();
    return promiseRejectedWith(context, exception);
}

class IterableSource final : public bind::Wrappable, public SourceAlgorithms {
    NANO_BIND_CLASS(IterableSource)
public:
    static void define(bind::ClassBuilder<IterableSource>&) {}

    // Step 4 of ReadableStreamFromIterable: pullAlgorithm.
    v8::Local<v8::Promise> pullAlgorithm(v8::Isolate* isolate,
                                         ReadableStreamController*) override
    {
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        v8::TryCatch tryCatch(isolate);
        // IteratorNext: a next that is not callable, or a result that is not an object, is an
        // abrupt completion here, at the first pull (GetIterator does not check next).
        v8::Local<v8::Value> next = m_nextMethod.get(isolate);
        if (!next->IsFunction())
            return promiseRejectedWith(context,
                                       typeError(isolate, "The iterator's next is not callable."));
        v8::Local<v8::Value> nextResult;
        if (!next.As<v8::Function>()
                 ->Call(context, m_iterator.get(isolate), 0, nullptr)
                 .ToLocal(&nextResult))
            return rejectedWithCaught(context, tryCatch);
        if (!nextResult->IsObject())
            return promiseRejectedWith(context,
                                       typeError(isolate, "The iterator result is not an object."));
        v8::Local<v8::Promise> nextPromise;
        if (m_sync) {
            // %AsyncFromSyncIteratorPrototype%.next: done and value are read at once (value even
            // when done), and the value is awaited before the result counts.
            bool done = false;
            v8::Local<v8::Value> value;
            if (!readSyncResult(isolate, nextResult.As<v8::Object>(), done, value) ||
                !promiseFromValue(context, value).ToLocal(&nextPromise))
                return rejectedWithCaught(context, tryCatch);
            auto onValue = [this, done](v8::Isolate* i,
                                        v8::Local<v8::Value> v) -> v8::MaybeLocal<v8::Value> {
                if (done)
                    readableStreamDefaultControllerClose(i, controller());
                else if (!readableStreamDefaultControllerEnqueue(i, controller(), v))
                    return {};
                return v8::Undefined(i);
            };
            v8::Local<v8::Promise> result;
            if (!bind::then(context, nextPromise, onValue, nullptr, wrapper()).ToLocal(&result))
                return rejectedWithCaught(context, tryCatch);
            return result;
        }
        if (!promiseFromValue(context, nextResult).ToLocal(&nextPromise))
            return rejectedWithCaught(context, tryCatch);
        auto onResult = [this](v8::Isolate* i,
                               v8::Local<v8::Value> iterResult) -> v8::MaybeLocal<v8::Value> {
            if (!iterResult->IsObject()) {
                i->ThrowException(typeError(i, "The iterator result is not an object."));
                return {};
            }
            bool done = false;
            v8::Local<v8::Value> value;
            if (!readResult(i, iterResult.As<v8::Object>(), done, value)) return {};
            if (done)
                readableStreamDefaultControllerClose(i, controller());
            else if (!readableStreamDefaultControllerEnqueue(i, controller(), value))
                return {};
            return v8::Undefined(i);
        };
        v8::Local<v8::Promise> result;
        if (!bind::then(context, nextPromise, onResult, nullptr, wrapper()).ToLocal(&result))
            return rejectedWithCaught(context, tryCatch);
        return result;
    }

    // Step 5: cancelAlgorithm.
    v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate, ReadableStreamController*,
                                           v8::Local<v8::Value> reason) override
    {
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        v8::TryCatch tryCatch(isolate);
        v8::Local<v8::Object> iterator = m_iterator.get(isolate);
        v8::Local<v8::Value> returnMethod;
        if (!iterator->Get(context, bind::name(isolate, "return")).ToLocal(&returnMethod))
            return rejectedWithCaught(context, tryCatch);
        if (returnMethod->IsNullOrUndefined()) return promiseResolvedWithUndefined(context);
        if (!returnMethod->IsFunction())
            return promiseRejectedWith(context,
                                       typeError(isolate, "The iterator's return is not callable."));
        v8::Local<v8::Value> argv[] = {reason};
        v8::Local<v8::Value> returnResult;
        if (!returnMethod.As<v8::Function>()->Call(context, iterator, 1, argv).ToLocal(&returnResult))
            return rejectedWithCaught(context, tryCatch);
        v8::Local<v8::Promise> returnPromise;
        if (m_sync) {
            // %AsyncFromSyncIteratorPrototype%.return: the result must be an object, and its
            // value is awaited (a rejected value rejects the cancel).
            if (!returnResult->IsObject())
                return promiseRejectedWith(
                    context, typeError(isolate, "The iterator's return result is not an object."));
            bool done = false;
            v8::Local<v8::Value> value;
            if (!readSyncResult(isolate, returnResult.As<v8::Object>(), done, value) ||
                !promiseFromValue(context, value).ToLocal(&returnPromise))
                return rejectedWithCaught(context, tryCatch);
            return promiseThenUndefined(context, returnPromise);
        }
        if (!promiseFromValue(context, returnResult).ToLocal(&returnPromise))
            return rejectedWithCaught(context, tryCatch);
        auto check = [](v8::Isolate* i, v8::Local<v8::Value> result) -> v8::MaybeLocal<v8::Value> {
            if (!result->IsObject()) {
                i->ThrowException(typeError(i, "The iterator's return result is not an object."));
                return {};
            }
            return v8::Undefined(i);
        };
        v8::Local<v8::Promise> result;
        if (!bind::then(context, returnPromise, check, nullptr, wrapper()).ToLocal(&result))
            return rejectedWithCaught(context, tryCatch);
        return result;
    }

    // AsyncFromSyncIteratorContinuation's IteratorComplete and IteratorValue: both read.
    static bool readSyncResult(v8::Isolate* isolate, v8::Local<v8::Object> result, bool& done,
                               v8::Local<v8::Value>& value)
    {
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        v8::Local<v8::Value> doneValue;
        if (!result->Get(context, bind::name(isolate, "done")).ToLocal(&doneValue)) return false;
        done = doneValue->BooleanValue(isolate);
        return result->Get(context, bind::name(isolate, "value")).ToLocal(&value);
    }

    static bool readResult(v8::Isolate* isolate, v8::Local<v8::Object> result, bool& done,
                           v8::Local<v8::Value>& value)
    {
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        v8::Local<v8::Value> doneValue;
        if (!result->Get(context, bind::name(isolate, "done")).ToLocal(&doneValue)) return false;
        done = doneValue->BooleanValue(isolate);
        if (done) {
            value = v8::Undefined(isolate);
            return true;
        }
        return result->Get(context, bind::name(isolate, "value")).ToLocal(&value);
    }

    ReadableStreamDefaultController* controller() { return m_stream->defaultController(); }

    bind::Member<v8::Object> m_iterator{this};
    bind::Member<v8::Value> m_nextMethod{this}; // called at each pull; checked then
    bind::Member<ReadableStream> m_stream{this};
    bool m_sync = false;
};

// GetMethod(value, key): undefined for undefined or null, a TypeError for a non-callable.
bool getMethod(bind::CallContext& cx, v8::Local<v8::Value> value, v8::Local<v8::Symbol> key,
               v8::Local<v8::Value>& method)
{
    v8::Local<v8::Object> object;
    if (!value->ToObject(cx.context()).ToLocal(&object) ||
        !object->Get(cx.context(), key).ToLocal(&method)) {
        cx.setFailed();
        return false;
    }
    if (method->IsNullOrUndefined()) {
        method = v8::Undefined(cx.isolate());
        return true;
    }
    if (!method->IsFunction()) {
        cx.throwTypeError("The iterator method is not callable.");
        return false;
    }
    return true;
}

} // namespace

// https://streams.spec.whatwg.org/#readable-stream-from-iterable
ReadableStream* readableStreamFromIterable(bind::CallContext& cx,
                                           v8::Local<v8::Value> asyncIterable)
{
    v8::Isolate* isolate = cx.isolate();
    v8::Local<v8::Context> context = cx.context();
    // Step 2: GetIterator(asyncIterable, async).
    if (asyncIterable->IsNullOrUndefined()) {
        cx.throwTypeError("The argument is not iterable.");
        return nullptr;
    }
    bool sync = false;
    v8::Local<v8::Value> method;
    if (!getMethod(cx, asyncIterable, v8::Symbol::GetAsyncIterator(isolate), method))
        return nullptr;
    if (method->IsUndefined()) {
        if (!getMethod(cx, asyncIterable, v8::Symbol::GetIterator(isolate), method))
            return nullptr;
        if (method->IsUndefined()) {
            cx.throwTypeError("The argument is not iterable.");
            return nullptr;
        }
        sync = true;
    }
    v8::Local<v8::Value> iterator;
    if (!method.As<v8::Function>()->Call(context, asyncIterable, 0, nullptr).ToLocal(&iterator)) {
        cx.setFailed();
        return nullptr;
    }
    if (!iterator->IsObject()) {
        cx.throwTypeError("The iterator is not an object.");
        return nullptr;
    }
    v8::Local<v8::Value> next;
    if (!iterator.As<v8::Object>()->Get(context, bind::name(isolate, "next")).ToLocal(&next)) {
        cx.setFailed();
        return nullptr;
    }
    auto* source = bind::create<IterableSource>(isolate);
    if (!source) {
        cx.setFailed();
        return nullptr;
    }
    source->m_iterator.set(iterator.As<v8::Object>());
    source->m_nextMethod.set(next);
    source->m_sync = sync;
    // Step 6.
    ReadableStream* stream = createReadableStream(isolate, source, source, 0);
    if (!stream) {
        cx.setFailed();
        return nullptr;
    }
    source->m_stream.set(stream);
    stream->m_inspection.label = QStringLiteral("ReadableStream.from at ") + callSiteLabel(isolate);
    return stream;
}

} // namespace nano::api::streams
