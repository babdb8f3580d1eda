#pragma once
// SHA-1 and SHA-2 (https://w3c.github.io/webcrypto/#sha).

#include "api/crypto/algorithm.h"

namespace nano::api::crypto {
class StreamedInput;
}

namespace nano::api::crypto::sha {

// The OpenSSL digest of a hash algorithm, fetched once per process.
const EVP_MD* md(AlgorithmId hash);
size_t digestSize(AlgorithmId hash);
// The block size in bits (the default HMAC key length).
uint32_t blockBits(AlgorithmId hash);

Status digest(AlgorithmId hash, const uint8_t* data, size_t size, Bytes& out);
// The digest of an input still being copied (job.h), hashed chunk by chunk as it arrives.
Status digest(AlgorithmId hash, const StreamedInput& input, Bytes& out);

} // namespace nano::api::crypto::sha
