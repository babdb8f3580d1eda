#pragma once
// The data: URL processor (https://fetch.spec.whatwg.org/#data-url-processor): what scheme fetch
// answers for a data: URL. Plain C++ (tested in tests/engine/tst_data_url.cpp).

#include "api/fetch/mime_type.h"
#include "api/url/url_record.h"

#include <optional>
#include <string>

namespace nano::api::fetch {

// https://fetch.spec.whatwg.org/#data-url-struct
struct DataUrl {
    MimeType mimeType;
    std::string body; // bytes
};

// https://fetch.spec.whatwg.org/#data-url-processor; nullopt is failure.
std::optional<DataUrl> processDataUrl(const url::UrlRecord& dataUrl);

} // namespace nano::api::fetch
