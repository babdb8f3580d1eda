#include "bind/serializable.h"

namespace nano::bind {

void SerializableRegistry::add(const void* typeKey, SerializableType type)
{
    if (m_byType.count(typeKey)) return;
    type.tag = static_cast<uint32_t>(m_byType.size() + 1);
    m_typeByTag.emplace(type.tag, typeKey);
    m_byType.emplace(typeKey, std::move(type));
}

const SerializableType* SerializableRegistry::find(const void* typeKey) const
{
    auto it = m_byType.find(typeKey);
    return it == m_byType.end() ? nullptr : &it->second;
}

const SerializableType* SerializableRegistry::findByTag(uint32_t tag) const
{
    auto it = m_typeByTag.find(tag);
    return it == m_typeByTag.end() ? nullptr : find(it->second);
}

} // namespace nano::bind
