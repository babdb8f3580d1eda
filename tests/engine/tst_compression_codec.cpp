// The zlib codec under CompressionStream/DecompressionStream: round trips of the three formats
// fed in odd chunk sizes with bounded output chunks, interop with known vectors (made by
// Python's zlib and gzip modules) and with /usr/bin/gzip, and the errors the Compression
// Standard and WPT expect (corrupt, truncated, trailing data) as values.

#include "api/compression/zlib_codec.h"

#include "../sanitizers/sanitizer_build.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <random>
#include <sys/resource.h>

using namespace nano::api::compression;

using Bytes = std::vector<uint8_t>;
Q_DECLARE_METATYPE(CompressionFormat)

namespace {

struct Output {
    Bytes bytes;
    size_t chunks = 0;
    size_t largestChunk = 0;
    bool emptyChunk = false;
    CodecStatus status;
};

// Feeds `input` to a fresh codec `step` bytes at a time, then finishes.
Output runCodec(ZlibCodec::Direction direction, CompressionFormat format, const Bytes& input,
                size_t step, size_t maxChunk = ZlibCodec::kDefaultMaxChunkSize)
{
    ZlibCodec codec(direction, format, maxChunk);
    Output out;
    const ZlibCodec::Sink sink = [&out](ZlibCodec::Chunk&& chunk) {
        ++out.chunks;
        out.largestChunk = std::max(out.largestChunk, chunk.size());
        out.emptyChunk = out.emptyChunk || chunk.empty();
        out.bytes.insert(out.bytes.end(), chunk.begin(), chunk.end());
    };
    for (size_t at = 0; at < input.size(); at += step) {
        out.status = codec.push(input.data() + at, std::min(step, input.size() - at), sink);
        if (!out.status.ok()) return out;
    }
    out.status = codec.finish(sink);
    return out;
}

Output compress(CompressionFormat f, const Bytes& in, size_t step = 1 << 20)
{
    return runCodec(ZlibCodec::Direction::Compress, f, in, step);
}

Output decompress(CompressionFormat f, const Bytes& in, size_t step = 1 << 20)
{
    return runCodec(ZlibCodec::Direction::Decompress, f, in, step);
}

Bytes randomBytes(size_t size)
{
    std::mt19937 generator(12345);
    Bytes out(size);
    for (uint8_t& byte : out)
        byte = static_cast<uint8_t>(generator());
    return out;
}

Bytes ascii(const char* text)
{
    return Bytes(text, text + std::strlen(text));
}

Bytes concat(Bytes a, const Bytes& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

constexpr size_t kTenMiB = 10 * 1024 * 1024;

// "hello", by python3: gzip.compress(b'hello', mtime=0), zlib.compress(b'hello') and a raw
// zlib.compressobj(wbits=-15). Python's gzip header says XFL=2 (best compression); zlib's own
// says 0, which is what the codec writes.
const Bytes kHelloGzipPython = {31,  139, 8, 0, 0,   0,   0,  0,  2, 3, 203, 72, 205,
                                201, 201, 7, 0, 134, 166, 16, 54, 5, 0, 0,   0};
const Bytes kHelloGzip = {31,  139, 8, 0, 0,   0,   0,  0,  0, 3, 203, 72, 205,
                          201, 201, 7, 0, 134, 166, 16, 54, 5, 0, 0,   0};
const Bytes kHelloDeflate = {120, 156, 203, 72, 205, 201, 201, 7, 0, 6, 44, 2, 21};
const Bytes kHelloDeflateRaw = {203, 72, 205, 201, 201, 7, 0};

} // namespace

class TestCompressionCodec : public QObject {
    Q_OBJECT

private slots:
    // First, so the peak RSS it measures is its own: 256 MiB through a compressor chained to
    // a decompressor, one bounded chunk at a time, never held whole.
    void streams256MiBInBoundedMemory()
    {
        constexpr size_t kTotal = size_t(256) << 20;
        const Bytes block(1 << 20, 'x');
        ZlibCodec compressor(ZlibCodec::Direction::Compress, CompressionFormat::Gzip);
        ZlibCodec decompressor(ZlibCodec::Direction::Decompress, CompressionFormat::Gzip);
        uint64_t restored = 0;
        size_t largest = 0;
        CodecStatus inner;
        const ZlibCodec::Sink count = [&](ZlibCodec::Chunk&& chunk) {
            restored += chunk.size();
            largest = std::max(largest, chunk.size());
        };
        const ZlibCodec::Sink chain = [&](ZlibCodec::Chunk&& chunk) {
            largest = std::max(largest, chunk.size());
            if (inner.ok()) inner = decompressor.push(chunk.data(), chunk.size(), count);
        };
        rusage before{};
        getrusage(RUSAGE_SELF, &before);
        for (size_t sent = 0; sent < kTotal; sent += block.size())
            QVERIFY(compressor.push(block.data(), block.size(), chain).ok());
        QVERIFY(compressor.finish(chain).ok());
        QVERIFY2(inner.ok(), inner.message.c_str());
        QVERIFY(decompressor.finish(count).ok());
        rusage after{};
        getrusage(RUSAGE_SELF, &after);
        QCOMPARE(restored, uint64_t(kTotal));
        QCOMPARE(compressor.totalIn(), uint64_t(kTotal));
        QVERIFY(largest <= ZlibCodec::kDefaultMaxChunkSize);
        if (!nano::test::kSanitizerBuild) // ASan's quarantine keeps freed chunks: RSS grows anyway
            QVERIFY2(after.ru_maxrss - before.ru_maxrss < 16 * 1024, // KiB
                     qPrintable(QString::number(after.ru_maxrss - before.ru_maxrss)));
    }

