#include "api/structured_clone.h"

#include "bind/dom_exception.h"
#include "bind/namespace_builder.h"
#include "bind/serializable.h"
#include "core/array_buffer_allocator.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace nano::api {

namespace {

// The V8 serializer as the writer and reader of serialization steps (bind/serializable.h).
class Serializer final : public v8::ValueSerializer::Delegate, public bind::CloneWriter {
public:
    Serializer(v8::Isolate* isolate, SerializedValue& out)
        : m_isolate(isolate)
        , m_out(out)
        , m_serializer(isolate, this)
    {}

    v8::ValueSerializer& serializer() { return m_serializer; }

    void ThrowDataCloneError(v8::Local<v8::String> message) override
    {
        bind::throwDOMException(m_isolate, "DataCloneError", bind::toUtf8(m_isolate, message));
    }

    // https://html.spec.whatwg.org/#structuredserializeinternal steps 19-20: a platform object
    // is cloned by its class's serialization steps if it is serializable, else DataCloneError.
    v8::Maybe<bool> WriteHostObject(v8::Isolate* isolate, v8::Local<v8::Object> object) override
    {
        const bind::Wrappable* wrapped = bind::Wrappable::fromObject(object);
        const bind::SerializableType* type =
            wrapped ? bind::IsolateData::get(isolate)->state<bind::SerializableRegistry>().find(
                          wrapped->bindTypeKey())
                    : nullptr;
        if (type) {
            m_serializer.WriteUint32(type->tag);
            return type->serialize(isolate, object, *this) ? v8::Just(true) : v8::Nothing<bool>();
        }
        std::string what = "An object";
        if (bind::isPlatformObject(object)) {
            v8::Local<v8::String> name = object->GetConstructorName();
            what = bind::toUtf8(isolate, name) + " object";
        }
        bind::throwDOMException(isolate, "DataCloneError", what + " could not be cloned.");
        return v8::Nothing<bool>();
    }

    v8::Maybe<uint32_t> GetSharedArrayBufferId(v8::Isolate*,
                                               v8::Local<v8::SharedArrayBuffer> buffer) override
    {
        m_out.sharedBuffers.emplace_back(m_isolate, buffer);
        return v8::Just(static_cast<uint32_t>(m_out.sharedBuffers.size() - 1));
    }

    v8::Maybe<uint32_t> GetWasmModuleTransferId(v8::Isolate*,
                                                v8::Local<v8::WasmModuleObject> module) override
    {
        m_out.wasmModules.emplace_back(m_isolate, module);
        return v8::Just(static_cast<uint32_t>(m_out.wasmModules.size() - 1));
    }

    void writeUint32(uint32_t value) override { m_serializer.WriteUint32(value); }
    void writeUint64(uint64_t value) override { m_serializer.WriteUint64(value); }
    void writeDouble(double value) override { m_serializer.WriteDouble(value); }
    void writeBytes(const void* data, size_t size) override
    {
        m_serializer.WriteUint64(size);
        m_serializer.WriteRawBytes(data, size);
    }
    void writeShared(std::shared_ptr<const void> data) override
    {
        m_out.shared.push_back(std::move(data));
        m_serializer.WriteUint32(static_cast<uint32_t>(m_out.shared.size() - 1));
    }

private:
    v8::Isolate* m_isolate;
    SerializedValue& m_out;
    v8::ValueSerializer m_serializer;
};

class Deserializer final : public v8::ValueDeserializer::Delegate, public bind::CloneReader {
public:
    Deserializer(v8::Isolate* isolate, const uint8_t* data, size_t size,
                 const SerializedValue& source)
        : m_isolate(isolate)
        , m_deserializer(isolate, data, size, this)
        , m_source(source)
    {}

    v8::ValueDeserializer& deserializer() { return m_deserializer; }

