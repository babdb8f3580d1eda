#include "api/crypto/aes.h"

#include "api/crypto/job.h"
#include "api/crypto/jwk.h"
#include "api/crypto/random.h"

#include <openssl/core_names.h>

#include <climits>
#include <cstring>
#include <mutex>

namespace nano::api::crypto::aes {

namespace {

enum Mode { Ctr, Cbc, Gcm, Kw };

Mode modeOf(AlgorithmId id)
{
    switch (id) {
    case AlgorithmId::AesCtr: return Ctr;
    case AlgorithmId::AesCbc: return Cbc;
    case AlgorithmId::AesGcm: return Gcm;
    default: return Kw;
    }
}

// The cipher for a mode and key size, fetched once per process.
const EVP_CIPHER* cipher(Mode mode, size_t keyBytes)
{
    static EVP_CIPHER* table[4][3] = {};
    static std::once_flag once;
    std::call_once(once, [] {
        const char* names[4][3] = {{"AES-128-CTR", "AES-192-CTR", "AES-256-CTR"},
                                   {"AES-128-CBC", "AES-192-CBC", "AES-256-CBC"},
                                   {"AES-128-GCM", "AES-192-GCM", "AES-256-GCM"},
                                   {"AES-128-WRAP", "AES-192-WRAP", "AES-256-WRAP"}};
        for (int m = 0; m < 4; ++m) {
            for (int k = 0; k < 3; ++k)
                table[m][k] = EVP_CIPHER_fetch(nullptr, names[m][k], nullptr);
        }
    });
    const int k = keyBytes == 16 ? 0 : keyBytes == 24 ? 1 : keyBytes == 32 ? 2 : -1;
    return k < 0 ? nullptr : table[mode][k];
}

const char* jwkSuffix(Mode mode)
{
    switch (mode) {
    case Ctr: return "CTR";
    case Cbc: return "CBC";
    case Gcm: return "GCM";
    case Kw: return "KW";
    }
    return "";
}

Usages allowedUsages(AlgorithmId id)
{
    return id == AlgorithmId::AesKw ? Usages(kWrapKey | kUnwrapKey)
                                    : Usages(kEncrypt | kDecrypt | kWrapKey | kUnwrapKey);
}

void finishKey(NewKey& key, AlgorithmId id, Usages usages)
{
    key.type = KeyType::Secret;
    key.algorithm.id = id;
    key.algorithm.length = static_cast<uint32_t>(key.material->secret.bytes.size() * 8);
    key.usages = usages;
}

// EVP_*Update takes int lengths: feed large inputs in pieces.
// With `stream`, `in` points into it and each piece waits until it has been copied.
bool update(EVP_CIPHER_CTX* ctx, uint8_t* out, int& outLen, const uint8_t* in, size_t size,
            const StreamedInput* stream = nullptr)
{
    const size_t kPiece = stream ? StreamedInput::kChunk : size_t(1) << 30;
    size_t written = 0;
    size_t offset = 0;
    do {
        const int n = static_cast<int>(std::min(kPiece, size - offset));
        if (stream)
            stream->waitFor(static_cast<size_t>(in - stream->data()) + offset +
                            static_cast<size_t>(n));
        int got = 0;
        if (!EVP_CipherUpdate(ctx, out ? out + written : nullptr, &got, in + offset, n))
            return false;
        written += static_cast<size_t>(got);
        offset += static_cast<size_t>(n);
    } while (offset < size);
    outLen = static_cast<int>(written);
    return true;
}

bool updateSized(EVP_CIPHER_CTX* ctx, uint8_t* out, size_t& written, const uint8_t* in, size_t size,
                 const StreamedInput* stream = nullptr)
{
    int n = 0;
    if (!update(ctx, out, n, in, size, stream)) return false;
    written = static_cast<size_t>(n);
    return true;
}

// https://w3c.github.io/webcrypto/#aes-gcm-operations-encrypt and -decrypt
Status gcm(const Algorithm& alg, const Bytes& key, const uint8_t* data, size_t size, bool encrypt,
           Bytes& out, StreamedInput* stream)
{
    const uint32_t tagBits = alg.tagLength ? *alg.tagLength : 128;
    if (tagBits != 32 && tagBits != 64 && (tagBits < 96 || tagBits > 128 || tagBits % 8))
        return operationError("The AES-GCM tag length " + std::to_string(tagBits) +
                              " is not one of 32, 64, 96, 104, 112, 120 or 128.");
    if (alg.iv.empty()) return operationError("The AES-GCM iv must not be empty.");
    const size_t tagBytes = tagBits / 8;
    if (!encrypt && size < tagBytes)
        return operationError("The AES-GCM data is shorter than the tag.");
    EvpCipherCtx ctx(EVP_CIPHER_CTX_new());
    size_t ivLen = alg.iv.size();
    OSSL_PARAM params[] = {OSSL_PARAM_construct_size_t(OSSL_CIPHER_PARAM_AEAD_IVLEN, &ivLen),
                           OSSL_PARAM_construct_end()};
    if (!ctx ||
        !EVP_CipherInit_ex2(ctx.get(), cipher(Gcm, key.size()), nullptr, nullptr, encrypt ? 1 : 0,
                            params) ||
        !EVP_CipherInit_ex2(ctx.get(), nullptr, key.data(), alg.iv.data(), -1, nullptr))
        return operationError("The AES-GCM operation could not be set up.");
    int n = 0;
    if (!alg.additionalData.empty() &&
        !update(ctx.get(), nullptr, n, alg.additionalData.data(), alg.additionalData.size()))
        return operationError("The AES-GCM additional data could not be processed.");
    const size_t textSize = encrypt ? size : size - tagBytes;
    // A streamed input is a copy of our own: the cipher runs on it in place and its buffer
    // (made with room for the tag) becomes the output.
    if (!stream) out.resize(textSize + (encrypt ? tagBytes : 0));
    uint8_t* text = stream ? stream->inPlace() : out.data();
    size_t written = 0;
    if (textSize && !updateSized(ctx.get(), text, written, data, textSize, stream))
        return operationError("The AES-GCM operation failed.");
    if (stream) stream->waitFor(stream->size()); // the tag
    if (!encrypt &&
        !EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tagBytes),
                             const_cast<uint8_t*>(data + textSize)))
        return operationError("The AES-GCM tag could not be set.");
    int last = 0;
    if (!EVP_CipherFinal_ex(ctx.get(), text + written, &last)) {
        OPENSSL_cleanse(text, textSize);
        out.clear();
        return operationError("The AES-GCM decryption failed: the data is not authentic.");
    }
    if (stream) {
        out = stream->takeBuffer();
        out.resize(textSize + (encrypt ? tagBytes : 0)); // within the buffer's capacity
    }
    if (encrypt && !EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG,
                                        static_cast<int>(tagBytes), out.data() + textSize))
        return operationError("The AES-GCM tag could not be computed.");
    return Status::success();
}

