#pragma once
// Immutable bytes shared with their owner: a body's source is a list of these (a string's UTF-8,
// a Blob's storage, the parts of a multipart/form-data encoding), so extracting a body, cloning
// it and encoding a FormData copy no File or Blob contents. Only reading copies, once.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace nano::api::fetch {

struct ByteSpan {
    std::shared_ptr<const void> owner; // keeps `data` alive
    const uint8_t* data = nullptr;
    size_t size = 0;

    static ByteSpan fromString(std::string text)
    {
        auto owned = std::make_shared<const std::string>(std::move(text));
        return {owned, reinterpret_cast<const uint8_t*>(owned->data()), owned->size()};
    }
    static ByteSpan fromBytes(std::vector<uint8_t> bytes)
    {
        auto owned = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
        return {owned, owned->data(), owned->size()};
    }
    std::string_view view() const
    {
        return std::string_view(reinterpret_cast<const char*>(data), size);
    }
};

using ByteSpans = std::vector<ByteSpan>;

inline uint64_t totalSize(const ByteSpans& spans)
{
    uint64_t total = 0;
    for (const ByteSpan& span : spans)
        total += span.size;
    return total;
}

// The spans' bytes in one vector: one allocation of the final size.
inline std::vector<uint8_t> concatenate(const ByteSpans& spans)
{
    std::vector<uint8_t> out;
    out.reserve(static_cast<size_t>(totalSize(spans)));
    for (const ByteSpan& span : spans)
        out.insert(out.end(), span.data, span.data + span.size);
    return out;
}

} // namespace nano::api::fetch
