#pragma once
// HKDF and PBKDF2 (https://w3c.github.io/webcrypto/#hkdf, https://w3c.github.io/webcrypto/#pbkdf2).

#include "api/crypto/key.h"

#include <optional>

namespace nano::api::crypto::kdf {

// raw only; the key is never extractable.
Status importKey(const KeyInput& input, const Algorithm& alg, bool extractable, Usages usages,
                 NewKey& key);
// deriveBits: `length` in bits (null: OperationError; 0: an empty result).
Status deriveBits(const Algorithm& alg, const KeyMaterial& key, std::optional<uint32_t> length,
                  Bytes& out);

} // namespace nano::api::crypto::kdf
