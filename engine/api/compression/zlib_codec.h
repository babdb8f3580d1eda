#pragma once
// Incremental gzip / deflate / deflate-raw over zlib, without V8: the engine under
// CompressionStream and DecompressionStream (https://compression.spec.whatwg.org/). It lives
// next to the API that uses it (api/compression/, one file pair per job) rather than in core/,
// which holds only the run's lifecycle and event loop; it depends on nothing but zlib, so it
// can be tested, and used from a worker thread, on its own.
//
// push() feeds bytes and hands every output chunk to a sink as soon as it is full; finish()
// ends the data and hands out the rest. No chunk is empty or larger than maxChunkSize, and the
// codec holds at most one chunk of its own, so a 256 MiB stream runs in bounded memory
// whatever its size (there is no input limit). Errors are values: the stream turns a
// CodecStatus that is not ok() into a TypeError with its message. After an error, every call
// returns that error again; chunks handed out before it (in the same push) stay delivered,
// which does not matter because the stream errors and drops its queue.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nano::api::compression {

// https://compression.spec.whatwg.org/#enumdef-compressionformat (IDL order)
enum class CompressionFormat { Deflate, DeflateRaw, Gzip };

// "deflate", "deflate-raw", "gzip"; and back (nullopt for any other string).
const char* formatName(CompressionFormat format);
std::optional<CompressionFormat> parseFormat(std::string_view name);

enum class CodecError {
    None,
    CorruptData,   // decompression: the bytes are not valid data of the format
    TruncatedData, // decompression, at finish(): the input ended before the end of the data
    TrailingData,  // decompression: bytes after the end of the data (also a 2nd gzip member)
    OutOfMemory,   // zlib could not allocate its state
    Finished,      // a call after finish(): a bug in the caller
};

struct CodecStatus {
    CodecError error = CodecError::None;
    std::string message; // English, for the TypeError: "The compressed data is corrupt: ..."

    bool ok() const { return error == CodecError::None; }
};

class ZlibCodec final {
public:
    enum class Direction { Compress, Decompress };
    using Chunk = std::vector<uint8_t>;
    using Sink = std::function<void(Chunk&& chunk)>;

    static constexpr size_t kDefaultMaxChunkSize = 64 * 1024;

    // maxChunkSize bounds every chunk handed to a sink (at least 1).
    ZlibCodec(Direction direction, CompressionFormat format,
              size_t maxChunkSize = kDefaultMaxChunkSize);
    ~ZlibCodec();
    ZlibCodec(const ZlibCodec&) = delete;
    ZlibCodec& operator=(const ZlibCodec&) = delete;

    // https://compression.spec.whatwg.org/#compress-and-enqueue-a-chunk
    // https://compression.spec.whatwg.org/#decompress-and-enqueue-a-chunk
    // Feeds `size` bytes (0 is fine: nothing happens); `sink` gets zero or more chunks.
    CodecStatus push(const uint8_t* data, size_t size, const Sink& sink);
    // push() that pauses once it has handed out `outputBudget` bytes or more (at least 1), so
    // that a caller can wait for its reader between rounds (a small chunk of highly compressed
    // data can expand a thousandfold): `consumed` is how many of the bytes it took, and
    // `drained` whether it is done with them. While not drained, call it again with the bytes
    // not consumed (possibly none: zlib may still hold output).
    CodecStatus pushSome(const uint8_t* data, size_t size, size_t outputBudget, const Sink& sink,
                         size_t& consumed, bool& drained);
    // https://compression.spec.whatwg.org/#compress-flush-and-enqueue
    // https://compression.spec.whatwg.org/#decompress-flush-and-enqueue
    // Ends the input; `sink` gets the rest of the output. Decompression fails with
    // TruncatedData unless the end of the compressed data was reached.
    CodecStatus finish(const Sink& sink);

    Direction direction() const { return m_direction; }
    CompressionFormat format() const { return m_format; }
    uint64_t totalIn() const { return m_totalIn; }   // bytes pushed and consumed
    uint64_t totalOut() const { return m_totalOut; } // bytes handed to sinks
    // Bytes this codec holds outside its object: zlib's state (counted by its allocator, about
    // 256 KiB to compress and 40 KiB to decompress) and the output buffer, for the stream's
    // external memory report.
    size_t memoryUsage() const;

private:
    struct Stream; // zlib's z_stream, kept out of this header

    CodecStatus fail(CodecError error, std::string message);
    CodecStatus run(int flush, const Sink& sink);
    void deliver(size_t produced, const Sink& sink);

    Direction m_direction;
    CompressionFormat m_format;
    size_t m_maxChunkSize;
    std::unique_ptr<Stream> m_stream;
    Chunk m_buffer; // zlib writes here; each chunk is copied out at its exact size
    CodecStatus m_status;
    bool m_endOfData = false; // decompression: zlib reported the end of the compressed data
    bool m_finished = false;
    size_t m_outputBudget = 0; // pushSome(): pause after this much output (0: no limit)
    size_t m_outputInCall = 0; // output of the current pushSome()
    bool m_paused = false;     // pushSome() stopped on its budget with work left
    uint64_t m_totalIn = 0;
    uint64_t m_totalOut = 0;
};

} // namespace nano::api::compression