    // A DecompressionStream waits for its reader between rounds of pushSome(): each round
    // hands out about one budget however much one input chunk expands (here 10 MiB of zeros
    // from 10 KiB), and the rounds together give all of it, with trailing data still caught.
    void pushSomePausesOnItsOutputBudget()
    {
        const Bytes zeros(kTenMiB, 0);
        const Bytes packed = compress(CompressionFormat::Gzip, zeros).bytes;
        QVERIFY(packed.size() < 16 * 1024);
        ZlibCodec codec(ZlibCodec::Direction::Decompress, CompressionFormat::Gzip);
        size_t total = 0;
        size_t round = 0;
        const ZlibCodec::Sink sink = [&](ZlibCodec::Chunk&& chunk) {
            total += chunk.size();
            round += chunk.size();
        };
        size_t offset = 0;
        size_t rounds = 0;
        for (bool drained = false; !drained; ++rounds) {
            size_t consumed = 0;
            round = 0;
            QVERIFY(codec
                        .pushSome(packed.data() + offset, packed.size() - offset, 64 * 1024, sink,
                                  consumed, drained)
                        .ok());
            offset += consumed;
            QVERIFY2(round <= 64 * 1024 + ZlibCodec::kDefaultMaxChunkSize,
                     qPrintable(QString::number(round)));
        }
        QCOMPARE(offset, packed.size());
        QCOMPARE(total, kTenMiB);
        QVERIFY(rounds >= kTenMiB / (128 * 1024));
        QVERIFY(codec.finish(sink).ok());

        ZlibCodec trailing(ZlibCodec::Direction::Decompress, CompressionFormat::Gzip);
        const Bytes twice = concat(packed, packed);
        CodecStatus status;
        offset = 0;
        for (bool drained = false; !drained && status.ok();) {
            size_t consumed = 0;
            status = trailing.pushSome(twice.data() + offset, twice.size() - offset, 1 << 20, sink,
                                       consumed, drained);
            offset += consumed;
        }
        QCOMPARE(status.error, CodecError::TrailingData);
    }

