#pragma once
// Decodes a response body's Content-Encoding (gzip, deflate, br) as it arrives, as browsers do
// (https://fetch.spec.whatwg.org/#concept-http-network-fetch step "If codings are not empty,
// decode"). Output is bounded per call, so a small compressed input cannot make one call
// allocate without limit (a "zip bomb" is decoded only as fast as it is read).

#include <QByteArray>

#include <memory>

namespace nano::net {

class ContentDecoder {
public:
    virtual ~ContentDecoder() = default;
    // A decoder for a Content-Encoding value, or null for identity and for codings we do not
    // decode (the body is then delivered as it came, as QNetworkAccessManager does).
    static std::unique_ptr<ContentDecoder> create(const QByteArray& contentEncoding);
    // The Accept-Encoding value sent when the request has none.
    static QByteArray acceptEncoding();

    // Decodes from `input` (consumed from `*offset` on) and appends at most `maxOutput` bytes
    // to `output`. False when the data is corrupt.
    virtual bool decode(const QByteArray& input, qsizetype* offset, QByteArray* output,
                        qsizetype maxOutput) = 0;
    // The compressed stream ended (a body may not go on after it).
    virtual bool isFinished() const = 0;
};

} // namespace nano::net
