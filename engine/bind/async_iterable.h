#pragma once
// `async iterable<V>` declarations (https://webidl.spec.whatwg.org/#idl-async-iterable): the
// interface gets values() and [Symbol.asyncIterator], which return a default asynchronous
// iterator object whose next() and return() queue behind each other as the spec's
// "ongoing promise" says. The interface class T declares:
//
//   static const char* asyncIteratorName();            // "ReadableStream AsyncIterator"
//   struct AsyncIterationState {                         // per iterator; Members held by it
//       explicit AsyncIterationState(bind::Wrappable* iterator);
//   };
//   // The asynchronous iterator initialization steps (arguments read from cx): false with an
//   // exception pending.
//   bool asyncIteratorInit(bind::CallContext& cx, AsyncIterationState& state);
//   // Get the next iteration result: a promise for the next value, or for
//   // bind::endOfIteration(isolate).
//   v8::Local<v8::Promise> nextIterationResult(v8::Isolate*, AsyncIterationState&);
//   // Optional: the asynchronous iterator return steps (then return() exists).
//   v8::Local<v8::Promise> asyncIteratorReturn(v8::Isolate*, AsyncIterationState&,
//                                              v8::Local<v8::Value> value);
//
// and calls bind::defineAsyncIterable(c) in define().

#include "bind/class_builder.h"
#include "bind/member.h"
#include "bind/promise.h"

#include <type_traits>