    // What a stream reports as its external memory: zlib's state (deflate's window and hash
    // tables: 256 KiB at level 6, windowBits 15, memLevel 8; inflate's 32 KiB window) and the
    // output buffer once used.
    void memoryUsageCountsZlibsState()
    {
        ZlibCodec compressor(ZlibCodec::Direction::Compress, CompressionFormat::Gzip);
        QVERIFY2(compressor.memoryUsage() >= 256 * 1024 && compressor.memoryUsage() < 400 * 1024,
                 qPrintable(QString::number(compressor.memoryUsage())));
        ZlibCodec decompressor(ZlibCodec::Direction::Decompress, CompressionFormat::Gzip);
        const size_t before = decompressor.memoryUsage();
        QVERIFY2(before > 0 && before < 64 * 1024, qPrintable(QString::number(before)));
        const Bytes packed = compress(CompressionFormat::Gzip, randomBytes(100000)).bytes;
        QVERIFY(decompressor.push(packed.data(), packed.size(), [](ZlibCodec::Chunk&&) {}).ok());
        // inflate allocates its 32 KiB window on first use; the buffer is one chunk.
        QVERIFY(decompressor.memoryUsage() >= before + 32 * 1024 + ZlibCodec::kDefaultMaxChunkSize);
    }

    void formatNames()
    {
        for (CompressionFormat f :
             {CompressionFormat::Deflate, CompressionFormat::DeflateRaw, CompressionFormat::Gzip})
            QCOMPARE(parseFormat(formatName(f)), std::optional<CompressionFormat>(f));
        QCOMPARE(std::string(formatName(CompressionFormat::DeflateRaw)), "deflate-raw");
        QVERIFY(!parseFormat("Gzip"));
        QVERIFY(!parseFormat("brotli"));
        QVERIFY(!parseFormat(""));
    }

    void roundTrip_data()
    {
        QTest::addColumn<CompressionFormat>("format");
        QTest::addColumn<QByteArray>("kind");
        QTest::addColumn<qulonglong>("size");
        QTest::addColumn<qulonglong>("step");
        const std::pair<CompressionFormat, const char*> formats[] = {
            {CompressionFormat::Gzip, "gzip"},
            {CompressionFormat::Deflate, "deflate"},
            {CompressionFormat::DeflateRaw, "deflate-raw"}};
        const std::pair<const char*, size_t> inputs[] = {
            {"empty", 0}, {"small", 5}, {"random", kTenMiB}, {"zeros", kTenMiB}};
        const size_t steps[] = {1, 7, 64 * 1024 + 3};
        for (const auto& [format, name] : formats) {
            for (const auto& [kind, size] : inputs) {
                for (size_t step : steps) {
                    QTest::addRow("%s %s step %zu", name, kind, step)
                        << format << QByteArray(kind) << qulonglong(size) << qulonglong(step);
                }
            }
        }
    }

    void roundTrip()
    {
        QFETCH(CompressionFormat, format);
        QFETCH(QByteArray, kind);
        QFETCH(qulonglong, size);
        QFETCH(qulonglong, step);
        const Bytes input = kind == "random"  ? randomBytes(size)
                            : kind == "small" ? ascii("hello")
                                              : Bytes(size, 0);
        const Output compressed = compress(format, input, step);
        QVERIFY2(compressed.status.ok(), compressed.status.message.c_str());
        QVERIFY(!compressed.emptyChunk);
        QVERIFY(compressed.largestChunk <= ZlibCodec::kDefaultMaxChunkSize);
        QVERIFY(!compressed.bytes.empty()); // even empty input has a header or an end block
        if (kind == "zeros") QVERIFY(compressed.bytes.size() < size / 100);

        const Output restored = decompress(format, compressed.bytes, step);
        QVERIFY2(restored.status.ok(), restored.status.message.c_str());
        QVERIFY(!restored.emptyChunk);
        QVERIFY(restored.largestChunk <= ZlibCodec::kDefaultMaxChunkSize);
        QVERIFY(restored.bytes == input);
        if (size >= kTenMiB) QVERIFY(restored.chunks >= size / ZlibCodec::kDefaultMaxChunkSize);
    }

