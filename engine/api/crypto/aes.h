#pragma once
// AES-CTR, AES-CBC, AES-GCM and AES-KW (https://w3c.github.io/webcrypto/#aes-ctr and following).

#include "api/crypto/key.h"

namespace nano::api::crypto {
class StreamedInput;
}

namespace nano::api::crypto::aes {

Status generateKey(const Algorithm& alg, Usages usages, NewKey& key);
Status importKey(const KeyInput& input, const Algorithm& alg, bool extractable, Usages usages,
                 NewKey& key);
Status exportKey(KeyFormat format, const KeyAlgorithm& algorithm, const KeyMaterial& material,
                 Bytes& raw, JsonWebKey& jwk);
// encrypt / decrypt of AES-CTR, AES-CBC and AES-GCM. With `stream`, `data` is its data and
// the cipher runs while the engine thread is still copying it (job.h).
Status crypt(const Algorithm& alg, const KeyMaterial& key, const uint8_t* data, size_t size,
             bool encrypt, Bytes& out, StreamedInput* stream = nullptr);
// AES-KW (RFC 3394): wrapKey / unwrapKey.
Status wrap(const KeyMaterial& key, const uint8_t* data, size_t size, bool wrap, Bytes& out);
// https://w3c.github.io/webcrypto/#aes-ctr-operations-get-key-length
Status keyLength(const Algorithm& alg, uint32_t& bits);

} // namespace nano::api::crypto::aes
