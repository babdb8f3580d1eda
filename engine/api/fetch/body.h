#pragma once
// The body concept (https://fetch.spec.whatwg.org/#concept-body), body extraction
// (https://fetch.spec.whatwg.org/#bodyinit-unions) and the Body mixin's algorithms
// (https://fetch.spec.whatwg.org/#body-mixin), shared by Request and Response.
//
// typedef (Blob or BufferSource or FormData or URLSearchParams or USVString)
// XMLHttpRequestBodyInit; typedef (ReadableStream or XMLHttpRequestBodyInit) BodyInit; interface
// mixin Body {
//   readonly attribute ReadableStream? body;
//   readonly attribute boolean bodyUsed;
//   [NewObject] Promise<ArrayBuffer> arrayBuffer();
//   [NewObject] Promise<Blob> blob();
//   [NewObject] Promise<Uint8Array> bytes();
//   [NewObject] Promise<FormData> formData();
//   [NewObject] Promise<any> json();
//   [NewObject] Promise<USVString> text();
// };
//
// The lazy body: a body extracted from bytes (a string, a BufferSource, a Blob, URLSearchParams,
// a FormData's multipart encoding) keeps them as its source (ByteSpans, shared, not copied) and
// makes its ReadableStream only when script reads `.body` or a clone must tee it. Until then,
// consuming it reads the spans directly, and "disturbed"/"locked" are a flag of its own, which
// the stream inherits when it is made later. A body made from a stream (a script's
// ReadableStream, later a network body) is read with a native read request (readAllBytes).

#include "api/blob.h"
#include "api/fetch/body_streams.h"
#include "api/fetch/byte_span.h"
#include "api/fetch/form_data.h"
#include "api/streams/readable_stream.h"
#include "api/url/url_search_params.h"
#include "bind/class_builder.h"
#include "bind/member.h"

#include <optional>
#include <string>
#include <variant>

namespace nano::api::fetch {

class HeaderList;

using BodyInit = std::variant<streams::ReadableStream*, Blob*, bind::BufferSource, FormData*,
                              URLSearchParams*, std::string>;

class Body {
public:
    // `label` names the body's stream in the stream inspector ("Response body").
    Body(bind::Wrappable* holder, const char* label)
        : m_stream(holder)
        , m_spansSource(holder)
        , m_label(label)
    {}

    // https://fetch.spec.whatwg.org/#concept-bodyinit-extract: makes this the body of `object`
    // and returns its type in `type` (nullopt if none). False with a TypeError thrown.
    bool extract(bind::CallContext& cx, BodyInit& object, bool keepalive,
                 std::optional<std::string>& type);
    // A body whose source is `spans` (a byte sequence).
    void setSource(ByteSpans spans);
    // A body read from `stream` (a native producer's), of `length` bytes if known.
    void setStream(streams::ReadableStream* stream, std::optional<uint64_t> length);

    bool isNull() const { return m_null; }
    bool hasSource() const { return m_source.has_value(); }
    std::optional<uint64_t> length() const { return m_length; }
    // The body's stream, made now if it was not yet; null for a null body (or with an
    // exception pending if V8 failed).
    streams::ReadableStream* stream(v8::Isolate* isolate);

    // https://streams.spec.whatwg.org/#is-readable-stream-disturbed and #is-readable-stream-locked
    // of the body's stream.
    bool disturbed() const;
    bool locked() const;
    // https://fetch.spec.whatwg.org/#body-unusable
    bool unusable() const { return !m_null && (disturbed() || locked()); }

    // https://fetch.spec.whatwg.org/#concept-body-clone into `out` (an empty body of the
    // clone). False with an exception pending.
    bool cloneInto(v8::Isolate* isolate, Body& out);
    // Moves this (usable) body into `out` for a Request made from a Request: `out` gets the
    // bytes, or a proxy of the stream; this body becomes disturbed and locked. False with an
    // exception pending.
    bool transferInto(v8::Isolate* isolate, Body& out);
    // For fetch's transmission of a request body: the source's bytes if the body was not read
    // (the body is then used, as reading its stream would leave it), else nullopt (a stream
    // body: fetch reads the stream).
    std::optional<ByteSpans> takeSourceBytes(v8::Isolate* isolate)
    {
        return takeUnreadSpans(isolate);
    }
    // Marks this body disturbed and locked, as reading it would (a body whose request was
    // replaced, see Request's constructor).
    void markUsed(v8::Isolate* isolate);

    enum class Consumer { ArrayBuffer, Blob, Bytes, FormData, Json, Text };
    // https://fetch.spec.whatwg.org/#concept-body-consume-body; `headers` give the MIME type
    // for blob() and formData().
    v8::Local<v8::Promise> consume(bind::CallContext& cx, Consumer consumer,
                                   const HeaderList& headers);

private:
    // The source's bytes if nothing read the stream yet (the body is then marked used).
    std::optional<ByteSpans> takeUnreadSpans(v8::Isolate* isolate);

    bool m_null = true;
    std::optional<ByteSpans> m_source; // the spec's source, as bytes; nullopt for a stream
    std::optional<uint64_t> m_length;
    bind::Member<streams::ReadableStream> m_stream;
    bind::Member<SpansSource> m_spansSource; // m_stream's source when made from m_source
    bool m_usedWithoutStream = false;        // consumed before a stream was made
    const char* m_label;
};

// https://fetch.spec.whatwg.org/#concept-header-extract-mime-type
struct MimeType;
std::optional<MimeType> extractMimeType(const HeaderList& headers);

// The Body mixin's `body` getter: the stream, or null for a null body.
v8::Local<v8::Value> bodyGetter(bind::CallContext& cx, Body& body);

} // namespace nano::api::fetch
