#pragma once
// atob() and btoa() (https://html.spec.whatwg.org/#atob) over the Infra Standard's
// forgiving-base64 (https://infra.spec.whatwg.org/#forgiving-base64).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <v8.h>

namespace nano::api {

// https://infra.spec.whatwg.org/#forgiving-base64-encode
std::string forgivingBase64Encode(const uint8_t* data, size_t size);
// https://infra.spec.whatwg.org/#forgiving-base64-decode over the code units of `data`;
// nullopt is failure.
std::optional<std::string> forgivingBase64Decode(std::u16string_view data);

// Installs atob and btoa.
void installBase64(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
