#pragma once
// A bound class whose state lives in its JS wrapper's internal fields ("slots") instead of in a
// C++ object. The garbage collector owns such an object outright: no allocation, no weak handle,
// no finalizer. That matters for small objects that scripts make by the million (URL); a
// Wrappable pays for a heap object, a weak Global and a second-pass callback each.
//
// The C++ class is a view, made on the stack around the wrapper for each call:
//
//   class URL final : public bind::SlotObject {
//       NANO_BIND_SLOTS(URL, 7)
//   public:
//       using SlotObject::SlotObject;
//       // The constructor returns the state (optional or pointer; empty means it threw) ...
//       static const url::UrlRecord* construct(bind::CallContext& cx, const bind::StringView& u);
//       // ... which the binding layer hands to assign() on the new wrapper.
//       bool assign(bind::CallContext& cx, const url::UrlRecord& state);
//       bind::AsciiView pathname() const;          // members as for a Wrappable
//       static void define(bind::ClassBuilder<URL>& c);
//   };
//
// A slot holds a JS value (value/setValue: strings, related objects; the GC traces it) or a
// word (word/setWords): an integer of up to 62 bits stored as an aligned pointer, which V8
// keeps as a small integer the GC skips.

#include <cstdint>
#include <v8.h>

// Inside a class deriving from SlotObject: its JS name and its number of slots.
#define NANO_BIND_SLOTS(Name, Count)                                                               \
public:                                                                                            \
    static const char* className()                                                                 \
    {                                                                                              \
        return #Name;                                                                              \
    }                                                                                              \
    static constexpr int kSlotCount = Count;                                                       \
                                                                                                   \
private:

namespace nano::bind {

class SlotObject {
public:
    SlotObject(v8::Isolate* isolate, v8::Local<v8::Object> wrapper)
        : m_isolate(isolate)
        , m_wrapper(wrapper)
    {}

    v8::Isolate* isolate() const { return m_isolate; }
    v8::Local<v8::Object> wrapper() const { return m_wrapper; }

    // Internal fields before the slots: the class's TypeKey and a tag marking slot objects.
    static constexpr int kHeaderFields = 2;
    // The TypeKey of the bound class if `object` is an initialised slot object, else nullptr.
    static const void* typeKeyOf(v8::Local<v8::Object> object);
    // Binding-layer internal: marks a fresh instance of a slot class's template.
    static void initialize(v8::Local<v8::Object> object, const void* typeKey);

protected:
    v8::Local<v8::Value> value(int slot) const
    {
        return m_wrapper->GetInternalField(kHeaderFields + slot);
    }
    void setValue(int slot, v8::Local<v8::Value> v)
    {
        m_wrapper->SetInternalField(kHeaderFields + slot, v);
    }
    // Words must have been set before they are read: an unset field holds undefined, which
    // reads back as a garbage integer (no check in release builds).
    uint64_t word(int slot) const
    {
        return reinterpret_cast<uintptr_t>(
                   m_wrapper->GetAlignedPointerFromInternalField(kHeaderFields + slot)) >>
               1;
    }
    // Sets consecutive words, in one call.
    template <size_t N> void setWords(int firstSlot, const uint64_t (&words)[N])
    {
        static_assert(sizeof(uintptr_t) == 8, "words need 64-bit pointers");
        int indices[N];
        void* values[N];
        for (size_t i = 0; i < N; ++i) {
            indices[i] = kHeaderFields + firstSlot + static_cast<int>(i);
            values[i] = reinterpret_cast<void*>(static_cast<uintptr_t>(words[i] << 1));
        }
        m_wrapper->SetAlignedPointerInInternalFields(static_cast<int>(N), indices, values);
    }

private:
    v8::Isolate* m_isolate;
    v8::Local<v8::Object> m_wrapper;
};

} // namespace nano::bind
