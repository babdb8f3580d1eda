#pragma once
// The Secure Curves (https://wicg.github.io/webcrypto-secure-curves/): Ed25519 and Ed448
// signatures, X25519 and X448 key agreement.

#include "api/crypto/key.h"

#include <optional>

namespace nano::api::crypto::ed {

Status generateKey(const Algorithm& alg, Usages usages, NewKey& privateKey, NewKey& publicKey);
Status importKey(const KeyInput& input, const Algorithm& alg, bool extractable, Usages usages,
                 NewKey& key);
Status exportKey(KeyFormat format, KeyType type, const KeyAlgorithm& algorithm,
                 const KeyMaterial& material, Bytes& out, JsonWebKey& jwk);
Status sign(const Algorithm& alg, const KeyMaterial& key, const uint8_t* data, size_t size,
            Bytes& out);
Status verify(const Algorithm& alg, const KeyAlgorithm& algorithm, const KeyMaterial& key,
              const uint8_t* signature, size_t signatureSize, const uint8_t* data, size_t size,
              bool& valid);

} // namespace nano::api::crypto::ed
