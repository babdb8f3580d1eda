#pragma once
// The response side of HTTP/1.1 (RFC 9112) as a push parser with no I/O: the status line and
// header section (sections 4 and 5), then the body's framing (section 6.3): none (HEAD, 1xx,
// 204, 304), Content-Length, chunked (7.1, trailers read and dropped) or until the connection
// closes. Interim 1xx responses other than 101 are skipped.

#include "net/http_transfer.h"

#include <QByteArray>

namespace nano::net {

class Http1Response {
public:
    // A header line longer than this fails the response: the limit Qt 6.4's own parser has,
    // kept so a response fails the same way whichever client read it.
    static constexpr qsizetype kMaxHeaderLine = 100 * 1024;
    // A whole header section past this fails too, so a server sending headers without end
    // cannot fill memory (Qt's parser stops at 256 KiB and 100 fields; 16 MiB holds 1000
    // headers of 16 KiB each, or a few of the 64 KiB values B-01 asks for).
    static constexpr qsizetype kMaxHeadSize = 16 * 1024 * 1024;

    enum class Result { NeedMore, Done, Error };

    explicit Http1Response(bool headRequest)
        : m_headRequest(headRequest)
    {}

    // Reads the head from `in` at `*pos`. Done: head() is filled and the body follows.
    Result parseHead(const QByteArray& in, qsizetype* pos);
    // Moves at most `max` body bytes (framing removed) from `in` at `*pos` into `out`. Done:
    // the body is complete (the connection may be reused if keepAlive()).
    Result parseBody(const QByteArray& in, qsizetype* pos, QByteArray* out, qsizetype max);
    // The connection closed: true if that ends the body (close-delimited), false if it cut it.
    bool closeEndsBody() const { return m_framing == Framing::Close; }

    const ResponseHead& head() const { return m_head; }
    bool keepAlive() const { return m_keepAlive && m_framing != Framing::Close; }
    bool headerTooLarge() const { return m_headerTooLarge; }
    const QByteArray& error() const { return m_error; }
    bool bodyComplete() const { return m_state == State::Done; }
    // The Content-Length of the body, or -1.
    qint64 contentLength() const { return m_framing == Framing::Length ? m_length : -1; }

private:
    enum class State { StatusLine, Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Done };
    enum class Framing { None, Length, Chunked, Close };

    // The next CRLF- (or LF-) terminated line from `in`, without its end; false if incomplete.
    bool takeLine(const QByteArray& in, qsizetype* pos, QByteArray* line);
    bool parseStatusLine(const QByteArray& line);
    bool parseHeaderLine(const QByteArray& line);
    Result startBody();
    Result fail(const char* why);

    ResponseHead m_head;
    QByteArray m_error;
    State m_state = State::StatusLine;
    Framing m_framing = Framing::None;
    qint64 m_length = 0;    // Content-Length
    qint64 m_remaining = 0; // of the body or of the current chunk
    bool m_headRequest;
    bool m_keepAlive = true;
    bool m_headerTooLarge = false;
    qsizetype m_headSize = 0; // bytes of head lines read so far, interim responses included
    bool m_http10 = false;
};

} // namespace nano::net
