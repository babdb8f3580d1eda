#include "api/crypto/ec.h"

#include "api/crypto/jwk.h"
#include "api/crypto/sha.h"

#include <openssl/core_names.h>

#include <cstring>

namespace nano::api::crypto {

// https://w3c.github.io/webcrypto/#ecdh-operations-derive-bits steps 6-8
Status deriveSharedSecret(EVP_PKEY* privateKey, EVP_PKEY* peer, std::optional<uint32_t> length,
                          bool rejectZero, Bytes& out)
{
    EvpPkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, privateKey, nullptr));
    size_t size = 0;
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) <= 0 ||
        EVP_PKEY_derive_set_peer_ex(ctx.get(), peer, 1) <= 0 ||
        EVP_PKEY_derive(ctx.get(), nullptr, &size) <= 0)
        return operationError("The shared secret could not be derived.");
    out.resize(size);
    if (EVP_PKEY_derive(ctx.get(), out.data(), &size) <= 0)
        return operationError("The shared secret could not be derived.");
    out.resize(size);
    if (rejectZero) {
        uint8_t acc = 0;
        for (uint8_t b : out)
            acc |= b;
        if (acc == 0)
            return operationError("The shared secret is zero (a small-order public key).");
    }
    return truncateBits(out, length);
}

Status truncateBits(Bytes& bytes, std::optional<uint32_t> length)
{
    if (!length) return Status::success();
    if (*length > bytes.size() * 8) {
        OPENSSL_cleanse(bytes.data(), bytes.size());
        return operationError("The requested length (" + std::to_string(*length) +
                              " bits) exceeds the derived secret's length.");
    }
    bytes.resize((*length + 7) / 8);
    if (*length % 8) bytes.back() &= static_cast<uint8_t>(0xff << (8 - *length % 8));
    return Status::success();
}

} // namespace nano::api::crypto

namespace nano::api::crypto::ec {

namespace {

struct Curve {
    const char* name;   // WebCrypto
    const char* group;  // OpenSSL
    size_t coordinate;  // bytes
    const char* jwsAlg; // ECDSA's JWK alg
    AlgorithmId jwsHash;
};
constexpr Curve kCurves[] = {
    {"P-256", "prime256v1", 32, "ES256", AlgorithmId::Sha256},
    {"P-384", "secp384r1", 48, "ES384", AlgorithmId::Sha384},
    {"P-521", "secp521r1", 66, "ES512", AlgorithmId::Sha512},
};

const Curve* curveByName(const std::string& name)
{
    for (const Curve& c : kCurves) {
        if (name == c.name) return &c;
    }
    return nullptr;
}

const Curve* curveOfKey(const EVP_PKEY* pkey)
{
    char group[64] = {};
    size_t len = 0;
    if (!EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                        &len))
        return nullptr;
    for (const Curve& c : kCurves) {
        if (strcmp(group, c.group) == 0) return &c;
    }
    return nullptr;
}

Usages privateUsages(AlgorithmId id)
{
    return id == AlgorithmId::Ecdsa ? Usages(kSign) : Usages(kDeriveKey | kDeriveBits);
}
Usages publicUsages(AlgorithmId id)
{
    return id == AlgorithmId::Ecdsa ? Usages(kVerify) : Usages(0);
}

// A key from its public point (uncompressed or compressed) and optional private scalar.
Status fromComponents(const Curve& curve, const Bytes& point, const Bytes* d, EvpPkey& out)
{
    ParamBld bld(OSSL_PARAM_BLD_new());
    BigNum priv(d ? BN_bin2bn(d->data(), static_cast<int>(d->size()), nullptr) : nullptr);
    if (!bld ||
        !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve.group, 0) ||
        !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                          point.size()) ||
        (priv && !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get())))
        return operationError("The EC key could not be built.");
    Params params(OSSL_PARAM_BLD_to_param(bld.get()));
    EvpPkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* pkey = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
        EVP_PKEY_fromdata(ctx.get(), &pkey, d ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                          params.get()) <= 0)
        return dataError("The EC key data is invalid (not a point on the curve?).");
    out.reset(pkey);
    // The point must be on the curve; a private key must match its public point.
    EvpPkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) <= 0 ||
        (d && EVP_PKEY_pairwise_check(check.get()) <= 0))
        return dataError("The EC key data is invalid (not a valid key on the curve).");
    return Status::success();
}

