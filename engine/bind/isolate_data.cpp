#include "bind/isolate_data.h"

#include "bind/wrappable.h"

#include <map>
#include <string_view>

namespace nano::bind {

IsolateData* IsolateData::attach(v8::Isolate* isolate)
{
    auto* data = new IsolateData(isolate);
    isolate->SetData(kIsolateSlot, data);
    return data;
}

void IsolateData::detach(v8::Isolate* isolate)
{
    IsolateData* data = get(isolate);
    if (!data) return;
    // Wrapped objects whose JS side was never collected: their weak callbacks will not run now.
    data->m_tearingDown = true;
    while (data->m_firstLive)
        delete data->m_firstLive; // the destructor unlinks it
    data->m_states.clear();       // may hold handles: before the templates and the context
    data->m_templates.clear();
    data->m_objects.clear();
    data->m_context.Reset();
    isolate->SetData(kIsolateSlot, nullptr);
    delete data;
}

v8::Local<v8::FunctionTemplate> IsolateData::findTemplate(const void* key) const
{
    auto it = m_templates.find(key);
    return it == m_templates.end() ? v8::Local<v8::FunctionTemplate>() : it->second.Get(m_isolate);
}

void IsolateData::storeTemplate(const void* key, v8::Local<v8::FunctionTemplate> tmpl)
{
    m_templates[key].Reset(m_isolate, tmpl);
}

v8::Local<v8::Object> IsolateData::findObject(const void* key) const
{
    auto it = m_objects.find(key);
    return it == m_objects.end() ? v8::Local<v8::Object>() : it->second.Get(m_isolate);
}

void IsolateData::storeObject(const void* key, v8::Local<v8::Object> object)
{
    m_objects[key].Reset(m_isolate, object);
}

void IsolateData::adjustExternalMemory(ExternalMemoryKind kind, int64_t delta)
{
    m_externalMemory += delta;
    m_externalByKind[size_t(kind)] += delta;
    m_isolate->AdjustAmountOfExternalAllocatedMemory(delta);
}

std::vector<std::pair<const char*, size_t>> IsolateData::liveObjectCounts() const
{
    std::map<std::string_view, size_t> counts;
    for (Wrappable* object = m_firstLive; object; object = object->m_next)
        ++counts[object->bindClassName()];
    std::vector<std::pair<const char*, size_t>> result;
    for (const auto& [name, count] : counts)
        result.emplace_back(name.data(), count);
    return result;
}

void IsolateData::retainSharedMemory(ExternalMemoryKind kind, const void* buffer, int64_t bytes)
{
    auto [it, added] = m_sharedMemory.try_emplace(buffer, SharedMemory{kind, bytes, 0});
    if (added) adjustExternalMemory(kind, bytes);
    ++it->second.reporters;
}

void IsolateData::releaseSharedMemory(const void* buffer)
{
    auto it = m_sharedMemory.find(buffer);
    if (it == m_sharedMemory.end()) return;
    if (--it->second.reporters > 0) return;
    adjustExternalMemory(it->second.kind, -it->second.bytes);
    m_sharedMemory.erase(it);
}

void IsolateData::track(Wrappable* object)
{
    object->m_next = m_firstLive;
    object->m_prev = nullptr;
    if (m_firstLive) m_firstLive->m_prev = object;
    m_firstLive = object;
}

void IsolateData::untrack(Wrappable* object)
{
    if (object->m_prev)
        object->m_prev->m_next = object->m_next;
    else if (m_firstLive == object)
        m_firstLive = object->m_next;
    if (object->m_next) object->m_next->m_prev = object->m_prev;
    object->m_prev = object->m_next = nullptr;
}

} // namespace nano::bind
