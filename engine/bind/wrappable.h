#pragma once
// Base class of every C++ object exposed to JavaScript. The JS wrapper owns the C++ object: when
// the wrapper is collected, a weak callback deletes it; objects still alive when the isolate is
// torn down are deleted by IsolateData::detach. C++ code that must keep an object alive across
// an asynchronous operation (a pending fetch, a queued task) calls retain()/release().

#include "inspect/external_memory.h"

#include <cstdint>
#include <utility>
#include <v8.h>
#include <vector>

namespace nano::bind {

class IsolateData;

class Wrappable {
public:
    Wrappable() = default;
    virtual ~Wrappable();
    Wrappable(const Wrappable&) = delete;
    Wrappable& operator=(const Wrappable&) = delete;

    bool isWrapped() const { return !m_wrapper.IsEmpty(); }
    v8::Isolate* isolate() const { return m_isolate; }
    // The JS object of this C++ object; empty before wrap().
    v8::Local<v8::Object> wrapper() const;

    // Reports memory of `kind` this object holds outside the V8 heap (replaces the previous
    // report). With `sharedBuffer`, the bytes are those of a buffer that other objects may
    // report too (a Blob and its slices and clones): it counts once, however many report it.
    void setExternalMemory(ExternalMemoryKind kind, int64_t bytes,
                           const void* sharedBuffer = nullptr);
    int64_t externalMemory() const { return m_externalMemory; }

    // Makes the wrapper strong while C++ still needs the object; balanced by release().
    void retain();
    void release();

    // Binding-layer internals: attach to a fresh instance of the class template, and find the
    // C++ object of a JS object (nullptr if it is not one of ours).
    void wrap(v8::Isolate* isolate, v8::Local<v8::Object> object);
    static Wrappable* fromObject(v8::Local<v8::Object> object);

    // Fields of every wrapper: this object, our tag, and the reference array (bind/member.h).
    // A class that declares `static constexpr int kInlineReferences = N` gets N more fields:
    // its first N references live there, read without a property lookup (hot stream state).
    static constexpr int kInternalFieldCount = 3;

    // References the GC can see (use bind::Member, which wraps these): JS values this object
    // holds strongly, stored in an array in its wrapper's reference field, so the GC traces
    // them like properties and a cycle through them is collected. A slot is an index into
    // that array; freed slots are reused. Before wrap() (in a constructor) they are held by
    // Globals and move into the array on wrap(). `drop` during isolate teardown or after the
    // wrapper was collected does nothing.
    // The array has a null prototype and is written with CreateDataProperty, so no accessor a
    // script puts on Array.prototype sees it. Storing fails (false) only when V8 cannot, with
    // an exception such as a termination pending; the slot is taken anyway and reads undefined.
    uint32_t addReference(v8::Local<v8::Value> value);
    bool tryAddReference(v8::Local<v8::Value> value, uint32_t& slot);
    bool setReference(uint32_t slot, v8::Local<v8::Value> value);
    v8::Local<v8::Value> reference(uint32_t slot) const;
    void dropReference(uint32_t slot);
    // Sets the slot to undefined and keeps it for its Member.
    void clearReference(uint32_t slot);

    // The bound class's TypeKey (set by NANO_BIND_CLASS); null for classes without one.
    virtual const void* bindTypeKey() const { return nullptr; }
    // The bound class's name (set by NANO_BIND_CLASS).
    virtual const char* bindClassName() const { return "Wrappable"; }

    // What console.log shows besides the attributes the binding layer reads by itself (those
    // whose getters need nothing but the object): override to add attributes that need the
    // isolate. Must not run script.
    using Inspected = std::vector<std::pair<const char*, v8::Local<v8::Value>>>;
    virtual void inspectMore(v8::Isolate*, Inspected&) {}
    // For map-like objects (URLSearchParams): their pairs as [key, value, key, value, ...],
    // which console.log shows as `key => value` in place of the attributes, as Node does. Empty
    // for other objects. Must not run script.
    virtual v8::Local<v8::Array> inspectPairs(v8::Isolate*) { return {}; }

private:
    friend class IsolateData;
    template <class> friend class Member;
    static void weakCallback(const v8::WeakCallbackInfo<Wrappable>& info);
    static void deleteCallback(const v8::WeakCallbackInfo<Wrappable>& info);
    // Adds (sign 1) or withdraws (-1) this object's report of external memory.
    void reportExternalMemory(IsolateData& data, int sign);
    void forgetPendingReference(uint32_t slot);
    v8::Local<v8::Object> wrapperForFieldAccess() const;

    v8::Isolate* m_isolate = nullptr;
    v8::Global<v8::Object> m_wrapper;
    int64_t m_externalMemory = 0;
    const void* m_sharedBuffer = nullptr;
    ExternalMemoryKind m_externalKind = ExternalMemoryKind::Blobs;
    int m_retainCount = 0;
    std::vector<uint32_t> m_freeReferences;
    std::vector<std::pair<uint32_t, v8::Global<v8::Value>>> m_pendingReferences; // before wrap()
    uint32_t m_referenceCount = 0;
    uint32_t m_inlineReferences = 0; // references held in internal fields (the first ones)
    // Members made with this object (its fields), counted to check a class's
    // kInlineReferences against them when it is wrapped.
    uint32_t m_membersDeclared = 0;
    Wrappable* m_prev = nullptr;
    Wrappable* m_next = nullptr;
};

} // namespace nano::bind
