#include "api/encoding/text_encoder_stream.h"

#include "api/encoding/text_decoder_stream.h"
#include "api/streams/readable_stream.h"
#include "api/streams/stream_inspection.h"
#include "api/streams/writable_stream.h"

namespace nano::api {

namespace {
bool isLeadingSurrogate(char16_t unit)
{
    return unit >= 0xD800 && unit <= 0xDBFF;
}

bool isTrailingSurrogate(char16_t unit)
{
    return unit >= 0xDC00 && unit <= 0xDFFF;
}

char16_t codeUnitAt(v8::Isolate* isolate, v8::Local<v8::String> string, int index)
{
    uint16_t unit = 0;
    string->Write(isolate, &unit, index, 1, v8::String::NO_NULL_TERMINATION);
    return unit;
}

// UTF-8 of U+10000..U+10FFFF.
void appendFourByteUtf8(std::vector<uint8_t>& out, uint32_t cp)
{
    out.push_back(static_cast<uint8_t>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<uint8_t>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<uint8_t>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<uint8_t>(0x80 | (cp & 0x3F)));
}

constexpr uint8_t kReplacementUtf8[] = {0xEF, 0xBF, 0xBD}; // U+FFFD
} // namespace

void TextEncoderStream::constructed(bind::CallContext& cx)
{
    if (!setUpTransform(cx.isolate(), QStringLiteral("TextEncoderStream at ") +
                                          streams::callSiteLabel(cx.isolate())))
        cx.setFailed();
}

// https://encoding.spec.whatwg.org/#encode-and-enqueue-a-chunk
v8::Local<v8::Promise> TextEncoderStream::transformAlgorithm(
    v8::Isolate* isolate, streams::TransformStreamDefaultController* controller,
    v8::Local<v8::Value> chunk)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    // Step 1: convert chunk to a DOMString (ToString; a throw errors the stream).
    v8::Local<v8::String> input;
    {
        v8::TryCatch tryCatch(isolate);
        if (!chunk->ToString(context).ToLocal(&input)) {
            if (!tryCatch.CanContinue()) {
                tryCatch.ReThrow();
                return {};
            }
            return completion(isolate, tryCatch.Exception());
        }
    }
    const int length = input->Length();
    if (length == 0) return completion(isolate, {}); // a pending leading surrogate stays
    // Step 4, "convert a code unit to a scalar value", at the two places where it differs
    // from encoding the units as they are: a leading surrogate kept from the previous chunk
    // meets this chunk's first unit, and a leading surrogate ends this chunk.
    std::vector<uint8_t> bytes;
    int start = 0;
    int end = length;
    if (m_leadingSurrogate) {
        const char16_t first = codeUnitAt(isolate, input, 0);
        if (isTrailingSurrogate(first)) {
            appendFourByteUtf8(bytes, 0x10000 + ((uint32_t(m_leadingSurrogate) - 0xD800) << 10) +
                                          (uint32_t(first) - 0xDC00));
            start = 1;
        } else {
            bytes.assign(std::begin(kReplacementUtf8), std::end(kReplacementUtf8));
        }
        m_leadingSurrogate = 0;
    }
    if (end > start) {
        const char16_t last = codeUnitAt(isolate, input, end - 1);
        if (isLeadingSurrogate(last)) {
            m_leadingSurrogate = last;
            --end;
        }
    }
    if (end > start) {
        // The rest encodes as V8 writes UTF-8, with a lone surrogate as U+FFFD.
        v8::Local<v8::String> middle = input;
        if (start != 0 || end != length) {
            const std::u16string units = bind::toUtf16(isolate, input);
            if (!bind::newString(isolate, std::u16string_view(units).substr(start, end - start))
                     .ToLocal(&middle))
                return {};
        }
        const size_t base = bytes.size();
        bind::writeUtf8(isolate, middle, [&bytes, base](size_t n) {
            bytes.resize(base + n);
            return reinterpret_cast<char*>(bytes.data() + base);
        });
    }
    // Step 4.1.2: "If output is not empty", enqueue it as a Uint8Array.
    if (bytes.empty()) return completion(isolate, {});
    v8::Local<v8::Value> error;
    enqueueBytes(isolate, controller, std::move(bytes), error);
    return completion(isolate, error);
}

// https://encoding.spec.whatwg.org/#encode-and-flush
v8::Local<v8::Promise> TextEncoderStream::flushAlgorithm(
    v8::Isolate* isolate, streams::TransformStreamDefaultController* controller)
{
    if (!m_leadingSurrogate) return completion(isolate, {});
    m_leadingSurrogate = 0;
    v8::Local<v8::Value> error;
    enqueueBytes(isolate, controller,
                 std::vector<uint8_t>(std::begin(kReplacementUtf8), std::end(kReplacementUtf8)),
                 error);
    return completion(isolate, error);
}

void TextEncoderStream::define(bind::ClassBuilder<TextEncoderStream>& c)
{
    c.constructor<&TextEncoderStream::construct>()
        .readonlyAttribute<&TextEncoderStream::encoding>("encoding")
        .readonlyAttribute<&TextEncoderStream::readable>("readable")
        .readonlyAttribute<&TextEncoderStream::writable>("writable");
}

void installEncodingStreams(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<TextEncoderStream>(context, global);
    bind::exposeLazily<TextDecoderStream>(context, global);
}

} // namespace nano::api
