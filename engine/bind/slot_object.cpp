#include "bind/slot_object.h"

namespace nano::bind {

namespace {
// Internal field 1 of slot objects; Wrappable uses a different tag in the same field.
alignas(8) const char kSlotTag = 0;
} // namespace

const void* SlotObject::typeKeyOf(v8::Local<v8::Object> object)
{
    if (object->InternalFieldCount() < kHeaderFields) return nullptr;
    // A field never set holds undefined: read as an aligned pointer it gives garbage (or a
    // fatal V8 check on objects V8 made), while a field holding one reads as a small integer.
    if (!object->GetInternalField(1)->IsNumber() ||
        object->GetAlignedPointerFromInternalField(1) != &kSlotTag)
        return nullptr;
    return object->GetAlignedPointerFromInternalField(0);
}

void SlotObject::initialize(v8::Local<v8::Object> object, const void* typeKey)
{
    int indices[] = {0, 1};
    void* values[] = {const_cast<void*>(typeKey), const_cast<char*>(&kSlotTag)};
    object->SetAlignedPointerInInternalFields(2, indices, values);
}

} // namespace nano::bind
