#include "api/file.h"

#include <QDateTime>

namespace nano::api {

File::File(Bytes bytes, std::string type, std::string name, int64_t lastModified)
    : Blob(std::move(bytes), std::move(type))
    , m_name(std::move(name))
    , m_lastModified(lastModified) {}

File::File(Bytes storage, size_t offset, size_t size, std::string type, std::string name,
           int64_t lastModified)
    : Blob(std::move(storage), offset, size, std::move(type))
    , m_name(std::move(name))
    , m_lastModified(lastModified) {}

// https://w3c.github.io/FileAPI/#file-constructor
std::unique_ptr<File> File::construct(bind::CallContext& cx, std::vector<BlobPart> fileBits,
                                      std::string fileName, FilePropertyBag options) {
    Bytes storage;
    size_t offset = 0, size = 0;
    if (!processBlobParts(cx, fileBits, options.endings, storage, offset, size)) return nullptr;
    // Step 4: the current date and time unless given.
    const int64_t lastModified =
        options.lastModified ? *options.lastModified : QDateTime::currentMSecsSinceEpoch();
    return std::unique_ptr<File>(new File(std::move(storage), offset, size,
                                          normalizeType(options.type), std::move(fileName),
                                          lastModified));
}

void File::define(bind::ClassBuilder<File>& c) {
    c.inherit<Blob>()
        .constructor<&File::construct>()
        .readonlyAttribute<&File::name>("name")
        .readonlyAttribute<&File::lastModified>("lastModified");
}

} // namespace nano::api
