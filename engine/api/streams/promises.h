#pragma once
// The promise vocabulary of the Streams spec (https://webidl.spec.whatwg.org/#es-promise
// manipulation, as the Streams spec uses it), for promises this engine creates and settles.
//
// A promise we create is stored as a v8::Promise in a bind::Member; V8's resolver is that
// same object, so resolvePromise/rejectPromise settle it directly. Reactions use V8's internal
// PerformPromiseThen (v8::Promise::Then), never a `then` property a script could patch.
//
// Hot paths (a pull per chunk, a write per chunk, a pipe step) use reaction functions made once
// per object (Reactions below), not a new function per promise.

#include "bind/member.h"
#include "bind/wrappable.h"

#include <optional>
#include <type_traits>
#include <v8.h>

namespace nano::api::streams {

// An optional `any` argument: undefined when missing.
inline v8::Local<v8::Value> valueOrUndefined(v8::Isolate* isolate,
                                             const std::optional<v8::Local<v8::Value>>& value)
{
    return value ? *value : v8::Local<v8::Value>(v8::Undefined(isolate));
}

// https://webidl.spec.whatwg.org/#a-new-promise
v8::Local<v8::Promise> newPromise(v8::Local<v8::Context> context);
// https://webidl.spec.whatwg.org/#a-promise-resolved-with (our own promises only)
v8::Local<v8::Promise> promiseResolvedWith(v8::Local<v8::Context> context,
                                           v8::Local<v8::Value> value);
// A promise resolved with undefined: one per context, shared (no script can tell).
v8::Local<v8::Promise> promiseResolvedWithUndefined(v8::Local<v8::Context> context);
// https://webidl.spec.whatwg.org/#a-promise-rejected-with
v8::Local<v8::Promise> promiseRejectedWith(v8::Local<v8::Context> context,
                                           v8::Local<v8::Value> reason);
// https://webidl.spec.whatwg.org/#resolve and #reject, for a promise made by newPromise.
void resolvePromise(v8::Local<v8::Context> context, v8::Local<v8::Promise> promise,
                    v8::Local<v8::Value> value);
void rejectPromise(v8::Local<v8::Context> context, v8::Local<v8::Promise> promise,
                   v8::Local<v8::Value> reason);
// https://webidl.spec.whatwg.org/#mark-a-promise-as-handled
inline void setPromiseIsHandled(v8::Local<v8::Promise> promise)
{
    promise->MarkAsHandled();
}

// "Upon fulfillment / rejection of promise": both functions may be empty. The derived promise
// is marked handled: the spec's reactions have no result promise that could go unhandled.
void uponPromise(v8::Local<v8::Context> context, v8::Local<v8::Promise> promise,
                 v8::Local<v8::Function> onFulfilled, v8::Local<v8::Function> onRejected);

// Invokes a callback whose return type is a promise
// (https://webidl.spec.whatwg.org/#invoke-a-callback-function), without making that promise when
// the callback returns a primitive (the common synchronous pull() or write()): the caller then
// queues its fulfillment reaction itself (queueReaction), just when a then() reaction would be
// queued. Otherwise `promise` is the promise to react to (rejected when the callback threw);
// neither when execution is terminating.
struct CallbackPromise {
    bool fulfilledNow = false;
    v8::Local<v8::Promise> promise;
};
CallbackPromise invokeCallbackReturningPromise(v8::Isolate* isolate, v8::Local<v8::Function> fn,
                                               v8::Local<v8::Value> thisArg, int argc,
                                               v8::Local<v8::Value>* argv);

// The result of reacting to `promise` with a fulfillment step that returns undefined (a
// rejection passes through).
v8::Local<v8::Promise> promiseThenUndefined(v8::Local<v8::Context> context,
                                            v8::Local<v8::Promise> promise);

// https://webidl.spec.whatwg.org/#a-promise-resolved-with for a value a script returned: a
// new promise, which follows a promise or thenable it is resolved with.
v8::MaybeLocal<v8::Promise> promiseFromValue(v8::Local<v8::Context> context,
                                             v8::Local<v8::Value> value);

// "The result of reacting to promise": the derived promise (a reaction that returns a value
// resolves it with that value; one that throws rejects it). Empty only when terminating.
v8::Local<v8::Promise> reactToPromise(v8::Local<v8::Context> context,
                                      v8::Local<v8::Promise> promise,
                                      v8::Local<v8::Function> onFulfilled,
                                      v8::Local<v8::Function> onRejected);

namespace detail {
v8::Local<v8::Promise> rejectionForCaught(v8::Isolate* isolate, v8::TryCatch& tryCatch,
                                          const char* algorithm);
} // namespace detail

// The start algorithm of a stream set up from a script's dictionary (underlying source, sink
// or transformer): start.call(underlying, controller), or undefined when there is no start
// member. Empty when it threw (the exception stays pending, to be rethrown).
v8::MaybeLocal<v8::Value> invokeStartMethod(v8::Isolate* isolate, v8::Local<v8::Function> start,
                                            v8::Local<v8::Value> underlying,
                                            v8::Local<v8::Object> controller);

// Runs a C++ algorithm (SourceAlgorithms, SinkAlgorithms, TransformerAlgorithms) that returns a
// promise. An exception it leaves pending instead (V8 could not allocate, a conversion threw)
// becomes a promise rejected with that exception, as WebIDL's "invoke a callback function" does
// for a script's callback, so the stream takes its rejection path. Empty only when terminating.
template <class Algorithm>
v8::Local<v8::Promise> runNativeAlgorithm(v8::Isolate* isolate, const char* name,
                                          Algorithm&& algorithm)
{
    v8::TryCatch tryCatch(isolate);
    v8::Local<v8::Promise> promise = algorithm();
    if (!promise.IsEmpty()) {
        if (tryCatch.HasCaught()) tryCatch.ReThrow();
        return promise;
    }
    return detail::rejectionForCaught(isolate, tryCatch, name);
}

namespace detail {
// A reaction method returns void, or v8::MaybeLocal<v8::Value> (empty: it threw).
template <class T, auto Method>
void reactionCallback(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    auto* self = static_cast<T*>(bind::Wrappable::fromObject(info.Data().As<v8::Object>()));
    if (!self) return;
    using R = decltype((self->*Method)(info.GetIsolate(), info[0]));
    if constexpr (std::is_void_v<R>) {
        (self->*Method)(info.GetIsolate(), info[0]);
    } else {
        v8::Local<v8::Value> result;
        if ((self->*Method)(info.GetIsolate(), info[0]).ToLocal(&result))
            info.GetReturnValue().Set(result);
    }
}
v8::Local<v8::Function> newReaction(v8::Local<v8::Context> context, v8::FunctionCallback callback,
                                    v8::Local<v8::Object> holder);
} // namespace detail

// A reaction function that calls `Method` on `self`, made on first use and kept in `cache` (a
// Member of self: the function holds self's wrapper, a cycle the GC collects).
template <auto Method, class T>
v8::Local<v8::Function> reaction(v8::Local<v8::Context> context, T* self,
                                 bind::Member<v8::Function>& cache)
{
    v8::Local<v8::Function> fn = cache.get(context->GetIsolate());
    if (!fn.IsEmpty()) return fn;
    fn = detail::newReaction(context, &detail::reactionCallback<T, Method>, self->wrapper());
    cache.set(fn);
    return fn;
}

// A reaction function for a one-time reaction (a start promise), not cached.
template <auto Method, class T>
v8::Local<v8::Function> reactionOnce(v8::Local<v8::Context> context, T* self)
{
    return detail::newReaction(context, &detail::reactionCallback<T, Method>, self->wrapper());
}

// Queues `fn` (a reaction function) as a microtask with undefined as its argument.
inline void queueMicrotask(v8::Isolate* isolate, v8::Local<v8::Function> fn)
{
    isolate->EnqueueMicrotask(fn);
}

// A reaction queued as a native microtask: V8 calls C++ directly, with no function object and
// no JS call in between (a stream's per-chunk reactions to a promise known to be fulfilled).
// The target is retained until the microtask has run; once execution is terminating (Stop),
// the reaction does nothing, so no chain of them outlives a stopped run.
struct NativeReaction {
    bind::Wrappable* self = nullptr;
    v8::MicrotaskCallback callback = nullptr;
    explicit operator bool() const { return self; }
};

namespace detail {
template <class T, auto Method> void runNativeReaction(void* data)
{
    auto* self = static_cast<T*>(data);
    v8::Isolate* isolate = self->isolate();
    if (!isolate->IsExecutionTerminating()) {
        v8::HandleScope scope(isolate);
        // An exception the reaction leaves (only a termination: reactions catch what the
        // script throws) stays scheduled and ends the checkpoint, as from a reaction function.
        (void)(self->*Method)(isolate, v8::Undefined(isolate));
    }
    self->release();
}
} // namespace detail

template <auto Method, class T> NativeReaction nativeReaction(T* self)
{
    return {self, &detail::runNativeReaction<T, Method>};
}

inline void queueReaction(v8::Isolate* isolate, NativeReaction reaction)
{
    reaction.self->retain();
    isolate->EnqueueMicrotask(reaction.callback, reaction.self);
}

template <auto Method, class T> void queueReaction(v8::Isolate* isolate, T* self)
{
    queueReaction(isolate, nativeReaction<Method>(self));
}

// Reacts to `promise` (empty: execution is terminating, nothing to do) with self's OnFulfilled
// and OnRejected: a promise already fulfilled queues the native reaction at once, otherwise
// the reaction functions (made once, into the two caches) are attached.
template <auto OnFulfilled, auto OnRejected, class T>
void uponPromiseWith(v8::Isolate* isolate, v8::Local<v8::Promise> promise, T* self,
                     bind::Member<v8::Function>& fulfilledCache,
                     bind::Member<v8::Function>& rejectedCache)
{
    if (promise.IsEmpty()) return;
    if (promise->State() == v8::Promise::kFulfilled) {
        queueReaction<OnFulfilled>(isolate, self);
        return;
    }
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    uponPromise(context, promise, reaction<OnFulfilled>(context, self, fulfilledCache),
                reaction<OnRejected>(context, self, rejectedCache));
}

// Calls a script's algorithm (pull, write) and reacts to its promise as uponPromiseWith does;
// an empty `fn` (no such member) is a promise resolved with undefined.
template <auto OnFulfilled, auto OnRejected, class T>
void invokeAndReact(v8::Isolate* isolate, v8::Local<v8::Function> fn, v8::Local<v8::Value> thisArg,
                    int argc, v8::Local<v8::Value>* argv, T* self,
                    bind::Member<v8::Function>& fulfilledCache,
                    bind::Member<v8::Function>& rejectedCache)
{
    CallbackPromise result{true, {}};
    if (!fn.IsEmpty()) result = invokeCallbackReturningPromise(isolate, fn, thisArg, argc, argv);
    if (result.fulfilledNow)
        queueReaction<OnFulfilled>(isolate, self);
    else
        uponPromiseWith<OnFulfilled, OnRejected>(isolate, result.promise, self, fulfilledCache,
                                                 rejectedCache);
}

} // namespace nano::api::streams
