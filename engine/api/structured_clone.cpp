#include "api/structured_clone.h"

#include "api/blob.h"
#include "api/crypto/key.h"
#include "api/file.h"
#include "bind/dom_exception.h"
#include "bind/namespace_builder.h"
#include "core/array_buffer_allocator.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <openssl/crypto.h>
#include <memory>

namespace nano::api {

namespace {

// The tags of our serializable platform objects in the serialized form.
enum class HostTag : uint32_t { DOMException = 1, Blob = 2, File = 3, CryptoKey = 4 };

class Serializer final : public v8::ValueSerializer::Delegate {
public:
    explicit Serializer(v8::Isolate* isolate) : m_isolate(isolate), m_serializer(isolate, this) {}

    v8::ValueSerializer& serializer() { return m_serializer; }

    void ThrowDataCloneError(v8::Local<v8::String> message) override
    {
        bind::throwDOMException(m_isolate, "DataCloneError",
                                bind::toUtf8(m_isolate, message));
    }

    // https://html.spec.whatwg.org/#structuredserializeinternal step 19-20: platform objects
    // are cloned if they are serializable, else DataCloneError.
    v8::Maybe<bool> WriteHostObject(v8::Isolate* isolate, v8::Local<v8::Object> object) override
    {
        if (auto* exception = bind::unwrap<bind::DOMException>(isolate, object)) {
            // https://webidl.spec.whatwg.org/#idl-DOMException serialization steps.
            m_serializer.WriteUint32(static_cast<uint32_t>(HostTag::DOMException));
            writeString(exception->name());
            writeString(exception->message());
            v8::Local<v8::Value> stack;
            std::string stackText;
            if (object->Get(isolate->GetCurrentContext(), bind::name(isolate, "stack"))
                    .ToLocal(&stack) &&
                stack->IsString())
                stackText = bind::toUtf8(isolate, stack.As<v8::String>());
            writeString(stackText);
            return v8::Just(true);
        }
        // https://w3c.github.io/FileAPI/#blob-section serialization steps: the bytes are
        // immutable, so the clone shares them (within this agent) instead of copying.
        if (auto* file = bind::unwrap<File>(isolate, object)) {
            m_serializer.WriteUint32(static_cast<uint32_t>(HostTag::File));
            writeBlob(*file);
            writeString(file->name());
            m_serializer.WriteDouble(static_cast<double>(file->lastModified()));
            return v8::Just(true);
        }
        // https://w3c.github.io/webcrypto/#cryptokey-interface-clone
        if (auto* key = bind::unwrap<crypto::CryptoKey>(isolate, object)) {
            std::vector<uint8_t> bytes = key->serialize();
            m_serializer.WriteUint32(static_cast<uint32_t>(HostTag::CryptoKey));
            m_serializer.WriteUint64(bytes.size());
            m_serializer.WriteRawBytes(bytes.data(), bytes.size());
            OPENSSL_cleanse(bytes.data(), bytes.size()); // key material
            return v8::Just(true);
        }
        if (auto* blob = bind::unwrap<Blob>(isolate, object)) {
            m_serializer.WriteUint32(static_cast<uint32_t>(HostTag::Blob));
            writeBlob(*blob);
            return v8::Just(true);
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
        m_sharedBuffers.emplace_back(m_isolate, buffer);
        return v8::Just(static_cast<uint32_t>(m_sharedBuffers.size() - 1));
    }

    v8::Maybe<uint32_t> GetWasmModuleTransferId(v8::Isolate*,
                                                v8::Local<v8::WasmModuleObject> module) override
    {
        m_wasmModules.emplace_back(m_isolate, module);
        return v8::Just(static_cast<uint32_t>(m_wasmModules.size() - 1));
    }

    std::vector<v8::Global<v8::SharedArrayBuffer>> m_sharedBuffers;
    std::vector<v8::Global<v8::WasmModuleObject>> m_wasmModules;
    std::vector<Blob::Bytes> m_blobBytes;

private:
    void writeBlob(const Blob& blob)
    {
        m_blobBytes.push_back(blob.bytes());
        m_serializer.WriteUint32(static_cast<uint32_t>(m_blobBytes.size() - 1));
        writeString(blob.type());
    }

    void writeString(const std::string& text)
    {
        m_serializer.WriteUint64(text.size());
        m_serializer.WriteRawBytes(text.data(), text.size());
    }

    v8::Isolate* m_isolate;
    v8::ValueSerializer m_serializer;
};

class Deserializer final : public v8::ValueDeserializer::Delegate {
public:
    Deserializer(v8::Isolate* isolate, const uint8_t* data, size_t size, Serializer& source)
        : m_isolate(isolate), m_deserializer(isolate, data, size, this), m_source(source)
    {
    }

