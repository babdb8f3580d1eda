#pragma once
// File (https://w3c.github.io/FileAPI/#file-section).
//
// [Exposed=*] interface File : Blob {
//   constructor(sequence<BlobPart> fileBits, USVString fileName,
//               optional FilePropertyBag options = {});
//   readonly attribute DOMString name;
//   readonly attribute long long lastModified;
// };
// dictionary FilePropertyBag : BlobPropertyBag { long long lastModified; };

#include "api/blob.h"

namespace nano::api {

struct FilePropertyBag : BlobPropertyBag {
    std::optional<int64_t> lastModified;
};

class File final : public Blob {
    NANO_BIND_CLASS(File)
public:
    // A file of `bytes` (null is empty), e.g. for structuredClone. `type` as for Blob.
    File(Bytes bytes, std::string type, std::string name, int64_t lastModified);
    static std::unique_ptr<File> construct(bind::CallContext& cx, std::vector<BlobPart> fileBits,
                                           std::string fileName, FilePropertyBag options);
    static void define(bind::ClassBuilder<File>& c);

    const std::string& name() const { return m_name; }
    int64_t lastModified() const { return m_lastModified; }

private:
    File(Bytes storage, size_t offset, size_t size, std::string type, std::string name,
         int64_t lastModified);

    std::string m_name;
    int64_t m_lastModified;
};

// Registers File's serialization steps (called by installBlob, which exposes File).
void registerFileSerialization(v8::Isolate* isolate);

} // namespace nano::api

namespace nano::bind {
template <> struct DictionaryTraits<api::FilePropertyBag> {
    static constexpr const char* name = "FilePropertyBag";
    static bool read(DictionaryReader& d, api::FilePropertyBag& out)
    {
        return DictionaryTraits<api::BlobPropertyBag>::read(d, out) &&
               d.get("lastModified", out.lastModified);
    }
};
} // namespace nano::bind