    v8::MaybeLocal<v8::Object> ReadHostObject(v8::Isolate* isolate) override
    {
        uint32_t tag = 0;
        const bind::SerializableType* type =
            m_deserializer.ReadUint32(&tag)
                ? bind::IsolateData::get(isolate)->state<bind::SerializableRegistry>().findByTag(
                      tag)
                : nullptr;
        if (!type) return fail();
        v8::TryCatch tryCatch(isolate);
        v8::Local<v8::Object> object;
        if (type->deserialize(isolate, *this).ToLocal(&object)) return object;
        if (tryCatch.HasCaught()) {
            tryCatch.ReThrow();
            return {};
        }
        return fail();
    }

    v8::MaybeLocal<v8::SharedArrayBuffer> GetSharedArrayBufferFromId(v8::Isolate* isolate,
                                                                     uint32_t id) override
    {
        if (id >= m_source.sharedBuffers.size()) return {};
        return m_source.sharedBuffers[id].Get(isolate);
    }

    v8::MaybeLocal<v8::WasmModuleObject> GetWasmModuleFromId(v8::Isolate* isolate,
                                                             uint32_t id) override
    {
        if (id >= m_source.wasmModules.size()) return {};
        return m_source.wasmModules[id].Get(isolate);
    }

    bool readUint32(uint32_t& value) override { return m_deserializer.ReadUint32(&value); }
    bool readUint64(uint64_t& value) override
    {
        uint64_t v = 0;
        const bool ok = m_deserializer.ReadUint64(&v);
        value = v;
        return ok;
    }
    bool readDouble(double& value) override { return m_deserializer.ReadDouble(&value); }
    bool readBytes(const void*& data, size_t& size) override
    {
        uint64_t length = 0;
        if (!m_deserializer.ReadUint64(&length) || !m_deserializer.ReadRawBytes(length, &data))
            return false;
        size = static_cast<size_t>(length);
        return true;
    }
    bool readShared(std::shared_ptr<const void>& data) override
    {
        uint32_t index = 0;
        if (!m_deserializer.ReadUint32(&index) || index >= m_source.shared.size()) return false;
        data = m_source.shared[index];
        return true;
    }

private:
    v8::MaybeLocal<v8::Object> fail()
    {
        bind::throwDOMException(m_isolate, "DataCloneError", "The serialized data is corrupt.");
        return {};
    }

    v8::Isolate* m_isolate;
    v8::ValueDeserializer m_deserializer;
    const SerializedValue& m_source;
};

struct FreeBuffer {
    void operator()(uint8_t* p) const { std::free(p); }
};

// A copy of `bytes` in a new ArrayBuffer. The memory comes from V8's own backing store
// allocation, which first runs a young-generation GC when many young buffers hold big backing
// stores: clones made in a loop are then freed and their (already faulted-in) pages reused,
// instead of every clone touching new memory until the next full GC.
// Empty if the memory is not available (NewBackingStore would abort the process instead).
v8::Local<v8::ArrayBuffer> copyBuffer(v8::Isolate* isolate, const void* bytes, size_t length)
{
    if (!core::ArrayBufferAllocator::canAllocate(length)) return {};
    std::shared_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, length);
    if (length) std::memcpy(store->Data(), bytes, length);
    return v8::ArrayBuffer::New(isolate, std::move(store));
}