    v8::ValueDeserializer& deserializer() { return m_deserializer; }

    v8::MaybeLocal<v8::Object> ReadHostObject(v8::Isolate* isolate) override
    {
        uint32_t tag = 0;
        if (!m_deserializer.ReadUint32(&tag))
            return fail();
        switch (static_cast<HostTag>(tag)) {
        case HostTag::DOMException: {
            std::string name, message, stack;
            if (!readString(name) || !readString(message) || !readString(stack))
                return fail();
            v8::Local<v8::Object> object = bind::DOMException::create(isolate, message, name);
            if (object.IsEmpty())
                return {};
            v8::Local<v8::String> stackValue;
            if (!stack.empty() && bind::newString(isolate, stack).ToLocal(&stackValue))
                object
                    ->DefineOwnProperty(isolate->GetCurrentContext(),
                                        bind::name(isolate, "stack"), stackValue, v8::DontEnum)
                    .IsJust();
            return object;
        }
        case HostTag::CryptoKey: {
            uint64_t size = 0;
            const void* bytes = nullptr;
            if (!m_deserializer.ReadUint64(&size) || !m_deserializer.ReadRawBytes(size, &bytes))
                return fail();
            crypto::CryptoKey* key =
                crypto::CryptoKey::deserialize(isolate, static_cast<const uint8_t*>(bytes), size);
            if (!key)
                return fail();
            return key->wrapper();
        }
        case HostTag::Blob:
        case HostTag::File: {
            uint32_t index = 0;
            std::string type;
            if (!m_deserializer.ReadUint32(&index) || index >= m_source.m_blobBytes.size() ||
                !readString(type))
                return fail();
            const Blob::Bytes& bytes = m_source.m_blobBytes[index];
            if (static_cast<HostTag>(tag) == HostTag::Blob) {
                Blob* blob = bind::create<Blob>(isolate, bytes, std::move(type));
                return blob ? blob->wrapper() : v8::MaybeLocal<v8::Object>();
            }
            std::string name;
            double lastModified = 0;
            if (!readString(name) || !m_deserializer.ReadDouble(&lastModified))
                return fail();
            File* file = bind::create<File>(isolate, bytes, std::move(type), std::move(name),
                                            static_cast<int64_t>(lastModified));
            return file ? file->wrapper() : v8::MaybeLocal<v8::Object>();
        }
        }
        return fail();
    }

    v8::MaybeLocal<v8::SharedArrayBuffer> GetSharedArrayBufferFromId(v8::Isolate* isolate,
                                                                     uint32_t id) override
    {
        if (id >= m_source.m_sharedBuffers.size())
            return {};
        return m_source.m_sharedBuffers[id].Get(isolate);
    }

    v8::MaybeLocal<v8::WasmModuleObject> GetWasmModuleFromId(v8::Isolate* isolate,
                                                             uint32_t id) override
    {
        if (id >= m_source.m_wasmModules.size())
            return {};
        return m_source.m_wasmModules[id].Get(isolate);
    }

private:
    bool readString(std::string& out)
    {
        uint64_t size = 0;
        const void* bytes = nullptr;
        if (!m_deserializer.ReadUint64(&size) || !m_deserializer.ReadRawBytes(size, &bytes))
            return false;
        out.assign(static_cast<const char*>(bytes), size);
        return true;
    }
    v8::MaybeLocal<v8::Object> fail()
    {
        bind::throwDOMException(m_isolate, "DataCloneError", "The serialized data is corrupt.");
        return {};
    }

