#include "bind/inspection.h"

namespace nano::bind {

std::vector<std::pair<const char*, v8::Local<v8::Value>>> inspectedAttributes(
    v8::Isolate* isolate, v8::Local<v8::Object> object)
{
    std::vector<std::pair<const char*, v8::Local<v8::Value>>> out;
    Wrappable* wrappable = Wrappable::fromObject(object);
    const void* typeKey = wrappable ? wrappable->bindTypeKey() : SlotObject::typeKeyOf(object);
    IsolateData* data = IsolateData::get(isolate);
    if (!typeKey || !data) return out;
    const InspectionRegistry& registry = data->state<InspectionRegistry>();
    // The interface's own attributes come after those of the interfaces it inherits from.
    std::vector<const InspectionRegistry::Inspection*> chain;
    for (const void* key = typeKey; key;) {
        const InspectionRegistry::Inspection* inspection = registry.find(key);
        if (!inspection) break;
        chain.push_back(inspection);
        key = inspection->parent;
    }
    v8::TryCatch tryCatch(isolate); // a conversion that fails (a huge string) is left out
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        for (const auto& [name, read] : (*it)->attributes) {
            v8::Local<v8::Value> value = read(isolate, object);
            if (!value.IsEmpty()) out.emplace_back(name, value);
            tryCatch.Reset();
        }
    }
    if (wrappable) wrappable->inspectMore(isolate, out);
    return out;
}

v8::Local<v8::Array> inspectedPairs(v8::Isolate* isolate, v8::Local<v8::Object> object)
{
    Wrappable* wrappable = Wrappable::fromObject(object);
    return wrappable ? wrappable->inspectPairs(isolate) : v8::Local<v8::Array>();
}

} // namespace nano::bind
