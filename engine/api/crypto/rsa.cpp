#include "api/crypto/rsa.h"

#include "api/crypto/jwk.h"
#include "api/crypto/sha.h"

#include <openssl/core_names.h>
#include <openssl/rsa.h>

namespace nano::api::crypto::rsa {

namespace {

Usages privateUsages(AlgorithmId id)
{
    return id == AlgorithmId::RsaOaep ? Usages(kDecrypt | kUnwrapKey) : Usages(kSign);
}
Usages publicUsages(AlgorithmId id)
{
    return id == AlgorithmId::RsaOaep ? Usages(kEncrypt | kWrapKey) : Usages(kVerify);
}

// The JWK "alg" of an RSA key (https://w3c.github.io/webcrypto/#rsassa-pkcs1-operations-export-key)
std::string jwkAlg(AlgorithmId id, AlgorithmId hash)
{
    const char* bits = hash == AlgorithmId::Sha1     ? "1"
                       : hash == AlgorithmId::Sha256 ? "256"
                       : hash == AlgorithmId::Sha384 ? "384"
                                                     : "512";
    switch (id) {
    case AlgorithmId::RsassaPkcs1: return std::string("RS") + bits;
    case AlgorithmId::RsaPss: return std::string("PS") + bits;
    default: return hash == AlgorithmId::Sha1 ? "RSA-OAEP" : std::string("RSA-OAEP-") + bits;
    }
}

BigNum getBn(const EVP_PKEY* pkey, const char* name)
{
    BIGNUM* bn = nullptr;
    EVP_PKEY_get_bn_param(pkey, name, &bn);
    return BigNum(bn);
}

void describe(NewKey& key, KeyType type, const Algorithm& alg, Usages usages)
{
    key.type = type;
    key.algorithm.id = alg.id;
    key.algorithm.hash = alg.hash;
    key.usages = usages & (type == KeyType::Private ? privateUsages(alg.id) : publicUsages(alg.id));
    const EVP_PKEY* pkey = key.material->pkey.get();
    key.algorithm.modulusLength = static_cast<uint32_t>(EVP_PKEY_get_bits(pkey));
    BigNum e = getBn(pkey, OSSL_PKEY_PARAM_RSA_E);
    if (e) key.algorithm.publicExponent = bnToBytes(e.get());
}

Status fromJwk(const JsonWebKey& jwk, EvpPkey& out)
{
    static const char* const privateNames[] = {"d", "p", "q", "dp", "dq", "qi"};
    const std::optional<std::string>* privateMembers[] = {&jwk.d,  &jwk.p,  &jwk.q,
                                                          &jwk.dp, &jwk.dq, &jwk.qi};
    static const char* const paramNames[] = {
        OSSL_PKEY_PARAM_RSA_D,         OSSL_PKEY_PARAM_RSA_FACTOR1,
        OSSL_PKEY_PARAM_RSA_FACTOR2,   OSSL_PKEY_PARAM_RSA_EXPONENT1,
        OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
    if (jwk.hasOth) return notSupported("Multi-prime RSA keys ('oth') are not supported.");
    Bytes n, e;
    Status st;
    if (!(st = jwkBytes(jwk.n, "n", n)).ok() || !(st = jwkBytes(jwk.e, "e", e)).ok()) return st;
    ParamBld bld(OSSL_PARAM_BLD_new());
    std::vector<BigNum> numbers;
    auto push = [&](const char* name, const Bytes& bytes) {
        numbers.emplace_back(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
        return numbers.back() && OSSL_PARAM_BLD_push_BN(bld.get(), name, numbers.back().get());
    };
    if (!bld || !push(OSSL_PKEY_PARAM_RSA_N, n) || !push(OSSL_PKEY_PARAM_RSA_E, e))
        return operationError("The RSA key could not be built.");
    const bool isPrivate = jwk.d.has_value();
    if (isPrivate) {
        for (int i = 0; i < 6; ++i) {
            Bytes v;
            if (!(st = jwkBytes(*privateMembers[i], privateNames[i], v)).ok()) return st;
            const bool ok = push(paramNames[i], v);
            OPENSSL_cleanse(v.data(), v.size());
            if (!ok) return operationError("The RSA key could not be built.");
        }
    }
    Params params(OSSL_PARAM_BLD_to_param(bld.get()));
    EvpPkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY* pkey = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
        EVP_PKEY_fromdata(ctx.get(), &pkey, isPrivate ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                          params.get()) <= 0)
        return dataError("The RSA JWK is invalid.");
    out.reset(pkey);
    return Status::success();
}

// RSA key consistency: n = p q, e d = 1 (mod lcm), the CRT values (no primality tests).
Status checkKey(EVP_PKEY* pkey, bool isPrivate)
{
    EvpPkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) <= 0 ||
        (isPrivate && EVP_PKEY_pairwise_check(check.get()) <= 0))
        return dataError("The RSA key is not consistent.");
    return Status::success();
}

// One EVP_PKEY_CTX configured for the key's padding.
Status setPadding(EVP_PKEY_CTX* ctx, const Algorithm& alg, AlgorithmId hash)
{
    const EVP_MD* md = sha::md(hash);
    switch (alg.id) {
    case AlgorithmId::RsassaPkcs1:
        return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0
                   ? Status::success()
                   : operationError("RSA padding could not be set.");
    case AlgorithmId::RsaPss:
        if (EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
            EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) <= 0 ||
            EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, static_cast<int>(alg.saltLength)) <= 0)
            return operationError("RSA-PSS parameters could not be set.");
        return Status::success();
    default:
        if (EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) <= 0 ||
            EVP_PKEY_CTX_set_rsa_oaep_md(ctx, md) <= 0 ||
            EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) <= 0)
            return operationError("RSA-OAEP parameters could not be set.");
        if (!alg.label.empty()) {
            auto* label =
                static_cast<unsigned char*>(OPENSSL_memdup(alg.label.data(), alg.label.size()));
            if (!label || EVP_PKEY_CTX_set0_rsa_oaep_label(
                              ctx, label, static_cast<int>(alg.label.size())) <= 0) {
                OPENSSL_free(label);
                return operationError("The RSA-OAEP label could not be set.");
            }
        }
        return Status::success();
    }
}

} // namespace

