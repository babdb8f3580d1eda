#pragma once
// The one way a wrapped object refers to another JS value or wrapped object (a reader and its
// stream, a tee branch and its parent, a request and its signal, a listener's callback).
//
//   Member<T>      a strong reference the garbage collector can see: the value sits in the
//                  holder's reference array (Wrappable::addReference), which V8 traces like a
//                  property. A cycle of Members (reader <-> stream) is collected as soon as
//                  nothing else reaches it, which a v8::Global (a root) would prevent.
//   WeakMember<T>  a back link that keeps nothing alive and reads as null once the target's
//                  wrapper has been collected.
//
// T is a bound class (a Wrappable subclass; get() returns T*) or a V8 type (v8::Value,
// v8::Object, v8::Function; get(isolate) returns v8::Local<T>).
//
// The destructor rule: a Wrappable's destructor runs after its wrapper was collected, or while
// the isolate is torn down (IsolateData::isTearingDown). Either way the objects it refers to
// may be gone already, so a destructor never dereferences a Member or WeakMember, nor calls
// into another wrapped object; Members clean up after themselves without touching V8 then.

#include "bind/wrappable.h"

#include <type_traits>
#include <utility>
#include <v8.h>

namespace nano::bind {

// V8 value types a Member can hold (decided without T being complete, so a class can hold a
// Member of itself).
template <class T> struct IsJsValueType : std::false_type {};
template <> struct IsJsValueType<v8::Value> : std::true_type {};
template <> struct IsJsValueType<v8::Object> : std::true_type {};
template <> struct IsJsValueType<v8::Function> : std::true_type {};
template <> struct IsJsValueType<v8::Array> : std::true_type {};
template <> struct IsJsValueType<v8::Promise> : std::true_type {};
template <> struct IsJsValueType<v8::String> : std::true_type {};
template <> struct IsJsValueType<v8::ArrayBuffer> : std::true_type {};
template <> struct IsJsValueType<v8::Uint8Array> : std::true_type {};

template <class T> class Member {
    static constexpr bool kJs = IsJsValueType<T>::value;

public:
    explicit Member(Wrappable* holder)
        : m_holder(holder)
    {
        ++holder->m_membersDeclared;
    }
    ~Member()
    {
        if (m_slot != kNone) m_holder->dropReference(m_slot);
    }
    Member(const Member&) = delete;
    Member& operator=(const Member&) = delete;
    Member(Member&& other) noexcept
        : m_holder(other.m_holder)
        , m_slot(std::exchange(other.m_slot, kNone))
        , m_holds(std::exchange(other.m_holds, false))
        , m_target(std::exchange(other.m_target, nullptr))
    {}
    Member& operator=(Member&& other) noexcept
    {
        if (this != &other) {
            if (m_slot != kNone) m_holder->dropReference(m_slot);
            m_holder = other.m_holder;
            m_slot = std::exchange(other.m_slot, kNone);
            m_holds = std::exchange(other.m_holds, false);
            m_target = std::exchange(other.m_target, nullptr);
        }
        return *this;
    }

    // A bound class: the target object (null when empty). Valid while this Member holds it:
    // the reference keeps the target's wrapper, and so the target, alive.
    template <class U = T, class = std::enable_if_t<!IsJsValueType<U>::value>> U* get() const
    {
        return m_target;
    }
    template <class U = T, class = std::enable_if_t<!IsJsValueType<U>::value>> U* operator->() const
    {
        return m_target;
    }
    template <class U = T, class = std::enable_if_t<!IsJsValueType<U>::value>> void set(U* target)
    {
        if (!target || !target->isWrapped()) {
            clear();
            return;
        }
        // A target the reference does not keep alive is never handed out.
        m_target = store(target->wrapper()) ? target : nullptr;
    }

    // A V8 type: the value (empty when nothing is held).
    template <class U = T, class = std::enable_if_t<IsJsValueType<U>::value>>
    v8::Local<U> get(v8::Isolate*) const
    {
        if (!m_holds) return {};
        return m_holder->reference(m_slot).template As<U>();
    }
    template <class U = T, class = std::enable_if_t<IsJsValueType<U>::value>>
    void set(v8::Local<U> value)
    {
        if (value.IsEmpty()) {
            clear();
            return;
        }
        store(value);
    }

    bool isEmpty() const { return !m_holds; }
    explicit operator bool() const { return !isEmpty(); }

    // Keeps the slot (a Member set and cleared per chunk reuses its own slot: no free-list
    // churn, and its place among the holder's inline references stays put).
    void clear()
    {
        if (m_holds) m_holder->clearReference(m_slot);
        m_holds = false;
        m_target = nullptr;
    }

private:
    static constexpr uint32_t kNone = 0xffffffffu;
    using Target = std::conditional_t<kJs, void, T>;

    bool store(v8::Local<v8::Value> value)
    {
        bool stored = m_slot == kNone ? m_holder->tryAddReference(value, m_slot)
                                      : m_holder->setReference(m_slot, value);
        m_holds = stored;
        return stored;
    }

    Wrappable* m_holder;
    uint32_t m_slot = kNone; // assigned on the first set, freed by the destructor
    bool m_holds = false;
    Target* m_target = nullptr;
};

template <class T> class WeakMember {
public:
    WeakMember() = default;
    explicit WeakMember(T* target) { set(target); }
    WeakMember(const WeakMember&) = delete;
    WeakMember& operator=(const WeakMember&) = delete;
    WeakMember(WeakMember&&) noexcept = default;
    WeakMember& operator=(WeakMember&&) noexcept = default;

    // The target, or null once its wrapper was collected (its C++ object may still await
    // deletion then; it is never handed out).
    T* get() const
    {
        if (m_handle.IsEmpty()) return nullptr;
        v8::HandleScope scope(m_isolate);
        return static_cast<T*>(Wrappable::fromObject(m_handle.Get(m_isolate)));
    }
    void set(T* target)
    {
        m_handle.Reset();
        if (!target || !target->isWrapped()) return;
        m_isolate = target->isolate();
        v8::HandleScope scope(m_isolate);
        m_handle.Reset(m_isolate, target->wrapper());
        m_handle.SetWeak(); // phantom: emptied by the GC, no callback
    }
    void clear() { m_handle.Reset(); }
    bool refersTo(const T* target) const { return target && get() == target; }

private:
    v8::Isolate* m_isolate = nullptr;
    v8::Global<v8::Object> m_handle;
};

} // namespace nano::bind
