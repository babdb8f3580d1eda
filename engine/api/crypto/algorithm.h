#pragma once
// The algorithm table and "normalize an algorithm"
// (https://w3c.github.io/webcrypto/#algorithm-normalization-normalize-an-algorithm): which
// algorithm names each operation accepts, and which parameter dictionary it reads for them.
// A normalized algorithm is a plain C++ value: its buffers are copies made at call time, so it
// can travel to the thread pool.

#include "api/crypto/ossl.h"
#include "bind/convert.h"

#include <optional>
#include <string>

namespace nano::api::crypto {

class CryptoKey;

enum class AlgorithmId : uint8_t {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
    Hmac,
    AesCtr,
    AesCbc,
    AesGcm,
    AesKw,
    Ecdsa,
    Ecdh,
    RsassaPkcs1,
    RsaPss,
    RsaOaep,
    Ed25519,
    Ed448,
    X25519,
    X448,
    Hkdf,
    Pbkdf2,
    None,
};

// The operations of https://w3c.github.io/webcrypto/#algorithm-normalization-internal-object.
enum class Operation : uint8_t {
    Encrypt,
    Decrypt,
    Sign,
    Verify,
    Digest,
    GenerateKey,
    DeriveBits,
    ImportKey,
    WrapKey,
    UnwrapKey,
    GetKeyLength,
};

// The registered name ("AES-GCM"), as the spec spells it.
const char* algorithmName(AlgorithmId id);
bool isHash(AlgorithmId id);

// KeyUsage as bits, in the spec's enum order (also the order `usages` lists them in).
enum Usage : uint8_t {
    kEncrypt = 1,
    kDecrypt = 2,
    kSign = 4,
    kVerify = 8,
    kDeriveKey = 16,
    kDeriveBits = 32,
    kWrapKey = 64,
    kUnwrapKey = 128,
};
using Usages = uint8_t;
const char* usageName(Usage usage);
// Parses a usage name; false if it is not a KeyUsage value.
bool parseUsage(std::string_view name, Usage& out);

// A normalized algorithm: the union of the members of every parameter dictionary. Which members
// are set depends on the dictionary the table chose for (operation, name).
struct Algorithm {
    AlgorithmId id = AlgorithmId::None;
    AlgorithmId hash = AlgorithmId::None; // HashAlgorithmIdentifier members, normalized
    Bytes iv, counter, additionalData, label, salt, info, context, publicExponent;
    bool hasAdditionalData = false;
    bool hasLabel = false;
    bool hasContext = false;
    std::optional<uint32_t> length;    // AES key length, HMAC length, CTR counter bits
    std::optional<uint32_t> tagLength; // AES-GCM
    uint32_t saltLength = 0;           // RSA-PSS
    uint32_t iterations = 0;           // PBKDF2
    uint32_t modulusLength = 0;        // RSA key generation
    std::string namedCurve;            // EC key generation and import
    CryptoKey* publicKey = nullptr;    // ECDH / X25519 / X448 (valid during the call)
};

// Normalizes `value` (a string or an object with a `name`) for `op`. On failure a JS exception
// is pending: TypeError for malformed dictionaries, NotSupportedError for unknown names.
bool normalizeAlgorithm(bind::CallContext& cx, v8::Local<v8::Value> value, Operation op,
                        Algorithm& out);
// wrapKey/unwrapKey: normalize for `op`, and if the name is not registered for it, for
// `fallback` (encrypt/decrypt). `used` tells which one matched.
bool normalizeAlgorithm(bind::CallContext& cx, v8::Local<v8::Value> value, Operation op,
                        Operation fallback, Algorithm& out, Operation& used);

} // namespace nano::api::crypto