Status publicPoint(const EVP_PKEY* pkey, Bytes& out)
{
    size_t len = 0;
    if (!EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, nullptr, 0,
                                         &len))
        return operationError("The EC public key could not be read.");
    out.resize(len);
    if (!EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, out.data(), len,
                                         &len))
        return operationError("The EC public key could not be read.");
    out.resize(len);
    return Status::success();
}

// The spec exports the uncompressed point (SEC 1 2.3.3) in raw, spki and jwk. A key decoded
// from DER with a compressed point keeps OpenSSL's "compressed" form, which its encoders would
// write back, so every imported key is set to the uncompressed form.
Status useUncompressedPoints(EVP_PKEY* pkey)
{
    if (!EVP_PKEY_set_utf8_string_param(pkey, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
                                        OSSL_PKEY_EC_POINT_CONVERSION_FORMAT_UNCOMPRESSED))
        return operationError("The EC key could not be prepared.");
    return Status::success();
}

void finishKey(NewKey& key, KeyType type, AlgorithmId id, const Curve& curve, Usages usages)
{
    key.type = type;
    key.algorithm.id = id;
    key.algorithm.namedCurve = curve.name;
    key.usages = usages & (type == KeyType::Private ? privateUsages(id) : publicUsages(id));
}

} // namespace

// https://w3c.github.io/webcrypto/#ecdsa-operations-generate-key
Status generateKey(const Algorithm& alg, Usages usages, NewKey& privateKey, NewKey& publicKey)
{
    Status st =
        checkUsages(usages, privateUsages(alg.id) | publicUsages(alg.id), algorithmName(alg.id));
    if (!st.ok()) return st;
    const Curve* curve = curveByName(alg.namedCurve);
    if (!curve) return notSupported("The named curve '" + alg.namedCurve + "' is not supported.");
    EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve->group);
    if (!pkey) return operationError("The EC key pair could not be generated.");
    privateKey.material->pkey.reset(pkey);
    EVP_PKEY_up_ref(pkey);
    publicKey.material->pkey.reset(pkey);
    finishKey(privateKey, KeyType::Private, alg.id, *curve, usages);
    finishKey(publicKey, KeyType::Public, alg.id, *curve, usages);
    return Status::success();
}

