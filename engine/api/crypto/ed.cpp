#include "api/crypto/ed.h"

#include "api/crypto/jwk.h"

namespace nano::api::crypto::ed {

namespace {

struct Curve {
    AlgorithmId id;
    int type;          // EVP_PKEY_*
    const char* name;  // OpenSSL key type name
    size_t size;       // raw public and private key length
    bool signature;    // Ed* (sign/verify) or X* (key agreement)
};
constexpr Curve kCurves[] = {
    {AlgorithmId::Ed25519, EVP_PKEY_ED25519, "ED25519", 32, true},
    {AlgorithmId::Ed448, EVP_PKEY_ED448, "ED448", 57, true},
    {AlgorithmId::X25519, EVP_PKEY_X25519, "X25519", 32, false},
    {AlgorithmId::X448, EVP_PKEY_X448, "X448", 56, false},
};

const Curve& curveOf(AlgorithmId id)
{
    for (const Curve& c : kCurves) {
        if (c.id == id)
            return c;
    }
    return kCurves[0];
}

Usages privateUsages(const Curve& c)
{
    return c.signature ? Usages(kSign) : Usages(kDeriveKey | kDeriveBits);
}
Usages publicUsages(const Curve& c)
{
    return c.signature ? Usages(kVerify) : Usages(0);
}

void describe(NewKey& key, KeyType type, const Curve& c, Usages usages)
{
    key.type = type;
    key.algorithm.id = c.id;
    key.usages = usages & (type == KeyType::Private ? privateUsages(c) : publicUsages(c));
}

Status rawPublic(const EVP_PKEY* pkey, Bytes& out)
{
    size_t len = 0;
    if (!EVP_PKEY_get_raw_public_key(pkey, nullptr, &len))
        return operationError("The public key could not be read.");
    out.resize(len);
    if (!EVP_PKEY_get_raw_public_key(pkey, out.data(), &len))
        return operationError("The public key could not be read.");
    return Status::success();
}

} // namespace

// https://wicg.github.io/webcrypto-secure-curves/#ed25519-operations (generate key)
Status generateKey(const Algorithm& alg, Usages usages, NewKey& privateKey, NewKey& publicKey)
{
    const Curve& c = curveOf(alg.id);
    Status st = checkUsages(usages, privateUsages(c) | publicUsages(c), algorithmName(c.id));
    if (!st.ok())
        return st;
    EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, c.name);
    if (!pkey)
        return operationError("The key pair could not be generated.");
    privateKey.material->pkey.reset(pkey);
    Bytes pub;
    if (!(st = rawPublic(pkey, pub)).ok())
        return st;
    publicKey.material->pkey.reset(
        EVP_PKEY_new_raw_public_key(c.type, nullptr, pub.data(), pub.size()));
    if (!publicKey.material->pkey)
        return operationError("The key pair could not be generated.");
    describe(privateKey, KeyType::Private, c, usages);
    describe(publicKey, KeyType::Public, c, usages);
    return Status::success();
}

