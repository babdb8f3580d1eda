#include "net/http1_response.h"

#include <algorithm>

namespace nano::net {

namespace {
bool hasToken(const QByteArray& value, const char* token)
{
    for (const QByteArray& part : value.split(','))
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0) return true;
    return false;
}
} // namespace

Http1Response::Result Http1Response::fail(const char* why)
{
    m_error = why;
    return Result::Error;
}

bool Http1Response::takeLine(const QByteArray& in, qsizetype* pos, QByteArray* line)
{
    const qsizetype end = in.indexOf('\n', *pos);
    if (end < 0) {
        if (in.size() - *pos > kMaxHeaderLine) m_headerTooLarge = true;
        return false;
    }
    qsizetype lineEnd = end;
    if (lineEnd > *pos && in[lineEnd - 1] == '\r') --lineEnd;
    if (lineEnd - *pos > kMaxHeaderLine) {
        m_headerTooLarge = true;
        return false;
    }
    *line = in.mid(*pos, lineEnd - *pos);
    *pos = end + 1;
    return true;
}

// https://www.rfc-editor.org/rfc/rfc9112#section-4
bool Http1Response::parseStatusLine(const QByteArray& line)
{
    if (!line.startsWith("HTTP/1.") || line.size() < 12 || line[8] != ' ') return false;
    m_http10 = line[7] == '0';
    bool ok = false;
    const int status = line.mid(9, 3).toInt(&ok);
    if (!ok || status < 100 || status > 999 || (line.size() > 12 && line[12] != ' ')) return false;
    m_head = ResponseHead{};
    m_head.status = status;
    m_head.statusText = line.mid(13);
    m_head.httpVersion = m_http10 ? QByteArray("1.0") : QByteArray("1.1");
    return true;
}

// https://www.rfc-editor.org/rfc/rfc9112#section-5
bool Http1Response::parseHeaderLine(const QByteArray& line)
{
    if (line.startsWith(' ') || line.startsWith('\t')) {
        // Obsolete line folding (5.2): replaced by a space.
        if (m_head.headers.isEmpty()) return false;
        m_head.headers.last().second += ' ' + line.trimmed();
        return true;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) return false;
    QByteArray name = line.left(colon);
    if (name.contains(' ') || name.contains('\t')) return false;
    m_head.headers.append({std::move(name), line.mid(colon + 1).trimmed()});
    return true;
}

Http1Response::Result Http1Response::parseHead(const QByteArray& in, qsizetype* pos)
{
    QByteArray line;
    while (m_state == State::StatusLine || m_state == State::Headers) {
        if (!takeLine(in, pos, &line))
            return m_headerTooLarge ? fail("header line too large") : Result::NeedMore;
        m_headSize += line.size() + 2;
        if (m_headSize > kMaxHeadSize) {
            m_headerTooLarge = true;
            return fail("header section too large");
        }
        if (m_state == State::StatusLine) {
            if (line.isEmpty()) continue; // RFC 9112 2.2: a robust client ignores empty lines
            if (!parseStatusLine(line)) return fail("invalid status line");
            m_state = State::Headers;
        } else if (!line.isEmpty()) {
            if (!parseHeaderLine(line)) return fail("invalid header line");
        } else if (m_head.status < 200 && m_head.status != 101) {
            m_state = State::StatusLine; // an interim response: the final one follows
        } else {
            return startBody();
        }
    }
    return Result::Done;
}

// https://www.rfc-editor.org/rfc/rfc9112#section-6.3
Http1Response::Result Http1Response::startBody()
{
    QByteArray connection, transferEncoding, contentLength;
    bool multipleLengths = false;
    for (const auto& [name, value] : m_head.headers) {
        if (name.compare("connection", Qt::CaseInsensitive) == 0)
            connection += (connection.isEmpty() ? "" : ",") + value;
        else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            transferEncoding += (transferEncoding.isEmpty() ? "" : ",") + value;
        else if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            multipleLengths =
                multipleLengths || (!contentLength.isEmpty() && contentLength != value);
            contentLength = value;
        }
    }
    m_keepAlive = m_http10 ? hasToken(connection, "keep-alive") : !hasToken(connection, "close");
    m_state = State::Body;
    const int status = m_head.status;
    if (m_headRequest || status == 204 || status == 304 || status < 200) {
        m_framing = Framing::None;
        m_state = State::Done;
    } else if (!transferEncoding.isEmpty()) {
        const QList<QByteArray> codings = transferEncoding.split(',');
        if (codings.last().trimmed().compare("chunked", Qt::CaseInsensitive) == 0) {
            m_framing = Framing::Chunked;
            m_state = State::ChunkSize;
        } else {
            m_framing = Framing::Close;
        }
    } else if (!contentLength.isEmpty()) {
        bool ok = false;
        m_length = contentLength.trimmed().toLongLong(&ok);
        if (!ok || m_length < 0 || multipleLengths) return fail("invalid Content-Length");
        m_framing = Framing::Length;
        m_remaining = m_length;
        if (m_remaining == 0) m_state = State::Done;
    } else {
        m_framing = Framing::Close;
    }
    return Result::Done;
}

Http1Response::Result Http1Response::parseBody(const QByteArray& in, qsizetype* pos,
                                               QByteArray* out, qsizetype max)
{
    QByteArray line;
    while (m_state != State::Done) {
        switch (m_state) {
        case State::Body:
        case State::ChunkData: {
            const qsizetype available = in.size() - *pos;
            if (available == 0 || max == 0) return Result::NeedMore;
            qsizetype n = std::min(available, max);
            if (m_framing != Framing::Close) n = qsizetype(std::min<qint64>(n, m_remaining));
            if (*pos == 0 && n == in.size() && out->isEmpty())
                *out = in; // the whole buffer: shared, not copied
            else
                out->append(in.constData() + *pos, n);
            *pos += n;
            max -= n;
            if (m_framing == Framing::Close) break;
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = m_framing == Framing::Chunked ? State::ChunkEnd : State::Done;
            break;
        }
        // https://www.rfc-editor.org/rfc/rfc9112#section-7.1
        case State::ChunkSize: {
            if (!takeLine(in, pos, &line))
                return m_headerTooLarge ? fail("chunk size line too large") : Result::NeedMore;
            const qsizetype semicolon = line.indexOf(';'); // chunk extensions are ignored
            bool ok = false;
            m_remaining =
                (semicolon < 0 ? line : line.left(semicolon)).trimmed().toLongLong(&ok, 16);
            if (!ok || m_remaining < 0) return fail("invalid chunk size");
            m_state = m_remaining == 0 ? State::Trailers : State::ChunkData;
            break;
        }
        case State::ChunkEnd:
            if (!takeLine(in, pos, &line)) return Result::NeedMore;
            if (!line.isEmpty()) return fail("missing CRLF after chunk data");
            m_state = State::ChunkSize;
            break;
        case State::Trailers:
            if (!takeLine(in, pos, &line))
                return m_headerTooLarge ? fail("trailer line too large") : Result::NeedMore;
            if (line.isEmpty()) m_state = State::Done;
            break;
        default: return fail("internal state");
        }
    }
    return Result::Done;
}

} // namespace nano::net
