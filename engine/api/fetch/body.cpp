#include "api/fetch/body.h"

#include "api/blob.h"
#include "api/encoding/decoder.h"
#include "api/fetch/form_data.h"
#include "api/fetch/header_list.h"
#include "api/fetch/mime_type.h"
#include "api/fetch/multipart.h"
#include "api/file.h"
#include "api/streams/promises.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_controller.h"
#include "api/streams/readable_stream_default_reader.h"
#include "api/streams/readable_stream_tee.h"
#include "api/url/percent_encode.h"
#include "api/url/url_search_params.h"

#include <QDateTime>
#include <QtGlobal>

#include <cstring>

namespace nano::api::fetch {

using streams::ReadableStream;

namespace {

// Bytes to package: a view, and the vector holding them when they may be moved out of it.
struct Bytes {
    const uint8_t* data;
    size_t size;
    std::vector<uint8_t>* owned; // null: copy
};

std::vector<uint8_t> takeOrCopy(const Bytes& bytes)
{
    if (bytes.owned) return std::move(*bytes.owned);
    return std::vector<uint8_t>(bytes.data, bytes.data + bytes.size);
}

// https://encoding.spec.whatwg.org/#utf-8-decode into a JS string (one leading BOM dropped).
// ASCII is made directly, without a UTF-16 copy (a BOM is not ASCII).
v8::MaybeLocal<v8::String> utf8DecodeToString(v8::Isolate* isolate, const Bytes& bytes)
{
    if (encoding::isAscii(bytes.data, bytes.size))
        return bind::newString(
            isolate, std::string_view(reinterpret_cast<const char*>(bytes.data), bytes.size));
    return bind::newString(isolate, encoding::utf8Decode(bytes.data, bytes.size));
}

// A parsed Content-Type for a File's type, as the File constructor normalizes a type.
std::string normalizedType(std::string_view type)
{
    std::string out;
    for (char c : type) {
        if (c < 0x20 || c > 0x7E) return {};
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    return out;
}

// https://fetch.spec.whatwg.org/#dom-body-formdata: the bytes as a FormData, by MIME type.
v8::MaybeLocal<v8::Value> packageFormData(v8::Isolate* isolate, const bind::CallSite& site,
                                          const std::optional<MimeType>& mimeType,
                                          const Bytes& bytes)
{
    const std::string_view text(reinterpret_cast<const char*>(bytes.data), bytes.size);
    const std::string essence = mimeType ? mimeType->essence() : std::string();
    auto* formData = bind::create<FormData>(isolate);
    if (!formData) return {};
    if (essence == "multipart/form-data") {
        const std::string* boundary = mimeType->parameter("boundary");
        if (!boundary) {
            isolate->ThrowException(
                bind::makeError(isolate, "TypeError", site,
                                "The multipart/form-data Content-Type has no boundary parameter."));
            return {};
        }
        std::string error;
        auto entries = parseMultipartFormData(text, *boundary, &error);
        if (!entries) {
            isolate->ThrowException(
                bind::makeError(isolate, "TypeError", site,
                                "Could not parse the multipart/form-data body: " + error));
            return {};
        }
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        for (ParsedMultipartEntry& entry : *entries) {
            if (!entry.isFile) {
                formData->appendString(std::move(entry.name), std::move(entry.value));
                continue;
            }
            auto contents = std::make_shared<const std::vector<uint8_t>>(std::move(entry.contents));
            File* file =
                bind::create<File>(isolate, std::move(contents), normalizedType(entry.type),
                                   std::move(entry.filename), now);
            if (!file) return {};
            formData->appendFile(std::move(entry.name), file);
        }
        return formData->wrapper();
    }
    if (essence == "application/x-www-form-urlencoded") {
        for (auto& [name, value] : url::parseUrlencoded(text))
            formData->appendString(std::move(name), std::move(value));
        return formData->wrapper();
    }
    isolate->ThrowException(
        bind::makeError(isolate, "TypeError", site,
                        "The body's Content-Type is neither multipart/form-data nor "
                        "application/x-www-form-urlencoded."));
    return {};
}

// https://fetch.spec.whatwg.org/#concept-body-package-data, for each consumer. Empty with an
// exception pending (a RangeError when the result cannot be allocated, the JSON SyntaxError,
// formData()'s TypeError).
v8::MaybeLocal<v8::Value> packageData(v8::Isolate* isolate, const bind::CallSite& site,
                                      Body::Consumer consumer,
                                      const std::optional<MimeType>& mimeType, const Bytes& bytes)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    auto tooLarge = [&](const char* what) -> v8::MaybeLocal<v8::Value> {
        if (!isolate->IsExecutionTerminating())
            isolate->ThrowException(bind::makeError(
                isolate, "RangeError", site, std::string("The body is too large for ") + what));
        return {};
    };
    switch (consumer) {
    case Body::Consumer::ArrayBuffer:
    case Body::Consumer::Bytes: {
        const size_t size = bytes.size;
        v8::Local<v8::ArrayBuffer> buffer;
        if (bytes.owned) {
            buffer = bind::toArrayBuffer(isolate, std::move(*bytes.owned));
        } else {
            std::unique_ptr<v8::BackingStore> store =
                v8::ArrayBuffer::NewBackingStore(isolate, size);
            if (!store || (size > 0 && !store->Data())) return tooLarge("an ArrayBuffer.");
            if (size > 0) std::memcpy(store->Data(), bytes.data, size);
            buffer =
                v8::ArrayBuffer::New(isolate, std::shared_ptr<v8::BackingStore>(std::move(store)));
        }
        if (consumer == Body::Consumer::ArrayBuffer) return buffer;
        return v8::Uint8Array::New(buffer, 0, size);
    }
    case Body::Consumer::Blob: {
        auto storage = std::make_shared<const std::vector<uint8_t>>(takeOrCopy(bytes));
        Blob* blob = bind::create<Blob>(isolate, std::move(storage),
                                        mimeType ? mimeType->serialize() : std::string());
        if (!blob) return {};
        return blob->wrapper();
    }
    case Body::Consumer::FormData: return packageFormData(isolate, site, mimeType, bytes);
    case Body::Consumer::Json: {
        // https://infra.spec.whatwg.org/#parse-json-bytes-to-a-javascript-value
        v8::Local<v8::String> text;
        if (!utf8DecodeToString(isolate, bytes).ToLocal(&text)) return tooLarge("a string.");
        return v8::JSON::Parse(context, text);
    }
    case Body::Consumer::Text: {
        v8::Local<v8::String> text;
        if (!utf8DecodeToString(isolate, bytes).ToLocal(&text)) return tooLarge("a string.");
        return text;
    }
    }
    return {};
}

// Runs packageData and settles `promise` with its result (a new promise when empty).
v8::Local<v8::Promise> settle(v8::Isolate* isolate, const bind::CallSite& site,
                              Body::Consumer consumer, const std::optional<MimeType>& mimeType,
                              const Bytes& bytes, v8::Local<v8::Promise> promise)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::TryCatch tryCatch(isolate);
    v8::Local<v8::Value> value;
    const bool ok = packageData(isolate, site, consumer, mimeType, bytes).ToLocal(&value);
    if (!ok && !tryCatch.CanContinue()) {
        tryCatch.ReThrow();
        return {};
    }
    if (promise.IsEmpty()) {
        return ok ? streams::promiseResolvedWith(context, value)
                  : streams::promiseRejectedWith(context, tryCatch.Exception());
    }
    if (ok)
        streams::resolvePromise(context, promise, value);
    else
        streams::rejectPromise(context, promise, tryCatch.Exception());
    return promise;
}

} // namespace