// https://w3c.github.io/webcrypto/#ecdsa-operations-import-key
Status importKey(const KeyInput& input, const Algorithm& alg, bool extractable, Usages usages,
                 NewKey& key)
{
    const Curve* curve = curveByName(alg.namedCurve);
    if (!curve) return notSupported("The named curve '" + alg.namedCurve + "' is not supported.");
    // The usages allowed depend on whether the input holds a public or a private key.
    auto usagesFor = [&](KeyType t) {
        return checkUsages(usages,
                           t == KeyType::Public ? publicUsages(alg.id) : privateUsages(alg.id),
                           algorithmName(alg.id));
    };
    EvpPkey& pkey = key.material->pkey;
    KeyType type = KeyType::Public;
    Status st;
    switch (input.format) {
    case KeyFormat::Raw:
        if (!(st = usagesFor(KeyType::Public)).ok()) return st;
        if (!(st = fromComponents(*curve, input.bytes, nullptr, pkey)).ok()) return st;
        break;
    case KeyFormat::Spki:
    case KeyFormat::Pkcs8: {
        type = input.format == KeyFormat::Spki ? KeyType::Public : KeyType::Private;
        if (!(st = usagesFor(type)).ok()) return st;
        st = type == KeyType::Public ? importSpki(input.bytes, EVP_PKEY_EC, pkey)
                                     : importPkcs8(input.bytes, EVP_PKEY_EC, pkey);
        if (!st.ok()) return st;
        const Curve* actual = curveOfKey(pkey.get());
        if (actual != curve) return dataError("The key's curve is not " + alg.namedCurve + ".");
        EvpPkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
        if (!check || (type == KeyType::Public ? EVP_PKEY_public_check(check.get())
                                               : EVP_PKEY_private_check(check.get())) <= 0)
            return dataError("The EC key is not valid.");
        break;
    }
    case KeyFormat::Jwk: {
        const JsonWebKey& jwk = *input.jwk;
        type = jwk.d ? KeyType::Private : KeyType::Public;
        if (!(st = usagesFor(type)).ok()) return st;
        if (!(st = checkJwkCommon(jwk, "EC", alg.id == AlgorithmId::Ecdsa ? "sig" : "enc", usages,
                                  extractable))
                 .ok())
            return st;
        if (!jwk.crv || *jwk.crv != alg.namedCurve)
            return dataError("The JWK 'crv' member does not match the named curve.");
        if (alg.id == AlgorithmId::Ecdsa && jwk.alg && *jwk.alg != curve->jwsAlg)
            return dataError(std::string("The JWK 'alg' member must be '") + curve->jwsAlg + "'.");
        Bytes x, y, d;
        if (!(st = jwkBytes(jwk.x, "x", x, curve->coordinate)).ok() ||
            !(st = jwkBytes(jwk.y, "y", y, curve->coordinate)).ok() ||
            (jwk.d && !(st = jwkBytes(jwk.d, "d", d, curve->coordinate)).ok()))
            return st;
        Bytes point{4};
        point.insert(point.end(), x.begin(), x.end());
        point.insert(point.end(), y.begin(), y.end());
        st = fromComponents(*curve, point, jwk.d ? &d : nullptr, pkey);
        OPENSSL_cleanse(d.data(), d.size());
        if (!st.ok()) return st;
        break;
    }
    }
    if (!(st = useUncompressedPoints(pkey.get())).ok()) return st;
    finishKey(key, type, alg.id, *curve, usages);
    return Status::success();
}

Status exportKey(KeyFormat format, KeyType type, const KeyAlgorithm& algorithm,
                 const KeyMaterial& material, Bytes& out, JsonWebKey& jwk)
{
    const EVP_PKEY* pkey = material.pkey.get();
    switch (format) {
    case KeyFormat::Raw:
        if (type != KeyType::Public)
            return invalidAccess("Only public EC keys can be exported as raw data.");
        return publicPoint(pkey, out);
    case KeyFormat::Spki:
    case KeyFormat::Pkcs8: return exportDer(format, type, pkey, out);
    case KeyFormat::Jwk: {
        const Curve* curve = curveByName(algorithm.namedCurve);
        Bytes point;
        Status st = publicPoint(pkey, point);
        if (!st.ok()) return st;
        if (!curve || point.size() != 1 + 2 * curve->coordinate)
            return operationError("The EC public key has an unexpected form.");
        jwk.kty = "EC";
        jwk.crv = curve->name;
        jwk.x = base64UrlEncode(point.data() + 1, curve->coordinate);
        jwk.y = base64UrlEncode(point.data() + 1 + curve->coordinate, curve->coordinate);
        if (type == KeyType::Private) {
            BIGNUM* d = nullptr;
            if (!EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &d))
                return operationError("The EC private key could not be read.");
            BigNum owned(d);
            Bytes bytes = bnToBytes(d, curve->coordinate);
            jwk.d = base64UrlEncode(bytes);
            OPENSSL_cleanse(bytes.data(), bytes.size());
        }
        return Status::success();
    }
    }
    return notSupported("Unsupported format.");
}

