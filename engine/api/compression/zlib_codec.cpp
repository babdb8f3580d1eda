#include "api/compression/zlib_codec.h"

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace nano::api::compression {

namespace {
// zlib's windowBits select the wrapper: 8..15 zlib (RFC 1950), negative raw deflate
// (RFC 1951), +16 gzip (RFC 1952) only, without zlib's automatic detection (+32), so a
// DecompressionStream("gzip") rejects zlib data as the spec's format demands.
int windowBits(CompressionFormat format)
{
    switch (format) {
    case CompressionFormat::Deflate: return MAX_WBITS;
    case CompressionFormat::DeflateRaw: return -MAX_WBITS;
    case CompressionFormat::Gzip: return MAX_WBITS + 16;
    }
    return MAX_WBITS;
}

// zlib's allocator, counting what it holds (each block is prefixed with its size).
voidpf countingAlloc(voidpf opaque, uInt items, uInt size)
{
    const size_t bytes = size_t(items) * size;
    auto* block = static_cast<size_t*>(std::malloc(bytes + sizeof(std::max_align_t)));
    if (!block) return Z_NULL;
    *block = bytes;
    *static_cast<size_t*>(opaque) += bytes;
    return reinterpret_cast<char*>(block) + sizeof(std::max_align_t);
}

void countingFree(voidpf opaque, voidpf address)
{
    if (!address) return;
    auto* block = reinterpret_cast<size_t*>(static_cast<char*>(address) - sizeof(std::max_align_t));
    *static_cast<size_t*>(opaque) -= *block;
    std::free(block);
}

std::string zlibMessage(const z_stream& stream, const char* fallback)
{
    return stream.msg ? std::string(stream.msg) : std::string(fallback);
}
} // namespace

const char* formatName(CompressionFormat format)
{
    switch (format) {
    case CompressionFormat::Deflate: return "deflate";
    case CompressionFormat::DeflateRaw: return "deflate-raw";
    case CompressionFormat::Gzip: return "gzip";
    }
    return "";
}

std::optional<CompressionFormat> parseFormat(std::string_view name)
{
    if (name == "deflate") return CompressionFormat::Deflate;
    if (name == "deflate-raw") return CompressionFormat::DeflateRaw;
    if (name == "gzip") return CompressionFormat::Gzip;
    return std::nullopt;
}

struct ZlibCodec::Stream {
    z_stream z{};
    bool initialized = false;
    size_t allocated = 0; // bytes zlib holds, kept by countingAlloc/countingFree
};

ZlibCodec::ZlibCodec(Direction direction, CompressionFormat format, size_t maxChunkSize)
    : m_direction(direction)
    , m_format(format)
    , m_maxChunkSize(std::clamp<size_t>(maxChunkSize, 1, UINT_MAX))
    , m_stream(std::make_unique<Stream>())
{
    m_stream->z.zalloc = &countingAlloc;
    m_stream->z.zfree = &countingFree;
    m_stream->z.opaque = &m_stream->allocated;
    const int rc = direction == Direction::Compress
                       ? deflateInit2(&m_stream->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED,
                                      windowBits(format), 8, Z_DEFAULT_STRATEGY)
                       : inflateInit2(&m_stream->z, windowBits(format));
    m_stream->initialized = rc == Z_OK;
    if (!m_stream->initialized)
        fail(CodecError::OutOfMemory, "Could not allocate the zlib stream.");
}

ZlibCodec::~ZlibCodec()
{
    if (!m_stream->initialized) return;
    if (m_direction == Direction::Compress)
        deflateEnd(&m_stream->z);
    else
        inflateEnd(&m_stream->z);
}

size_t ZlibCodec::memoryUsage() const
{
    return m_stream->allocated + m_buffer.capacity();
}

CodecStatus ZlibCodec::fail(CodecError error, std::string message)
{
    m_status = {error, std::move(message)};
    return m_status;
}

void ZlibCodec::deliver(size_t produced, const Sink& sink)
{
    if (produced == 0) return; // the spec enqueues no empty chunks ("If buffer is empty, return")
    m_totalOut += produced;
    sink(Chunk(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(produced)));
}

// Runs zlib over the input set in m_stream until it is consumed (and, with Z_FINISH, until
// the end of the data), one bounded chunk at a time.
CodecStatus ZlibCodec::run(int flush, const Sink& sink)
{
    z_stream& z = m_stream->z;
    if (m_buffer.size() != m_maxChunkSize) m_buffer.resize(m_maxChunkSize);
    for (;;) {
        if (m_endOfData && z.avail_in > 0) {
            // https://compression.spec.whatwg.org/#decompress-and-enqueue-a-chunk: data after
            // the end of the compressed data is an error, as in browsers; a second gzip
            // member counts as such data (the format is one member).
            return fail(CodecError::TrailingData,
                        "Unexpected data after the end of the compressed data.");
        }
        z.next_out = m_buffer.data();
        z.avail_out = static_cast<uInt>(m_buffer.size());
        const uInt inBefore = z.avail_in;
        const int rc = m_direction == Direction::Compress ? deflate(&z, flush) : inflate(&z, flush);
        m_totalIn += inBefore - z.avail_in;
        const size_t produced = m_buffer.size() - z.avail_out;
        switch (rc) {
        case Z_OK: break;
        case Z_STREAM_END: m_endOfData = true; break;
        case Z_BUF_ERROR: // no progress possible: everything is consumed and flushed
            deliver(produced, sink);
            return m_status;
        case Z_NEED_DICT:
            return fail(CodecError::CorruptData,
                        "The compressed data is corrupt: it needs a preset dictionary.");
        case Z_DATA_ERROR:
            return fail(CodecError::CorruptData,
                        "The compressed data is corrupt: " + zlibMessage(z, "invalid data"));
        case Z_MEM_ERROR: return fail(CodecError::OutOfMemory, "zlib ran out of memory.");
        default:
            return fail(CodecError::CorruptData, "zlib failed: " + zlibMessage(z, "stream error"));
        }
        deliver(produced, sink);
        m_outputInCall += produced;
        // A full buffer means more output may wait; input left is more to consume (or
        // trailing data, reported above); with Z_FINISH the end may not be written yet.
        const bool more = z.avail_out == 0 || z.avail_in > 0 || (flush == Z_FINISH && !m_endOfData);
        if (!more) return m_status;
        if (m_outputBudget > 0 && m_outputInCall >= m_outputBudget) {
            m_paused = true;
            return m_status;
        }
    }
}

CodecStatus ZlibCodec::push(const uint8_t* data, size_t size, const Sink& sink)
{
    if (!m_status.ok()) return m_status;
    if (m_finished) return fail(CodecError::Finished, "push() after finish().");
    // z_stream counts in uInt: feed a huge buffer in slices.
    while (size > 0) {
        const size_t slice = std::min<size_t>(size, UINT_MAX);
        m_stream->z.next_in = const_cast<Bytef*>(data);
        m_stream->z.avail_in = static_cast<uInt>(slice);
        const CodecStatus status = run(Z_NO_FLUSH, sink);
        m_stream->z.next_in = nullptr;
        m_stream->z.avail_in = 0;
        if (!status.ok()) return status;
        data += slice;
        size -= slice;
    }
    return m_status;
}

CodecStatus ZlibCodec::pushSome(const uint8_t* data, size_t size, size_t outputBudget,
                                const Sink& sink, size_t& consumed, bool& drained)
{
    consumed = 0;
    drained = false;
    if (!m_status.ok()) return m_status;
    if (m_finished) return fail(CodecError::Finished, "pushSome() after finish().");
    const size_t slice = std::min<size_t>(size, UINT_MAX);
    m_stream->z.next_in = const_cast<Bytef*>(data);
    m_stream->z.avail_in = static_cast<uInt>(slice);
    m_outputBudget = std::max<size_t>(outputBudget, 1);
    m_outputInCall = 0;
    m_paused = false;
    const CodecStatus status = run(Z_NO_FLUSH, sink);
    consumed = slice - m_stream->z.avail_in;
    drained = status.ok() && !m_paused && consumed == size;
    m_outputBudget = 0;
    m_stream->z.next_in = nullptr;
    m_stream->z.avail_in = 0;
    return status;
}

CodecStatus ZlibCodec::finish(const Sink& sink)
{
    if (!m_status.ok()) return m_status;
    if (m_finished) return fail(CodecError::Finished, "finish() called twice.");
    m_finished = true;
    m_stream->z.next_in = nullptr;
    m_stream->z.avail_in = 0;
    if (m_direction == Direction::Compress) {
        const CodecStatus status = run(Z_FINISH, sink);
        if (status.ok() && !m_endOfData)
            return fail(CodecError::CorruptData, "zlib did not finish the compressed data.");
        return status;
    }
    // Every byte pushed was consumed and its output drained in push(): all that is left is
    // to check that the data was complete.
    if (!m_endOfData)
        return fail(CodecError::TruncatedData,
                    "The compressed data ended before its end (truncated input).");
    return m_status;
}

} // namespace nano::api::compression