// https://fetch.spec.whatwg.org/#concept-header-extract-mime-type
std::optional<MimeType> extractMimeType(const HeaderList& headers)
{
    std::optional<std::string> charset;
    std::string essence;
    std::optional<MimeType> mimeType;
    std::optional<std::vector<std::string>> values = headers.getDecodeSplit("Content-Type");
    if (!values) return std::nullopt;
    for (const std::string& value : *values) {
        std::optional<MimeType> temporary = parseMimeType(value);
        if (!temporary || temporary->essence() == "*/*") continue;
        if (temporary->essence() != essence) {
            charset.reset();
            if (const std::string* c = temporary->parameter("charset")) charset = *c;
            essence = temporary->essence();
            mimeType = std::move(temporary);
        } else if (!temporary->parameter("charset") && charset) {
            // The essence repeats without a charset: keep the first's.
            temporary->parameters.emplace_back("charset", *charset);
            mimeType = std::move(temporary);
        } else {
            mimeType = std::move(temporary);
        }
    }
    return mimeType;
}

// https://fetch.spec.whatwg.org/#concept-bodyinit-extract
bool Body::extract(bind::CallContext& cx, BodyInit& object, bool keepalive,
                   std::optional<std::string>& type)
{
    m_null = false;
    m_source.reset();
    m_length.reset();
    m_stream.clear();
    m_spansSource.clear();
    m_usedWithoutStream = false;
    type.reset();
    if (auto* stream = std::get_if<ReadableStream*>(&object)) {
        // Step 7, ReadableStream.
        if (keepalive) {
            cx.throwTypeError("A keepalive request cannot have a ReadableStream body.");
            return false;
        }
        if ((*stream)->m_disturbed || streams::isReadableStreamLocked(*stream)) {
            cx.throwTypeError("The ReadableStream body is disturbed or locked.");
            return false;
        }
        m_stream.set(*stream);
        return true;
    }
    ByteSpans spans;
    if (auto* blob = std::get_if<Blob*>(&object)) {
        spans.push_back(
            {(*blob)->storage(), (*blob)->data(), static_cast<size_t>((*blob)->size())});
        if (!(*blob)->type().empty()) type = (*blob)->type();
    } else if (auto* buffer = std::get_if<bind::BufferSource>(&object)) {
        spans.push_back(ByteSpan::fromBytes(buffer->copy()));
    } else if (auto* formData = std::get_if<FormData*>(&object)) {
        std::vector<MultipartEntry> entries;
        entries.reserve((*formData)->entries().size());
        for (const FormData::Entry& entry : (*formData)->entries()) {
            MultipartEntry e;
            e.name = entry.name;
            if (File* file = entry.file.get()) {
                e.isFile = true;
                e.filename = file->name();
                e.type = file->type();
                e.contents = {file->storage(), file->data(), static_cast<size_t>(file->size())};
            } else {
                e.value = entry.text;
            }
            entries.push_back(std::move(e));
        }
        const std::string boundary = generateMultipartBoundary();
        spans = encodeMultipartFormData(entries, boundary);
        type = "multipart/form-data; boundary=" + boundary;
    } else if (auto* params = std::get_if<URLSearchParams*>(&object)) {
        spans.push_back(ByteSpan::fromString((*params)->toString()));
        type = "application/x-www-form-urlencoded;charset=UTF-8";
    } else {
        spans.push_back(ByteSpan::fromString(std::move(std::get<std::string>(object))));
        type = "text/plain;charset=UTF-8";
    }
    setSource(std::move(spans));
    return true;
}

