#include "api/blob_url_store.h"

#include "api/location.h"
#include "api/url/url_parser.h"
#include "core/runtime.h"

#include <QUuid>

namespace nano::api {

BlobUrlStore& BlobUrlStore::from(v8::Isolate* isolate)
{
    return core::Runtime::from(isolate)->threadObject<BlobUrlStore>();
}

std::string BlobUrlStore::add(const Blob& blob, const std::string& origin)
{
    // https://w3c.github.io/FileAPI/#unicodeBlobURL
    const std::string url =
        "blob:" + origin + '/' + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    BlobUrlEntry entry;
    entry.storage = blob.storage();
    if (entry.storage && blob.size() > 0)
        entry.offset = static_cast<size_t>(blob.data() - entry.storage->data());
    entry.size = static_cast<size_t>(blob.size());
    entry.type = blob.type();
    m_entries[url] = std::move(entry);
    return url;
}

void BlobUrlStore::remove(const std::string& url)
{
    m_entries.erase(url);
}

const BlobUrlEntry* BlobUrlStore::resolve(const std::string& url) const
{
    auto it = m_entries.find(url);
    return it == m_entries.end() ? nullptr : &it->second;
}

std::string createObjectURL(bind::CallContext& cx, Blob* obj)
{
    // The settings' origin is the API base URL's (--location), opaque ("null") without one.
    const url::UrlRecord* base = apiBaseUrl(cx.isolate());
    return BlobUrlStore::from(cx.isolate()).add(*obj, base ? base->origin() : "null");
}

void revokeObjectURL(bind::CallContext& cx, std::string url)
{
    // Steps 1-2: a URL that does not parse, or is not blob:, is ignored.
    std::optional<url::UrlRecord> parsed = url::parse(url);
    if (!parsed || parsed->scheme() != "blob") return;
    // Steps 3-5 (the origin check passes: a run has one origin).
    BlobUrlStore::from(cx.isolate()).remove(std::string(parsed->hrefWithoutFragment()));
}

} // namespace nano::api
