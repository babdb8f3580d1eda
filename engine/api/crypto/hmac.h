#pragma once
// HMAC (https://w3c.github.io/webcrypto/#hmac).

#include "api/crypto/key.h"

namespace nano::api::crypto {
// Keys the material's reusable EVP_MAC_CTX (also used when deserializing keys).
Status makeHmacContext(KeyMaterial& material, AlgorithmId hash);
} // namespace nano::api::crypto

namespace nano::api::crypto::hmac {

Status generateKey(const Algorithm& alg, Usages usages, NewKey& key);
Status importKey(const KeyInput& input, const Algorithm& alg, bool extractable, Usages usages,
                 NewKey& key);
// raw or jwk (the JWK's key_ops/ext are filled in by the caller).
Status exportKey(KeyFormat format, const KeyAlgorithm& algorithm, const KeyMaterial& material,
                 Bytes& raw, JsonWebKey& jwk);
Status sign(const KeyMaterial& key, const uint8_t* data, size_t size, Bytes& out);
Status verify(const KeyMaterial& key, const uint8_t* signature, size_t signatureSize,
              const uint8_t* data, size_t size, bool& valid);
// https://w3c.github.io/webcrypto/#hmac-operations-get-key-length (0 with an error on failure)
Status keyLength(const Algorithm& alg, uint32_t& bits);

} // namespace nano::api::crypto::hmac