Status importKey(const KeyInput& input, const Algorithm& alg, bool extractable, Usages usages,
                 NewKey& key)
{
    const Curve& c = curveOf(alg.id);
    EvpPkey& pkey = key.material->pkey;
    KeyType type = KeyType::Public;
    Status st;
    auto usagesFor = [&](KeyType t) {
        return checkUsages(usages, t == KeyType::Public ? publicUsages(c) : privateUsages(c),
                           algorithmName(c.id));
    };
    switch (input.format) {
    case KeyFormat::Raw:
        if (!(st = usagesFor(type)).ok())
            return st;
        if (input.bytes.size() != c.size)
            return dataError("The raw public key must be " + std::to_string(c.size) +
                             " bytes long.");
        pkey.reset(EVP_PKEY_new_raw_public_key(c.type, nullptr, input.bytes.data(),
                                               input.bytes.size()));
        if (!pkey)
            return dataError("The raw public key is invalid.");
        break;
    case KeyFormat::Spki:
        if (!(st = usagesFor(type)).ok() || !(st = importSpki(input.bytes, c.type, pkey)).ok())
            return st;
        break;
    case KeyFormat::Pkcs8:
        type = KeyType::Private;
        if (!(st = usagesFor(type)).ok() || !(st = importPkcs8(input.bytes, c.type, pkey)).ok())
            return st;
        break;
    case KeyFormat::Jwk: {
        const JsonWebKey& jwk = *input.jwk;
        type = jwk.d ? KeyType::Private : KeyType::Public;
        if (!(st = usagesFor(type)).ok() ||
            !(st = checkJwkCommon(jwk, "OKP", c.signature ? "sig" : "enc", usages, extractable))
                 .ok())
            return st;
        if (!jwk.crv || *jwk.crv != algorithmName(c.id))
            return dataError(std::string("The JWK 'crv' member must be '") + algorithmName(c.id) +
                             "'.");
        if (c.signature && jwk.alg && *jwk.alg != "EdDSA" && *jwk.alg != algorithmName(c.id))
            return dataError("The JWK 'alg' member must be 'EdDSA'.");
        Bytes x, d;
        if (!(st = jwkBytes(jwk.x, "x", x, c.size)).ok())
            return st;
        if (jwk.d) {
            if (!(st = jwkBytes(jwk.d, "d", d, c.size)).ok())
                return st;
            pkey.reset(EVP_PKEY_new_raw_private_key(c.type, nullptr, d.data(), d.size()));
            OPENSSL_cleanse(d.data(), d.size());
            Bytes derived;
            if (!pkey || !rawPublic(pkey.get(), derived).ok() || derived != x)
                return dataError("The JWK 'x' member does not match the private key.");
        } else {
            pkey.reset(EVP_PKEY_new_raw_public_key(c.type, nullptr, x.data(), x.size()));
            if (!pkey)
                return dataError("The JWK public key is invalid.");
        }
        break;
    }
    }
    describe(key, type, c, usages);
    return Status::success();
}

Status exportKey(KeyFormat format, KeyType type, const KeyAlgorithm& algorithm,
                 const KeyMaterial& material, Bytes& out, JsonWebKey& jwk)
{
    const EVP_PKEY* pkey = material.pkey.get();
    const Curve& c = curveOf(algorithm.id);
    switch (format) {
    case KeyFormat::Raw:
        if (type != KeyType::Public)
            return invalidAccess("Only public keys can be exported as raw data.");
        return rawPublic(pkey, out);
    case KeyFormat::Spki:
    case KeyFormat::Pkcs8:
        return exportDer(format, type, pkey, out);
    case KeyFormat::Jwk: {
        Bytes pub;
        Status st = rawPublic(pkey, pub);
        if (!st.ok())
            return st;
        jwk.kty = "OKP";
        jwk.crv = algorithmName(c.id);
        jwk.x = base64UrlEncode(pub);
        if (type == KeyType::Private) {
            Bytes d(c.size);
            size_t len = d.size();
            if (!EVP_PKEY_get_raw_private_key(pkey, d.data(), &len))
                return operationError("The private key could not be read.");
            jwk.d = base64UrlEncode(d.data(), len);
            OPENSSL_cleanse(d.data(), d.size());
        }
        return Status::success();
    }
    }
    return notSupported("Unsupported format.");
}

// https://wicg.github.io/webcrypto-secure-curves/#ed25519-operations (sign)
Status sign(const Algorithm& alg, const KeyMaterial& key, const uint8_t* data, size_t size,
            Bytes& out)
{
    if (alg.hasContext && !alg.context.empty())
        return notSupported("Ed448 contexts are not supported.");
    EvpMdCtx ctx(EVP_MD_CTX_new());
    size_t len = 0;
    if (!ctx || EVP_DigestSignInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr,
                                      key.pkey.get(), nullptr) <= 0 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, data, size) <= 0)
        return operationError("The signature could not be computed.");
    out.resize(len);
    if (EVP_DigestSign(ctx.get(), out.data(), &len, data, size) <= 0)
        return operationError("The signature could not be computed.");
    out.resize(len);
    return Status::success();
}

Status verify(const Algorithm& alg, const KeyAlgorithm& algorithm, const KeyMaterial& key,
              const uint8_t* signature, size_t signatureSize, const uint8_t* data, size_t size,
              bool& valid)
{
    valid = false;
    if (alg.hasContext && !alg.context.empty())
        return notSupported("Ed448 contexts are not supported.");
    if (signatureSize != 2 * curveOf(algorithm.id).size)
        return Status::success();
    EvpMdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr,
                                        key.pkey.get(), nullptr) <= 0)
        return operationError("The verification could not be set up.");
    valid = EVP_DigestVerify(ctx.get(), signature, signatureSize, data, size) == 1;
    return Status::success();
}

} // namespace nano::api::crypto::ed