void Body::setSource(ByteSpans spans)
{
    m_null = false;
    m_length = totalSize(spans);
    m_source = std::move(spans);
    m_stream.clear();
    m_spansSource.clear();
    m_usedWithoutStream = false;
}

void Body::setStream(ReadableStream* stream, std::optional<uint64_t> length)
{
    m_null = !stream;
    m_source.reset();
    m_length = length;
    m_stream.set(stream);
    m_spansSource.clear();
    m_usedWithoutStream = false;
}

ReadableStream* Body::stream(v8::Isolate* isolate)
{
    if (m_null) return nullptr;
    if (ReadableStream* stream = m_stream.get()) return stream;
    // The lazy body's stream, made now: a byte stream over the source
    // (https://fetch.spec.whatwg.org/#concept-bodyinit-extract step 4).
    SpansSource* source = nullptr;
    ReadableStream* stream = createReadableStreamFromSpans(
        isolate, m_usedWithoutStream || !m_source ? ByteSpans() : *m_source,
        QString::fromLatin1(m_label), &source);
    if (!stream) return nullptr;
    m_stream.set(stream);
    m_spansSource.set(source);
    if (m_usedWithoutStream) markStreamConsumed(isolate, stream);
    return stream;
}

bool Body::disturbed() const
{
    if (ReadableStream* stream = m_stream.get()) return stream->m_disturbed;
    return m_usedWithoutStream;
}

bool Body::locked() const
{
    if (ReadableStream* stream = m_stream.get()) return streams::isReadableStreamLocked(stream);
    return m_usedWithoutStream;
}

std::optional<ByteSpans> Body::takeUnreadSpans(v8::Isolate* isolate)
{
    if (m_null || !m_source || unusable()) return std::nullopt;
    if (!m_stream) {
        m_usedWithoutStream = true;
        return m_source;
    }
    std::optional<ByteSpans> spans = spansIfUnread(m_spansSource.get());
    if (spans) markStreamConsumed(isolate, m_stream.get());
    return spans;
}

void Body::markUsed(v8::Isolate* isolate)
{
    if (m_null) return;
    ReadableStream* stream = m_stream.get();
    if (!stream) {
        m_usedWithoutStream = true;
        return;
    }
    if (!streams::isReadableStreamLocked(stream))
        streams::acquireReadableStreamDefaultReader(isolate, stream);
    stream->m_disturbed = true;
}

