#pragma once
// Blob (https://w3c.github.io/FileAPI/#blob-section).
//
// [Exposed=*] interface Blob {
//   constructor(optional sequence<BlobPart> blobParts,
//               optional BlobPropertyBag options = {});
//   readonly attribute unsigned long long size;
//   readonly attribute DOMString type;
//   [NewObject] Blob slice(optional [Clamp] long long start, optional [Clamp] long long end,
//                          optional DOMString contentType);
//   [NewObject] Promise<USVString> text();
//   [NewObject] Promise<ArrayBuffer> arrayBuffer();
//   [NewObject] Promise<Uint8Array> bytes();
//   [NewObject] ReadableStream stream();
// };
// enum EndingType { "transparent", "native" };
// dictionary BlobPropertyBag { DOMString type = ""; EndingType endings = "transparent"; };
// typedef (BufferSource or Blob or USVString) BlobPart;
//
// The bytes are immutable and shared: slice() and structured cloning share them (a slice keeps a
// view into its parent's bytes until someone asks for bytes() of its own).

#include "bind/class_builder.h"

#include <cstdint>
#include <memory>
#include <variant>
#include <vector>

namespace nano::api {

class Blob;

using BlobPart = std::variant<Blob*, bind::BufferSource, std::string>;

enum class EndingType { Transparent, Native };

struct BlobPropertyBag {
    EndingType endings = EndingType::Transparent;
    std::u16string type;
};

class Blob : public bind::Wrappable {
    NANO_BIND_CLASS(Blob)
public:
    using Bytes = std::shared_ptr<const std::vector<uint8_t>>;

    // A blob of `bytes` (null is empty) with `type` (already a valid, lower-case MIME type or
    // empty), e.g. for structuredClone and fetch bodies.
    Blob(Bytes bytes, std::string type);
    static std::unique_ptr<Blob> construct(bind::CallContext& cx,
                                           std::optional<std::vector<BlobPart>> blobParts,
                                           BlobPropertyBag options);
    static void define(bind::ClassBuilder<Blob>& c);

    // A view of `size` bytes of `storage` from `offset` (slices share their parent's bytes).
    Blob(Bytes storage, size_t offset, size_t size, std::string type);

    // The blob's bytes, exactly (a slice gets its own copy on first call).
    const std::shared_ptr<const std::vector<uint8_t>>& bytes() const;
    const uint8_t* data() const { return m_storage->data() + m_offset; }
    // The storage data() points into (shared with slices and clones), e.g. for a body that
    // refers to the blob's bytes without copying them.
    const Bytes& storage() const { return m_storage; }
    uint64_t size() const { return m_size; }
    const std::string& type() const { return m_type; }

    // IDL members.
    Blob* slice(bind::CallContext& cx, std::optional<bind::Clamp<int64_t>> start,
                std::optional<bind::Clamp<int64_t>> end, std::optional<std::u16string> contentType);
    v8::Local<v8::Promise> text(bind::CallContext& cx);
    v8::Local<v8::Promise> arrayBuffer(bind::CallContext& cx);
    v8::Local<v8::Promise> readBytes(bind::CallContext& cx); // bytes()
    v8::Local<v8::Value> stream(bind::CallContext& cx);

protected:
    // https://w3c.github.io/FileAPI/#process-blob-parts; false with an exception pending.
    static bool processBlobParts(bind::CallContext& cx, const std::vector<BlobPart>& parts,
                                 EndingType endings, Bytes& out, size_t& offset, size_t& size);
    // Step 3 of the Blob constructor: the type if every character is in U+0020-U+007E,
    // lower-cased; otherwise empty.
    static std::string normalizeType(const std::u16string& type);

private:
    void reportStorage();

    mutable Bytes m_storage;
    mutable size_t m_offset = 0;
    size_t m_size = 0;
    std::string m_type;
};

void installBlob(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api

namespace nano::bind {
template <> struct EnumTraits<api::EndingType> {
    static constexpr const char* name = "EndingType";
    static constexpr std::pair<const char*, api::EndingType> values[] = {
        {"transparent", api::EndingType::Transparent}, {"native", api::EndingType::Native}};
};
template <> struct DictionaryTraits<api::BlobPropertyBag> {
    static constexpr const char* name = "BlobPropertyBag";
    static bool read(DictionaryReader& d, api::BlobPropertyBag& out);
};
} // namespace nano::bind
