#pragma once
// The native stream pieces under a body (https://fetch.spec.whatwg.org/#concept-body):
//
// - SpansSource: a readable byte stream over a body's source bytes (ByteSpans), made only when
//   script reads `.body` or a tee needs it. It hands out chunks of at most 64 KiB (or fills a
//   BYOB reader's buffer) and copies only what is read. While nothing was pulled, the body can
//   still be consumed from its spans directly.
// - readAllBytes: https://streams.spec.whatwg.org/#readablestreamdefaultreader-read-all-bytes
//   with a C++ read request reused for every chunk: no JS function runs per chunk, and the
//   bytes are appended to one buffer (reserved up front when the length is known).
// - createProxyStream: the stream of a body made from another's ("create a proxy"): it reads
//   the input stream with a C++ read request and enqueues each chunk.

#include "api/fetch/byte_span.h"
#include "api/streams/underlying_source.h"
#include "bind/class_builder.h"

#include <QString>
#include <functional>
#include <optional>
#include <v8.h>

namespace nano::bind {
struct CallSite;
}

namespace nano::api::streams {
class ReadableStream;
}

namespace nano::api::fetch {

// The underlying byte source of a body stream made from its source's bytes.
class SpansSource final : public bind::Wrappable, public streams::SourceAlgorithms {
    NANO_BIND_CLASS(SpansSource)
public:
    static void define(bind::ClassBuilder<SpansSource>&) {}
    explicit SpansSource(ByteSpans spans)
        : m_spans(std::move(spans))
    {}

    v8::Local<v8::Promise> pullAlgorithm(v8::Isolate* isolate,
                                         streams::ReadableStreamController* controller) override;
    v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate,
                                           streams::ReadableStreamController* controller,
                                           v8::Local<v8::Value> reason) override;

    bool unread() const { return !m_pulled; }
    const ByteSpans& spans() const { return m_spans; }

private:
    void skipEmptySpans();

    ByteSpans m_spans;
    size_t m_index = 0;  // the span being read
    size_t m_offset = 0; // within it
    bool m_pulled = false;
};

// A byte stream over `spans`; null with an exception pending. `source` is the stream's source,
// for spansIfUnread().
streams::ReadableStream* createReadableStreamFromSpans(v8::Isolate* isolate, ByteSpans spans,
                                                       const QString& label, SpansSource** source);
// The source's spans when the stream has not pulled anything yet (its bytes are all still
// there), else nullopt.
std::optional<ByteSpans> spansIfUnread(const SpansSource* source);

// Both get `keep`, the value readAllBytes held for them (where the GC sees it).
using BytesSuccess =
    std::function<void(v8::Isolate*, std::vector<uint8_t>&&, v8::Local<v8::Value> keep)>;
using BytesFailure =
    std::function<void(v8::Isolate*, v8::Local<v8::Value> error, v8::Local<v8::Value> keep)>;

// Reads `stream` (unlocked) to its end with a reader it keeps. `expectedLength` reserves the
// buffer. A chunk that is not a Uint8Array fails with a TypeError made for `site`. False with an
// exception pending if V8 failed.
bool readAllBytes(v8::Isolate* isolate, streams::ReadableStream* stream,
                  std::optional<uint64_t> expectedLength, const bind::CallSite& site,
                  BytesSuccess success, BytesFailure failure, v8::Local<v8::Value> keep);

// A stream that forwards every chunk of `input` (unlocked; it takes a reader of it and marks
// it disturbed, as the pipe of https://fetch.spec.whatwg.org/#concept-body-clone-proxy would
// on its first read). Null with an exception pending.
streams::ReadableStream* createProxyStream(v8::Isolate* isolate, streams::ReadableStream* input);

// Locks `stream` with a reader that is never released and closes it as a stream read to its
// end would be (disturbed), without reading: for a body consumed from its spans.
void markStreamConsumed(v8::Isolate* isolate, streams::ReadableStream* stream);

} // namespace nano::api::fetch
