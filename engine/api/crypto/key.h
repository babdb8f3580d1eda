#pragma once
// CryptoKey (https://w3c.github.io/webcrypto/#cryptokey-interface). The key material lives in an
// immutable, reference-counted KeyMaterial that jobs on the thread pool share safely; the
// wrapper holds the spec's internal slots ([[type]], [[extractable]], [[algorithm]],
// [[usages]]).

#include "api/crypto/algorithm.h"
#include "bind/class_builder.h"
#include "bind/member.h"

#include <memory>
#include <mutex>

namespace nano::api::crypto {

enum class KeyType : uint8_t { Secret, Public, Private };
const char* keyTypeName(KeyType type);

// [[algorithm]] as C++ data (KeyAlgorithm and its derived dictionaries).
struct KeyAlgorithm {
    AlgorithmId id = AlgorithmId::None;
    uint32_t length = 0;                  // AES and HMAC key length in bits
    AlgorithmId hash = AlgorithmId::None; // HMAC and RSA
    std::string namedCurve;               // EC
    uint32_t modulusLength = 0;           // RSA
    Bytes publicExponent;                 // RSA
};

// The key itself. Immutable once made; shared by the CryptoKey and running jobs. Secret bytes are
// wiped when the last owner lets go (EVP_PKEY_free wipes OpenSSL's own copies).
struct KeyMaterial {
    SecretBytes secret; // secret keys
    EvpPkey pkey;       // asymmetric keys
    EvpMacCtx hmac;     // HMAC: a context keyed once and duplicated per operation
    size_t memorySize() const;

    // A sign/verify/... EVP_PKEY_CTX set up once per (operation, parameters) `tag` by `make`,
    // and duplicated for each use: setting one up (provider fetches, padding, digests) costs
    // more than an ECDSA signature's arithmetic. Thread-safe. Null if `make` failed.
    EvpPkeyCtx preparedContext(uint64_t tag, EvpPkeyCtx (*make)(EVP_PKEY*, uint64_t)) const;

private:
    mutable std::mutex m_preparedMutex;
    mutable std::vector<std::pair<uint64_t, EvpPkeyCtx>> m_prepared;
};
using KeyMaterialPtr = std::shared_ptr<const KeyMaterial>;

class CryptoKey final : public bind::Wrappable {
    NANO_BIND_CLASS(CryptoKey)
public:
    CryptoKey(KeyType type, bool extractable, KeyAlgorithm algorithm, Usages usages,
              KeyMaterialPtr material);
    // Creates a key owned by a new JS wrapper (null with an exception pending on failure).
    static CryptoKey* create(v8::Isolate* isolate, KeyType type, bool extractable,
                             KeyAlgorithm algorithm, Usages usages, KeyMaterialPtr material);

    KeyType keyType() const { return m_type; }
    bool isExtractable() const { return m_extractable; }
    const KeyAlgorithm& keyAlgorithm() const { return m_algorithm; }
    Usages usageBits() const { return m_usages; }
    const KeyMaterialPtr& material() const { return m_material; }

    // Structured serialization (https://w3c.github.io/webcrypto/#cryptokey-interface-clone):
    // type, extractable, algorithm, usages and the key material (raw bytes for secret keys,
    // PKCS #8 / SPKI DER for private / public keys) in one versioned byte string.
    std::vector<uint8_t> serialize() const;
    // The inverse; null (no exception) if the bytes are not a serialized key.
    static CryptoKey* deserialize(v8::Isolate* isolate, const uint8_t* data, size_t size);

    // The JS surface.
    std::string type() const { return keyTypeName(m_type); }
    bool extractable() const { return m_extractable; }
    v8::Local<v8::Value> algorithm(bind::CallContext& cx);
    v8::Local<v8::Value> usages(bind::CallContext& cx);
    void inspectMore(v8::Isolate* isolate, Inspected& out) override;
    static void define(bind::ClassBuilder<CryptoKey>& c);

private:
    // The [SameObject] values of algorithm and usages, made on first use.
    v8::MaybeLocal<v8::Value> algorithmObject(v8::Isolate* isolate);
    v8::MaybeLocal<v8::Value> usagesObject(v8::Isolate* isolate);

    KeyType m_type;
    bool m_extractable;
    KeyAlgorithm m_algorithm;
    Usages m_usages;
    KeyMaterialPtr m_material;
    // The spec caches the algorithm and usages objects: the same object on every read.
    bind::Member<v8::Object> m_algorithmObject{this};
    bind::Member<v8::Array> m_usagesObject{this};
};

// --- what the algorithm families exchange with SubtleCrypto --------------------------------------

enum class KeyFormat : uint8_t { Raw, Spki, Pkcs8, Jwk };
struct JsonWebKey;

// The input of an import: bytes for raw/spki/pkcs8, a JWK for jwk.
struct KeyInput {
    KeyFormat format = KeyFormat::Raw;
    Bytes bytes;
    const JsonWebKey* jwk = nullptr;
};

// A key made by import, generation or derivation, before it gets its JS wrapper. Thread-safe.
struct NewKey {
    KeyType type = KeyType::Secret;
    KeyAlgorithm algorithm;
    Usages usages = 0;
    std::shared_ptr<KeyMaterial> material = std::make_shared<KeyMaterial>();
};

// SyntaxError unless every requested usage is in `allowed`.
Status checkUsages(Usages requested, Usages allowed, const char* what);

// DER of an EVP_PKEY (i2d_PUBKEY / PKCS #8) and the inverse, checking the key's type.
Status exportSpki(const EVP_PKEY* pkey, Bytes& out);
Status exportPkcs8(const EVP_PKEY* pkey, Bytes& out);
// The spki/pkcs8 cases of exportKey for asymmetric families: SPKI of public keys, PKCS #8 of
// private ones, InvalidAccessError otherwise.
Status exportDer(KeyFormat format, KeyType type, const EVP_PKEY* pkey, Bytes& out);
// DataError on malformed DER or a key whose type is not `expectedType` (EVP_PKEY_EC, ...).
Status importSpki(const Bytes& der, int expectedType, EvpPkey& out);
Status importPkcs8(const Bytes& der, int expectedType, EvpPkey& out);

// The JS form of a KeyAlgorithm dictionary.
v8::MaybeLocal<v8::Object> keyAlgorithmToJs(v8::Isolate* isolate, const KeyAlgorithm& algorithm);

} // namespace nano::api::crypto

namespace nano::bind {
// https://w3c.github.io/webcrypto/#dfn-KeyFormat
template <> struct EnumTraits<api::crypto::KeyFormat> {
    static constexpr const char* name = "KeyFormat";
    static constexpr std::pair<const char*, api::crypto::KeyFormat> values[] = {
        {"raw", api::crypto::KeyFormat::Raw},
        {"spki", api::crypto::KeyFormat::Spki},
        {"pkcs8", api::crypto::KeyFormat::Pkcs8},
        {"jwk", api::crypto::KeyFormat::Jwk}};
};
} // namespace nano::bind