namespace nano::bind {

// The value a next-iteration-result promise resolves with at the end of the iteration.
v8::Local<v8::Value> endOfIteration(v8::Isolate* isolate);
// CreateIterResultObject(value, done).
v8::Local<v8::Object> iterResult(v8::Isolate* isolate, v8::Local<v8::Value> value, bool done);

namespace detail {
// %AsyncIteratorPrototype% of the current context.
v8::Local<v8::Object> asyncIteratorPrototype(v8::Local<v8::Context> context);

template <class T, class = void> struct HasAsyncReturn : std::false_type {};
template <class T>
struct HasAsyncReturn<T, std::void_t<decltype(&T::asyncIteratorReturn)>> : std::true_type {};
} // namespace detail

// https://webidl.spec.whatwg.org/#es-default-asynchronous-iterator-object
template <class T> class AsyncIterator final : public Wrappable {
public:
    static const char* className() { return T::asyncIteratorName(); }
    const void* bindTypeKey() const override { return &TypeKey<AsyncIterator>::id; }
    const char* bindClassName() const override { return className(); }

    explicit AsyncIterator(T* target)
        : m_state(this)
    {
        m_target.set(target);
    }
    typename T::AsyncIterationState& state() { return m_state; }

    static void define(ClassBuilder<AsyncIterator>& c)
    {
        c.template method<&AsyncIterator::next>("next");
        if constexpr (detail::HasAsyncReturn<T>::value)
            c.template method<&AsyncIterator::returnMethod>("return");
    }

    // https://webidl.spec.whatwg.org/#es-asynchronous-iterator-prototype-object, next()
    v8::Local<v8::Promise> next(CallContext& cx)
    {
        v8::Isolate* isolate = cx.isolate();
        v8::Local<v8::Context> context = cx.context();
        // Steps 8-9.
        v8::Local<v8::Promise> after;
        v8::Local<v8::Promise> ongoing = m_ongoing.get(isolate);
        if (!ongoing.IsEmpty()) {
            auto steps = [this](v8::Isolate* i, v8::Local<v8::Value>) -> v8::MaybeLocal<v8::Value> {
                v8::Local<v8::Promise> promise;
                if (!nextSteps(i).ToLocal(&promise)) return {};
                return promise;
            };
            if (!then(context, ongoing, steps, steps, wrapper()).ToLocal(&after)) return {};
        } else if (!nextSteps(isolate).ToLocal(&after)) {
            return {};
        }
        // Step 10.
        m_ongoing.set(after);
        return after;
    }

    // https://webidl.spec.whatwg.org/#es-asynchronous-iterator-prototype-object, return()
    v8::Local<v8::Promise> returnMethod(CallContext& cx, std::optional<v8::Local<v8::Value>> arg)
    {
        v8::Isolate* isolate = cx.isolate();
        v8::Local<v8::Context> context = cx.context();
        v8::Local<v8::Value> value = arg ? *arg : v8::Undefined(isolate).As<v8::Value>();
        auto returnSteps = [this, held = std::make_shared<v8::Global<v8::Value>>(isolate, value)](
                               v8::Isolate* i, v8::Local<v8::Value>) -> v8::MaybeLocal<v8::Value> {
            v8::Local<v8::Value> v = held->Get(i);
            // Steps 8.1-8.3.
            if (m_finished) return resolvedPromise(i->GetCurrentContext(), iterResult(i, v, true));
            m_finished = true;
            return m_target->asyncIteratorReturn(i, m_state, v);
        };
        // Steps 9-10.
        v8::Local<v8::Promise> after;
        v8::Local<v8::Promise> ongoing = m_ongoing.get(isolate);
        if (!ongoing.IsEmpty()) {
            if (!then(context, ongoing, returnSteps, returnSteps, wrapper()).ToLocal(&after))
                return {};
        } else {
            v8::Local<v8::Value> first;
            if (!returnSteps(isolate, v8::Undefined(isolate)).ToLocal(&first)) return {};
            after = first.As<v8::Promise>();
        }
        // Steps 11-13: whatever the return steps resolve with, the result is {value, done}.
        auto onFulfilled = [held = std::make_shared<v8::Global<v8::Value>>(isolate, value)](
                               v8::Isolate* i, v8::Local<v8::Value>) -> v8::MaybeLocal<v8::Value> {
            return iterResult(i, held->Get(i), true);
        };
        v8::Local<v8::Promise> result;
        if (!then(context, after, onFulfilled, nullptr, wrapper()).ToLocal(&result)) return {};
        m_ongoing.set(result);
        return result;
    }

private:
    // Step 5 of next(): the next steps.
    v8::MaybeLocal<v8::Promise> nextSteps(v8::Isolate* isolate)
    {
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        // Step 5.1.
        if (m_finished)
            return resolvedPromise(context, iterResult(isolate, v8::Undefined(isolate), true));
        // Step 5.3.
        v8::Local<v8::Promise> nextPromise = m_target->nextIterationResult(isolate, m_state);
        if (nextPromise.IsEmpty()) return {};
        // Steps 5.4-5.7.
        auto onFulfilled = [this](v8::Isolate* i,
                                  v8::Local<v8::Value> next) -> v8::MaybeLocal<v8::Value> {
            m_ongoing.clear();
            if (next->StrictEquals(endOfIteration(i))) {
                m_finished = true;
                return iterResult(i, v8::Undefined(i), true);
            }
            return iterResult(i, next, false);
        };
        auto onRejected = [this](v8::Isolate* i,
                                 v8::Local<v8::Value> reason) -> v8::MaybeLocal<v8::Value> {
            m_ongoing.clear();
            m_finished = true;
            i->ThrowException(reason);
            return {};
        };
        return then(context, nextPromise, onFulfilled, onRejected, wrapper());
    }

    Member<T> m_target{this};
    Member<v8::Promise> m_ongoing{this};
    bool m_finished = false;
    typename T::AsyncIterationState m_state;
};

namespace detail {
// values() and [Symbol.asyncIterator]: a new iterator with its initialization steps run.
template <class T> v8::Local<v8::Value> makeAsyncIterator(CallContext& cx)
{
    v8::Isolate* isolate = cx.isolate();
    v8::Local<v8::Context> context = cx.context();
    using Iterator = AsyncIterator<T>;
    IsolateData* data = IsolateData::get(isolate);
    const void* key = &TypeKey<Iterator>::id;
    if (data->findObject(key).IsEmpty()) {
        // Its prototype inherits %AsyncIteratorPrototype%, once per context.
        v8::Local<v8::Function> constructor;
        v8::Local<v8::Value> prototype;
        v8::Local<v8::Object> base = asyncIteratorPrototype(context);
        if (base.IsEmpty() ||
            !classTemplate<Iterator>(isolate)->GetFunction(context).ToLocal(&constructor) ||
            !constructor->Get(context, name(isolate, "prototype")).ToLocal(&prototype) ||
            !prototype->IsObject() ||
            prototype.As<v8::Object>()->SetPrototype(context, base).IsNothing()) {
            cx.setFailed();
            return {};
        }
        data->storeObject(key, prototype.As<v8::Object>());
    }
    T* target = static_cast<T*>(Wrappable::fromObject(cx.info().Holder()));
    Iterator* iterator = target ? create<Iterator>(isolate, target) : nullptr;
    if (!iterator) {
        cx.setFailed();
        return {};
    }
    if (!target->asyncIteratorInit(cx, iterator->state())) {
        cx.setFailed();
        return {};
    }
    return iterator->wrapper();
}
} // namespace detail

// Defines values() and [Symbol.asyncIterator] on T's prototype.
template <class T> void defineAsyncIterable(ClassBuilder<T>& c)
{
    c.template method<&detail::makeAsyncIterator<T>>("values",
                                                     v8::Symbol::GetAsyncIterator(c.isolate()));
}

} // namespace nano::bind
