#pragma once
// ECDSA and ECDH on P-256, P-384 and P-521 (https://w3c.github.io/webcrypto/#ecdsa,
// https://w3c.github.io/webcrypto/#ecdh).

#include "api/crypto/key.h"

#include <optional>

namespace nano::api::crypto::ec {

Status generateKey(const Algorithm& alg, Usages usages, NewKey& privateKey, NewKey& publicKey);
Status importKey(const KeyInput& input, const Algorithm& alg, bool extractable, Usages usages,
                 NewKey& key);
Status exportKey(KeyFormat format, KeyType type, const KeyAlgorithm& algorithm,
                 const KeyMaterial& material, Bytes& out, JsonWebKey& jwk);
// ECDSA with signatures in WebCrypto's r || s form.
Status sign(AlgorithmId hash, const KeyAlgorithm& algorithm, const KeyMaterial& key,
            const uint8_t* data, size_t size, Bytes& out);
Status verify(AlgorithmId hash, const KeyAlgorithm& algorithm, const KeyMaterial& key,
              const uint8_t* signature, size_t signatureSize, const uint8_t* data, size_t size,
              bool& valid);

} // namespace nano::api::crypto::ec

namespace nano::api::crypto {
// The shared secret of ECDH / X25519 / X448, truncated to `length` bits when given
// (OperationError if longer than the secret). `rejectZero`: an all-zero secret is an
// OperationError (X25519/X448 with a small-order public key).
Status deriveSharedSecret(EVP_PKEY* privateKey, EVP_PKEY* peer, std::optional<uint32_t> length,
                          bool rejectZero, Bytes& out);
// Truncates a derived byte string to `length` bits (OperationError if it is shorter).
Status truncateBits(Bytes& bytes, std::optional<uint32_t> length);
} // namespace nano::api::crypto