    void outputChunksHonourASmallBound()
    {
        const Bytes input(300000, 'a');
        const size_t bound = 1000;
        const Output compressed = runCodec(ZlibCodec::Direction::Compress, CompressionFormat::Gzip,
                                           randomBytes(50000), 50000, bound);
        QVERIFY(compressed.status.ok());
        QVERIFY(compressed.largestChunk <= bound);
        QVERIFY(compressed.chunks >= 50);
        const Output restored =
            runCodec(ZlibCodec::Direction::Decompress, CompressionFormat::Deflate,
                     compress(CompressionFormat::Deflate, input).bytes, 1 << 20, bound);
        QVERIFY(restored.status.ok());
        QCOMPARE(restored.largestChunk, bound);
        QCOMPARE(restored.chunks, size_t(300));
        QVERIFY(restored.bytes == input);
    }

    void compressesToKnownVectors()
    {
        QVERIFY(compress(CompressionFormat::Gzip, ascii("hello")).bytes == kHelloGzip);
        QVERIFY(compress(CompressionFormat::Deflate, ascii("hello")).bytes == kHelloDeflate);
        QVERIFY(compress(CompressionFormat::DeflateRaw, ascii("hello")).bytes == kHelloDeflateRaw);
        // WPT's decompression-empty-input vectors are what zlib writes for no input.
        QVERIFY(compress(CompressionFormat::Gzip, {}).bytes ==
                Bytes({31, 139, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
        QVERIFY(compress(CompressionFormat::Deflate, {}).bytes ==
                Bytes({120, 156, 3, 0, 0, 0, 0, 1}));
    }

    void decompressesKnownVectors()
    {
        for (size_t step : {size_t(1), size_t(3), size_t(100)}) {
            QVERIFY(decompress(CompressionFormat::Gzip, kHelloGzipPython, step).bytes ==
                    ascii("hello"));
            QVERIFY(decompress(CompressionFormat::Deflate, kHelloDeflate, step).bytes ==
                    ascii("hello"));
            QVERIFY(decompress(CompressionFormat::DeflateRaw, kHelloDeflateRaw, step).bytes ==
                    ascii("hello"));
        }
        // WPT decompression-empty-input: a deflate-raw stream of one empty stored block.
        const Output raw = decompress(CompressionFormat::DeflateRaw, {1, 0, 0, 255, 255});
        QVERIFY(raw.status.ok());
        QCOMPARE(raw.chunks, size_t(0));
    }

    void gzipOutputIsReadableByGzip()
    {
        const QString gzip = QStandardPaths::findExecutable(QStringLiteral("gzip"));
        if (gzip.isEmpty()) QSKIP("no gzip executable");
        const Bytes input = concat(randomBytes(1 << 20), Bytes(1 << 20, 'z'));
        const Output compressed = compress(CompressionFormat::Gzip, input, 4093);
        QVERIFY(compressed.status.ok());
        QProcess process;
        process.start(gzip, {QStringLiteral("-dc")});
        QVERIFY(process.waitForStarted());
        process.write(reinterpret_cast<const char*>(compressed.bytes.data()),
                      qint64(compressed.bytes.size()));
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        const QByteArray out = process.readAllStandardOutput();
        QVERIFY(Bytes(out.begin(), out.end()) == input);
    }

    void corruptInputFailsWhenPushed_data()
    {
        QTest::addColumn<CompressionFormat>("format");
        QTest::addColumn<QByteArray>("bytes");
        // WPT decompression-bad-chunks: "invalid deflate bytes" and "invalid gzip bytes".
        const uint8_t badDeflate[] = {0,  156, 75, 173, 40, 72, 77, 46, 73,  77, 81, 200,
                                      47, 45,  41, 40,  45, 1,  0,  48, 173, 6,  36};
        const uint8_t badGzip[] = {0,  139, 8,  0,   0,  0,  0,   0,   0,  3,  75, 173,
                                   40, 72,  77, 46,  73, 77, 81,  200, 47, 45, 41, 40,
                                   45, 1,   0,  176, 1,  57, 179, 15,  0,  0,  0};
        QTest::newRow("deflate") << CompressionFormat::Deflate
                                 << QByteArray(reinterpret_cast<const char*>(badDeflate),
                                               sizeof badDeflate);
        QTest::newRow("gzip") << CompressionFormat::Gzip
                              << QByteArray(reinterpret_cast<const char*>(badGzip), sizeof badGzip);
        // zlib data is not gzip data (no automatic detection).
        QTest::newRow("zlib as gzip")
            << CompressionFormat::Gzip
            << QByteArray(reinterpret_cast<const char*>(kHelloDeflate.data()),
                          int(kHelloDeflate.size()));
        // A bad checksum: the last byte of the adler32 trailer changed (21 -> 20).
        const Bytes badCheck = {120, 156, 203, 72, 205, 201, 201, 7, 0, 6, 44, 2, 20};
        QTest::newRow("deflate checksum")
            << CompressionFormat::Deflate
            << QByteArray(reinterpret_cast<const char*>(badCheck.data()), int(badCheck.size()));
        // Block type 3 does not exist.
        QTest::newRow("deflate-raw block type")
            << CompressionFormat::DeflateRaw << QByteArray("\x07\x00", 2);
    }

    void corruptInputFailsWhenPushed()
    {
        QFETCH(CompressionFormat, format);
        QFETCH(QByteArray, bytes);
        ZlibCodec codec(ZlibCodec::Direction::Decompress, format);
        const ZlibCodec::Sink sink = [](ZlibCodec::Chunk&&) {};
        const CodecStatus status = codec.push(reinterpret_cast<const uint8_t*>(bytes.constData()),
                                              size_t(bytes.size()), sink);
        QCOMPARE(status.error, CodecError::CorruptData);
        QVERIFY2(status.message.find("corrupt") != std::string::npos, status.message.c_str());
        // The error stays: more data and finish() report it again.
        QCOMPARE(codec.push(kHelloGzip.data(), kHelloGzip.size(), sink).error,
                 CodecError::CorruptData);
        QCOMPARE(codec.finish(sink).error, CodecError::CorruptData);
    }

    void truncatedInputFailsAtFinish_data()
    {
        QTest::addColumn<CompressionFormat>("format");
        QTest::addColumn<int>("cut"); // bytes removed from the end of "hello"'s vector
        QTest::newRow("gzip without its last byte") << CompressionFormat::Gzip << 1;
        QTest::newRow("gzip without its trailer") << CompressionFormat::Gzip << 8;
        QTest::newRow("gzip header only") << CompressionFormat::Gzip << 15;
        QTest::newRow("deflate without its checksum") << CompressionFormat::Deflate << 4;
        QTest::newRow("deflate-raw without its end") << CompressionFormat::DeflateRaw << 2;
        QTest::newRow("gzip empty input") << CompressionFormat::Gzip << 25;
        QTest::newRow("deflate empty input") << CompressionFormat::Deflate << 13;
        QTest::newRow("deflate-raw empty input") << CompressionFormat::DeflateRaw << 7;
    }

    void truncatedInputFailsAtFinish()
    {
        QFETCH(CompressionFormat, format);
        QFETCH(int, cut);
        const Bytes& full = format == CompressionFormat::Gzip      ? kHelloGzip
                            : format == CompressionFormat::Deflate ? kHelloDeflate
                                                                   : kHelloDeflateRaw;
        const Bytes input(full.begin(), full.end() - cut);
        ZlibCodec codec(ZlibCodec::Direction::Decompress, format);
        const ZlibCodec::Sink sink = [](ZlibCodec::Chunk&&) {};
        QVERIFY(codec.push(input.data(), input.size(), sink).ok());
        const CodecStatus status = codec.finish(sink);
        QCOMPARE(status.error, CodecError::TruncatedData);
        QVERIFY2(status.message.find("truncated") != std::string::npos, status.message.c_str());
    }

    void trailingDataFails_data()
    {
        QTest::addColumn<CompressionFormat>("format");
        QTest::addColumn<QByteArray>("trailer");
        QTest::addColumn<bool>("separatePush");
        const QByteArray gzipMember(reinterpret_cast<const char*>(kHelloGzip.data()),
                                    int(kHelloGzip.size()));
        for (bool separate : {false, true}) {
            const char* how = separate ? "pushed later" : "same push";
            QTest::addRow("gzip junk, %s", how)
                << CompressionFormat::Gzip << QByteArray("\x01") << separate;
            QTest::addRow("second gzip member, %s", how)
                << CompressionFormat::Gzip << gzipMember << separate;
            QTest::addRow("deflate junk, %s", how)
                << CompressionFormat::Deflate << QByteArray("\x00", 1) << separate;
            QTest::addRow("deflate-raw junk, %s", how)
                << CompressionFormat::DeflateRaw << QByteArray("xyz") << separate;
        }
    }

    void trailingDataFails()
    {
        QFETCH(CompressionFormat, format);
        QFETCH(QByteArray, trailer);
        QFETCH(bool, separatePush);
        const Bytes& full = format == CompressionFormat::Gzip      ? kHelloGzip
                            : format == CompressionFormat::Deflate ? kHelloDeflate
                                                                   : kHelloDeflateRaw;
        const Bytes extra(trailer.begin(), trailer.end());
        ZlibCodec codec(ZlibCodec::Direction::Decompress, format);
        Bytes out;
        const ZlibCodec::Sink sink = [&out](ZlibCodec::Chunk&& c) {
            out.insert(out.end(), c.begin(), c.end());
        };
        CodecStatus status;
        if (separatePush) {
            QVERIFY(codec.push(full.data(), full.size(), sink).ok());
            status = codec.push(extra.data(), extra.size(), sink);
        } else {
            const Bytes both = concat(full, extra);
            status = codec.push(both.data(), both.size(), sink);
        }
        QCOMPARE(status.error, CodecError::TrailingData);
        QVERIFY(out == ascii("hello")); // what came before the end was delivered
        QCOMPARE(codec.finish(sink).error, CodecError::TrailingData);
    }

    void emptyPushesChangeNothing()
    {
        ZlibCodec codec(ZlibCodec::Direction::Decompress, CompressionFormat::Deflate);
        size_t chunks = 0;
        const ZlibCodec::Sink sink = [&chunks](ZlibCodec::Chunk&&) { ++chunks; };
        QVERIFY(codec.push(nullptr, 0, sink).ok());
        QVERIFY(codec.push(kHelloDeflate.data(), kHelloDeflate.size(), sink).ok());
        QVERIFY(codec.push(nullptr, 0, sink).ok()); // after the end: no data, no trailing error
        QVERIFY(codec.finish(sink).ok());
        QCOMPARE(chunks, size_t(1));
        QCOMPARE(codec.totalIn(), uint64_t(kHelloDeflate.size()));
        QCOMPARE(codec.totalOut(), uint64_t(5));
    }

    void callsAfterFinishAreErrors()
    {
        ZlibCodec codec(ZlibCodec::Direction::Compress, CompressionFormat::Gzip);
        const ZlibCodec::Sink sink = [](ZlibCodec::Chunk&&) {};
        QVERIFY(codec.finish(sink).ok());
        const uint8_t byte = 1;
        QCOMPARE(codec.push(&byte, 1, sink).error, CodecError::Finished);
        QCOMPARE(codec.finish(sink).error, CodecError::Finished);
    }
};

QTEST_GUILESS_MAIN(TestCompressionCodec)
#include "tst_compression_codec.moc"
