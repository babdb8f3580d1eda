#pragma once
// SubtleCrypto (https://w3c.github.io/webcrypto/#subtlecrypto-interface). Each method follows
// the spec's steps on the engine thread (normalize, copy inputs, check the key's algorithm and
// usages), then hands the operation to a job (job.h) and returns its promise.

#include "api/crypto/key.h"
#include "bind/class_builder.h"

namespace nano::api::crypto {

class SubtleCrypto final : public bind::Wrappable {
    NANO_BIND_CLASS(SubtleCrypto)
public:
    using Value = v8::Local<v8::Value>;
    using Promise = v8::Local<v8::Promise>;
    using UsageList = std::vector<std::string>;

    Promise encrypt(bind::CallContext& cx, Value algorithm, CryptoKey* key,
                    bind::BufferSource data);
    Promise decrypt(bind::CallContext& cx, Value algorithm, CryptoKey* key,
                    bind::BufferSource data);
    Promise sign(bind::CallContext& cx, Value algorithm, CryptoKey* key, bind::BufferSource data);
    Promise verify(bind::CallContext& cx, Value algorithm, CryptoKey* key,
                   bind::BufferSource signature, bind::BufferSource data);
    Promise digest(bind::CallContext& cx, Value algorithm, bind::BufferSource data);
    Promise generateKey(bind::CallContext& cx, Value algorithm, bool extractable,
                        UsageList keyUsages);
    Promise deriveKey(bind::CallContext& cx, Value algorithm, CryptoKey* baseKey,
                      Value derivedKeyType, bool extractable, UsageList keyUsages);
    Promise deriveBits(bind::CallContext& cx, Value algorithm, CryptoKey* baseKey,
                       std::optional<Value> length);
    Promise importKey(bind::CallContext& cx, KeyFormat keyFormat, Value keyData, Value algorithm,
                      bool extractable, UsageList keyUsages);
    Promise exportKey(bind::CallContext& cx, KeyFormat keyFormat, CryptoKey* key);
    Promise wrapKey(bind::CallContext& cx, KeyFormat keyFormat, CryptoKey* key,
                    CryptoKey* wrappingKey, Value wrapAlgorithm);
    Promise unwrapKey(bind::CallContext& cx, KeyFormat keyFormat, bind::BufferSource wrappedKey,
                      CryptoKey* unwrappingKey, Value unwrapAlgorithm, Value unwrappedKeyAlgorithm,
                      bool extractable, UsageList keyUsages);

    static void define(bind::ClassBuilder<SubtleCrypto>& c);
};

} // namespace nano::api::crypto