    v8::Isolate* m_isolate;
    v8::ValueDeserializer m_deserializer;
    Serializer& m_source;
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
    if (!core::ArrayBufferAllocator::canAllocate(length))
        return {};
    std::shared_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(isolate, length);
    if (length)
        std::memcpy(store->Data(), bytes, length);
    return v8::ArrayBuffer::New(isolate, std::move(store));
}

// A view of the same kind as `view` over `buffer`.
v8::Local<v8::Value> sameView(v8::Local<v8::ArrayBufferView> view, v8::Local<v8::ArrayBuffer> buffer)
{
    const size_t offset = view->ByteOffset();
    const size_t bytes = view->ByteLength();
    if (view->IsDataView())
        return v8::DataView::New(buffer, offset, bytes);
    const size_t length = view.As<v8::TypedArray>()->Length();
    if (view->IsUint8Array())
        return v8::Uint8Array::New(buffer, offset, length);
    if (view->IsUint8ClampedArray())
        return v8::Uint8ClampedArray::New(buffer, offset, length);
    if (view->IsInt8Array())
        return v8::Int8Array::New(buffer, offset, length);
    if (view->IsUint16Array())
        return v8::Uint16Array::New(buffer, offset, length);
    if (view->IsInt16Array())
        return v8::Int16Array::New(buffer, offset, length);
    if (view->IsUint32Array())
        return v8::Uint32Array::New(buffer, offset, length);
    if (view->IsInt32Array())
        return v8::Int32Array::New(buffer, offset, length);
    if (view->IsFloat32Array())
        return v8::Float32Array::New(buffer, offset, length);
    if (view->IsFloat64Array())
        return v8::Float64Array::New(buffer, offset, length);
    if (view->IsBigInt64Array())
        return v8::BigInt64Array::New(buffer, offset, length);
    if (view->IsBigUint64Array())
        return v8::BigUint64Array::New(buffer, offset, length);
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
        if (!buffer->IsArrayBuffer())
            return {};
        source = buffer.As<v8::ArrayBuffer>();
    }
    if (source.IsEmpty() || source->WasDetached())
        return {}; // the serializer reports detached buffers with its own message
    std::shared_ptr<v8::BackingStore> store = source->GetBackingStore();
    v8::Local<v8::ArrayBuffer> copy = copyBuffer(isolate, store->Data(), source->ByteLength());
    if (copy.IsEmpty())
        return {};
    if (value->IsArrayBuffer())
        return copy;
    v8::Local<v8::Value> view = sameView(value.As<v8::ArrayBufferView>(), copy);
    return view.IsEmpty() ? v8::MaybeLocal<v8::Value>() : view;
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
        if (cloneBinary(isolate, value).ToLocal(&copy))
            return copy;
    }

    Serializer serializer(isolate);
    v8::ValueSerializer& out = serializer.serializer();
    out.WriteHeader();
    for (size_t i = 0; i < buffers.size(); ++i)
        out.TransferArrayBuffer(static_cast<uint32_t>(i), buffers[i]);
    if (out.WriteValue(context, value).IsNothing())
        return {};
    std::pair<uint8_t*, size_t> bytes = out.Release();
    std::unique_ptr<uint8_t, FreeBuffer> owned(bytes.first);

    // Step 5: detach the transferred buffers, keeping their memory for the copies.
    std::vector<std::shared_ptr<v8::BackingStore>> stores;
    for (v8::Local<v8::ArrayBuffer> buffer : buffers) {
        stores.push_back(buffer->GetBackingStore());
        buffer->Detach();
    }

    Deserializer deserializer(isolate, bytes.first, bytes.second, serializer);
    v8::ValueDeserializer& in = deserializer.deserializer();
    for (size_t i = 0; i < stores.size(); ++i)
        in.TransferArrayBuffer(static_cast<uint32_t>(i), v8::ArrayBuffer::New(isolate, stores[i]));
    if (!in.ReadHeader(context).FromMaybe(false))
        return {};
    return in.ReadValue(context);
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
