#pragma once
// The QIODevices a request body is sent from (fetch's "transmit request body"), Qt side only:
//
// - SpansDevice: a body with a known length (a string, BufferSource, Blob, URLSearchParams,
//   FormData): random access over the body's ByteSpans, so nothing is copied before Qt reads
//   it and QNetworkAccessManager never buffers it (a non-sequential device is sent as it is
//   read; a redirect that keeps the body seeks back to 0).
// - StreamUploadDevice: a ReadableStream body. Sequential; it holds the chunks the stream gave
//   and asks for more (wantsData) when the transport has read what it held. engine/net sends
//   it with Transfer-Encoding: chunked, reading only as the socket drains (through a proxy,
//   Qt reads it whole first: see docs/conformance.md).
//
// Both live on the engine thread and belong to their QNetworkReply.

#include "api/fetch/byte_span.h"

#include <QByteArray>
#include <QIODevice>
#include <deque>

namespace nano::api::fetch {

class SpansDevice final : public QIODevice {
    Q_OBJECT
public:
    explicit SpansDevice(ByteSpans spans, QObject* parent = nullptr);
    bool isSequential() const override { return false; }
    qint64 size() const override { return static_cast<qint64>(m_size); }
    bool seek(qint64 pos) override;

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    ByteSpans m_spans;
    uint64_t m_size = 0;
    uint64_t m_position = 0;
};

class StreamUploadDevice final : public QIODevice {
    Q_OBJECT
public:
    // More is asked for while less than this is held.
    static constexpr qint64 kLowWater = 1 << 20;

    explicit StreamUploadDevice(QObject* parent = nullptr);
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_held + QIODevice::bytesAvailable(); }
    bool atEnd() const override { return m_ended && bytesAvailable() == 0; }

    // The stream gave a chunk / ended.
    void append(QByteArray chunk);
    void finish();
    bool wantsMore() const { return !m_ended && m_held < kLowWater; }

signals:
    // Qt read what was held: the stream should be read again (emitted once per need).
    void wantsData();

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    std::deque<QByteArray> m_chunks;
    qint64 m_offset = 0; // into the first chunk
    qint64 m_held = 0;
    bool m_ended = false;
};

} // namespace nano::api::fetch
