#include "api/crypto/hmac.h"

#include "api/crypto/jwk.h"
#include "api/crypto/random.h"
#include "api/crypto/sha.h"

#include <openssl/core_names.h>

namespace nano::api::crypto {

Status makeHmacContext(KeyMaterial& material, AlgorithmId hash)
{
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    const EVP_MD* md = sha::md(hash);
    if (!mac || !md) return operationError("HMAC is not available.");
    EvpMacCtx ctx(EVP_MAC_CTX_new(mac));
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(
                               OSSL_MAC_PARAM_DIGEST, const_cast<char*>(EVP_MD_get0_name(md)), 0),
                           OSSL_PARAM_construct_end()};
    static const unsigned char empty = 0;
    const Bytes& key = material.secret.bytes;
    if (!ctx || !EVP_MAC_init(ctx.get(), key.empty() ? &empty : key.data(), key.size(), params))
        return operationError("The HMAC key could not be set up.");
    material.hmac = std::move(ctx);
    return Status::success();
}

} // namespace nano::api::crypto

namespace nano::api::crypto::hmac {

namespace {

const char* jwkAlg(AlgorithmId hash)
{
    switch (hash) {
    case AlgorithmId::Sha1: return "HS1";
    case AlgorithmId::Sha256: return "HS256";
    case AlgorithmId::Sha384: return "HS384";
    case AlgorithmId::Sha512: return "HS512";
    default: return "";
    }
}

Status finishKey(NewKey& key, AlgorithmId hash, uint32_t length, Usages usages)
{
    key.type = KeyType::Secret;
    key.algorithm.id = AlgorithmId::Hmac;
    key.algorithm.hash = hash;
    key.algorithm.length = length;
    key.usages = usages;
    return makeHmacContext(*key.material, hash);
}

} // namespace

// https://w3c.github.io/webcrypto/#hmac-operations-generate-key
Status generateKey(const Algorithm& alg, Usages usages, NewKey& key)
{
    Status st = checkUsages(usages, kSign | kVerify, "HMAC");
    if (!st.ok()) return st;
    uint32_t length = alg.length ? *alg.length : sha::blockBits(alg.hash);
    if (length == 0) return operationError("The HMAC key length must not be zero.");
    Bytes& bytes = key.material->secret.bytes;
    bytes.resize((length + 7) / 8);
    if (!random::fill(bytes.data(), bytes.size()))
        return operationError("The random number generator failed.");
    if (length % 8) bytes.back() &= static_cast<uint8_t>(0xff << (8 - length % 8));
    return finishKey(key, alg.hash, length, usages);
}

// https://w3c.github.io/webcrypto/#hmac-operations-import-key
Status importKey(const KeyInput& input, const Algorithm& alg, bool extractable, Usages usages,
                 NewKey& key)
{
    Status st = checkUsages(usages, kSign | kVerify, "HMAC");
    if (!st.ok()) return st;
    Bytes& data = key.material->secret.bytes;
    if (input.format == KeyFormat::Raw) {
        data = input.bytes;
    } else if (input.format == KeyFormat::Jwk) {
        const JsonWebKey& jwk = *input.jwk;
        if (!(st = checkJwkCommon(jwk, "oct", "sig", usages, extractable)).ok() ||
            !(st = jwkBytes(jwk.k, "k", data)).ok())
            return st;
        if (jwk.alg && *jwk.alg != jwkAlg(alg.hash))
            return dataError("The JWK 'alg' member does not match the hash '" +
                             std::string(algorithmName(alg.hash)) + "'.");
    } else {
        return notSupported("HMAC keys cannot be imported in this format.");
    }
    const uint64_t bits = data.size() * 8;
    if (bits == 0) return dataError("The HMAC key must not be empty.");
    uint32_t length = static_cast<uint32_t>(bits);
    if (alg.length) {
        if (*alg.length > bits || *alg.length + 8 <= bits)
            return dataError("The HMAC key length does not match the key data.");
        length = *alg.length;
    }
    return finishKey(key, alg.hash, length, usages);
}

Status exportKey(KeyFormat format, const KeyAlgorithm& algorithm, const KeyMaterial& material,
                 Bytes& raw, JsonWebKey& jwk)
{
    if (format == KeyFormat::Raw) {
        raw = material.secret.bytes;
    } else if (format == KeyFormat::Jwk) {
        jwk.kty = "oct";
        jwk.k = base64UrlEncode(material.secret.bytes);
        jwk.alg = jwkAlg(algorithm.hash);
    } else {
        return notSupported("HMAC keys cannot be exported in this format.");
    }
    return Status::success();
}

// https://w3c.github.io/webcrypto/#hmac-operations-sign
Status sign(const KeyMaterial& key, const uint8_t* data, size_t size, Bytes& out)
{
    EvpMacCtx ctx(EVP_MAC_CTX_dup(key.hmac.get()));
    out.resize(EVP_MAX_MD_SIZE);
    size_t n = 0;
    if (!ctx || !EVP_MAC_update(ctx.get(), data, size) ||
        !EVP_MAC_final(ctx.get(), out.data(), &n, out.size()))
        return operationError("The HMAC could not be computed.");
    out.resize(n);
    return Status::success();
}

Status verify(const KeyMaterial& key, const uint8_t* signature, size_t signatureSize,
              const uint8_t* data, size_t size, bool& valid)
{
    Bytes mac;
    Status st = sign(key, data, size, mac);
    if (!st.ok()) return st;
    valid = mac.size() == signatureSize && CRYPTO_memcmp(mac.data(), signature, signatureSize) == 0;
    return Status::success();
}

Status keyLength(const Algorithm& alg, uint32_t& bits)
{
    bits = alg.length ? *alg.length : sha::blockBits(alg.hash);
    if (bits == 0) return fail("TypeError", "The HMAC key length must not be zero.");
    return Status::success();
}

} // namespace nano::api::crypto::hmac
