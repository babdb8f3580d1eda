#pragma once
// What console.log shows of our platform objects, read from C++ state without running script:
// the attributes whose getters need nothing but the object (recorded by the class builder as
// it defines them), what Wrappable::inspectMore adds, and the pairs of map-like objects.

#include "bind/convert.h"
#include "bind/isolate_data.h"
#include "bind/slot_object.h"

#include <unordered_map>
#include <utility>
#include <v8.h>
#include <vector>

namespace nano::bind {

// The attributes console.log shows for one of our objects (own class first, then its bases'),
// read from C++ state: no script runs. Empty for other objects.
std::vector<std::pair<const char*, v8::Local<v8::Value>>> inspectedAttributes(
    v8::Isolate* isolate, v8::Local<v8::Object> object);
// The pairs console.log shows for a map-like platform object (Wrappable::inspectPairs), else
// empty.
v8::Local<v8::Array> inspectedPairs(v8::Isolate* isolate, v8::Local<v8::Object> object);

// Per-isolate record of each bound class's inspectable attributes (IsolateData::state).
class InspectionRegistry {
public:
    using AttributeReader = v8::Local<v8::Value> (*)(v8::Isolate*, v8::Local<v8::Object>);
    struct Inspection {
        const void* parent = nullptr;
        std::vector<std::pair<const char*, AttributeReader>> attributes;
    };
    Inspection& of(const void* typeKey) { return m_inspections[typeKey]; }
    const Inspection* find(const void* typeKey) const
    {
        auto it = m_inspections.find(typeKey);
        return it == m_inspections.end() ? nullptr : &it->second;
    }

private:
    std::unordered_map<const void*, Inspection> m_inspections;
};

namespace detail {
template <class F> struct FnTraits; // class_builder.h
// Reads the attribute `Getter` of an object of its class, for console.log.
template <auto Getter>
v8::Local<v8::Value> inspectAttribute(v8::Isolate* isolate, v8::Local<v8::Object> object)
{
    using C = typename FnTraits<decltype(Getter)>::Class;
    v8::Local<v8::Value> value;
    if constexpr (std::is_base_of_v<SlotObject, C>) {
        if (!toJs(isolate, (C(isolate, object).*Getter)()).ToLocal(&value)) return {};
    } else {
        auto* self = static_cast<C*>(Wrappable::fromObject(object));
        if (!self || !toJs(isolate, (self->*Getter)()).ToLocal(&value)) return {};
    }
    return value;
}
} // namespace detail

// Called by the class builder for each attribute of T: records those whose getter needs
// nothing but the object.
template <class T, auto Getter>
void recordInspectedAttribute(v8::Isolate* isolate, const char* name)
{
    using Traits = detail::FnTraits<decltype(Getter)>;
    if constexpr (Traits::isMember && !Traits::takesContext &&
                  std::tuple_size_v<typename Traits::Params> == 0) {
        IsolateData::get(isolate)
            ->state<InspectionRegistry>()
            .of(&TypeKey<T>::id)
            .attributes.push_back({name, &detail::inspectAttribute<Getter>});
    }
}

template <class T, class Base> void recordInspectedBase(v8::Isolate* isolate)
{
    IsolateData::get(isolate)->state<InspectionRegistry>().of(&TypeKey<T>::id).parent =
        &TypeKey<Base>::id;
}

} // namespace nano::bind
