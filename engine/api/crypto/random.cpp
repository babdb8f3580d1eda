#include "api/crypto/random.h"

#include "api/crypto/key.h"
#include "api/crypto/subtle.h"
#include "bind/serializable.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace nano::api::crypto {

bool random::fill(uint8_t* data, size_t size)
{
    // RAND_bytes takes an int; fill in chunks so any size works.
    while (size > 0) {
        const int n = static_cast<int>(std::min<size_t>(size, 1 << 30));
        if (RAND_bytes(data, n) != 1) return false;
        data += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

v8::Local<v8::Value> Crypto::getRandomValues(bind::CallContext& cx, v8::Local<v8::Value> array)
{
    if (!array->IsArrayBufferView()) {
        cx.throwTypeError("parameter 1 is not of type 'ArrayBufferView'.");
        return {};
    }
    // The IDL type is ArrayBufferView without [AllowShared], as in browsers.
    if (bind::isSharedBuffer(array)) {
        cx.throwTypeError("parameter 1 is backed by a SharedArrayBuffer, which is not allowed.");
        return {};
    }
    // Step 1: integer-typed arrays only.
    if (!(array->IsInt8Array() || array->IsUint8Array() || array->IsUint8ClampedArray() ||
          array->IsInt16Array() || array->IsUint16Array() || array->IsInt32Array() ||
          array->IsUint32Array() || array->IsBigInt64Array() || array->IsBigUint64Array())) {
        cx.throwDOMException("TypeMismatchError",
                             "The provided ArrayBufferView is not an integer array type.");
        return {};
    }
    auto view = array.As<v8::ArrayBufferView>();
    const size_t length = view->ByteLength();
    // Step 2.
    if (length > 65536) {
        cx.throwDOMException("QuotaExceededError",
                             "The ArrayBufferView's byte length (" + std::to_string(length) +
                                 ") exceeds the number of bytes of entropy available via this "
                                 "API (65536).");
        return {};
    }
    if (length > 0) {
        auto* data = static_cast<uint8_t*>(view->Buffer()->Data()) + view->ByteOffset();
        if (!random::fill(data, length)) {
            cx.throwDOMException("OperationError", "The random number generator failed.");
            return {};
        }
    }
    return array;
}

std::string Crypto::randomUUID(bind::CallContext& cx)
{
    uint8_t b[16];
    if (!random::fill(b, sizeof b)) {
        cx.throwDOMException("OperationError", "The random number generator failed.");
        return {};
    }
    b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40); // version 4
    b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80); // variant 10
    static const char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(hex[b[i] >> 4]);
        out.push_back(hex[b[i] & 15]);
    }
    return out;
}

v8::Local<v8::Value> Crypto::subtle(bind::CallContext& cx)
{
    // [SameObject]
    if (!m_subtle) {
        m_subtle.set(bind::create<SubtleCrypto>(cx.isolate()));
        if (!m_subtle) {
            cx.setFailed();
            return {};
        }
    }
    return m_subtle->wrapper();
}

void Crypto::define(bind::ClassBuilder<Crypto>& c)
{
    c.method<&Crypto::getRandomValues>("getRandomValues")
        .method<&Crypto::randomUUID>("randomUUID")
        .readonlyAttribute<&Crypto::subtle>("subtle");
}

} // namespace nano::api::crypto

namespace nano::api {

void installCrypto(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    using namespace crypto;
    v8::Isolate* isolate = context->GetIsolate();
    bind::exposeLazily<Crypto>(context, global);
    bind::exposeLazily<SubtleCrypto>(context, global);
    bind::exposeLazily<CryptoKey>(context, global);
    // https://w3c.github.io/webcrypto/#cryptokey-interface-clone
    bind::registerSerializable<CryptoKey>(
        isolate,
        [](v8::Isolate*, CryptoKey& key, bind::CloneWriter& out) {
            std::vector<uint8_t> bytes = key.serialize();
            out.writeBytes(bytes.data(), bytes.size());
            OPENSSL_cleanse(bytes.data(), bytes.size()); // key material
            return true;
        },
        [](v8::Isolate* isolate, bind::CloneReader& in) -> CryptoKey* {
            const void* bytes = nullptr;
            size_t size = 0;
            if (!in.readBytes(bytes, size)) return nullptr;
            return CryptoKey::deserialize(isolate, static_cast<const uint8_t*>(bytes), size);
        });
    bind::exposeSingleton<Crypto>(context, global, "crypto");
}

} // namespace nano::api
