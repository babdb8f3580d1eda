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
        , m_waiterHolder(holder)
    {}

    bool isPending() const { return m_state == State::Pending; }

    // "Set to a new promise".
    void setPending()
    {
        m_state = State::Pending;
        m_promise.clear();
        clearWaiter();
    }
    // "Set to a promise resolved with undefined".
    void setResolved()
    {
        m_state = State::Fulfilled;
        m_promise.clear();
        clearWaiter();
    }
    // "Set to a promise rejected with reason" (and marked handled).
    void setRejected(v8::Local<v8::Value> reason)
    {
        m_state = State::Rejected;
        m_reason.set(reason);
        m_promise.clear();
        clearWaiter();
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
            queueReaction(isolate, m_waiter);
            clearWaiter();
        }
    }
    void reject(v8::Isolate* isolate, v8::Local<v8::Value> reason)
    {
        if (m_state != State::Pending) return;
        m_state = State::Rejected;
        m_reason.set(reason);
        clearWaiter();
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
        case State::Fulfilled:
            promise = promiseResolvedWith(context, v8::Undefined(isolate));
            break;
        case State::Rejected:
            promise = promiseRejectedWith(context, m_reason.get(isolate));
            if (!promise.IsEmpty()) setPromiseIsHandled(promise);
            break;
        }
        m_promise.set(promise);
        return promise;
    }

    // Queues `reaction` (a native microtask, promises.h) when the promise fulfills, or now if
    // it has; nothing if it rejects. One waiter at a time; the slot's holder keeps it alive
    // while it waits.
    void whenFulfilled(v8::Isolate* isolate, NativeReaction reaction)
    {
        if (m_state == State::Fulfilled) {
            queueReaction(isolate, reaction);
        } else if (m_state == State::Pending) {
            m_waiter = reaction;
            // The same waiter (a pipe, once per chunk) is kept, not set again.
            if (m_heldWaiter != reaction.self) {
                m_waiterHolder.set(reaction.self->wrapper());
                m_heldWaiter = reaction.self;
            }
        }
    }

private:
    enum class State { Pending, Fulfilled, Rejected };
    State m_state = State::Pending;
    bind::Member<v8::Promise> m_promise;
    bind::Member<v8::Value> m_reason;
    // The last waiter's wrapper stays held (it is the holder's one pipe, which holds the
    // holder anyway) until another waiter replaces it.
    void clearWaiter() { m_waiter = {}; }

    NativeReaction m_waiter;
    bind::Member<v8::Object> m_waiterHolder; // the waiter's wrapper, kept while it waits
    const bind::Wrappable* m_heldWaiter = nullptr;
};

} // namespace nano::api::streams
