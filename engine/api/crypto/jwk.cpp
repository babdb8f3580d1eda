#include "api/crypto/jwk.h"

#include "bind/strings.h"

#include <algorithm>

namespace nano::api::crypto {

std::string base64UrlEncode(const uint8_t* data, size_t size)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((size * 4 + 2) / 3);
    size_t i = 0;
    for (; i + 3 <= size; i += 3) {
        const uint32_t v = (uint32_t(data[i]) << 16) | (uint32_t(data[i + 1]) << 8) | data[i + 2];
        out += alphabet[v >> 18];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    if (size - i == 1) {
        const uint32_t v = uint32_t(data[i]) << 16;
        out += alphabet[v >> 18];
        out += alphabet[(v >> 12) & 63];
    } else if (size - i == 2) {
        const uint32_t v = (uint32_t(data[i]) << 16) | (uint32_t(data[i + 1]) << 8);
        out += alphabet[v >> 18];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
    }
    return out;
}

bool base64UrlDecode(std::string_view text, Bytes& out)
{
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '-') return 62;
        if (c == '_') return 63;
        return -1;
    };
    if (text.size() % 4 == 1) return false;
    out.clear();
    out.reserve(text.size() * 3 / 4);
    uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        const int v = value(c);
        if (v < 0) return false;
        acc = (acc << 6) | static_cast<uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<uint8_t>(acc >> bits));
        }
    }
    // Leftover bits must be zero (canonical encoding).
    return (acc & ((1u << bits) - 1)) == 0;
}

Status jwkBytes(const std::optional<std::string>& member, const char* name, Bytes& out,
                size_t expectedSize)
{
    if (!member) return dataError(std::string("The JWK member '") + name + "' is missing.");
    if (!base64UrlDecode(*member, out))
        return dataError(std::string("The JWK member '") + name + "' is not valid base64url.");
    if (expectedSize && out.size() != expectedSize)
        return dataError(std::string("The JWK member '") + name + "' has the wrong length.");
    return Status::success();
}

// https://w3c.github.io/webcrypto/#concept-parse-a-jwk and the import steps shared by every
// algorithm.
Status checkJwkCommon(const JsonWebKey& jwk, const char* kty, const char* use, Usages usages,
                      bool extractable)
{
    if (!jwk.kty || *jwk.kty != kty)
        return dataError(std::string("The JWK 'kty' member must be '") + kty + "'.");
    if (use && usages && jwk.use && *jwk.use != use)
        return dataError(std::string("The JWK 'use' member must be '") + use + "'.");
    if (jwk.key_ops) {
        std::vector<std::string> ops = *jwk.key_ops;
        std::sort(ops.begin(), ops.end());
        if (std::adjacent_find(ops.begin(), ops.end()) != ops.end())
            return dataError("The JWK 'key_ops' member contains duplicates.");
        for (int i = 0; i < 8; ++i) {
            const auto usage = static_cast<Usage>(1 << i);
            if ((usages & usage) &&
                std::find(ops.begin(), ops.end(), usageName(usage)) == ops.end())
                return dataError(std::string("The JWK 'key_ops' member does not include '") +
                                 usageName(usage) + "'.");
        }
    }
    if (jwk.ext && !*jwk.ext && extractable)
        return dataError("The JWK is not extractable ('ext' is false) but an extractable key "
                         "was requested.");
    return Status::success();
}

v8::MaybeLocal<v8::Object> jwkToJs(v8::Isolate* isolate, const JsonWebKey& jwk)
{
    v8::EscapableHandleScope scope(isolate);
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Object> object = v8::Object::New(isolate);
    auto set = [&](const char* key, v8::Local<v8::Value> value) {
        return object->CreateDataProperty(context, bind::name(isolate, key), value)
            .FromMaybe(false);
    };
    auto str = [&](const char* key, const std::optional<std::string>& v) {
        if (!v) return true;
        v8::Local<v8::String> s;
        return bind::newString(isolate, *v).ToLocal(&s) && set(key, s);
    };
    bool ok = str("alg", jwk.alg) && str("crv", jwk.crv) && str("d", jwk.d) && str("dp", jwk.dp) &&
              str("dq", jwk.dq) && str("e", jwk.e);
    if (ok && jwk.ext) ok = set("ext", v8::Boolean::New(isolate, *jwk.ext));
    ok = ok && str("k", jwk.k);
    if (ok && jwk.key_ops) {
        v8::Local<v8::Array> ops = v8::Array::New(isolate);
        for (uint32_t i = 0; ok && i < jwk.key_ops->size(); ++i)
            ok = ops->CreateDataProperty(context, i, bind::name(isolate, (*jwk.key_ops)[i].c_str()))
                     .FromMaybe(false);
        ok = ok && set("key_ops", ops);
    }
    ok = ok && str("kty", jwk.kty) && str("n", jwk.n) && str("p", jwk.p) && str("q", jwk.q) &&
         str("qi", jwk.qi) && str("use", jwk.use) && str("x", jwk.x) && str("y", jwk.y);
    if (!ok) return {};
    return scope.Escape(object);
}

} // namespace nano::api::crypto
