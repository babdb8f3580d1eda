#include "api/crypto/sha.h"

#include "api/crypto/job.h"

namespace nano::api::crypto::sha {

const EVP_MD* md(AlgorithmId hash)
{
    // Explicit fetches, once: the implicit fetch of EVP_sha256() costs a lookup per operation.
    static EVP_MD* const sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    static EVP_MD* const sha384 = EVP_MD_fetch(nullptr, "SHA384", nullptr);
    static EVP_MD* const sha512 = EVP_MD_fetch(nullptr, "SHA512", nullptr);
    switch (hash) {
    case AlgorithmId::Sha1: return sha1;
    case AlgorithmId::Sha256: return sha256;
    case AlgorithmId::Sha384: return sha384;
    case AlgorithmId::Sha512: return sha512;
    default: return nullptr;
    }
}

size_t digestSize(AlgorithmId hash)
{
    switch (hash) {
    case AlgorithmId::Sha1: return 20;
    case AlgorithmId::Sha256: return 32;
    case AlgorithmId::Sha384: return 48;
    case AlgorithmId::Sha512: return 64;
    default: return 0;
    }
}

uint32_t blockBits(AlgorithmId hash)
{
    return hash == AlgorithmId::Sha384 || hash == AlgorithmId::Sha512 ? 1024 : 512;
}

// https://w3c.github.io/webcrypto/#sha-operations-digest
Status digest(AlgorithmId hash, const uint8_t* data, size_t size, Bytes& out)
{
    const EVP_MD* m = md(hash);
    out.resize(digestSize(hash));
    unsigned int n = 0;
    if (!m || !EVP_Digest(data, size, out.data(), &n, m, nullptr))
        return operationError("The digest could not be computed.");
    return Status::success();
}

Status digest(AlgorithmId hash, const StreamedInput& input, Bytes& out)
{
    EvpMdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || !EVP_DigestInit_ex2(ctx.get(), md(hash), nullptr))
        return operationError("The digest could not be computed.");
    for (size_t offset = 0; offset < input.size(); offset += StreamedInput::kChunk) {
        const size_t n = std::min(StreamedInput::kChunk, input.size() - offset);
        input.waitFor(offset + n);
        if (!EVP_DigestUpdate(ctx.get(), input.data() + offset, n))
            return operationError("The digest could not be computed.");
    }
    out.resize(digestSize(hash));
    unsigned int len = 0;
    if (!EVP_DigestFinal_ex(ctx.get(), out.data(), &len))
        return operationError("The digest could not be computed.");
    return Status::success();
}

} // namespace nano::api::crypto::sha
