#include "api/streams/promises.h"

#include "bind/convert.h"
#include "bind/errors.h"
#include "bind/isolate_data.h"

#include <QtGlobal>

namespace nano::api::streams {

v8::MaybeLocal<v8::Value> invokeStartMethod(v8::Isolate* isolate, v8::Local<v8::Function> start,
                                            v8::Local<v8::Value> underlying,
                                            v8::Local<v8::Object> controller)
{
    if (start.IsEmpty()) return v8::Undefined(isolate);
    if (underlying.IsEmpty()) underlying = v8::Undefined(isolate);
    return bind::CallbackFunction{start}.invoke(isolate, underlying, {controller});
}

v8::Local<v8::Promise> newPromise(v8::Local<v8::Context> context)
{
    v8::Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(context).ToLocal(&resolver)) return {};
    return resolver->GetPromise();
}

v8::Local<v8::Promise> promiseResolvedWith(v8::Local<v8::Context> context,
                                           v8::Local<v8::Value> value)
{
    v8::Local<v8::Promise> promise = newPromise(context);
    if (!promise.IsEmpty()) resolvePromise(context, promise, value);
    return promise;
}

v8::Local<v8::Promise> promiseResolvedWithUndefined(v8::Local<v8::Context> context)
{
    static const char key = 0;
    v8::Isolate* isolate = context->GetIsolate();
    bind::IsolateData* data = bind::IsolateData::get(isolate);
    v8::Local<v8::Object> cached = data->findObject(&key);
    if (!cached.IsEmpty()) return cached.As<v8::Promise>();
    v8::Local<v8::Promise> promise = promiseResolvedWith(context, v8::Undefined(isolate));
    if (!promise.IsEmpty()) data->storeObject(&key, promise);
    return promise;
}

v8::Local<v8::Promise> promiseRejectedWith(v8::Local<v8::Context> context,
                                           v8::Local<v8::Value> reason)
{
    v8::Local<v8::Promise> promise = newPromise(context);
    if (!promise.IsEmpty()) rejectPromise(context, promise, reason);
    return promise;
}

void resolvePromise(v8::Local<v8::Context> context, v8::Local<v8::Promise> promise,
                    v8::Local<v8::Value> value)
{
    promise.As<v8::Promise::Resolver>()->Resolve(context, value).IsJust();
}

void rejectPromise(v8::Local<v8::Context> context, v8::Local<v8::Promise> promise,
                   v8::Local<v8::Value> reason)
{
    promise.As<v8::Promise::Resolver>()->Reject(context, reason).IsJust();
}

void uponPromise(v8::Local<v8::Context> context, v8::Local<v8::Promise> promise,
                 v8::Local<v8::Function> onFulfilled, v8::Local<v8::Function> onRejected)
{
    // A fulfilled promise's reaction job is queued at once, as PerformPromiseThen would;
    // without the derived promise then() would make. (Reactions ignore the value.)
    if (promise->State() == v8::Promise::kFulfilled) {
        if (!onFulfilled.IsEmpty()) context->GetIsolate()->EnqueueMicrotask(onFulfilled);
        return;
    }
    v8::Local<v8::Promise> derived;
    bool made = onRejected.IsEmpty() ? promise->Then(context, onFulfilled).ToLocal(&derived)
                : onFulfilled.IsEmpty()
                    ? promise->Catch(context, onRejected).ToLocal(&derived)
                    : promise->Then(context, onFulfilled, onRejected).ToLocal(&derived);
    if (made) derived->MarkAsHandled();
}

v8::Local<v8::Promise> reactToPromise(v8::Local<v8::Context> context,
                                      v8::Local<v8::Promise> promise,
                                      v8::Local<v8::Function> onFulfilled,
                                      v8::Local<v8::Function> onRejected)
{
    v8::Local<v8::Promise> derived;
    if (onFulfilled.IsEmpty()) {
        if (!promise->Catch(context, onRejected).ToLocal(&derived)) return {};
    } else if (onRejected.IsEmpty()) {
        if (!promise->Then(context, onFulfilled).ToLocal(&derived)) return {};
    } else if (!promise->Then(context, onFulfilled, onRejected).ToLocal(&derived)) {
        return {};
    }
    return derived;
}

