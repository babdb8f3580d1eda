#pragma once
// A promise slot (a writer's [[readyPromise]]) whose promise object is only made when script
// asks for it. The spec replaces and settles such promises as state changes; a pipe's writer,
// which no script can reach, would otherwise make one or two per chunk for nobody. C++ waits
// for fulfillment with whenFulfilled(), which queues its reaction exactly when a then()
// reaction would be queued. Rejections are always marked handled (every rejection of a
// reader's or writer's closed or ready promise in the spec is).

#include "api/streams/promises.h"

namespace nano::api::streams {

class LazyPromise {
public:
    explicit LazyPromise(bind::Wrappable* holder)
        : m_promise(holder)
        , m_reason(holder)
        , m_waiter(holder)
    {}

    bool isPending() const { return m_state == State::Pending; }

    // "Set to a new promise".
    void setPending()
    {
        m_state = State::Pending;
        m_promise.clear();
        m_waiter.clear();
    }
    // "Set to a promise resolved with undefined".
    void setResolved()
    {
        m_state = State::Fulfilled;
        m_promise.clear();
        m_waiter.clear();
    }
    // "Set to a promise rejected with reason" (and marked handled).
    void setRejected(v8::Local<v8::Value> reason)
    {
        m_state = State::Rejected;
        m_reason.set(reason);
        m_promise.clear();
        m_waiter.clear();
    }
    // "Resolve with undefined" / "reject with reason" the current promise if it is pending.
    void resolve(v8::Isolate* isolate)
    {
        if (m_state != State::Pending) return;
        m_state = State::Fulfilled;
        if (m_promise)
            resolvePromise(isolate->GetCurrentContext(), m_promise.get(isolate),
                           v8::Undefined(isolate));
        if (m_waiter) {
            isolate->EnqueueMicrotask(m_waiter.get(isolate));
            m_waiter.clear();
        }
    }
    void reject(v8::Isolate* isolate, v8::Local<v8::Value> reason)
    {
        if (m_state != State::Pending) return;
        m_state = State::Rejected;
        m_reason.set(reason);
        m_waiter.clear();
        if (m_promise) {
            v8::Local<v8::Promise> promise = m_promise.get(isolate);
            rejectPromise(isolate->GetCurrentContext(), promise, reason);
            setPromiseIsHandled(promise);
        }
    }

    // The promise, made now if nobody asked before.
    v8::Local<v8::Promise> get(v8::Isolate* isolate)
    {
        if (m_promise) return m_promise.get(isolate);
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        v8::Local<v8::Promise> promise;
        switch (m_state) {
        case State::Pending: promise = newPromise(context); break;
        case State::Fulfilled: promise = promiseResolvedWith(context, v8::Undefined(isolate)); break;
        case State::Rejected:
            promise = promiseRejectedWith(context, m_reason.get(isolate));
            if (!promise.IsEmpty()) setPromiseIsHandled(promise);
            break;
        }
        m_promise.set(promise);
        return promise;
    }

    // Queues `reaction` (a reaction function) when the promise fulfills, or now if it has;
    // nothing if it rejects. One waiter at a time.
    void whenFulfilled(v8::Isolate* isolate, v8::Local<v8::Function> reaction)
    {
        if (m_state == State::Fulfilled)
            isolate->EnqueueMicrotask(reaction);
        else if (m_state == State::Pending)
            m_waiter.set(reaction);
    }

private:
    enum class State { Pending, Fulfilled, Rejected };
    State m_state = State::Pending;
    bind::Member<v8::Promise> m_promise;
    bind::Member<v8::Value> m_reason;
    bind::Member<v8::Function> m_waiter;
};

} // namespace nano::api::streams
