#include "bind/wrappable.h"

#include "bind/internal_array.h"
#include "bind/isolate_data.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_set>

#include <QtGlobal>

namespace nano::bind {

namespace {
// Marks internal field 1 of our wrappers, so foreign objects with internal fields (none today,
// but V8 and embedders may create some) are never mistaken for ours.
alignas(8) const char kWrapperTag = 0;
} // namespace

Wrappable::~Wrappable()
{
    if (!m_isolate) return;
    if (IsolateData* data = IsolateData::get(m_isolate)) {
        reportExternalMemory(*data, -1);
        data->untrack(this);
    }
    if (!m_wrapper.IsEmpty()) {
        // Called from IsolateData::detach: the JS object outlives us, so it must not point here.
        v8::HandleScope scope(m_isolate);
        m_wrapper.Get(m_isolate)->SetAlignedPointerInInternalField(0, nullptr);
        m_wrapper.Reset();
    }
}

v8::Local<v8::Object> Wrappable::wrapper() const
{
    return m_wrapper.IsEmpty() ? v8::Local<v8::Object>() : m_wrapper.Get(m_isolate);
}

// The wrapper as a Local without making a handle: a Global, like a Local, is a pointer to a
// handle slot (node's PersistentToLocal::Strong). The slot of a weak Global is freed when the
// GC collects the wrapper, so this is only for one V8 call that cannot collect garbage (an
// internal field read or write), on an object that is wrapped.
v8::Local<v8::Object> Wrappable::wrapperForFieldAccess() const
{
    static_assert(sizeof(v8::Global<v8::Object>) == sizeof(v8::Local<v8::Object>));
    v8::Local<v8::Object> local;
    std::memcpy(static_cast<void*>(&local), static_cast<const void*>(&m_wrapper), sizeof local);
    return local;
}

namespace {
// A class's kInlineReferences should be the number of its Members: with fewer fields, the rest
// spill into the reference array (a lookup per access on a hot path); with more, fields are
// wasted. Said once per class (tst_stream_algorithms fails on it).
void warnInlineReferenceCount(const char* className, uint32_t inlineFields, uint32_t members)
{
    thread_local std::unordered_set<std::string> warned;
    if (!warned.insert(className).second) return;
    qWarning("%s declares kInlineReferences = %u but has %u Members", className, inlineFields,
             members);
}
} // namespace

void Wrappable::wrap(v8::Isolate* isolate, v8::Local<v8::Object> object)
{
    m_isolate = isolate;
    object->SetAlignedPointerInInternalField(0, this);
    object->SetAlignedPointerInInternalField(1, const_cast<char*>(&kWrapperTag));
    m_wrapper.Reset(isolate, object);
    m_inlineReferences = static_cast<uint32_t>(object->InternalFieldCount() - kInternalFieldCount);
    if (m_inlineReferences != 0 && m_inlineReferences != m_membersDeclared)
        warnInlineReferenceCount(bindClassName(), m_inlineReferences, m_membersDeclared);
    if (m_retainCount == 0) m_wrapper.SetWeak(this, weakCallback, v8::WeakCallbackType::kParameter);
    IsolateData::get(isolate)->track(this);
    std::vector<std::pair<uint32_t, v8::Global<v8::Value>>> pending;
    pending.swap(m_pendingReferences);
    for (auto& [slot, value] : pending)
        setReference(slot, value.Get(isolate));
    reportExternalMemory(*IsolateData::get(isolate), 1);
}

Wrappable* Wrappable::fromObject(v8::Local<v8::Object> object)
{
    if (object->InternalFieldCount() < kInternalFieldCount) return nullptr;
    // A field never set holds undefined, and reading it as an aligned pointer is a fatal V8
    // error; a field holding an aligned pointer reads as a small integer.
    if (!object->GetInternalField(1)->IsNumber()) return nullptr;
    if (object->GetAlignedPointerFromInternalField(1) != &kWrapperTag) return nullptr;
    return static_cast<Wrappable*>(object->GetAlignedPointerFromInternalField(0));
}

namespace {
constexpr int kReferenceField = 2;

// The wrapper's reference array (bind/internal_array.h: a script's Array.prototype accessors
// never see it); empty if there is none and `create` is false, or V8 could not make one.
v8::Local<v8::Array> referenceArray(v8::Local<v8::Context> context, v8::Local<v8::Object> wrapper,
                                    bool create)
{
    v8::Local<v8::Value> field = wrapper->GetInternalField(kReferenceField).As<v8::Value>();
    if (field->IsArray() || !create)
        return field->IsArray() ? field.As<v8::Array>() : v8::Local<v8::Array>();
    v8::Local<v8::Array> array;
    if (!newInternalArray(context).ToLocal(&array)) return {};
    wrapper->SetInternalField(kReferenceField, array);
    return array;
}
} // namespace

uint32_t Wrappable::addReference(v8::Local<v8::Value> value)
{
    uint32_t slot;
    tryAddReference(value, slot);
    return slot;
}

bool Wrappable::tryAddReference(v8::Local<v8::Value> value, uint32_t& slot)
{
    if (!m_freeReferences.empty()) {
        slot = m_freeReferences.back();
        m_freeReferences.pop_back();
    } else {
        slot = m_referenceCount++;
    }
    return setReference(slot, value);
}

bool Wrappable::setReference(uint32_t slot, v8::Local<v8::Value> value)
{
    if (m_wrapper.IsEmpty()) {
        // Before wrap() (a constructor filling in its object): held until the wrapper exists.
        v8::Isolate* isolate = v8::Isolate::GetCurrent();
        for (auto& [pendingSlot, pendingValue] : m_pendingReferences) {
            if (pendingSlot == slot) {
                pendingValue.Reset(isolate, value);
                return true;
            }
        }
        m_pendingReferences.emplace_back(slot, v8::Global<v8::Value>(isolate, value));
        return true;
    }
    if (slot < m_inlineReferences) {
        wrapperForFieldAccess()->SetInternalField(kInternalFieldCount + static_cast<int>(slot),
                                                  value);
        return true;
    }
    v8::Local<v8::Context> context = m_isolate->GetCurrentContext();
    v8::Local<v8::Array> array = referenceArray(context, wrapper(), true);
    return !array.IsEmpty() && setInternalElement(context, array, slot - m_inlineReferences, value);
}

v8::Local<v8::Value> Wrappable::reference(uint32_t slot) const
{
    if (!isWrapped()) {
        v8::Isolate* isolate = v8::Isolate::GetCurrent();
        for (const auto& [pendingSlot, pendingValue] : m_pendingReferences)
            if (pendingSlot == slot) return pendingValue.Get(isolate);
        return v8::Undefined(isolate);
    }
    if (slot < m_inlineReferences)
        return wrapperForFieldAccess()
            ->GetInternalField(kInternalFieldCount + static_cast<int>(slot))
            .As<v8::Value>();
    v8::Local<v8::Context> context = m_isolate->GetCurrentContext();
    v8::Local<v8::Array> array = referenceArray(context, wrapper(), false);
    if (array.IsEmpty()) return v8::Undefined(m_isolate);
    return internalElement(context, array, slot - m_inlineReferences);
}

void Wrappable::forgetPendingReference(uint32_t slot)
{
    m_pendingReferences.erase(
        std::remove_if(m_pendingReferences.begin(), m_pendingReferences.end(),
                       [slot](const auto& entry) { return entry.first == slot; }),
        m_pendingReferences.end());
}

void Wrappable::dropReference(uint32_t slot)
{
    forgetPendingReference(slot);
    IsolateData* data = m_isolate ? IsolateData::get(m_isolate) : nullptr;
    if (!data || data->isTearingDown() || m_wrapper.IsEmpty()) return;
    v8::HandleScope scope(m_isolate);
    setReference(slot, v8::Undefined(m_isolate));
    m_freeReferences.push_back(slot);
}

void Wrappable::clearReference(uint32_t slot)
{
    IsolateData* data = m_isolate ? IsolateData::get(m_isolate) : nullptr;
    if (m_wrapper.IsEmpty()) {
        forgetPendingReference(slot); // before wrap()
        return;
    }
    if (!data || data->isTearingDown()) return;
    v8::HandleScope scope(m_isolate);
    setReference(slot, v8::Undefined(m_isolate));
}

void Wrappable::setExternalMemory(ExternalMemoryKind kind, int64_t bytes, const void* sharedBuffer)
{
    // Before wrap() there is no isolate yet: wrap() reports it.
    IsolateData* data = m_isolate ? IsolateData::get(m_isolate) : nullptr;
    if (data) reportExternalMemory(*data, -1);
    m_externalKind = kind;
    m_externalMemory = bytes;
    m_sharedBuffer = sharedBuffer;
    if (data) reportExternalMemory(*data, 1);
}

void Wrappable::reportExternalMemory(IsolateData& data, int sign)
{
    if (m_externalMemory == 0) return;
    if (!m_sharedBuffer)
        data.adjustExternalMemory(m_externalKind, sign * m_externalMemory);
    else if (sign > 0)
        data.retainSharedMemory(m_externalKind, m_sharedBuffer, m_externalMemory);
    else
        data.releaseSharedMemory(m_sharedBuffer);
}

void Wrappable::retain()
{
    if (m_retainCount++ == 0 && !m_wrapper.IsEmpty()) m_wrapper.ClearWeak();
}

void Wrappable::release()
{
    if (m_retainCount <= 0) return;
    if (--m_retainCount == 0 && !m_wrapper.IsEmpty())
        m_wrapper.SetWeak(this, weakCallback, v8::WeakCallbackType::kParameter);
}

void Wrappable::weakCallback(const v8::WeakCallbackInfo<Wrappable>& info)
{
    // First pass: only reset the handle; the destructor may use V8, so it runs in the second.
    Wrappable* self = info.GetParameter();
    self->m_wrapper.Reset();
    info.SetSecondPassCallback(deleteCallback);
}

void Wrappable::deleteCallback(const v8::WeakCallbackInfo<Wrappable>& info)
{
    delete info.GetParameter();
}

} // namespace nano::bind