// https://w3c.github.io/webcrypto/#aes-ctr-operations-encrypt: only the rightmost `length`
// bits of the counter block count; they wrap around without carrying into the nonce bits.
Status ctr(const Algorithm& alg, const Bytes& key, const uint8_t* data, size_t size, Bytes& out,
           StreamedInput* stream)
{
    if (alg.counter.size() != 16)
        return operationError("The AES-CTR counter must be 16 bytes long.");
    const uint32_t length = alg.length.value_or(0);
    if (length == 0 || length > 128)
        return operationError("The AES-CTR counter length must be between 1 and 128.");
    using u128 = unsigned __int128;
    u128 counter = 0;
    for (uint8_t b : alg.counter)
        counter = (counter << 8) | b;
    const u128 blocks = (static_cast<u128>(size) + 15) / 16;
    const u128 mask = length == 128 ? ~u128(0) : ((u128(1) << length) - 1);
    if (length < 128 && blocks > (u128(1) << length))
        return operationError("The AES-CTR counter would repeat for data of this length.");
    // Blocks before the counter bits wrap to zero.
    const u128 untilWrap = length == 128 ? blocks : (mask - (counter & mask)) + 1;
    // A streamed input is a copy of our own: the cipher runs on it in place (as for GCM).
    if (!stream) out.resize(size);
    uint8_t* text = stream ? stream->inPlace() : out.data();
    auto run = [&](u128 block, const uint8_t* in, uint8_t* o, size_t n) {
        uint8_t iv[16];
        for (int i = 15; i >= 0; --i) {
            iv[i] = static_cast<uint8_t>(block);
            block >>= 8;
        }
        EvpCipherCtx ctx(EVP_CIPHER_CTX_new());
        size_t written = 0;
        return ctx &&
               EVP_CipherInit_ex2(ctx.get(), cipher(Ctr, key.size()), key.data(), iv, 1, nullptr) &&
               updateSized(ctx.get(), o, written, in, n, stream);
    };
    const size_t first = untilWrap >= blocks ? size : static_cast<size_t>(untilWrap) * 16;
    if (!run(counter, data, text, first) ||
        (first < size && !run(counter & ~mask, data + first, text + first, size - first)))
        return operationError("The AES-CTR operation failed.");
    if (stream) out = stream->takeBuffer();
    return Status::success();
}

// https://w3c.github.io/webcrypto/#aes-cbc-operations-encrypt and -decrypt
Status cbc(const Algorithm& alg, const Bytes& key, const uint8_t* data, size_t size, bool encrypt,
           Bytes& out, StreamedInput* stream)
{
    if (alg.iv.size() != 16) return operationError("The AES-CBC iv must be 16 bytes long.");
    EvpCipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx || !EVP_CipherInit_ex2(ctx.get(), cipher(Cbc, key.size()), key.data(), alg.iv.data(),
                                    encrypt ? 1 : 0, nullptr))
        return operationError("The AES-CBC operation could not be set up.");
    out.resize(size + 16);
    size_t written = 0;
    int last = 0;
    if (!updateSized(ctx.get(), out.data(), written, data, size, stream) ||
        !EVP_CipherFinal_ex(ctx.get(), out.data() + written, &last)) {
        // One error with no detail for every decryption failure (no padding oracle).
        out.clear();
        return operationError(encrypt ? "The AES-CBC encryption failed."
                                      : "The AES-CBC decryption failed.");
    }
    out.resize(written + static_cast<size_t>(last));
    return Status::success();
}

} // namespace

