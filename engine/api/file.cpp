#include "api/file.h"

#include "bind/serializable.h"

#include <QDateTime>

namespace nano::api {

File::File(Bytes bytes, std::string type, std::string name, int64_t lastModified)
    : Blob(std::move(bytes), std::move(type))
    , m_name(std::move(name))
    , m_lastModified(lastModified)
{}

File::File(Bytes storage, size_t offset, size_t size, std::string type, std::string name,
           int64_t lastModified)
    : Blob(std::move(storage), offset, size, std::move(type))
    , m_name(std::move(name))
    , m_lastModified(lastModified)
{}

// https://w3c.github.io/FileAPI/#file-constructor
std::unique_ptr<File> File::construct(bind::CallContext& cx, std::vector<BlobPart> fileBits,
                                      std::string fileName, FilePropertyBag options)
{
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

void File::define(bind::ClassBuilder<File>& c)
{
    c.inherit<Blob>()
        .constructor<&File::construct>()
        .readonlyAttribute<&File::name>("name")
        .readonlyAttribute<&File::lastModified>("lastModified");
}

// https://w3c.github.io/FileAPI/#file-section serialization steps: a Blob's, then the name and
// the last modification time.
void registerFileSerialization(v8::Isolate* isolate)
{
    bind::registerSerializable<File>(
        isolate,
        [](v8::Isolate*, File& file, bind::CloneWriter& out) {
            out.writeShared(file.bytes());
            out.writeString(file.type());
            out.writeString(file.name());
            // Its bits as an unsigned integer: exact, and no bytes read back can be a value
            // out of long long's range (a double's cast would be undefined behaviour).
            out.writeUint64(static_cast<uint64_t>(file.lastModified()));
            return true;
        },
        [](v8::Isolate* isolate, bind::CloneReader& in) -> File* {
            std::shared_ptr<const void> bytes;
            std::string type, name;
            uint64_t lastModified = 0;
            if (!in.readShared(bytes) || !in.readString(type) || !in.readString(name) ||
                !in.readUint64(lastModified))
                return nullptr;
            return bind::create<File>(
                isolate, std::static_pointer_cast<const std::vector<uint8_t>>(bytes),
                std::move(type), std::move(name), static_cast<int64_t>(lastModified));
        });
}

} // namespace nano::api
