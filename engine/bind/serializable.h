#pragma once
// https://html.spec.whatwg.org/#serializable-objects: a bound class that structuredClone can
// clone registers its serialization and deserialization steps here, from its installer; the
// clone algorithm (api/structured_clone) looks a platform object's class up and knows no type
// itself. A class not registered (exactly: a subclass needs its own entry) is a DataCloneError.
//
//   bind::registerSerializable<Blob>(isolate, {
//       [](v8::Isolate*, Blob& blob, bind::CloneWriter& out) { out.writeShared(blob.bytes()); ...
//              return true; },
//       [](v8::Isolate* isolate, bind::CloneReader& in) -> Blob* { ... } });

#include "bind/isolate_data.h"
#include "bind/wrappable.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <v8.h>

namespace nano::bind {

// What serialization steps write and deserialization steps read, in order. Shared data (a
// Blob's immutable bytes) travels by reference within this agent instead of being copied.
class CloneWriter {
public:
    virtual ~CloneWriter() = default;
    virtual void writeUint32(uint32_t value) = 0;
    virtual void writeUint64(uint64_t value) = 0;
    virtual void writeDouble(double value) = 0;
    virtual void writeBytes(const void* data, size_t size) = 0; // with its length
    void writeString(const std::string& text) { writeBytes(text.data(), text.size()); }
    virtual void writeShared(std::shared_ptr<const void> data) = 0;
};

class CloneReader {
public:
    virtual ~CloneReader() = default;
    // False when the serialized data is corrupt (the caller then fails the clone).
    virtual bool readUint32(uint32_t& value) = 0;
    virtual bool readUint64(uint64_t& value) = 0;
    virtual bool readDouble(double& value) = 0;
    virtual bool readBytes(const void*& data, size_t& size) = 0;
    bool readString(std::string& text)
    {
        const void* data = nullptr;
        size_t size = 0;
        if (!readBytes(data, size)) return false;
        text.assign(static_cast<const char*>(data), size);
        return true;
    }
    virtual bool readShared(std::shared_ptr<const void>& data) = 0;
};

// One registered class: its steps, typed away. serialize returns false with an exception
// pending; deserialize returns the new object's wrapper, or empty (an exception pending, or
// none when the data is corrupt).
struct SerializableType {
    uint32_t tag = 0;
    std::function<bool(v8::Isolate*, v8::Local<v8::Object>, CloneWriter&)> serialize;
    std::function<v8::MaybeLocal<v8::Object>(v8::Isolate*, CloneReader&)> deserialize;
};

// The per-isolate registry (IsolateData::state).
class SerializableRegistry {
public:
    void add(const void* typeKey, SerializableType type);
    // The steps for an object of class `typeKey` (Wrappable::bindTypeKey), or null.
    const SerializableType* find(const void* typeKey) const;
    const SerializableType* findByTag(uint32_t tag) const;

private:
    std::unordered_map<const void*, SerializableType> m_byType;
    std::unordered_map<uint32_t, const void*> m_typeByTag;
};

// Registers T (a bound class); idempotent per isolate. The tag is T's position of
// registration, stable within the agent, which is all a clone needs.
template <class T>
void registerSerializable(v8::Isolate* isolate,
                          std::function<bool(v8::Isolate*, T&, CloneWriter&)> serialize,
                          std::function<T*(v8::Isolate*, CloneReader&)> deserialize)
{
    SerializableType type;
    type.serialize = [serialize](v8::Isolate* i, v8::Local<v8::Object> object, CloneWriter& out) {
        return serialize(i, *static_cast<T*>(Wrappable::fromObject(object)), out);
    };
    type.deserialize = [deserialize](v8::Isolate* i,
                                     CloneReader& in) -> v8::MaybeLocal<v8::Object> {
        T* object = deserialize(i, in);
        return object ? object->wrapper() : v8::MaybeLocal<v8::Object>();
    };
    IsolateData::get(isolate)->state<SerializableRegistry>().add(&TypeKey<T>::id, std::move(type));
}

} // namespace nano::bind