// https://w3c.github.io/webcrypto/#rsassa-pkcs1-operations-generate-key
Status generateKey(const Algorithm& alg, Usages usages, NewKey& privateKey, NewKey& publicKey)
{
    Status st =
        checkUsages(usages, privateUsages(alg.id) | publicUsages(alg.id), algorithmName(alg.id));
    if (!st.ok()) return st;
    if (alg.modulusLength < 1024 || alg.modulusLength > 16384 || alg.modulusLength % 8)
        return operationError("The RSA modulus length must be a multiple of 8 from 1024 to "
                              "16384.");
    BigNum e(
        BN_bin2bn(alg.publicExponent.data(), static_cast<int>(alg.publicExponent.size()), nullptr));
    if (!e || !(BN_is_word(e.get(), 3) || BN_is_word(e.get(), 65537)))
        return operationError("The RSA public exponent must be 3 or 65537.");
    EvpPkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY* pkey = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0 ||
        EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), static_cast<int>(alg.modulusLength)) <= 0 ||
        EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx.get(), e.get()) <= 0 ||
        EVP_PKEY_keygen(ctx.get(), &pkey) <= 0)
        return operationError("The RSA key pair could not be generated.");
    privateKey.material->pkey.reset(pkey);
    EVP_PKEY_up_ref(pkey);
    publicKey.material->pkey.reset(pkey);
    describe(privateKey, KeyType::Private, alg, usages);
    describe(publicKey, KeyType::Public, alg, usages);
    return Status::success();
}

