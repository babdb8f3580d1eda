#pragma once
// RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP (https://w3c.github.io/webcrypto/#rsassa-pkcs1 and
// following).

#include "api/crypto/key.h"

namespace nano::api::crypto::rsa {

Status generateKey(const Algorithm& alg, Usages usages, NewKey& privateKey, NewKey& publicKey);
Status importKey(const KeyInput& input, const Algorithm& alg, bool extractable, Usages usages,
                 NewKey& key);
Status exportKey(KeyFormat format, KeyType type, const KeyAlgorithm& algorithm,
                 const KeyMaterial& material, Bytes& out, JsonWebKey& jwk);
// RSASSA-PKCS1-v1_5 (alg.id) or RSA-PSS (with alg.saltLength).
Status sign(const Algorithm& alg, const KeyAlgorithm& algorithm, const KeyMaterial& key,
            const uint8_t* data, size_t size, Bytes& out);
Status verify(const Algorithm& alg, const KeyAlgorithm& algorithm, const KeyMaterial& key,
              const uint8_t* signature, size_t signatureSize, const uint8_t* data, size_t size,
              bool& valid);
// RSA-OAEP with the optional label.
Status crypt(const Algorithm& alg, const KeyAlgorithm& algorithm, const KeyMaterial& key,
             const uint8_t* data, size_t size, bool encrypt, Bytes& out);

} // namespace nano::api::crypto::rsa