// A view of the same kind as `view` over `buffer`.
v8::Local<v8::Value> sameView(v8::Local<v8::ArrayBufferView> view,
                              v8::Local<v8::ArrayBuffer> buffer)
{
    const size_t offset = view->ByteOffset();
    const size_t bytes = view->ByteLength();
    if (view->IsDataView()) return v8::DataView::New(buffer, offset, bytes);
    const size_t length = view.As<v8::TypedArray>()->Length();
    if (view->IsUint8Array()) return v8::Uint8Array::New(buffer, offset, length);
    if (view->IsUint8ClampedArray()) return v8::Uint8ClampedArray::New(buffer, offset, length);
    if (view->IsInt8Array()) return v8::Int8Array::New(buffer, offset, length);
    if (view->IsUint16Array()) return v8::Uint16Array::New(buffer, offset, length);
    if (view->IsInt16Array()) return v8::Int16Array::New(buffer, offset, length);
    if (view->IsUint32Array()) return v8::Uint32Array::New(buffer, offset, length);
    if (view->IsInt32Array()) return v8::Int32Array::New(buffer, offset, length);
    if (view->IsFloat32Array()) return v8::Float32Array::New(buffer, offset, length);
    if (view->IsFloat64Array()) return v8::Float64Array::New(buffer, offset, length);
    if (view->IsBigInt64Array()) return v8::BigInt64Array::New(buffer, offset, length);
    if (view->IsBigUint64Array()) return v8::BigUint64Array::New(buffer, offset, length);
    return {};
}

// A lone ArrayBuffer or view (the usual heavy clone): one copy straight into the new buffer,
// with the same result as the serializer's two. Empty (nothing pending) when it does not apply.
v8::MaybeLocal<v8::Value> cloneBinary(v8::Isolate* isolate, v8::Local<v8::Value> value)
{
    v8::Local<v8::ArrayBuffer> source;
    if (value->IsArrayBuffer())
        source = value.As<v8::ArrayBuffer>();
    else if (value->IsArrayBufferView() && value.As<v8::ArrayBufferView>()->HasBuffer()) {
        v8::Local<v8::ArrayBufferView> view = value.As<v8::ArrayBufferView>();
        // A view of shared memory clones as a view of the same memory: the serializer does it.
        v8::Local<v8::Object> buffer = view->Buffer();
        if (!buffer->IsArrayBuffer()) return {};
        source = buffer.As<v8::ArrayBuffer>();
    }
    if (source.IsEmpty() || source->WasDetached())
        return {}; // the serializer reports detached buffers with its own message
    std::shared_ptr<v8::BackingStore> store = source->GetBackingStore();
    v8::Local<v8::ArrayBuffer> copy = copyBuffer(isolate, store->Data(), source->ByteLength());
    if (copy.IsEmpty()) return {};
    if (value->IsArrayBuffer()) return copy;
    v8::Local<v8::Value> view = sameView(value.As<v8::ArrayBufferView>(), copy);
    return view.IsEmpty() ? v8::MaybeLocal<v8::Value>() : view;
}

// The serializer's bytes and references for `value`, with `transfer` listed as transferred
// buffers 0..n-1. False with an exception pending.
bool serializeInto(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Value> value,
                   const std::vector<v8::Local<v8::ArrayBuffer>>& transfer, SerializedValue& out)
{
    Serializer serializer(isolate, out);
    v8::ValueSerializer& writer = serializer.serializer();
    writer.WriteHeader();
    for (size_t i = 0; i < transfer.size(); ++i)
        writer.TransferArrayBuffer(static_cast<uint32_t>(i), transfer[i]);
    if (writer.WriteValue(context, value).IsNothing()) return false;
    std::pair<uint8_t*, size_t> bytes = writer.Release();
    std::unique_ptr<uint8_t, FreeBuffer> owned(bytes.first);
    out.bytes.assign(bytes.first, bytes.first + bytes.second);
    return true;
}

// The value `serialized` holds, with the transferred buffers' memory in `transferred`.
v8::MaybeLocal<v8::Value> deserializeFrom(
    v8::Isolate* isolate, v8::Local<v8::Context> context, const SerializedValue& serialized,
    const std::vector<std::shared_ptr<v8::BackingStore>>& transferred)
{
    Deserializer deserializer(isolate, serialized.bytes.data(), serialized.bytes.size(),
                              serialized);
    v8::ValueDeserializer& in = deserializer.deserializer();
    for (size_t i = 0; i < transferred.size(); ++i)
        in.TransferArrayBuffer(static_cast<uint32_t>(i),
                               v8::ArrayBuffer::New(isolate, transferred[i]));
    if (!in.ReadHeader(context).FromMaybe(false)) return {};
    return in.ReadValue(context);
}

} // namespace

