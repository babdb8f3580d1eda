#pragma once
// JsonWebKey (https://w3c.github.io/webcrypto/#JsonWebKey-dictionary) as a C++ value, base64url
// (RFC 7515 appendix C) and the checks every JWK import shares: kty, use, key_ops, ext.

#include "api/crypto/algorithm.h"

#include <optional>

namespace nano::api::crypto {

struct JsonWebKey {
    std::optional<std::string> alg, crv, d, dp, dq, e, k, kty, n, p, q, qi, use, x, y;
    std::optional<bool> ext;
    std::optional<std::vector<std::string>> key_ops;
    bool hasOth = false; // multi-prime RSA: not supported
};

std::string base64UrlEncode(const uint8_t* data, size_t size);
inline std::string base64UrlEncode(const Bytes& b)
{
    return base64UrlEncode(b.data(), b.size());
}
// Strict decoding (no padding, no other alphabets); false on malformed input.
bool base64UrlDecode(std::string_view text, Bytes& out);

// Decodes member `name` of the JWK; DataError if absent or malformed. `expectedSize` (if not 0)
// is the exact length the member must decode to.
Status jwkBytes(const std::optional<std::string>& member, const char* name, Bytes& out,
                size_t expectedSize = 0);

// The shared checks of every "import a JWK" step: kty equals `kty`; `use` (if present) equals
// `use` (when `use` is not null) for keys with usages; key_ops contains every usage and has no
// duplicates; ext is not false for an extractable key.
Status checkJwkCommon(const JsonWebKey& jwk, const char* kty, const char* use, Usages usages,
                      bool extractable);

// The JS object of a JWK (members that are set, in lexicographic order).
v8::MaybeLocal<v8::Object> jwkToJs(v8::Isolate* isolate, const JsonWebKey& jwk);

} // namespace nano::api::crypto

namespace nano::bind {
template <> struct DictionaryTraits<api::crypto::JsonWebKey> {
    static constexpr const char* name = "JsonWebKey";
    static bool read(DictionaryReader& d, api::crypto::JsonWebKey& out)
    {
        v8::Local<v8::Value> oth;
        if (!(d.get("alg", out.alg) && d.get("crv", out.crv) && d.get("d", out.d) &&
              d.get("dp", out.dp) && d.get("dq", out.dq) && d.get("e", out.e) &&
              d.get("ext", out.ext) && d.get("k", out.k) && d.get("key_ops", out.key_ops) &&
              d.get("kty", out.kty) && d.get("n", out.n) && d.raw("oth", oth)))
            return false;
        out.hasOth = !oth.IsEmpty() && !oth->IsUndefined();
        return d.get("p", out.p) && d.get("q", out.q) && d.get("qi", out.qi) &&
               d.get("use", out.use) && d.get("x", out.x) && d.get("y", out.y);
    }
};
} // namespace nano::bind
