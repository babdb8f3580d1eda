#include "api/crypto/algorithm.h"

#include "api/crypto/key.h"
#include "bind/class_builder.h"

#include <strings.h>

namespace nano::api::crypto {

namespace {

struct Entry {
    AlgorithmId id;
    const char* name;
};

constexpr Entry kAlgorithms[] = {
    {AlgorithmId::Sha1, "SHA-1"},      {AlgorithmId::Sha256, "SHA-256"},
    {AlgorithmId::Sha384, "SHA-384"},  {AlgorithmId::Sha512, "SHA-512"},
    {AlgorithmId::Hmac, "HMAC"},       {AlgorithmId::AesCtr, "AES-CTR"},
    {AlgorithmId::AesCbc, "AES-CBC"},  {AlgorithmId::AesGcm, "AES-GCM"},
    {AlgorithmId::AesKw, "AES-KW"},    {AlgorithmId::Ecdsa, "ECDSA"},
    {AlgorithmId::Ecdh, "ECDH"},       {AlgorithmId::RsassaPkcs1, "RSASSA-PKCS1-v1_5"},
    {AlgorithmId::RsaPss, "RSA-PSS"},  {AlgorithmId::RsaOaep, "RSA-OAEP"},
    {AlgorithmId::Ed25519, "Ed25519"}, {AlgorithmId::Ed448, "Ed448"},
    {AlgorithmId::X25519, "X25519"},   {AlgorithmId::X448, "X448"},
    {AlgorithmId::Hkdf, "HKDF"},       {AlgorithmId::Pbkdf2, "PBKDF2"},
};

// The parameter dictionaries of the spec (and of the Secure Curves draft).
enum class Dict {
    None,  // the operation is not registered for the algorithm
    Plain, // Algorithm: no members beyond `name`
    AesCtrParams,
    AesCbcParams,
    AesGcmParams,
    RsaOaepParams,
    RsaPssParams,
    EcdsaParams,
    Ed448Params,
    RsaHashedKeyGenParams,
    EcKeyGenParams,
    HmacKeyGenParams,
    AesKeyGenParams,
    EcdhKeyDeriveParams,
    HkdfParams,
    Pbkdf2Params,
    RsaHashedImportParams,
    EcKeyImportParams,
    HmacImportParams,
    AesDerivedKeyParams,
};

// https://w3c.github.io/webcrypto/#algorithm-overview: the registered (operation, algorithm)
// pairs and the IDL dictionary type of each.
Dict dictionaryFor(Operation op, AlgorithmId id)
{
    using A = AlgorithmId;
    using O = Operation;
    switch (op) {
    case O::Encrypt:
    case O::Decrypt:
        switch (id) {
        case A::RsaOaep: return Dict::RsaOaepParams;
        case A::AesCtr: return Dict::AesCtrParams;
        case A::AesCbc: return Dict::AesCbcParams;
        case A::AesGcm: return Dict::AesGcmParams;
        default: return Dict::None;
        }
    case O::Sign:
    case O::Verify:
        switch (id) {
        case A::RsassaPkcs1:
        case A::Hmac:
        case A::Ed25519: return Dict::Plain;
        case A::RsaPss: return Dict::RsaPssParams;
        case A::Ecdsa: return Dict::EcdsaParams;
        case A::Ed448: return Dict::Ed448Params;
        default: return Dict::None;
        }
    case O::Digest: return isHash(id) ? Dict::Plain : Dict::None;
    case O::GenerateKey:
        switch (id) {
        case A::RsassaPkcs1:
        case A::RsaPss:
        case A::RsaOaep: return Dict::RsaHashedKeyGenParams;
        case A::Ecdsa:
        case A::Ecdh: return Dict::EcKeyGenParams;
        case A::Hmac: return Dict::HmacKeyGenParams;
        case A::AesCtr:
        case A::AesCbc:
        case A::AesGcm:
        case A::AesKw: return Dict::AesKeyGenParams;
        case A::Ed25519:
        case A::Ed448:
        case A::X25519:
        case A::X448: return Dict::Plain;
        default: return Dict::None;
        }
    case O::DeriveBits:
        switch (id) {
        case A::Ecdh:
        case A::X25519:
        case A::X448: return Dict::EcdhKeyDeriveParams;
        case A::Hkdf: return Dict::HkdfParams;
        case A::Pbkdf2: return Dict::Pbkdf2Params;
        default: return Dict::None;
        }
    case O::ImportKey:
        switch (id) {
        case A::RsassaPkcs1:
        case A::RsaPss:
        case A::RsaOaep: return Dict::RsaHashedImportParams;
        case A::Ecdsa:
        case A::Ecdh: return Dict::EcKeyImportParams;
        case A::Hmac: return Dict::HmacImportParams;
        default: return isHash(id) || id == A::None ? Dict::None : Dict::Plain;
        }
    case O::WrapKey:
    case O::UnwrapKey: return id == A::AesKw ? Dict::Plain : Dict::None;
    case O::GetKeyLength:
        switch (id) {
        case A::AesCtr:
        case A::AesCbc:
        case A::AesGcm:
        case A::AesKw: return Dict::AesDerivedKeyParams;
        case A::Hmac: return Dict::HmacImportParams;
        case A::Hkdf:
        case A::Pbkdf2: return Dict::Plain;
        default: return Dict::None;
        }
    }
    return Dict::None;
}

const char* dictionaryName(Dict d)
{
    switch (d) {
    case Dict::AesCtrParams: return "AesCtrParams";
    case Dict::AesCbcParams: return "AesCbcParams";
    case Dict::AesGcmParams: return "AesGcmParams";
    case Dict::RsaOaepParams: return "RsaOaepParams";
    case Dict::RsaPssParams: return "RsaPssParams";
    case Dict::EcdsaParams: return "EcdsaParams";
    case Dict::Ed448Params: return "Ed448Params";
    case Dict::RsaHashedKeyGenParams: return "RsaHashedKeyGenParams";
    case Dict::EcKeyGenParams: return "EcKeyGenParams";
    case Dict::HmacKeyGenParams: return "HmacKeyGenParams";
    case Dict::AesKeyGenParams: return "AesKeyGenParams";
    case Dict::EcdhKeyDeriveParams: return "EcdhKeyDeriveParams";
    case Dict::HkdfParams: return "HkdfParams";
    case Dict::Pbkdf2Params: return "Pbkdf2Params";
    case Dict::RsaHashedImportParams: return "RsaHashedImportParams";
    case Dict::EcKeyImportParams: return "EcKeyImportParams";
    case Dict::HmacImportParams: return "HmacImportParams";
    case Dict::AesDerivedKeyParams: return "AesDerivedKeyParams";
    default: return "Algorithm";
    }
}

// A BufferSource member, copied (the spec copies every buffer while normalizing).
bool readBuffer(bind::DictionaryReader& d, const char* key, bool required, Bytes& out,
                bool* present = nullptr)
{
    std::optional<bind::BufferSource> buffer;
    if (required) {
        bind::BufferSource b;
        if (!d.required(key, b)) return false;
        buffer = std::move(b);
    } else if (!d.get(key, buffer)) {
        return false;
    }
    if (present) *present = buffer.has_value();
    if (buffer) out = toBytes(buffer->data(), buffer->size());
    return true;
}

// A HashAlgorithmIdentifier member, normalized for "digest".
bool readHash(bind::DictionaryReader& d, AlgorithmId& out)
{
    v8::Local<v8::Value> value;
    if (!d.raw("hash", value)) return false;
    bind::CallContext& cx = d.call();
    if (value->IsUndefined()) {
        cx.throwTypeError("The required member 'hash' is missing.");
        return false;
    }
    Algorithm hash;
    if (!normalizeAlgorithm(cx, value, Operation::Digest, hash)) return false;
    out = hash.id;
    return true;
}

template <class T> bool readEnforced(bind::DictionaryReader& d, const char* key, T& out)
{
    bind::EnforceRange<T> v;
    if (!d.required(key, v)) return false;
    out = v.value;
    return true;
}

bool readMembers(bind::DictionaryReader& d, Dict dict, Algorithm& out)
{
    switch (dict) {
    case Dict::None:
    case Dict::Plain: return true;
    case Dict::AesCtrParams: {
        uint8_t length = 0;
        if (!readBuffer(d, "counter", true, out.counter) || !readEnforced(d, "length", length))
            return false;
        out.length = length;
        return true;
    }
    case Dict::AesCbcParams: return readBuffer(d, "iv", true, out.iv);
    case Dict::AesGcmParams: {
        std::optional<bind::EnforceRange<uint8_t>> tagLength;
        if (!readBuffer(d, "additionalData", false, out.additionalData, &out.hasAdditionalData) ||
            !readBuffer(d, "iv", true, out.iv) || !d.get("tagLength", tagLength))
            return false;
        if (tagLength) out.tagLength = tagLength->value;
        return true;
    }
    case Dict::RsaOaepParams: return readBuffer(d, "label", false, out.label, &out.hasLabel);
    case Dict::RsaPssParams: return readEnforced(d, "saltLength", out.saltLength);
    case Dict::EcdsaParams: return readHash(d, out.hash);
    case Dict::Ed448Params: return readBuffer(d, "context", false, out.context, &out.hasContext);
    case Dict::RsaHashedKeyGenParams: {
        if (!readHash(d, out.hash) || !readEnforced(d, "modulusLength", out.modulusLength))
            return false;
        v8::Local<v8::Value> exponent;
        if (!d.raw("publicExponent", exponent)) return false;
        if (exponent->IsUndefined()) {
            d.call().throwTypeError("The required member 'publicExponent' is missing.");
            return false;
        }
        // BigInteger is a Uint8Array, not [AllowShared].
        auto buffer = bind::BufferSource::from(exponent);
        if (!exponent->IsUint8Array() || !buffer) {
            d.call().throwTypeError(bind::isSharedBuffer(exponent)
                                        ? "The member 'publicExponent' is backed by a "
                                          "SharedArrayBuffer, which is not allowed."
                                        : "The member 'publicExponent' is not a Uint8Array.");
            return false;
        }
        out.publicExponent = toBytes(buffer->data(), buffer->size());
        return true;
    }
    case Dict::EcKeyGenParams:
    case Dict::EcKeyImportParams: return d.required("namedCurve", out.namedCurve);
    case Dict::HmacKeyGenParams:
    case Dict::HmacImportParams: {
        std::optional<bind::EnforceRange<uint32_t>> length;
        if (!readHash(d, out.hash) || !d.get("length", length)) return false;
        if (length) out.length = length->value;
        return true;
    }
    case Dict::AesKeyGenParams:
    case Dict::AesDerivedKeyParams: {
        uint16_t length = 0;
        if (!readEnforced(d, "length", length)) return false;
        out.length = length;
        return true;
    }
    case Dict::EcdhKeyDeriveParams: return d.required("public", out.publicKey);
    case Dict::HkdfParams:
        return readHash(d, out.hash) && readBuffer(d, "info", true, out.info) &&
               readBuffer(d, "salt", true, out.salt);
    case Dict::Pbkdf2Params:
        return readHash(d, out.hash) && readEnforced(d, "iterations", out.iterations) &&
               readBuffer(d, "salt", true, out.salt);
    case Dict::RsaHashedImportParams: return readHash(d, out.hash);
    }
    return true;
}

const char* operationName(Operation op)
{
    switch (op) {
    case Operation::Encrypt: return "encrypt";
    case Operation::Decrypt: return "decrypt";
    case Operation::Sign: return "sign";
    case Operation::Verify: return "verify";
    case Operation::Digest: return "digest";
    case Operation::GenerateKey: return "generateKey";
    case Operation::DeriveBits: return "deriveBits";
    case Operation::ImportKey: return "importKey";
    case Operation::WrapKey: return "wrapKey";
    case Operation::UnwrapKey: return "unwrapKey";
    case Operation::GetKeyLength: return "get key length";
    }
    return "";
}

} // namespace

const char* algorithmName(AlgorithmId id)
{
    for (const Entry& e : kAlgorithms) {
        if (e.id == id) return e.name;
    }
    return "";
}

bool isHash(AlgorithmId id)
{
    return id == AlgorithmId::Sha1 || id == AlgorithmId::Sha256 || id == AlgorithmId::Sha384 ||
           id == AlgorithmId::Sha512;
}

namespace {
constexpr const char* kUsageNames[] = {"encrypt",   "decrypt",    "sign",    "verify",
                                       "deriveKey", "deriveBits", "wrapKey", "unwrapKey"};
}

const char* usageName(Usage usage)
{
    for (int i = 0; i < 8; ++i) {
        if (usage == (1 << i)) return kUsageNames[i];
    }
    return "";
}

bool parseUsage(std::string_view name, Usage& out)
{
    for (int i = 0; i < 8; ++i) {
        if (name == kUsageNames[i]) {
            out = static_cast<Usage>(1 << i);
            return true;
        }
    }
    return false;
}

// https://w3c.github.io/webcrypto/#algorithm-normalization-normalize-an-algorithm
bool normalizeAlgorithm(bind::CallContext& cx, v8::Local<v8::Value> value, Operation op,
                        Algorithm& out)
{
    Operation used;
    return normalizeAlgorithm(cx, value, op, op, out, used);
}

bool normalizeAlgorithm(bind::CallContext& cx, v8::Local<v8::Value> value, Operation op,
                        Operation fallback, Algorithm& out, Operation& used)
{
    v8::Isolate* isolate = cx.isolate();
    std::string name;
    v8::Local<v8::Value> dictionary = value;
    if (value->IsString()) {
        name = bind::toUtf8(isolate, value.As<v8::String>());
        dictionary = v8::Undefined(isolate);
    } else {
        // Step 2: convert to the Algorithm dictionary (objects only; `name` is required).
        if (!value->IsObject()) {
            cx.throwTypeError("The algorithm is neither a string nor an object.");
            return false;
        }
        bind::ValueSource src;
        bind::DictionaryReader d(cx, src, value, "Algorithm");
        if (!d.ok() || !d.required("name", name)) return false;
    }
    // Steps 5-6: a case-insensitive match among the algorithms registered for the operation.
    AlgorithmId id = AlgorithmId::None;
    for (const Entry& e : kAlgorithms) {
        if (strcasecmp(e.name, name.c_str()) == 0 && name.size() == strlen(e.name)) {
            id = e.id;
            break;
        }
    }
    used = op;
    Dict dict = id == AlgorithmId::None ? Dict::None : dictionaryFor(op, id);
    if (dict == Dict::None && fallback != op && id != AlgorithmId::None) {
        used = fallback;
        dict = dictionaryFor(fallback, id);
    }
    if (dict == Dict::None) {
        cx.throwDOMException("NotSupportedError",
                             "Unrecognized name '" + name + "' for " + operationName(op) + ".");
        return false;
    }
    out.id = id;
    if (dict == Dict::Plain) return true;
    // Step 8: convert to the operation's dictionary type.
    bind::ValueSource src;
    bind::DictionaryReader d(cx, src, dictionary, dictionaryName(dict));
    return d.ok() && readMembers(d, dict, out);
}

} // namespace nano::api::crypto