// https://w3c.github.io/webcrypto/#rsassa-pkcs1-operations-import-key
Status importKey(const KeyInput& input, const Algorithm& alg, bool extractable, Usages usages,
                 NewKey& key)
{
    // The usages allowed depend on whether the input holds a public or a private key.
    auto usagesFor = [&](KeyType t) {
        return checkUsages(usages,
                           t == KeyType::Public ? publicUsages(alg.id) : privateUsages(alg.id),
                           algorithmName(alg.id));
    };
    EvpPkey& pkey = key.material->pkey;
    KeyType type;
    Status st;
    switch (input.format) {
    case KeyFormat::Spki:
    case KeyFormat::Pkcs8:
        type = input.format == KeyFormat::Spki ? KeyType::Public : KeyType::Private;
        if (!(st = usagesFor(type)).ok()) return st;
        // The OID must be rsaEncryption (EVP_PKEY_RSA, not EVP_PKEY_RSA_PSS).
        st = type == KeyType::Public ? importSpki(input.bytes, EVP_PKEY_RSA, pkey)
                                     : importPkcs8(input.bytes, EVP_PKEY_RSA, pkey);
        if (!st.ok()) return st;
        break;
    case KeyFormat::Jwk: {
        const JsonWebKey& jwk = *input.jwk;
        type = jwk.d ? KeyType::Private : KeyType::Public;
        if (!(st = usagesFor(type)).ok()) return st;
        if (!(st = checkJwkCommon(jwk, "RSA", alg.id == AlgorithmId::RsaOaep ? "enc" : "sig",
                                  usages, extractable))
                 .ok())
            return st;
        if (jwk.alg && *jwk.alg != jwkAlg(alg.id, alg.hash))
            return dataError("The JWK 'alg' member must be '" + jwkAlg(alg.id, alg.hash) + "'.");
        if (!(st = fromJwk(jwk, pkey)).ok()) return st;
        break;
    }
    default: return notSupported("RSA keys cannot be imported as raw data.");
    }
    if (!(st = checkKey(pkey.get(), type == KeyType::Private)).ok()) return st;
    describe(key, type, alg, usages);
    return Status::success();
}

Status exportKey(KeyFormat format, KeyType type, const KeyAlgorithm& algorithm,
                 const KeyMaterial& material, Bytes& out, JsonWebKey& jwk)
{
    const EVP_PKEY* pkey = material.pkey.get();
    switch (format) {
    case KeyFormat::Spki:
    case KeyFormat::Pkcs8: return exportDer(format, type, pkey, out);
    case KeyFormat::Jwk: {
        jwk.kty = "RSA";
        jwk.alg = jwkAlg(algorithm.id, algorithm.hash);
        struct Member {
            std::optional<std::string>* field;
            const char* param;
        };
        const Member members[] = {
            {&jwk.n, OSSL_PKEY_PARAM_RSA_N},          {&jwk.e, OSSL_PKEY_PARAM_RSA_E},
            {&jwk.d, OSSL_PKEY_PARAM_RSA_D},          {&jwk.p, OSSL_PKEY_PARAM_RSA_FACTOR1},
            {&jwk.q, OSSL_PKEY_PARAM_RSA_FACTOR2},    {&jwk.dp, OSSL_PKEY_PARAM_RSA_EXPONENT1},
            {&jwk.dq, OSSL_PKEY_PARAM_RSA_EXPONENT2}, {&jwk.qi, OSSL_PKEY_PARAM_RSA_COEFFICIENT1}};
        const size_t count = type == KeyType::Private ? 8 : 2;
        for (size_t i = 0; i < count; ++i) {
            BigNum bn = getBn(pkey, members[i].param);
            if (!bn) return operationError("The RSA key could not be read.");
            Bytes bytes = bnToBytes(bn.get());
            *members[i].field = base64UrlEncode(bytes);
            OPENSSL_cleanse(bytes.data(), bytes.size());
        }
        return Status::success();
    }
    default: return notSupported("RSA keys cannot be exported as raw data.");
    }
}

