#include "net/content_decoder.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>

namespace nano::net {

namespace {

// gzip (RFC 1952) and deflate (RFC 1950 zlib; a raw RFC 1951 stream is accepted too, as
// browsers do for servers that send one).
class ZlibDecoder final : public ContentDecoder {
public:
    explicit ZlibDecoder(bool gzip)
        : m_gzip(gzip)
    {}
    ~ZlibDecoder() override
    {
        if (m_initialized) inflateEnd(&m_stream);
    }

    bool decode(const QByteArray& input, qsizetype* offset, QByteArray* output,
                qsizetype maxOutput) override
    {
        if (!m_initialized) {
            if (input.size() - *offset < 2 && !m_gzip) return true; // need the header
            int windowBits = m_gzip ? 15 + 16 : 15;
            if (!m_gzip) {
                // RFC 1950: CMF*256+FLG is a multiple of 31 and CM is 8.
                const auto cmf = static_cast<unsigned char>(input[*offset]);
                const auto flg = static_cast<unsigned char>(input[*offset + 1]);
                if ((cmf & 0x0f) != 8 || (cmf * 256 + flg) % 31 != 0) windowBits = -15;
            }
            if (inflateInit2(&m_stream, windowBits) != Z_OK) return false;
            m_initialized = true;
        }
        while (!m_finished && *offset < input.size() && maxOutput > 0) {
            const qsizetype room = std::min<qsizetype>(maxOutput, 64 * 1024);
            const qsizetype before = output->size();
            output->resize(before + room);
            m_stream.next_in =
                reinterpret_cast<Bytef*>(const_cast<char*>(input.constData() + *offset));
            m_stream.avail_in =
                static_cast<uInt>(std::min<qsizetype>(input.size() - *offset, 1 << 30));
            m_stream.next_out = reinterpret_cast<Bytef*>(output->data() + before);
            m_stream.avail_out = static_cast<uInt>(room);
            const int result = inflate(&m_stream, Z_NO_FLUSH);
            const qsizetype produced = room - qsizetype(m_stream.avail_out);
            *offset = m_stream.next_in - reinterpret_cast<const Bytef*>(input.constData());
            output->resize(before + produced);
            maxOutput -= produced;
            if (result == Z_STREAM_END)
                m_finished = true;
            else if (result == Z_BUF_ERROR && produced == 0)
                break; // needs more input
            else if (result != Z_OK)
                return false;
        }
        return true;
    }
    bool isFinished() const override { return m_finished; }

private:
    z_stream m_stream{};
    bool m_gzip;
    bool m_initialized = false;
    bool m_finished = false;
};

class BrotliDecoder final : public ContentDecoder {
public:
    BrotliDecoder()
        : m_state(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr))
    {}
    ~BrotliDecoder() override { BrotliDecoderDestroyInstance(m_state); }

    bool decode(const QByteArray& input, qsizetype* offset, QByteArray* output,
                qsizetype maxOutput) override
    {
        if (!m_state) return false;
        while (!m_finished && maxOutput > 0) {
            size_t availableIn = size_t(input.size() - *offset);
            auto nextIn = reinterpret_cast<const uint8_t*>(input.constData() + *offset);
            const qsizetype room = std::min<qsizetype>(maxOutput, 64 * 1024);
            const qsizetype before = output->size();
            output->resize(before + room);
            size_t availableOut = size_t(room);
            auto nextOut = reinterpret_cast<uint8_t*>(output->data() + before);
            const BrotliDecoderResult result = BrotliDecoderDecompressStream(
                m_state, &availableIn, &nextIn, &availableOut, &nextOut, nullptr);
            const qsizetype produced = room - qsizetype(availableOut);
            *offset = input.size() - qsizetype(availableIn);
            output->resize(before + produced);
            maxOutput -= produced;
            if (result == BROTLI_DECODER_RESULT_ERROR) return false;
            if (result == BROTLI_DECODER_RESULT_SUCCESS) m_finished = true;
            if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) break;
        }
        return true;
    }
    bool isFinished() const override { return m_finished; }

private:
    BrotliDecoderState* m_state;
    bool m_finished = false;
};

} // namespace

std::unique_ptr<ContentDecoder> ContentDecoder::create(const QByteArray& contentEncoding)
{
    const QByteArray coding = contentEncoding.trimmed().toLower();
    if (coding == "gzip" || coding == "x-gzip") return std::make_unique<ZlibDecoder>(true);
    if (coding == "deflate") return std::make_unique<ZlibDecoder>(false);
    if (coding == "br") return std::make_unique<BrotliDecoder>();
    return nullptr;
}

QByteArray ContentDecoder::acceptEncoding()
{
    return QByteArrayLiteral("gzip, deflate, br");
}

} // namespace nano::net