v8::MaybeLocal<v8::Promise> promiseFromValue(v8::Local<v8::Context> context,
                                             v8::Local<v8::Value> value)
{
    v8::Local<v8::Promise::Resolver> resolver;
    if (!v8::Promise::Resolver::New(context).ToLocal(&resolver)) return {};
    if (resolver->Resolve(context, value).IsNothing()) return {};
    return resolver->GetPromise();
}

CallbackPromise invokeCallbackReturningPromise(v8::Isolate* isolate, v8::Local<v8::Function> fn,
                                               v8::Local<v8::Value> thisArg, int argc,
                                               v8::Local<v8::Value>* argv)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    if (thisArg.IsEmpty()) thisArg = v8::Undefined(isolate);
    v8::TryCatch tryCatch(isolate);
    v8::Local<v8::Value> result;
    if (fn->Call(context, thisArg, argc, argv).ToLocal(&result)) {
        // A primitive can be no thenable: its promise would be fulfilled at once.
        if (!result->IsObject()) return {true, {}};
        v8::Local<v8::Promise> promise;
        if (!promiseFromValue(context, result).ToLocal(&promise)) return {};
        return {false, promise};
    }
    if (!tryCatch.CanContinue()) {
        tryCatch.ReThrow();
        return {};
    }
    v8::Local<v8::Value> exception = tryCatch.Exception();
    tryCatch.Reset();
    return {false, promiseRejectedWith(context, exception)};
}

v8::Local<v8::Promise> detail::rejectionForCaught(v8::Isolate* isolate, v8::TryCatch& tryCatch,
                                                  const char* algorithm)
{
    if (!tryCatch.CanContinue()) {
        tryCatch.ReThrow();
        return {};
    }
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Value> exception;
    if (tryCatch.HasCaught()) {
        exception = tryCatch.Exception();
        tryCatch.Reset();
    } else {
        // Our own bug: an algorithm failed without saying why. Log it, and fail the stream.
        qWarning("%s:%d: the %s algorithm returned no promise and threw nothing", __FILE__,
                 __LINE__, algorithm);
        exception = bind::makeError(isolate, "TypeError",
                                    {bind::CallSite::Kind::Function, nullptr, algorithm},
                                    "The stream's native algorithm failed.");
    }
    return promiseRejectedWith(context, exception);
}

v8::Local<v8::Promise> promiseThenUndefined(v8::Local<v8::Context> context,
                                            v8::Local<v8::Promise> promise)
{
    static const char key = 0;
    bind::IsolateData* data = bind::IsolateData::get(context->GetIsolate());
    v8::Local<v8::Object> cached = data->findObject(&key);
    if (cached.IsEmpty()) {
        auto returnUndefined = [](const v8::FunctionCallbackInfo<v8::Value>&) {};
        v8::Local<v8::Function> fn;
        if (!v8::Function::New(context, returnUndefined, {}, 1, v8::ConstructorBehavior::kThrow)
                 .ToLocal(&fn))
            return {};
        data->storeObject(&key, fn);
        cached = fn;
    }
    v8::Local<v8::Promise> derived;
    if (!promise->Then(context, cached.As<v8::Function>()).ToLocal(&derived)) return {};
    return derived;
}

namespace detail {
v8::Local<v8::Function> newReaction(v8::Local<v8::Context> context, v8::FunctionCallback callback,
                                    v8::Local<v8::Object> holder)
{
    v8::Local<v8::Function> fn;
    if (!v8::Function::New(context, callback, holder, 1, v8::ConstructorBehavior::kThrow)
             .ToLocal(&fn))
        return {};
    return fn;
}
} // namespace detail

} // namespace nano::api::streams
