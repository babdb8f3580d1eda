#pragma once
// The blob URL store (https://w3c.github.io/FileAPI/#BlobURLStore) of a run, and
// URL.createObjectURL / URL.revokeObjectURL (https://w3c.github.io/FileAPI/#creating-revoking).
// A blob: URL maps to its Blob's bytes: Blobs are immutable, so the store keeps their shared
// storage (no V8 object) until the URL is revoked or the runtime goes. fetch() reads it.

#include "api/blob.h"

#include <QObject>
#include <string>
#include <unordered_map>

namespace nano::api {

// https://w3c.github.io/FileAPI/#blob-url-entry (the object is always a Blob here).
struct BlobUrlEntry {
    Blob::Bytes storage; // null for an empty blob
    size_t offset = 0;
    size_t size = 0;
    std::string type;
};

class BlobUrlStore final : public QObject {
    Q_OBJECT
public:
    // The store of the isolate's run (a runtime thread object).
    static BlobUrlStore& from(v8::Isolate* isolate);

    // https://w3c.github.io/FileAPI/#add-an-entry: the new URL, "blob:<origin>/<UUID>".
    std::string add(const Blob& blob, const std::string& origin);
    // https://w3c.github.io/FileAPI/#removeTheEntry
    void remove(const std::string& url);
    // The entry of `url` (serialized without its fragment), or null.
    const BlobUrlEntry* resolve(const std::string& url) const;

private:
    std::unordered_map<std::string, BlobUrlEntry> m_entries;
};

// https://w3c.github.io/FileAPI/#dfn-createObjectURL
std::string createObjectURL(bind::CallContext& cx, Blob* obj);
// https://w3c.github.io/FileAPI/#dfn-revokeObjectURL
void revokeObjectURL(bind::CallContext& cx, std::string url);

} // namespace nano::api