namespace {

// tag: operation (0 sign, 1 verify) << 8 | hash.
EvpPkeyCtx makeEcdsaContext(EVP_PKEY* pkey, uint64_t tag)
{
    EvpPkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    const bool signing = (tag >> 8) == 0;
    const EVP_MD* md = sha::md(static_cast<AlgorithmId>(tag & 0xff));
    if (!ctx || (signing ? EVP_PKEY_sign_init(ctx.get()) : EVP_PKEY_verify_init(ctx.get())) <= 0 ||
        EVP_PKEY_CTX_set_signature_md(ctx.get(), md) <= 0)
        return nullptr;
    return ctx;
}

} // namespace

// https://w3c.github.io/webcrypto/#ecdsa-operations-sign
Status sign(AlgorithmId hash, const KeyAlgorithm& algorithm, const KeyMaterial& key,
            const uint8_t* data, size_t size, Bytes& out)
{
    const Curve* curve = curveByName(algorithm.namedCurve);
    Bytes digest;
    if (!curve || !sha::digest(hash, data, size, digest).ok())
        return operationError("The ECDSA signature could not be computed.");
    EvpPkeyCtx ctx = key.preparedContext(static_cast<uint64_t>(hash), &makeEcdsaContext);
    // The first call gives the largest DER signature for this key.
    size_t derLen = 0;
    if (!ctx || EVP_PKEY_sign(ctx.get(), nullptr, &derLen, digest.data(), digest.size()) <= 0)
        return operationError("The ECDSA signature could not be computed.");
    Bytes der(derLen);
    if (EVP_PKEY_sign(ctx.get(), der.data(), &derLen, digest.data(), digest.size()) <= 0)
        return operationError("The ECDSA signature could not be computed.");
    const unsigned char* p = der.data();
    EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(derLen)));
    if (!sig) return operationError("The ECDSA signature could not be decoded.");
    const BIGNUM *r = nullptr, *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    out.resize(2 * curve->coordinate);
    if (BN_bn2binpad(r, out.data(), static_cast<int>(curve->coordinate)) < 0 ||
        BN_bn2binpad(s, out.data() + curve->coordinate, static_cast<int>(curve->coordinate)) < 0)
        return operationError("The ECDSA signature could not be encoded.");
    return Status::success();
}

// https://w3c.github.io/webcrypto/#ecdsa-operations-verify
Status verify(AlgorithmId hash, const KeyAlgorithm& algorithm, const KeyMaterial& key,
              const uint8_t* signature, size_t signatureSize, const uint8_t* data, size_t size,
              bool& valid)
{
    valid = false;
    const Curve* curve = curveByName(algorithm.namedCurve);
    if (!curve) return operationError("Unknown curve.");
    if (signatureSize != 2 * curve->coordinate)
        return Status::success(); // a signature of the wrong size is simply not valid
    EcdsaSig sig(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(signature, static_cast<int>(curve->coordinate), nullptr);
    BIGNUM* s =
        BN_bin2bn(signature + curve->coordinate, static_cast<int>(curve->coordinate), nullptr);
    if (!sig || !r || !s || !ECDSA_SIG_set0(sig.get(), r, s)) {
        BN_free(r);
        BN_free(s);
        return operationError("The ECDSA signature could not be decoded.");
    }
    const int derSize = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (derSize <= 0) return operationError("The ECDSA signature could not be encoded.");
    Bytes der(static_cast<size_t>(derSize));
    unsigned char* end = der.data();
    const int derLen = i2d_ECDSA_SIG(sig.get(), &end);
    Bytes digest;
    if (derLen <= 0 || !sha::digest(hash, data, size, digest).ok())
        return operationError("The ECDSA signature could not be encoded.");
    EvpPkeyCtx ctx =
        key.preparedContext((uint64_t(1) << 8) | static_cast<uint64_t>(hash), &makeEcdsaContext);
    valid = ctx && EVP_PKEY_verify(ctx.get(), der.data(), static_cast<size_t>(derLen),
                                   digest.data(), digest.size()) == 1;
    return Status::success();
}

} // namespace nano::api::crypto::ec
