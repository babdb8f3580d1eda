#include "api/blob.h"

#include "api/streams/bytes_source.h"
#include "api/streams/readable_stream.h"

#include "api/encoding/decoder.h"
#include "api/file.h"
#include "bind/promise.h"
#include "bind/serializable.h"

#include <algorithm>

namespace nano::api {

namespace {
const Blob::Bytes& emptyBytes()
{
    static const Blob::Bytes empty = std::make_shared<const std::vector<uint8_t>>();
    return empty;
}

// https://w3c.github.io/FileAPI/#convert-line-endings-to-native (the native ending is LF).
void appendWithNativeLineEndings(std::vector<uint8_t>& out, const std::string& s)
{
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out.push_back('\n');
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        } else {
            out.push_back(static_cast<uint8_t>(s[i]));
        }
    }
}
} // namespace

Blob::Blob(Bytes bytes, std::string type)
    : m_storage(bytes ? std::move(bytes) : emptyBytes())
    , m_size(m_storage->size())
    , m_type(std::move(type))
{
    reportStorage();
}

Blob::Blob(Bytes storage, size_t offset, size_t size, std::string type)
    : m_storage(storage ? std::move(storage) : emptyBytes())
    , m_offset(offset)
    , m_size(size)
    , m_type(std::move(type))
{
    reportStorage();
}

void Blob::reportStorage()
{
    // A slice keeps all of its parent's bytes alive: it reports them, and they count once
    // however many slices and clones share them.
    setExternalMemory(ExternalMemoryKind::Blobs, static_cast<int64_t>(m_storage->size()),
                      m_storage.get());
}

const std::shared_ptr<const std::vector<uint8_t>>& Blob::bytes() const
{
    if (m_offset != 0 || m_size != m_storage->size()) {
        m_storage = std::make_shared<const std::vector<uint8_t>>(data(), data() + m_size);
        m_offset = 0;
        const_cast<Blob*>(this)->reportStorage(); // the cache is logically const; its memory is not
    }
    return m_storage;
}

std::string Blob::normalizeType(const std::u16string& type)
{
    std::string out;
    out.reserve(type.size());
    for (char16_t c : type) {
        if (c < 0x20 || c > 0x7E) return {};
        out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    }
    return out;
}

// https://w3c.github.io/FileAPI/#process-blob-parts
bool Blob::processBlobParts(bind::CallContext&, const std::vector<BlobPart>& parts,
                            EndingType endings, Bytes& out, size_t& offset, size_t& size)
{
    // A single blob part shares its bytes instead of copying them.
    if (parts.size() == 1 && std::holds_alternative<Blob*>(parts.front())) {
        const Blob* blob = std::get<Blob*>(parts.front());
        out = blob->m_storage;
        offset = blob->m_offset;
        size = blob->m_size;
        return true;
    }
    size_t total = 0;
    for (const BlobPart& part : parts) {
        if (const auto* blob = std::get_if<Blob*>(&part))
            total += (*blob)->m_size;
        else if (const auto* buffer = std::get_if<bind::BufferSource>(&part))
            total += buffer->size();
        else
            total += std::get<std::string>(part).size();
    }
    auto bytes = std::make_shared<std::vector<uint8_t>>();
    bytes->reserve(total);
    for (const BlobPart& part : parts) {
        if (const auto* blob = std::get_if<Blob*>(&part)) {
            bytes->insert(bytes->end(), (*blob)->data(), (*blob)->data() + (*blob)->m_size);
        } else if (const auto* buffer = std::get_if<bind::BufferSource>(&part)) {
            bytes->insert(bytes->end(), buffer->data(), buffer->data() + buffer->size());
        } else {
            const std::string& s = std::get<std::string>(part);
            if (endings == EndingType::Native)
                appendWithNativeLineEndings(*bytes, s);
            else
                bytes->insert(bytes->end(), s.begin(), s.end());
        }
    }
    offset = 0;
    size = bytes->size();
    out = std::move(bytes);
    return true;
}

// https://w3c.github.io/FileAPI/#constructorBlob
std::unique_ptr<Blob> Blob::construct(bind::CallContext& cx,
                                      std::optional<std::vector<BlobPart>> blobParts,
                                      BlobPropertyBag options)
{
    Bytes storage;
    size_t offset = 0, size = 0;
    if (blobParts && !processBlobParts(cx, *blobParts, options.endings, storage, offset, size))
        return nullptr;
    return std::unique_ptr<Blob>(
        new Blob(std::move(storage), offset, size, normalizeType(options.type)));
}