namespace {

// tag: saltLength << 24 | verify << 16 | algorithm << 8 | hash.
EvpPkeyCtx makeSignatureContext(EVP_PKEY* pkey, uint64_t tag)
{
    Algorithm alg;
    alg.id = static_cast<AlgorithmId>((tag >> 8) & 0xff);
    alg.saltLength = static_cast<uint32_t>(tag >> 24);
    const auto hash = static_cast<AlgorithmId>(tag & 0xff);
    const bool verifying = (tag >> 16) & 1;
    EvpPkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    if (!ctx ||
        (verifying ? EVP_PKEY_verify_init(ctx.get()) : EVP_PKEY_sign_init(ctx.get())) <= 0 ||
        !setPadding(ctx.get(), alg, hash).ok() ||
        EVP_PKEY_CTX_set_signature_md(ctx.get(), sha::md(hash)) <= 0)
        return nullptr;
    return ctx;
}

uint64_t signatureTag(const Algorithm& alg, AlgorithmId hash, bool verifying)
{
    const uint64_t salt = alg.id == AlgorithmId::RsaPss ? alg.saltLength : 0;
    return (salt << 24) | (uint64_t(verifying) << 16) | (uint64_t(alg.id) << 8) |
           static_cast<uint64_t>(hash);
}

} // namespace

// https://w3c.github.io/webcrypto/#rsa-pss-operations-sign
Status sign(const Algorithm& alg, const KeyAlgorithm& algorithm, const KeyMaterial& key,
            const uint8_t* data, size_t size, Bytes& out)
{
    Bytes digest;
    if (!sha::digest(algorithm.hash, data, size, digest).ok())
        return operationError("The RSA signature could not be computed.");
    EvpPkeyCtx ctx =
        key.preparedContext(signatureTag(alg, algorithm.hash, false), &makeSignatureContext);
    size_t len = static_cast<size_t>(EVP_PKEY_get_size(key.pkey.get()));
    out.resize(len);
    if (!ctx || EVP_PKEY_sign(ctx.get(), out.data(), &len, digest.data(), digest.size()) <= 0) {
        out.clear();
        return operationError("The RSA signature could not be computed (is the salt too "
                              "long for the key?).");
    }
    out.resize(len);
    return Status::success();
}

// https://w3c.github.io/webcrypto/#rsa-pss-operations-verify
Status verify(const Algorithm& alg, const KeyAlgorithm& algorithm, const KeyMaterial& key,
              const uint8_t* signature, size_t signatureSize, const uint8_t* data, size_t size,
              bool& valid)
{
    Bytes digest;
    if (!sha::digest(algorithm.hash, data, size, digest).ok())
        return operationError("The RSA verification could not be computed.");
    EvpPkeyCtx ctx =
        key.preparedContext(signatureTag(alg, algorithm.hash, true), &makeSignatureContext);
    valid = ctx &&
            EVP_PKEY_verify(ctx.get(), signature, signatureSize, digest.data(), digest.size()) == 1;
    return Status::success();
}

// https://w3c.github.io/webcrypto/#rsa-oaep-operations-encrypt and -decrypt
Status crypt(const Algorithm& alg, const KeyAlgorithm& algorithm, const KeyMaterial& key,
             const uint8_t* data, size_t size, bool encrypt, Bytes& out)
{
    EvpPkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.pkey.get(), nullptr));
    if (!ctx ||
        (encrypt ? EVP_PKEY_encrypt_init(ctx.get()) : EVP_PKEY_decrypt_init(ctx.get())) <= 0)
        return operationError("RSA-OAEP could not be set up.");
    Status st = setPadding(ctx.get(), alg, algorithm.hash);
    if (!st.ok()) return st;
    size_t len = 0;
    auto run = [&](uint8_t* o) {
        return encrypt ? EVP_PKEY_encrypt(ctx.get(), o, &len, data, size)
                       : EVP_PKEY_decrypt(ctx.get(), o, &len, data, size);
    };
    if (run(nullptr) <= 0) return operationError("RSA-OAEP failed.");
    out.resize(len);
    if (run(out.data()) <= 0) {
        out.clear();
        return operationError(encrypt ? "RSA-OAEP encryption failed (is the data too long?)."
                                      : "RSA-OAEP decryption failed.");
    }
    out.resize(len);
    return Status::success();
}

} // namespace nano::api::crypto::rsa