v8::MaybeLocal<v8::Value> structuredCloneValue(v8::Isolate* isolate, v8::Local<v8::Value> value,
                                               const std::vector<v8::Local<v8::Object>>& transfer)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    // https://html.spec.whatwg.org/#structuredserializewithtransfer steps 1-4.
    std::vector<v8::Local<v8::ArrayBuffer>> buffers;
    for (size_t i = 0; i < transfer.size(); ++i) {
        v8::Local<v8::Object> item = transfer[i];
        if (!item->IsArrayBuffer()) {
            bind::throwDOMException(isolate, "DataCloneError",
                                    "Value at index " + std::to_string(i) +
                                        " of the transfer list is not transferable.");
            return {};
        }
        v8::Local<v8::ArrayBuffer> buffer = item.As<v8::ArrayBuffer>();
        if (std::find(buffers.begin(), buffers.end(), buffer) != buffers.end()) {
            bind::throwDOMException(isolate, "DataCloneError",
                                    "ArrayBuffer at index " + std::to_string(i) +
                                        " is listed more than once in the transfer list.");
            return {};
        }
        if (buffer->WasDetached()) {
            bind::throwDOMException(isolate, "DataCloneError",
                                    "ArrayBuffer at index " + std::to_string(i) +
                                        " is already detached.");
            return {};
        }
        if (!buffer->IsDetachable()) {
            bind::throwDOMException(isolate, "DataCloneError",
                                    "ArrayBuffer at index " + std::to_string(i) +
                                        " cannot be transferred.");
            return {};
        }
        buffers.push_back(buffer);
    }

    if (buffers.empty() && (value->IsArrayBuffer() || value->IsArrayBufferView())) {
        v8::Local<v8::Value> copy;
        if (cloneBinary(isolate, value).ToLocal(&copy)) return copy;
    }

    SerializedValue serialized;
    if (!serializeInto(isolate, context, value, buffers, serialized)) return {};

    // Step 5: detach the transferred buffers, keeping their memory for the copies.
    std::vector<std::shared_ptr<v8::BackingStore>> stores;
    for (v8::Local<v8::ArrayBuffer> buffer : buffers) {
        stores.push_back(buffer->GetBackingStore());
        buffer->Detach();
    }

    return deserializeFrom(isolate, context, serialized, stores);
}

bool structuredSerialize(v8::Isolate* isolate, v8::Local<v8::Value> value, SerializedValue& out)
{
    return serializeInto(isolate, isolate->GetCurrentContext(), value, {}, out);
}

v8::MaybeLocal<v8::Value> structuredDeserialize(v8::Isolate* isolate,
                                                const SerializedValue& serialized)
{
    return deserializeFrom(isolate, isolate->GetCurrentContext(), serialized, {});
}

namespace {

struct StructuredSerializeOptions {
    std::vector<v8::Local<v8::Object>> transfer;
};

v8::Local<v8::Value> structuredClone(bind::CallContext& cx, v8::Local<v8::Value> value,
                                     StructuredSerializeOptions options)
{
    v8::Local<v8::Value> result;
    if (!structuredCloneValue(cx.isolate(), value, options.transfer).ToLocal(&result)) {
        cx.setFailed();
        return {};
    }
    return result;
}

} // namespace
} // namespace nano::api

namespace nano::bind {
template <> struct DictionaryTraits<api::StructuredSerializeOptions> {
    static constexpr const char* name = "StructuredSerializeOptions";
    static bool read(DictionaryReader& d, api::StructuredSerializeOptions& out)
    {
        return d.get("transfer", out.transfer);
    }
};
} // namespace nano::bind

namespace nano::api {

void installStructuredClone(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::NamespaceBuilder(context, global, nullptr).function<&structuredClone>("structuredClone");
}

} // namespace nano::api
