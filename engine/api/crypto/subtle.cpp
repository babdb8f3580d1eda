#include "api/crypto/subtle.h"

#include "api/crypto/aes.h"
#include "api/crypto/ec.h"
#include "api/crypto/ed.h"
#include "api/crypto/hmac.h"
#include "api/crypto/job.h"
#include "api/crypto/jwk.h"
#include "api/crypto/kdf.h"
#include "api/crypto/rsa.h"
#include "api/crypto/sha.h"

namespace nano::api::crypto {

namespace {

enum class Family { Sha, Hmac, Aes, Ec, Rsa, Okp, Kdf, None };

Family familyOf(AlgorithmId id)
{
    switch (id) {
    case AlgorithmId::Sha1:
    case AlgorithmId::Sha256:
    case AlgorithmId::Sha384:
    case AlgorithmId::Sha512: return Family::Sha;
    case AlgorithmId::Hmac: return Family::Hmac;
    case AlgorithmId::AesCtr:
    case AlgorithmId::AesCbc:
    case AlgorithmId::AesGcm:
    case AlgorithmId::AesKw: return Family::Aes;
    case AlgorithmId::Ecdsa:
    case AlgorithmId::Ecdh: return Family::Ec;
    case AlgorithmId::RsassaPkcs1:
    case AlgorithmId::RsaPss:
    case AlgorithmId::RsaOaep: return Family::Rsa;
    case AlgorithmId::Ed25519:
    case AlgorithmId::Ed448:
    case AlgorithmId::X25519:
    case AlgorithmId::X448: return Family::Okp;
    case AlgorithmId::Hkdf:
    case AlgorithmId::Pbkdf2: return Family::Kdf;
    case AlgorithmId::None: break;
    }
    return Family::None;
}

// Throws a Status as the JS error it names (the method's promise then rejects with it).
void throwStatus(bind::CallContext& cx, const Status& st)
{
    if (std::string_view(st.name) == "TypeError")
        cx.throwTypeError(st.message);
    else
        cx.throwDOMException(st.name, st.message);
}

bool parseUsages(bind::CallContext& cx, const std::vector<std::string>& list, Usages& out)
{
    out = 0;
    for (const std::string& name : list) {
        Usage usage;
        if (!parseUsage(name, usage)) {
            cx.throwTypeError("The provided value '" + name +
                              "' is not a valid enum value of type KeyUsage.");
            return false;
        }
        out |= usage;
    }
    return true;
}

// https://w3c.github.io/webcrypto/#SubtleCrypto-method-encrypt steps 8-9 and their equivalents.
bool checkKey(bind::CallContext& cx, const CryptoKey* key, AlgorithmId id, Usage usage)
{
    if (key->keyAlgorithm().id != id) {
        cx.throwDOMException("InvalidAccessError",
                             std::string("The key is a ") + algorithmName(key->keyAlgorithm().id) +
                                 " key, not a " + algorithmName(id) + " key.");
        return false;
    }
    if (!(key->usageBits() & usage)) {
        cx.throwDOMException("InvalidAccessError",
                             std::string("The key does not allow '") + usageName(usage) + "'.");
        return false;
    }
    return true;
}

Bytes copyOf(const bind::BufferSource& buffer)
{
    return toBytes(buffer.data(), buffer.size());
}

JobCost costOf(size_t size)
{
    return size >= kLargeInput ? JobCost::Large : JobCost::Small;
}

// --- dispatch to the families ----------------------------------------------------------------

Status importByAlgorithm(const KeyInput& input, const Algorithm& alg, bool extractable,
                         Usages usages, NewKey& key)
{
    Status st;
    switch (familyOf(alg.id)) {
    case Family::Hmac: st = hmac::importKey(input, alg, extractable, usages, key); break;
    case Family::Aes: st = aes::importKey(input, alg, extractable, usages, key); break;
    case Family::Ec: st = ec::importKey(input, alg, extractable, usages, key); break;
    case Family::Rsa: st = rsa::importKey(input, alg, extractable, usages, key); break;
    case Family::Okp: st = ed::importKey(input, alg, extractable, usages, key); break;
    case Family::Kdf: st = kdf::importKey(input, alg, extractable, usages, key); break;
    default: return notSupported("The algorithm does not support importKey.");
    }
    if (!st.ok()) return st;
    key.usages = usages & key.usages;
    // https://w3c.github.io/webcrypto/#SubtleCrypto-method-importKey step 9.
    if ((key.type == KeyType::Secret || key.type == KeyType::Private) && key.usages == 0)
        return syntaxError("The usages must not be empty for a secret or private key.");
    return Status::success();
}

Status exportByAlgorithm(KeyFormat format, const CryptoKey& key, Bytes& out, JsonWebKey& jwk)
{
    // https://w3c.github.io/webcrypto/#SubtleCrypto-method-exportKey steps 5-6.
    if (!key.isExtractable()) return invalidAccess("The key is not extractable.");
    const KeyAlgorithm& a = key.keyAlgorithm();
    const KeyMaterial& m = *key.material();
    Status st;
    switch (familyOf(a.id)) {
    case Family::Hmac: st = hmac::exportKey(format, a, m, out, jwk); break;
    case Family::Aes: st = aes::exportKey(format, a, m, out, jwk); break;
    case Family::Ec: st = ec::exportKey(format, key.keyType(), a, m, out, jwk); break;
    case Family::Rsa: st = rsa::exportKey(format, key.keyType(), a, m, out, jwk); break;
    case Family::Okp: st = ed::exportKey(format, key.keyType(), a, m, out, jwk); break;
    default: return notSupported("Keys of this algorithm cannot be exported.");
    }
    if (st.ok() && format == KeyFormat::Jwk) {
        jwk.key_ops.emplace();
        for (int i = 0; i < 8; ++i) {
            if (key.usageBits() & (1 << i))
                jwk.key_ops->push_back(usageName(static_cast<Usage>(1 << i)));
        }
        jwk.ext = key.isExtractable();
    }
    return st;
}

Status encryptByAlgorithm(const Algorithm& alg, const KeyAlgorithm& keyAlgorithm,
                          const KeyMaterial& key, const uint8_t* data, size_t size, bool encrypt,
                          Bytes& out)
{
    if (alg.id == AlgorithmId::RsaOaep)
        return rsa::crypt(alg, keyAlgorithm, key, data, size, encrypt, out);
    return aes::crypt(alg, key, data, size, encrypt, out);
}

Status signByAlgorithm(const Algorithm& alg, const KeyAlgorithm& keyAlgorithm,
                       const KeyMaterial& key, const uint8_t* data, size_t size, Bytes& out)
{
    switch (familyOf(alg.id)) {
    case Family::Hmac: return hmac::sign(key, data, size, out);
    case Family::Ec: return ec::sign(alg.hash, keyAlgorithm, key, data, size, out);
    case Family::Rsa: return rsa::sign(alg, keyAlgorithm, key, data, size, out);
    case Family::Okp: return ed::sign(alg, key, data, size, out);
    default: return notSupported("The algorithm does not support sign.");
    }
}

Status verifyByAlgorithm(const Algorithm& alg, const KeyAlgorithm& keyAlgorithm,
                         const KeyMaterial& key, const Bytes& signature, const Bytes& data,
                         bool& valid)
{
    switch (familyOf(alg.id)) {
    case Family::Hmac:
        return hmac::verify(key, signature.data(), signature.size(), data.data(), data.size(),
                            valid);
    case Family::Ec:
        return ec::verify(alg.hash, keyAlgorithm, key, signature.data(), signature.size(),
                          data.data(), data.size(), valid);
    case Family::Rsa:
        return rsa::verify(alg, keyAlgorithm, key, signature.data(), signature.size(), data.data(),
                           data.size(), valid);
    case Family::Okp:
        return ed::verify(alg, keyAlgorithm, key, signature.data(), signature.size(), data.data(),
                          data.size(), valid);
    default: return notSupported("The algorithm does not support verify.");
    }
}

// What deriveBits needs, captured on the engine thread.
struct DeriveInput {
    Algorithm alg;
    KeyMaterialPtr key;
    KeyMaterialPtr peer; // ECDH / X25519 / X448
};

// Checks and captures the inputs of deriveBits
// (https://w3c.github.io/webcrypto/#SubtleCrypto-method-deriveBits)
bool prepareDerive(bind::CallContext& cx, Algorithm&& alg, CryptoKey* baseKey, Usage usage,
                   DeriveInput& out)
{
    if (!checkKey(cx, baseKey, alg.id, usage)) return false;
    if (alg.publicKey) {
        // https://w3c.github.io/webcrypto/#ecdh-operations-derive-bits steps 1-5.
        const CryptoKey* peer = alg.publicKey;
        if (baseKey->keyType() != KeyType::Private) {
            cx.throwDOMException("InvalidAccessError", "The base key is not a private key.");
            return false;
        }
        if (peer->keyType() != KeyType::Public) {
            cx.throwDOMException("InvalidAccessError", "The 'public' key is not a public key.");
            return false;
        }
        if (peer->keyAlgorithm().id != alg.id ||
            peer->keyAlgorithm().namedCurve != baseKey->keyAlgorithm().namedCurve) {
            cx.throwDOMException("InvalidAccessError",
                                 "The 'public' key is not a key of the same algorithm and curve.");
            return false;
        }
        out.peer = peer->material();
        alg.publicKey = nullptr; // only valid during the call
    }
    out.key = baseKey->material();
    out.alg = std::move(alg);
    return true;
}

Status deriveByAlgorithm(const DeriveInput& in, std::optional<uint32_t> length, Bytes& out)
{
    switch (in.alg.id) {
    case AlgorithmId::Ecdh:
        return deriveSharedSecret(in.key->pkey.get(), in.peer->pkey.get(), length, false, out);
    case AlgorithmId::X25519:
    case AlgorithmId::X448:
        return deriveSharedSecret(in.key->pkey.get(), in.peer->pkey.get(), length, true, out);
    case AlgorithmId::Hkdf:
    case AlgorithmId::Pbkdf2: return kdf::deriveBits(in.alg, *in.key, length, out);
    default: return notSupported("The algorithm does not support deriveBits.");
    }
}

JobCost deriveCost(const Algorithm& alg)
{
    return alg.id == AlgorithmId::Pbkdf2 && alg.iterations > 1000 ? JobCost::Large : JobCost::Small;
}

CryptoKey* makeKey(v8::Isolate* isolate, NewKey& key, bool extractable)
{
    return CryptoKey::create(isolate, key.type, extractable, std::move(key.algorithm), key.usages,
                             std::move(key.material));
}

v8::Local<v8::Promise> resolvedWith(bind::CallContext& cx, v8::Local<v8::Value> value)
{
    return bind::resolvedPromise(cx.context(), value);
}

// Import of unwrapped or derived key data, on the engine thread (JWK parsing needs JS).
struct ImportRequest {
    KeyFormat format;
    Algorithm alg;
    bool extractable;
    Usages usages;
};

void importAndResolve(v8::Isolate* isolate, bind::PromiseResolver& resolver, ImportRequest& req,
                      Bytes&& data, const char* op)
{
    KeyInput input;
    input.format = req.format;
    JsonWebKey jwk;
    if (req.format == KeyFormat::Jwk) {
        // https://w3c.github.io/webcrypto/#concept-parse-a-jwk
        v8::Local<v8::Context> context = isolate->GetCurrentContext();
        v8::TryCatch tryCatch(isolate);
        v8::Local<v8::String> text;
        v8::Local<v8::Value> parsed;
        if (!bind::newString(
                 isolate, std::string_view(reinterpret_cast<const char*>(data.data()), data.size()))
                 .ToLocal(&text) ||
            !v8::JSON::Parse(context, text).ToLocal(&parsed) || !parsed->IsObject()) {
            rejectIfFailed(isolate, resolver, dataError("The key data is not a JSON object."), op);
            return;
        }
        // The JsonWebKey members (no CallContext here for bind's dictionary reader).
        v8::Local<v8::Object> object = parsed.As<v8::Object>();
        auto get = [&](const char* key, std::optional<std::string>& out) {
            v8::Local<v8::Value> v;
            if (!object->Get(context, bind::name(isolate, key)).ToLocal(&v)) return false;
            if (v->IsString()) out = bind::toUtf8(isolate, v.As<v8::String>());
            return true;
        };
        bool ok = get("alg", jwk.alg) && get("crv", jwk.crv) && get("d", jwk.d) &&
                  get("dp", jwk.dp) && get("dq", jwk.dq) && get("e", jwk.e) && get("k", jwk.k) &&
                  get("kty", jwk.kty) && get("n", jwk.n) && get("p", jwk.p) && get("q", jwk.q) &&
                  get("qi", jwk.qi) && get("use", jwk.use) && get("x", jwk.x) && get("y", jwk.y);
        v8::Local<v8::Value> v;
        if (ok && object->Get(context, bind::name(isolate, "ext")).ToLocal(&v) && v->IsBoolean())
            jwk.ext = v->BooleanValue(isolate);
        if (ok && object->Get(context, bind::name(isolate, "key_ops")).ToLocal(&v) &&
            v->IsArray()) {
            auto array = v.As<v8::Array>();
            jwk.key_ops.emplace();
            for (uint32_t i = 0; ok && i < array->Length(); ++i) {
                v8::Local<v8::Value> item;
                ok = array->Get(context, i).ToLocal(&item);
                v8::Local<v8::String> op;
                ok = ok && item->ToString(context).ToLocal(&op);
                if (ok) jwk.key_ops->push_back(bind::toUtf8(isolate, op));
            }
        }
        if (ok && object->Has(context, bind::name(isolate, "oth")).FromMaybe(false))
            jwk.hasOth = true;
        if (!ok || tryCatch.HasCaught()) {
            rejectIfFailed(isolate, resolver, dataError("The key data is not a valid JWK."), op);
            return;
        }
        input.jwk = &jwk;
    } else {
        input.bytes = std::move(data);
    }
    NewKey key;
    Status st = importByAlgorithm(input, req.alg, req.extractable, req.usages, key);
    if (!input.bytes.empty()) OPENSSL_cleanse(input.bytes.data(), input.bytes.size());
    if (rejectIfFailed(isolate, resolver, st, op)) return;
    if (CryptoKey* created = makeKey(isolate, key, req.extractable))
        resolver.resolve(isolate, created->wrapper());
}

} // namespace

namespace {

// encrypt/decrypt of a large input with AES: the cipher runs while the input is being copied.
SubtleCrypto::Promise cryptStreamed(bind::CallContext& cx, Algorithm&& alg, CryptoKey* key,
                                    const bind::BufferSource& data, bool encrypt)
{
    // Room for an AES-GCM tag: the cipher turns the copy into its output in place.
    auto input = std::make_shared<StreamedInput>(data.size(), 16);
    v8::Local<v8::Promise> promise = scheduleJob(
        cx, JobCost::Large,
        [alg = std::move(alg), material = key->material(), input, encrypt](JobResult& r) {
            r.status = aes::crypt(alg, *material, input->data(), input->size(), encrypt, r.bytes,
                                  input.get());
        },
        finishWithBytes(encrypt ? "encrypt" : "decrypt"));
    input->copyFrom(data.data()); // completes before we return, as the spec requires
    return promise;
}

bool streamable(const Algorithm& alg, size_t size)
{
    return size >= kStreamedInput && familyOf(alg.id) == Family::Aes;
}

} // namespace

// https://w3c.github.io/webcrypto/#SubtleCrypto-method-encrypt
SubtleCrypto::Promise SubtleCrypto::encrypt(bind::CallContext& cx, Value algorithm, CryptoKey* key,
                                            bind::BufferSource data)
{
    Algorithm alg;
    if (!normalizeAlgorithm(cx, algorithm, Operation::Encrypt, alg) ||
        !checkKey(cx, key, alg.id, kEncrypt))
        return {};
    if (streamable(alg, data.size())) return cryptStreamed(cx, std::move(alg), key, data, true);
    KeyMaterialPtr material = key->material();
    const size_t size = data.size();
    return scheduleJob(
        cx, costOf(size),
        [alg = std::move(alg), keyAlgorithm = key->keyAlgorithm(), material,
         bytes = copyOf(data)](JobResult& r) {
            r.status = encryptByAlgorithm(alg, keyAlgorithm, *material, bytes.data(), bytes.size(),
                                          true, r.bytes);
        },
        finishWithBytes("encrypt"));
}

// https://w3c.github.io/webcrypto/#SubtleCrypto-method-decrypt
SubtleCrypto::Promise SubtleCrypto::decrypt(bind::CallContext& cx, Value algorithm, CryptoKey* key,
                                            bind::BufferSource data)
{
    Algorithm alg;
    if (!normalizeAlgorithm(cx, algorithm, Operation::Decrypt, alg) ||
        !checkKey(cx, key, alg.id, kDecrypt))
        return {};
    if (streamable(alg, data.size())) return cryptStreamed(cx, std::move(alg), key, data, false);
    KeyMaterialPtr material = key->material();
    return scheduleJob(
        cx, costOf(data.size()),
        [alg = std::move(alg), keyAlgorithm = key->keyAlgorithm(), material,
         bytes = copyOf(data)](JobResult& r) {
            r.status = encryptByAlgorithm(alg, keyAlgorithm, *material, bytes.data(), bytes.size(),
                                          false, r.bytes);
        },
        finishWithBytes("decrypt"));
}

// https://w3c.github.io/webcrypto/#SubtleCrypto-method-sign
SubtleCrypto::Promise SubtleCrypto::sign(bind::CallContext& cx, Value algorithm, CryptoKey* key,
                                         bind::BufferSource data)
{
    Algorithm alg;
    if (!normalizeAlgorithm(cx, algorithm, Operation::Sign, alg) ||
        !checkKey(cx, key, alg.id, kSign))
        return {};
    if (key->keyType() == KeyType::Public) {
        cx.throwDOMException("InvalidAccessError", "A public key cannot sign.");
        return {};
    }
    KeyMaterialPtr material = key->material();
    return scheduleJob(
        cx, costOf(data.size()),
        [alg = std::move(alg), keyAlgorithm = key->keyAlgorithm(), material,
         bytes = copyOf(data)](JobResult& r) {
            r.status =
                signByAlgorithm(alg, keyAlgorithm, *material, bytes.data(), bytes.size(), r.bytes);
        },
        finishWithBytes("sign"));
}

// https://w3c.github.io/webcrypto/#SubtleCrypto-method-verify
SubtleCrypto::Promise SubtleCrypto::verify(bind::CallContext& cx, Value algorithm, CryptoKey* key,
                                           bind::BufferSource signature, bind::BufferSource data)
{
    Algorithm alg;
    if (!normalizeAlgorithm(cx, algorithm, Operation::Verify, alg) ||
        !checkKey(cx, key, alg.id, kVerify))
        return {};
    if (key->keyType() == KeyType::Private) {
        cx.throwDOMException("InvalidAccessError", "A private key cannot verify.");
        return {};
    }
    KeyMaterialPtr material = key->material();
    return scheduleJob(
        cx, costOf(data.size()),
        [alg = std::move(alg), keyAlgorithm = key->keyAlgorithm(), material,
         sig = copyOf(signature), bytes = copyOf(data)](JobResult& r) {
            r.status = verifyByAlgorithm(alg, keyAlgorithm, *material, sig, bytes, r.verified);
        },
        finishWithBool("verify"));
}

// https://w3c.github.io/webcrypto/#SubtleCrypto-method-digest
SubtleCrypto::Promise SubtleCrypto::digest(bind::CallContext& cx, Value algorithm,
                                           bind::BufferSource data)
{
    Algorithm alg;
    if (!normalizeAlgorithm(cx, algorithm, Operation::Digest, alg)) return {};
    if (data.size() >= kStreamedInput) {
        auto input = std::make_shared<StreamedInput>(data.size());
        v8::Local<v8::Promise> promise = scheduleJob(
            cx, JobCost::Large,
            [id = alg.id, input](JobResult& r) { r.status = sha::digest(id, *input, r.bytes); },
            finishWithBytes("digest"));
        // The job is already running; the copy completes before we return, as the spec
        // requires.
        input->copyFrom(data.data());
        return promise;
    }
    return scheduleJob(
        cx, costOf(data.size()),
        [id = alg.id, bytes = copyOf(data)](JobResult& r) {
            r.status = sha::digest(id, bytes.data(), bytes.size(), r.bytes);
        },
        finishWithBytes("digest"));
}

// https://w3c.github.io/webcrypto/#SubtleCrypto-method-generateKey
SubtleCrypto::Promise SubtleCrypto::generateKey(bind::CallContext& cx, Value algorithm,
                                                bool extractable, UsageList keyUsages)
{
    Algorithm alg;
    Usages usages;
    if (!parseUsages(cx, keyUsages, usages) ||
        !normalizeAlgorithm(cx, algorithm, Operation::GenerateKey, alg))
        return {};
    const Family family = familyOf(alg.id);
    const JobCost cost = family == Family::Rsa ? JobCost::Large : JobCost::Small;
    return scheduleJob(
        cx, cost,
        [alg = std::move(alg), usages, family](JobResult& r) {
            switch (family) {
            case Family::Hmac: r.status = hmac::generateKey(alg, usages, r.key); break;
            case Family::Aes: r.status = aes::generateKey(alg, usages, r.key); break;
            case Family::Ec: r.status = ec::generateKey(alg, usages, r.key, r.key2); break;
            case Family::Rsa: r.status = rsa::generateKey(alg, usages, r.key, r.key2); break;
            case Family::Okp: r.status = ed::generateKey(alg, usages, r.key, r.key2); break;
            default: r.status = notSupported("The algorithm does not support generateKey.");
            }
            // Step 9: a secret key or a private key with no usages is a SyntaxError.
            if (r.status.ok() && r.key.usages == 0)
                r.status = syntaxError("The usages must not be empty.");
        },
        [extractable](v8::Isolate* isolate, bind::PromiseResolver& resolver, JobResult& r) {
            if (rejectIfFailed(isolate, resolver, r.status, "generateKey")) return;
            const bool pair = r.key.type == KeyType::Private;
            CryptoKey* first = makeKey(isolate, r.key, extractable);
            if (!first) return;
            if (!pair) {
                resolver.resolve(isolate, first->wrapper());
                return;
            }
            // The public key of a pair is always extractable.
            CryptoKey* second = makeKey(isolate, r.key2, true);
            if (!second) return;
            v8::Local<v8::Context> context = isolate->GetCurrentContext();
            v8::Local<v8::Object> result = v8::Object::New(isolate);
            if (result
                    ->CreateDataProperty(context, bind::name(isolate, "privateKey"),
                                         first->wrapper())
                    .FromMaybe(false) &&
                result
                    ->CreateDataProperty(context, bind::name(isolate, "publicKey"),
                                         second->wrapper())
                    .FromMaybe(false))
                resolver.resolve(isolate, result);
        });
}

// https://w3c.github.io/webcrypto/#SubtleCrypto-method-deriveKey
SubtleCrypto::Promise SubtleCrypto::deriveKey(bind::CallContext& cx, Value algorithm,
                                              CryptoKey* baseKey, Value derivedKeyType,
                                              bool extractable, UsageList keyUsages)
{
    Algorithm alg, importAlg, lengthAlg;
    Usages usages;
    if (!parseUsages(cx, keyUsages, usages) ||
        !normalizeAlgorithm(cx, algorithm, Operation::DeriveBits, alg) ||
        !normalizeAlgorithm(cx, derivedKeyType, Operation::ImportKey, importAlg) ||
        !normalizeAlgorithm(cx, derivedKeyType, Operation::GetKeyLength, lengthAlg))
        return {};
    DeriveInput in;
    if (!prepareDerive(cx, std::move(alg), baseKey, kDeriveKey, in)) return {};
    // https://w3c.github.io/webcrypto/#SubtleCrypto-method-deriveKey step 10: get key length.
    std::optional<uint32_t> length;
    Status st;
    uint32_t bits = 0;
    switch (familyOf(lengthAlg.id)) {
    case Family::Aes:
        st = aes::keyLength(lengthAlg, bits);
        length = bits;
        break;
    case Family::Hmac:
        st = hmac::keyLength(lengthAlg, bits);
        length = bits;
        break;
    default: break; // HKDF, PBKDF2: null
    }
    if (!st.ok()) {
        throwStatus(cx, st);
        return {};
    }
    const JobCost cost = deriveCost(in.alg);
    auto request = std::make_shared<ImportRequest>(
        ImportRequest{KeyFormat::Raw, std::move(importAlg), extractable, usages});
    return scheduleJob(
        cx, cost,
        [in = std::move(in), length](JobResult& r) {
            r.status = deriveByAlgorithm(in, length, r.bytes);
        },
        [request](v8::Isolate* isolate, bind::PromiseResolver& resolver, JobResult& r) {
            if (rejectIfFailed(isolate, resolver, r.status, "deriveKey")) return;
            importAndResolve(isolate, resolver, *request, std::move(r.bytes), "deriveKey");
        });
}

// https://w3c.github.io/webcrypto/#SubtleCrypto-method-deriveBits
SubtleCrypto::Promise SubtleCrypto::deriveBits(bind::CallContext& cx, Value algorithm,
                                               CryptoKey* baseKey, std::optional<Value> length)
{
    Algorithm alg;
    if (!normalizeAlgorithm(cx, algorithm, Operation::DeriveBits, alg)) return {};
    DeriveInput in;
    if (!prepareDerive(cx, std::move(alg), baseKey, kDeriveBits, in)) return {};
    // `optional unsigned long? length = null`, converted here: bind::Nullable<uint32_t> does
    // not compile (ambiguous assignment in convert.h).
    std::optional<uint32_t> bits;
    if (length && !(*length)->IsNullOrUndefined()) {
        bind::ValueSource src;
        src.index = 2;
        uint32_t value = 0;
        if (!bind::Convert<uint32_t>::fromJs(cx, src, *length, value)) return {};
        bits = value;
    }
    const JobCost cost = deriveCost(in.alg);
    return scheduleJob(
        cx, cost,
        [in = std::move(in), bits](JobResult& r) {
            r.status = deriveByAlgorithm(in, bits, r.bytes);
        },
        finishWithBytes("deriveBits"));
}

// https://w3c.github.io/webcrypto/#SubtleCrypto-method-importKey
SubtleCrypto::Promise SubtleCrypto::importKey(bind::CallContext& cx, KeyFormat keyFormat,
                                              Value keyData, Value algorithm, bool extractable,
                                              UsageList keyUsages)
{
    Usages usages;
    if (!parseUsages(cx, keyUsages, usages)) return {};
    KeyInput input;
    input.format = keyFormat;
    JsonWebKey jwk;
    bind::ValueSource src;
    src.index = 1;
    if (keyFormat == KeyFormat::Jwk) {
        if (!keyData->IsObject() || keyData->IsArrayBuffer() || keyData->IsArrayBufferView() ||
            keyData->IsSharedArrayBuffer()) {
            cx.throwTypeError("The key data for the 'jwk' format must be a JsonWebKey.");
            return {};
        }
        if (!bind::Convert<JsonWebKey>::fromJs(cx, src, keyData, jwk)) return {};
        input.jwk = &jwk;
    } else {
        // keyData is (BufferSource or JsonWebKey): shared memory is not a BufferSource.
        auto buffer = bind::BufferSource::from(keyData);
        if (!buffer) {
            cx.throwTypeError(bind::isSharedBuffer(keyData)
                                  ? "The key data is backed by a SharedArrayBuffer, which is "
                                    "not allowed."
                                  : std::string("The key data must be a BufferSource for the '") +
                                        bind::enumName(keyFormat) + "' format.");
            return {};
        }
        input.bytes = copyOf(*buffer);
    }
    Algorithm alg;
    if (!normalizeAlgorithm(cx, algorithm, Operation::ImportKey, alg)) return {};
    NewKey key;
    Status st = importByAlgorithm(input, alg, extractable, usages, key);
    if (!input.bytes.empty()) OPENSSL_cleanse(input.bytes.data(), input.bytes.size());
    if (!st.ok()) {
        throwStatus(cx, st);
        return {};
    }
    CryptoKey* created = makeKey(cx.isolate(), key, extractable);
    if (!created) {
        cx.setFailed();
        return {};
    }
    return resolvedWith(cx, created->wrapper());
}

// https://w3c.github.io/webcrypto/#SubtleCrypto-method-exportKey
SubtleCrypto::Promise SubtleCrypto::exportKey(bind::CallContext& cx, KeyFormat keyFormat,
                                              CryptoKey* key)
{
    Bytes out;
    JsonWebKey jwk;
    Status st = exportByAlgorithm(keyFormat, *key, out, jwk);
    if (!st.ok()) {
        throwStatus(cx, st);
        return {};
    }
    if (keyFormat == KeyFormat::Jwk) {
        v8::Local<v8::Object> object;
        if (!jwkToJs(cx.isolate(), jwk).ToLocal(&object)) {
            cx.setFailed();
            return {};
        }
        return resolvedWith(cx, object);
    }
    return resolvedWith(cx, newArrayBuffer(cx.isolate(), std::move(out)));
}

// https://w3c.github.io/webcrypto/#SubtleCrypto-method-wrapKey
SubtleCrypto::Promise SubtleCrypto::wrapKey(bind::CallContext& cx, KeyFormat keyFormat,
                                            CryptoKey* key, CryptoKey* wrappingKey,
                                            Value wrapAlgorithm)
{
    Algorithm alg;
    Operation used;
    if (!normalizeAlgorithm(cx, wrapAlgorithm, Operation::WrapKey, Operation::Encrypt, alg, used) ||
        !checkKey(cx, wrappingKey, alg.id, kWrapKey))
        return {};
    // Steps 11-12: the key must be extractable; export it.
    Bytes data;
    JsonWebKey jwk;
    Status st = exportByAlgorithm(keyFormat, *key, data, jwk);
    if (!st.ok()) {
        throwStatus(cx, st);
        return {};
    }
    if (keyFormat == KeyFormat::Jwk) {
        // Step 13: the UTF-8 of the JSON text of the JWK.
        v8::Local<v8::Object> object;
        v8::Local<v8::String> json;
        if (!jwkToJs(cx.isolate(), jwk).ToLocal(&object) ||
            !v8::JSON::Stringify(cx.context(), object).ToLocal(&json)) {
            cx.setFailed();
            return {};
        }
        const std::string text = bind::toUtf8(cx.isolate(), json);
        data = toBytes(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    }
    auto secret = std::make_shared<SecretBytes>(std::move(data));
    return scheduleJob(
        cx, costOf(secret->bytes.size()),
        [alg = std::move(alg), used, keyAlgorithm = wrappingKey->keyAlgorithm(),
         material = wrappingKey->material(), secret](JobResult& r) {
            const Bytes& in = secret->bytes;
            r.status = used == Operation::WrapKey
                           ? aes::wrap(*material, in.data(), in.size(), true, r.bytes)
                           : encryptByAlgorithm(alg, keyAlgorithm, *material, in.data(), in.size(),
                                                true, r.bytes);
        },
        finishWithBytes("wrapKey"));
}

// https://w3c.github.io/webcrypto/#SubtleCrypto-method-unwrapKey
SubtleCrypto::Promise SubtleCrypto::unwrapKey(bind::CallContext& cx, KeyFormat keyFormat,
                                              bind::BufferSource wrappedKey,
                                              CryptoKey* unwrappingKey, Value unwrapAlgorithm,
                                              Value unwrappedKeyAlgorithm, bool extractable,
                                              UsageList keyUsages)
{
    Usages usages;
    if (!parseUsages(cx, keyUsages, usages)) return {};
    Algorithm alg, importAlg;
    Operation used;
    if (!normalizeAlgorithm(cx, unwrapAlgorithm, Operation::UnwrapKey, Operation::Decrypt, alg,
                            used) ||
        !normalizeAlgorithm(cx, unwrappedKeyAlgorithm, Operation::ImportKey, importAlg) ||
        !checkKey(cx, unwrappingKey, alg.id, kUnwrapKey))
        return {};
    auto request = std::make_shared<ImportRequest>(
        ImportRequest{keyFormat, std::move(importAlg), extractable, usages});
    return scheduleJob(
        cx, costOf(wrappedKey.size()),
        [alg = std::move(alg), used, keyAlgorithm = unwrappingKey->keyAlgorithm(),
         material = unwrappingKey->material(), in = copyOf(wrappedKey)](JobResult& r) {
            r.status = used == Operation::UnwrapKey
                           ? aes::wrap(*material, in.data(), in.size(), false, r.bytes)
                           : encryptByAlgorithm(alg, keyAlgorithm, *material, in.data(), in.size(),
                                                false, r.bytes);
        },
        [request](v8::Isolate* isolate, bind::PromiseResolver& resolver, JobResult& r) {
            if (rejectIfFailed(isolate, resolver, r.status, "unwrapKey")) return;
            importAndResolve(isolate, resolver, *request, std::move(r.bytes), "unwrapKey");
        });
}

void SubtleCrypto::define(bind::ClassBuilder<SubtleCrypto>& c)
{
    c.method<&SubtleCrypto::encrypt>("encrypt")
        .method<&SubtleCrypto::decrypt>("decrypt")
        .method<&SubtleCrypto::sign>("sign")
        .method<&SubtleCrypto::verify>("verify")
        .method<&SubtleCrypto::digest>("digest")
        .method<&SubtleCrypto::generateKey>("generateKey")
        .method<&SubtleCrypto::deriveKey>("deriveKey")
        .method<&SubtleCrypto::deriveBits>("deriveBits")
        .method<&SubtleCrypto::importKey>("importKey")
        .method<&SubtleCrypto::exportKey>("exportKey")
        .method<&SubtleCrypto::wrapKey>("wrapKey")
        .method<&SubtleCrypto::unwrapKey>("unwrapKey");
}

} // namespace nano::api::crypto
