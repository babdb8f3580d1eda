#pragma once
// Per-isolate state of the binding layer: the function templates of every bound class, the
// registry of live wrapped objects (deleted when the isolate goes away, so nothing leaks), and
// the external memory our objects report.

#include "bind/errors.h"
#include "inspect/external_memory.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <unordered_map>
#include <v8.h>
#include <vector>

namespace nano::bind {

class Wrappable;

// A unique address per C++ type, used as a map key for its templates.
template <class T> struct TypeKey {
    // Aligned: slot objects store its address in an internal field as an aligned pointer.
    alignas(8) static inline const char id = 0;
};

class IsolateData final {
public:
    // Creates the data for a new isolate; the isolate must not be in use by anyone else yet.
    static IsolateData* attach(v8::Isolate* isolate);
    // Deletes every live wrapped object and the templates. Call before Isolate::Dispose().
    static void detach(v8::Isolate* isolate);
    static IsolateData* get(v8::Isolate* isolate)
    {
        return static_cast<IsolateData*>(isolate->GetData(kIsolateSlot));
    }

    v8::Isolate* isolate() const { return m_isolate; }
    // True while detach() deletes the objects still alive: their destructors must not touch
    // other wrapped objects (those may be deleted already), only their own state.
    bool isTearingDown() const { return m_tearingDown; }

    // How many wrapped objects of each bound class are alive (for leak tests and
    // Nano.liveObjects()); counted from the objects' registry, not cached.
    std::vector<std::pair<const char*, size_t>> liveObjectCounts() const;

    // The context our objects live in (one main context per isolate in this engine).
    void setContext(v8::Local<v8::Context> context) { m_context.Reset(m_isolate, context); }
    v8::Local<v8::Context> context() const { return m_context.Get(m_isolate); }

    v8::Local<v8::FunctionTemplate> findTemplate(const void* key) const;
    void storeTemplate(const void* key, v8::Local<v8::FunctionTemplate> tmpl);
    // Per-context objects cached by key (iterator prototypes, constructors looked up once).
    v8::Local<v8::Object> findObject(const void* key) const;
    void storeObject(const void* key, v8::Local<v8::Object> object);

    // Memory held outside the V8 heap by wrapped objects (bodies, queues, keys), in bytes: in
    // all and per kind. Wrappable::setExternalMemory reports it.
    int64_t externalMemory() const { return m_externalMemory; }
    int64_t externalMemory(ExternalMemoryKind kind) const { return m_externalByKind[size_t(kind)]; }

    // Per-isolate C++ state of an API (console counters, timer tables), created on first use and
    // deleted with the isolate.
    template <class S> S& state()
    {
        auto it = m_states.find(&TypeKey<S>::id);
        if (it == m_states.end()) {
            StatePtr state(new S(), [](void* p) { delete static_cast<S*>(p); });
            it = m_states.emplace(&TypeKey<S>::id, std::move(state)).first;
        }
        return *static_cast<S*>(it->second.get());
    }

    // The lowest stack address script may use (the V8 stack limit the runtime sets); 0: unknown.
    void setStackLimit(uintptr_t limit) { m_stackLimit = limit; }
    // Whether a native call starting here would have less than `reserve` bytes left before that
    // limit. A bound call refuses to start then (a RangeError, as V8's own stack check throws):
    // started, it could run out halfway, with a chunk dequeued but its result never made.
    bool stackNearlyExhausted(uintptr_t reserve) const
    {
        const auto here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
        return m_stackLimit != 0 && here < m_stackLimit + reserve;
    }

    // Stores a call site for functions whose callback data points at it.
    const CallSite* internCallSite(const CallSite& site)
    {
        m_callSites.push_back(site);
        return &m_callSites.back();
    }

private:
    friend class Wrappable;
    static constexpr uint32_t kIsolateSlot = 0;

    explicit IsolateData(v8::Isolate* isolate)
        : m_isolate(isolate)
    {}
    void track(Wrappable* object);
    void untrack(Wrappable* object);
    void adjustExternalMemory(ExternalMemoryKind kind, int64_t delta);
    // A buffer that several objects report (a Blob and its slices) counts once: the first
    // retain adds its bytes, the last release removes them.
    void retainSharedMemory(ExternalMemoryKind kind, const void* buffer, int64_t bytes);
    void releaseSharedMemory(const void* buffer);

    v8::Isolate* m_isolate;
    v8::Global<v8::Context> m_context;
    std::unordered_map<const void*, v8::Global<v8::FunctionTemplate>> m_templates;
    std::unordered_map<const void*, v8::Global<v8::Object>> m_objects;
    using StatePtr = std::unique_ptr<void, void (*)(void*)>;
    std::unordered_map<const void*, StatePtr> m_states;
    std::deque<CallSite> m_callSites; // deque: stable addresses
    Wrappable* m_firstLive = nullptr;
    bool m_tearingDown = false;
    uintptr_t m_stackLimit = 0;
    int64_t m_externalMemory = 0;
    std::array<int64_t, kExternalMemoryKindCount> m_externalByKind{};
    struct SharedMemory {
        ExternalMemoryKind kind;
        int64_t bytes;
        int reporters;
    };
    std::unordered_map<const void*, SharedMemory> m_sharedMemory;
};

} // namespace nano::bind
