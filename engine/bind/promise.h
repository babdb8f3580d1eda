#pragma once
// A promise created by C++ and settled later, from C++, on the engine thread (e.g. when a network
// reply or a thread-pool job finishes). Settle it inside a macrotask: the event loop runs the
// microtask checkpoint afterwards.

#include "bind/convert.h"

#include <functional>
#include <string_view>
#include <v8.h>

namespace nano::bind {

class PromiseResolver {
public:
    PromiseResolver() = default;
    // Empty (exception pending) only if V8 cannot allocate.
    static PromiseResolver create(v8::Local<v8::Context> context);

    bool isEmpty() const { return m_resolver.IsEmpty(); }
    v8::Local<v8::Promise> promise(v8::Isolate* isolate) const;

    // The first settle call wins; later ones are ignored, like the JS resolving functions.
    void resolve(v8::Isolate* isolate, v8::Local<v8::Value> value);
    void reject(v8::Isolate* isolate, v8::Local<v8::Value> reason);
    void rejectWithTypeError(v8::Isolate* isolate, std::string_view message);
    void rejectWithDOMException(v8::Isolate* isolate, std::string_view name,
                                std::string_view message);
    template <class T> void resolveWith(v8::Isolate* isolate, T&& value)
    {
        v8::TryCatch tryCatch(isolate);
        v8::Local<v8::Value> js;
        if (toJs(isolate, std::forward<T>(value)).ToLocal(&js))
            resolve(isolate, js);
        else if (tryCatch.HasCaught() && tryCatch.CanContinue())
            reject(isolate, tryCatch.Exception());
    }

private:
    v8::Global<v8::Promise::Resolver> m_resolver;
};

// Runs C++ when `promise` settles, as its reaction job (inside a microtask checkpoint). The
// callbacks are owned by a small bound object that the two reaction functions hold, so a
// promise that never settles leaks nothing: all of it is collected with the promise. `keep`
// (optional) stays alive while the reaction waits, held where the GC sees it: what the
// callbacks use, which they must not capture in a v8::Global (a root: a cycle through the
// promise would never be collected). False with an exception pending if V8 could not allocate.
using Reaction = std::function<void(v8::Isolate*, v8::Local<v8::Value>)>;
bool react(v8::Local<v8::Context> context, v8::Local<v8::Promise> promise, Reaction onFulfilled,
           Reaction onRejected, v8::Local<v8::Value> keep = {});
// The promise of `promise.then(onFulfilled, onRejected)` with C++ reactions whose results
// (a value, or empty with an exception pending) settle it, as a JS then() callback would.
using Transform = std::function<v8::MaybeLocal<v8::Value>(v8::Isolate*, v8::Local<v8::Value>)>;
v8::MaybeLocal<v8::Promise> then(v8::Local<v8::Context> context, v8::Local<v8::Promise> promise,
                                 Transform onFulfilled, Transform onRejected,
                                 v8::Local<v8::Value> keep = {});

// A promise already resolved with `value`.
v8::Local<v8::Promise> resolvedPromise(v8::Local<v8::Context> context, v8::Local<v8::Value> value);

} // namespace nano::bind
