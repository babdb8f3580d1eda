#pragma once
// TextDecoder (https://encoding.spec.whatwg.org/#interface-textdecoder).
//
// [Exposed=*] interface TextDecoder {
//   constructor(optional DOMString label = "utf-8", optional TextDecoderOptions options = {});
//   readonly attribute DOMString encoding;
//   readonly attribute boolean fatal;
//   readonly attribute boolean ignoreBOM;
//   USVString decode(optional AllowSharedBufferSource input, optional TextDecodeOptions options =
//   {});
// };
// dictionary TextDecoderOptions { boolean fatal = false; boolean ignoreBOM = false; };
// dictionary TextDecodeOptions { boolean stream = false; };

#include "api/encoding/decoder.h"
#include "bind/class_builder.h"

namespace nano::api {

struct TextDecoderOptions {
    bool fatal = false;
    bool ignoreBOM = false;
};

struct TextDecodeOptions {
    bool stream = false;
};

class TextDecoder final : public bind::Wrappable {
    NANO_BIND_CLASS(TextDecoder)
public:
    TextDecoder(const encoding::Encoding& encoding, bool fatal, bool ignoreBOM)
        : m_encoding(encoding)
        , m_fatal(fatal)
        , m_ignoreBOM(ignoreBOM)
    {}
    static std::unique_ptr<TextDecoder> construct(bind::CallContext& cx,
                                                  std::optional<std::string> label,
                                                  TextDecoderOptions options);
    static void define(bind::ClassBuilder<TextDecoder>& c);

    std::string encoding() const { return m_encoding.name; }
    bool fatal() const { return m_fatal; }
    bool ignoreBOM() const { return m_ignoreBOM; }
    v8::Local<v8::Value> decode(bind::CallContext& cx,
                                std::optional<bind::AllowSharedBufferSource> input,
                                TextDecodeOptions options);

private:
    const encoding::Encoding& m_encoding;
    bool m_fatal;
    bool m_ignoreBOM;
    bool m_bomSeen = false;
    bool m_doNotFlush = false;
    std::unique_ptr<encoding::Decoder> m_decoder;
};

} // namespace nano::api

namespace nano::bind {
template <> struct DictionaryTraits<api::TextDecoderOptions> {
    static constexpr const char* name = "TextDecoderOptions";
    static bool read(DictionaryReader& d, api::TextDecoderOptions& out)
    {
        return d.get("fatal", out.fatal) && d.get("ignoreBOM", out.ignoreBOM);
    }
};
template <> struct DictionaryTraits<api::TextDecodeOptions> {
    static constexpr const char* name = "TextDecodeOptions";
    static bool read(DictionaryReader& d, api::TextDecodeOptions& out)
    {
        return d.get("stream", out.stream);
    }
};
} // namespace nano::bind
