#include "api/crypto/ed.h"

#include "api/crypto/jwk.h"

namespace nano::api::crypto::ed {

namespace {

struct Curve {
    AlgorithmId id;
    int type;         // EVP_PKEY_*
    const char* name; // OpenSSL key type name
    size_t size;      // raw public and private key length
    bool signature;   // Ed* (sign/verify) or X* (key agreement)
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
        if (c.id == id) return c;
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

// What OpenSSL 3.0 does not check when it verifies: whether a point (the public key A or the
// signature's R) is canonically encoded and not of small order. An encoding is y, little-endian,
// with x's sign in the top bit; RFC 8032 (5.1.3, 5.2.3) rejects y >= p. The points of small order
// (dividing the cofactor) are exactly those whose y is in a short list, whatever the sign bit
// (for x = 0 a set sign bit is an invalid encoding anyway).
struct EdwardsPoints {
    Bytes prime; // p, little-endian, as long as an encoding
    std::vector<Bytes> smallOrderY;
};

Bytes littleEndian(size_t size, uint8_t low)
{
    Bytes b(size, 0);
    b[0] = low;
    return b;
}

const EdwardsPoints& edwardsPoints(AlgorithmId id)
{
    static const EdwardsPoints ed25519 = [] {
        EdwardsPoints e;
        e.prime.assign(32, 0xff); // 2^255 - 19
        e.prime[0] = 0xed;
        e.prime[31] = 0x7f;
        Bytes minusOne = e.prime;
        minusOne[0] = 0xec;
        // The y of the points of order 8 solve d y^4 + 2 y^2 - 1 = 0; they are y8 and p - y8.
        const Bytes y8 = {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4,
                          0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6,
                          0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05};
        const Bytes minusY8 = {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b,
                               0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39,
                               0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a};
        // Orders 1 (y = 1), 2 (y = -1), 4 (y = 0) and 8.
        e.smallOrderY = {littleEndian(32, 1), minusOne, littleEndian(32, 0), y8, minusY8};
        return e;
    }();
    static const EdwardsPoints ed448 = [] {
        EdwardsPoints e;
        e.prime.assign(57, 0xff); // 2^448 - 2^224 - 1; the 57th byte only holds the sign bit
        e.prime[28] = 0xfe;
        e.prime[56] = 0;
        Bytes minusOne = e.prime;
        minusOne[0] = 0xfe;
        // The cofactor is 4: orders 1 (y = 1), 2 (y = -1) and 4 (y = 0).
        e.smallOrderY = {littleEndian(57, 1), minusOne, littleEndian(57, 0)};
        return e;
    }();
    return id == AlgorithmId::Ed448 ? ed448 : ed25519;
}

bool isCanonicalAndNotSmallOrder(const EdwardsPoints& e, const uint8_t* encoding)
{
    const size_t n = e.prime.size();
    auto yByte = [&](size_t i) {
        return i == n - 1 ? static_cast<uint8_t>(encoding[i] & 0x7f) : encoding[i];
    };
    // y < p, from the most significant byte down.
    for (size_t i = n; i-- > 0;) {
        if (yByte(i) != e.prime[i]) {
            if (yByte(i) > e.prime[i]) return false;
            break;
        }
        if (i == 0) return false; // y = p
    }
    for (const Bytes& y : e.smallOrderY) {
        bool same = true;
        for (size_t j = 0; j < n && same; ++j)
            same = yByte(j) == y[j];
        if (same) return false;
    }
    return true;
}

} // namespace

// https://wicg.github.io/webcrypto-secure-curves/#ed25519-operations (generate key)
Status generateKey(const Algorithm& alg, Usages usages, NewKey& privateKey, NewKey& publicKey)
{
    const Curve& c = curveOf(alg.id);
    Status st = checkUsages(usages, privateUsages(c) | publicUsages(c), algorithmName(c.id));
    if (!st.ok()) return st;
    EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, c.name);
    if (!pkey) return operationError("The key pair could not be generated.");
    privateKey.material->pkey.reset(pkey);
    Bytes pub;
    if (!(st = rawPublic(pkey, pub)).ok()) return st;
    publicKey.material->pkey.reset(
        EVP_PKEY_new_raw_public_key(c.type, nullptr, pub.data(), pub.size()));
    if (!publicKey.material->pkey) return operationError("The key pair could not be generated.");
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
        if (!(st = usagesFor(type)).ok()) return st;
        if (input.bytes.size() != c.size)
            return dataError("The raw public key must be " + std::to_string(c.size) +
                             " bytes long.");
        pkey.reset(
            EVP_PKEY_new_raw_public_key(c.type, nullptr, input.bytes.data(), input.bytes.size()));
        if (!pkey) return dataError("The raw public key is invalid.");
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
        if (!(st = jwkBytes(jwk.x, "x", x, c.size)).ok()) return st;
        if (jwk.d) {
            if (!(st = jwkBytes(jwk.d, "d", d, c.size)).ok()) return st;
            pkey.reset(EVP_PKEY_new_raw_private_key(c.type, nullptr, d.data(), d.size()));
            OPENSSL_cleanse(d.data(), d.size());
            Bytes derived;
            if (!pkey || !rawPublic(pkey.get(), derived).ok() || derived != x)
                return dataError("The JWK 'x' member does not match the private key.");
        } else {
            pkey.reset(EVP_PKEY_new_raw_public_key(c.type, nullptr, x.data(), x.size()));
            if (!pkey) return dataError("The JWK public key is invalid.");
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
    case KeyFormat::Pkcs8: return exportDer(format, type, pkey, out);
    case KeyFormat::Jwk: {
        Bytes pub;
        Status st = rawPublic(pkey, pub);
        if (!st.ok()) return st;
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
    if (!ctx ||
        EVP_DigestSignInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, key.pkey.get(),
                              nullptr) <= 0 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, data, size) <= 0)
        return operationError("The signature could not be computed.");
    out.resize(len);
    if (EVP_DigestSign(ctx.get(), out.data(), &len, data, size) <= 0)
        return operationError("The signature could not be computed.");
    out.resize(len);
    return Status::success();
}

// https://w3c.github.io/webcrypto/#ed25519-operations-verify (and Secure Curves' Ed448 verify)
Status verify(const Algorithm& alg, const KeyAlgorithm& algorithm, const KeyMaterial& key,
              const uint8_t* signature, size_t signatureSize, const uint8_t* data, size_t size,
              bool& valid)
{
    valid = false;
    if (alg.hasContext && !alg.context.empty())
        return notSupported("Ed448 contexts are not supported.");
    const Curve& c = curveOf(algorithm.id);
    if (signatureSize != 2 * c.size) return Status::success();
    // Steps 2-3: an invalid or small-order public key, or R, means the signature is not valid.
    const EdwardsPoints& points = edwardsPoints(c.id);
    Bytes publicKey;
    Status st = rawPublic(key.pkey.get(), publicKey);
    if (!st.ok()) return st;
    if (!isCanonicalAndNotSmallOrder(points, publicKey.data()) ||
        !isCanonicalAndNotSmallOrder(points, signature))
        return Status::success();
    // Step 4: OpenSSL verifies with the cofactorless equation [S]B = R + [k]A'.
    EvpMdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr,
                                        key.pkey.get(), nullptr) <= 0)
        return operationError("The verification could not be set up.");
    valid = EVP_DigestVerify(ctx.get(), signature, signatureSize, data, size) == 1;
    return Status::success();
}

} // namespace nano::api::crypto::ed
