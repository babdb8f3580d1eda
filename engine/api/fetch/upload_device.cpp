#include "api/fetch/upload_device.h"

#include <algorithm>
#include <cstring>

namespace nano::api::fetch {

SpansDevice::SpansDevice(ByteSpans spans, QObject* parent)
    : QIODevice(parent)
    , m_spans(std::move(spans))
    , m_size(totalSize(m_spans))
{
    open(QIODevice::ReadOnly);
}

bool SpansDevice::seek(qint64 pos)
{
    if (pos < 0 || static_cast<uint64_t>(pos) > m_size) return false;
    m_position = static_cast<uint64_t>(pos);
    return QIODevice::seek(pos);
}

qint64 SpansDevice::readData(char* data, qint64 maxSize)
{
    if (m_position >= m_size) return -1;
    // Find the span holding m_position (bodies have few spans: a walk is enough).
    uint64_t start = 0;
    size_t index = 0;
    while (index < m_spans.size() && start + m_spans[index].size <= m_position)
        start += m_spans[index++].size;
    qint64 copied = 0;
    while (copied < maxSize && index < m_spans.size()) {
        const ByteSpan& span = m_spans[index];
        const uint64_t offset = m_position - start;
        const uint64_t n = std::min<uint64_t>(span.size - offset, uint64_t(maxSize - copied));
        std::memcpy(data + copied, span.data + offset, n);
        copied += static_cast<qint64>(n);
        m_position += n;
        if (offset + n == span.size) {
            start += span.size;
            ++index;
        }
    }
    return copied;
}

StreamUploadDevice::StreamUploadDevice(QObject* parent)
    : QIODevice(parent)
{
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

void StreamUploadDevice::append(QByteArray chunk)
{
    if (m_ended || chunk.isEmpty()) return;
    m_held += chunk.size();
    m_chunks.push_back(std::move(chunk));
    emit readyRead();
}

void StreamUploadDevice::finish()
{
    if (m_ended) return;
    m_ended = true;
    emit readChannelFinished();
}

qint64 StreamUploadDevice::readData(char* data, qint64 maxSize)
{
    qint64 copied = 0;
    while (copied < maxSize && !m_chunks.empty()) {
        const QByteArray& chunk = m_chunks.front();
        const qint64 n = std::min(maxSize - copied, chunk.size() - m_offset);
        std::memcpy(data + copied, chunk.constData() + m_offset, static_cast<size_t>(n));
        copied += n;
        m_offset += n;
        m_held -= n;
        if (m_offset == chunk.size()) {
            m_chunks.pop_front();
            m_offset = 0;
        }
    }
    if (wantsMore()) emit wantsData();
    if (copied == 0 && m_ended) return -1;
    return copied;
}

} // namespace nano::api::fetch
