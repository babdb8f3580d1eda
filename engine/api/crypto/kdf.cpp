#include "api/crypto/kdf.h"

#include "api/crypto/sha.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>

namespace nano::api::crypto::kdf {

// https://w3c.github.io/webcrypto/#hkdf-operations-import-key (PBKDF2 is the same)
Status importKey(const KeyInput& input, const Algorithm& alg, bool extractable, Usages usages,
                 NewKey& key)
{
    if (input.format != KeyFormat::Raw)
        return notSupported(std::string(algorithmName(alg.id)) +
                            " keys can only be imported as raw data.");
    Status st = checkUsages(usages, kDeriveKey | kDeriveBits, algorithmName(alg.id));
    if (!st.ok()) return st;
    if (extractable)
        return syntaxError(std::string(algorithmName(alg.id)) + " keys cannot be extractable.");
    key.type = KeyType::Secret;
    key.algorithm.id = alg.id;
    key.usages = usages;
    key.material->secret.bytes = input.bytes;
    return Status::success();
}

// https://w3c.github.io/webcrypto/#hkdf-operations-derive-bits and #pbkdf2-operations-derive-bits
Status deriveBits(const Algorithm& alg, const KeyMaterial& key, std::optional<uint32_t> length,
                  Bytes& out)
{
    const char* name = algorithmName(alg.id);
    if (!length || *length % 8)
        return operationError(std::string(name) + " needs a length that is a multiple of 8.");
    if (alg.id == AlgorithmId::Pbkdf2 && alg.iterations == 0)
        return operationError("PBKDF2 needs at least one iteration.");
    out.resize(*length / 8);
    if (out.empty()) return Status::success();
    static EVP_KDF* const hkdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    static EVP_KDF* const pbkdf2 = EVP_KDF_fetch(nullptr, "PBKDF2", nullptr);
    EvpKdfCtx ctx(EVP_KDF_CTX_new(alg.id == AlgorithmId::Hkdf ? hkdf : pbkdf2));
    static const unsigned char empty = 0;
    auto ptr = [](const Bytes& b) {
        return const_cast<unsigned char*>(b.empty() ? &empty : b.data());
    };
    const Bytes& secret = key.secret.bytes;
    char* digest = const_cast<char*>(EVP_MD_get0_name(sha::md(alg.hash)));
    OSSL_PARAM params[6];
    int n = 0;
    params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
    params[n++] =
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, ptr(alg.salt), alg.salt.size());
    if (alg.id == AlgorithmId::Hkdf) {
        params[n++] =
            OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ptr(secret), secret.size());
        params[n++] =
            OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, ptr(alg.info), alg.info.size());
    } else {
        int pkcs5 = 1; // no SP 800-132 lower bounds: WebCrypto allows short salts and counts
        unsigned int iterations = alg.iterations;
        params[n++] =
            OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, ptr(secret), secret.size());
        params[n++] = OSSL_PARAM_construct_uint(OSSL_KDF_PARAM_ITER, &iterations);
        params[n++] = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_PKCS5, &pkcs5);
        params[n] = OSSL_PARAM_construct_end();
        if (!ctx || EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) <= 0) {
            out.clear();
            return operationError("PBKDF2 failed.");
        }
        return Status::success();
    }
    params[n] = OSSL_PARAM_construct_end();
    if (!ctx || EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) <= 0) {
        out.clear();
        return operationError(std::string(name) + " failed (is the length too long?).");
    }
    return Status::success();
}

} // namespace nano::api::crypto::kdf