// https://fetch.spec.whatwg.org/#concept-body-clone
bool Body::cloneInto(v8::Isolate* isolate, Body& out)
{
    out.m_null = m_null;
    out.m_source = m_source;
    out.m_length = m_length;
    out.m_usedWithoutStream = false;
    if (m_null || !m_stream) return true; // a lazy body: both share the source's bytes
    // Steps 1-2: tee the stream; this body continues with the first branch.
    ReadableStream* stream = m_stream.get();
    auto [branch1, branch2] = stream->m_controller->isByteController()
                                  ? streams::readableByteStreamTee(isolate, stream)
                                  : streams::readableStreamDefaultTee(isolate, stream);
    if (!branch1 || !branch2) return false;
    streams::labelTeeBranches(stream, branch1, branch2);
    m_stream.set(branch1);
    m_spansSource.clear();
    out.m_stream.set(branch2);
    return true;
}

bool Body::transferInto(v8::Isolate* isolate, Body& out)
{
    out.m_null = m_null;
    out.m_source = m_source;
    out.m_length = m_length;
    out.m_usedWithoutStream = false;
    if (m_null) return true;
    if (std::optional<ByteSpans> spans = takeUnreadSpans(isolate)) {
        out.m_source = std::move(spans);
        return true;
    }
    // https://fetch.spec.whatwg.org/#concept-body-create-proxy (it reads the stream).
    ReadableStream* input = stream(isolate);
    if (!input) return false;
    ReadableStream* proxy = createProxyStream(isolate, input);
    if (!proxy) return false;
    out.m_stream.set(proxy);
    return true;
}

v8::Local<v8::Value> bodyGetter(bind::CallContext& cx, Body& body)
{
    if (body.isNull()) return v8::Null(cx.isolate());
    ReadableStream* stream = body.stream(cx.isolate());
    if (!stream) {
        cx.setFailed();
        return {};
    }
    return stream->wrapper();
}

// https://fetch.spec.whatwg.org/#concept-body-consume-body
v8::Local<v8::Promise> Body::consume(bind::CallContext& cx, Consumer consumer,
                                     const HeaderList& headers)
{
    v8::Isolate* isolate = cx.isolate();
    // Step 1.
    if (unusable()) {
        cx.throwTypeError(disturbed() ? "The body has already been read."
                                      : "The body is locked to a reader.");
        return {};
    }
    // The MIME type blob() and formData() use
    // (https://fetch.spec.whatwg.org/#concept-body-mime-type).
    std::optional<MimeType> mimeType;
    if (consumer == Consumer::Blob || consumer == Consumer::FormData)
        mimeType = extractMimeType(headers);
    const bind::CallSite site = cx.site();
    // Step 5: a null body is the empty byte sequence.
    if (m_null) return settle(isolate, site, consumer, mimeType, {nullptr, 0, nullptr}, {});
    // The lazy body: its bytes, without a stream.
    if (std::optional<ByteSpans> spans = takeUnreadSpans(isolate)) {
        if (spans->size() == 1)
            return settle(isolate, site, consumer, mimeType,
                          {spans->front().data, spans->front().size, nullptr}, {});
        std::vector<uint8_t> joined = concatenate(*spans);
        return settle(isolate, site, consumer, mimeType, {joined.data(), joined.size(), &joined},
                      {});
    }
    // Step 6: fully read the stream (https://fetch.spec.whatwg.org/#body-fully-read).
    ReadableStream* stream = this->stream(isolate);
    if (!stream) {
        cx.setFailed();
        return {};
    }
    v8::Local<v8::Promise> promise = streams::newPromise(cx.context());
    const bool started = readAllBytes(
        isolate, stream, m_length, site,
        [site, consumer, mimeType](v8::Isolate* isolate, std::vector<uint8_t>&& bytes,
                                   v8::Local<v8::Value> keep) {
            if (keep.IsEmpty() || !keep->IsPromise()) {
                qWarning("%s:%d: a body read lost its promise", __FILE__, __LINE__);
                return;
            }
            settle(isolate, site, consumer, mimeType, {bytes.data(), bytes.size(), &bytes},
                   keep.As<v8::Promise>());
        },
        [](v8::Isolate* isolate, v8::Local<v8::Value> error, v8::Local<v8::Value> keep) {
            if (keep.IsEmpty() || !keep->IsPromise()) {
                qWarning("%s:%d: a body read lost its promise", __FILE__, __LINE__);
                return;
            }
            streams::rejectPromise(isolate->GetCurrentContext(), keep.As<v8::Promise>(), error);
        },
        promise);
    if (!started) {
        cx.setFailed();
        return {};
    }
    return promise;
}

} // namespace nano::api::fetch