// https://w3c.github.io/FileAPI/#dfn-slice
Blob* Blob::slice(bind::CallContext& cx, std::optional<bind::Clamp<int64_t>> start,
                  std::optional<bind::Clamp<int64_t>> end,
                  std::optional<std::u16string> contentType)
{
    const int64_t size = static_cast<int64_t>(m_size);
    // Steps 3-4: negative positions count from the end.
    auto relative = [size](int64_t position) {
        return position < 0 ? std::max<int64_t>(size + position, 0) : std::min(position, size);
    };
    const int64_t relativeStart = start ? relative(start->value) : 0;
    const int64_t relativeEnd = end ? relative(end->value) : size;
    // Step 5.
    const std::string type = contentType ? normalizeType(*contentType) : std::string();
    // Step 6.
    const int64_t span = std::max<int64_t>(relativeEnd - relativeStart, 0);
    auto* blob =
        bind::create<Blob>(cx.isolate(), m_storage, m_offset + static_cast<size_t>(relativeStart),
                           static_cast<size_t>(span), type);
    if (!blob) cx.setFailed();
    return blob;
}

// https://w3c.github.io/FileAPI/#text-method-algo
v8::Local<v8::Promise> Blob::text(bind::CallContext& cx)
{
    v8::Local<v8::String> text;
    if (!bind::newString(cx.isolate(), encoding::utf8Decode(data(), m_size)).ToLocal(&text)) {
        cx.throwRangeError("The blob is too large to be read as a string.");
        return {};
    }
    return bind::resolvedPromise(cx.context(), text);
}

// https://w3c.github.io/FileAPI/#arraybuffer-method-algo
v8::Local<v8::Promise> Blob::arrayBuffer(bind::CallContext& cx)
{
    v8::Local<v8::Value> buffer =
        bind::toArrayBuffer(cx.isolate(), std::vector<uint8_t>(data(), data() + m_size));
    return bind::resolvedPromise(cx.context(), buffer);
}

// https://w3c.github.io/FileAPI/#bytes-method-algo
v8::Local<v8::Promise> Blob::readBytes(bind::CallContext& cx)
{
    bind::NewUint8Array bytes{std::vector<uint8_t>(data(), data() + m_size)};
    v8::Local<v8::Value> array;
    if (!bind::toJs(cx.isolate(), bytes).ToLocal(&array)) {
        cx.setFailed();
        return {};
    }
    return bind::resolvedPromise(cx.context(), array);
}

// https://w3c.github.io/FileAPI/#dom-blob-stream: a byte stream (BYOB-readable) over the blob's
// bytes, which it shares until read.
v8::Local<v8::Value> Blob::stream(bind::CallContext& cx)
{
    streams::ReadableStream* stream = streams::createReadableStreamFromBytes(
        cx.isolate(), m_storage, m_offset, m_size, QStringLiteral("Blob.stream()"));
    if (!stream) {
        cx.setFailed();
        return {};
    }
    return stream->wrapper();
}

void Blob::define(bind::ClassBuilder<Blob>& c)
{
    c.constructor<&Blob::construct>()
        .readonlyAttribute<&Blob::size>("size")
        .readonlyAttribute<&Blob::type>("type")
        .method<&Blob::slice>("slice")
        .method<&Blob::text>("text")
        .method<&Blob::arrayBuffer>("arrayBuffer")
        .method<&Blob::readBytes>("bytes")
        .method<&Blob::stream>("stream");
}

void installBlob(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<Blob>(context, global);
    bind::exposeLazily<File>(context, global);
    // https://w3c.github.io/FileAPI/#blob-section serialization steps: the bytes are immutable,
    // so a clone shares them (within this agent) instead of copying.
    bind::registerSerializable<Blob>(
        context->GetIsolate(),
        [](v8::Isolate*, Blob& blob, bind::CloneWriter& out) {
            out.writeShared(blob.bytes());
            out.writeString(blob.type());
            return true;
        },
        [](v8::Isolate* isolate, bind::CloneReader& in) -> Blob* {
            std::shared_ptr<const void> bytes;
            std::string type;
            if (!in.readShared(bytes) || !in.readString(type)) return nullptr;
            return bind::create<Blob>(isolate,
                                      std::static_pointer_cast<const std::vector<uint8_t>>(bytes),
                                      std::move(type));
        });
    registerFileSerialization(context->GetIsolate());
}

} // namespace nano::api

namespace nano::bind {
bool DictionaryTraits<api::BlobPropertyBag>::read(DictionaryReader& d, api::BlobPropertyBag& out)
{
    return d.get("endings", out.endings) && d.get("type", out.type);
}
} // namespace nano::bind
