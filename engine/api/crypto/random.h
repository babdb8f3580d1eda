#pragma once
// Crypto (https://w3c.github.io/webcrypto/#crypto-interface): getRandomValues, randomUUID and
// the `subtle` attribute; the `crypto` global.

#include "bind/class_builder.h"
#include "bind/member.h"

namespace nano::api::crypto {

namespace random {
// Fills with bytes from OpenSSL's CSPRNG; false if it failed.
bool fill(uint8_t* data, size_t size);
} // namespace random

class SubtleCrypto;

class Crypto final : public bind::Wrappable {
    NANO_BIND_CLASS(Crypto)
public:
    // https://w3c.github.io/webcrypto/#Crypto-method-getRandomValues
    v8::Local<v8::Value> getRandomValues(bind::CallContext& cx, v8::Local<v8::Value> array);
    // https://w3c.github.io/webcrypto/#Crypto-method-randomUUID
    std::string randomUUID(bind::CallContext& cx);
    v8::Local<v8::Value> subtle(bind::CallContext& cx);
    static void define(bind::ClassBuilder<Crypto>& c);

private:
    bind::Member<SubtleCrypto> m_subtle{this};
};

} // namespace nano::api::crypto

namespace nano::api {
// Installs `crypto`, Crypto, SubtleCrypto and CryptoKey.
void installCrypto(v8::Local<v8::Context> context, v8::Local<v8::Object> global);
} // namespace nano::api
