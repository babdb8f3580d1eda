#pragma once
// TextEncoder (https://encoding.spec.whatwg.org/#interface-textencoder).
//
// [Exposed=*] interface TextEncoder {
//   constructor();
//   readonly attribute DOMString encoding; // "utf-8"
//   [NewObject] Uint8Array encode(optional USVString input = "");
//   TextEncoderEncodeIntoResult encodeInto(USVString source, [AllowShared] Uint8Array destination);
// };
// dictionary TextEncoderEncodeIntoResult { unsigned long long read; unsigned long long written; };

#include "bind/class_builder.h"

namespace nano::api {

class TextEncoder final : public bind::Wrappable {
    NANO_BIND_CLASS(TextEncoder)
public:
    static std::unique_ptr<TextEncoder> construct() { return std::make_unique<TextEncoder>(); }
    static void define(bind::ClassBuilder<TextEncoder>& c);

    std::string encoding() const { return "utf-8"; }
    bind::NewUint8Array encode(std::optional<std::string> input);
    v8::Local<v8::Value> encodeInto(bind::CallContext& cx, std::u16string source,
                                    bind::AllowSharedArrayBufferView destination);
};

// Installs TextEncoder and TextDecoder.
void installEncoding(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