// https://w3c.github.io/webcrypto/#aes-gcm-operations-generate-key
Status generateKey(const Algorithm& alg, Usages usages, NewKey& key)
{
    Status st = checkUsages(usages, allowedUsages(alg.id), algorithmName(alg.id));
    if (!st.ok()) return st;
    const uint32_t length = alg.length.value_or(0);
    if (length != 128 && length != 192 && length != 256)
        return operationError("The AES key length must be 128, 192 or 256 bits.");
    Bytes& bytes = key.material->secret.bytes;
    bytes.resize(length / 8);
    if (!random::fill(bytes.data(), bytes.size()))
        return operationError("The random number generator failed.");
    finishKey(key, alg.id, usages);
    return Status::success();
}

// https://w3c.github.io/webcrypto/#aes-gcm-operations-import-key
Status importKey(const KeyInput& input, const Algorithm& alg, bool extractable, Usages usages,
                 NewKey& key)
{
    Status st = checkUsages(usages, allowedUsages(alg.id), algorithmName(alg.id));
    if (!st.ok()) return st;
    Bytes& data = key.material->secret.bytes;
    if (input.format == KeyFormat::Raw) {
        data = input.bytes;
    } else if (input.format == KeyFormat::Jwk) {
        const JsonWebKey& jwk = *input.jwk;
        if (!(st = checkJwkCommon(jwk, "oct", "enc", usages, extractable)).ok() ||
            !(st = jwkBytes(jwk.k, "k", data)).ok())
            return st;
        if (data.size() == 16 || data.size() == 24 || data.size() == 32) {
            const std::string expected =
                "A" + std::to_string(data.size() * 8) + jwkSuffix(modeOf(alg.id));
            if (jwk.alg && *jwk.alg != expected)
                return dataError("The JWK 'alg' member must be '" + expected + "'.");
        }
    } else {
        return notSupported("AES keys cannot be imported in this format.");
    }
    if (data.size() != 16 && data.size() != 24 && data.size() != 32)
        return dataError("The AES key must be 128, 192 or 256 bits long.");
    finishKey(key, alg.id, usages);
    return Status::success();
}

Status exportKey(KeyFormat format, const KeyAlgorithm& algorithm, const KeyMaterial& material,
                 Bytes& raw, JsonWebKey& jwk)
{
    if (format == KeyFormat::Raw) {
        raw = material.secret.bytes;
    } else if (format == KeyFormat::Jwk) {
        jwk.kty = "oct";
        jwk.k = base64UrlEncode(material.secret.bytes);
        jwk.alg = "A" + std::to_string(algorithm.length) + jwkSuffix(modeOf(algorithm.id));
    } else {
        return notSupported("AES keys cannot be exported in this format.");
    }
    return Status::success();
}

Status crypt(const Algorithm& alg, const KeyMaterial& key, const uint8_t* data, size_t size,
             bool encrypt, Bytes& out, StreamedInput* stream)
{
    const Bytes& k = key.secret.bytes;
    switch (modeOf(alg.id)) {
    case Gcm: return gcm(alg, k, data, size, encrypt, out, stream);
    case Ctr: return ctr(alg, k, data, size, out, stream);
    case Cbc: return cbc(alg, k, data, size, encrypt, out, stream);
    case Kw: break;
    }
    return notSupported("AES-KW does not support encrypt and decrypt.");
}

// https://w3c.github.io/webcrypto/#aes-kw-operations-wrap-key
Status wrap(const KeyMaterial& key, const uint8_t* data, size_t size, bool wrap, Bytes& out)
{
    if (size % 8 || size < (wrap ? 16u : 24u))
        return operationError(wrap ? "AES-KW needs data of at least 16 bytes, a multiple of 8."
                                   : "The AES-KW wrapped data has an invalid length.");
    const Bytes& k = key.secret.bytes;
    EvpCipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx) return operationError("AES-KW could not be set up.");
    EVP_CIPHER_CTX_set_flags(ctx.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    if (!EVP_CipherInit_ex2(ctx.get(), cipher(Kw, k.size()), k.data(), nullptr, wrap ? 1 : 0,
                            nullptr))
        return operationError("AES-KW could not be set up.");
    out.resize(size + 16);
    size_t written = 0;
    int last = 0;
    if (!updateSized(ctx.get(), out.data(), written, data, size) ||
        !EVP_CipherFinal_ex(ctx.get(), out.data() + written, &last)) {
        out.clear();
        return operationError(wrap ? "The AES-KW wrapping failed."
                                   : "The AES-KW unwrapping failed.");
    }
    out.resize(written + static_cast<size_t>(last));
    return Status::success();
}

Status keyLength(const Algorithm& alg, uint32_t& bits)
{
    bits = alg.length.value_or(0);
    if (bits != 128 && bits != 192 && bits != 256)
        return operationError("The AES key length must be 128, 192 or 256 bits.");
    return Status::success();
}

} // namespace nano::api::crypto::aes
