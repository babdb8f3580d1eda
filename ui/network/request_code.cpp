#include "network/request_code.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QStringDecoder>
#include <QStringList>

namespace nano::ui::requestcode {

namespace {

using Kept = FetchRecord::BodyPreview::Kept;

bool isPrintableUtf8(const QByteArray& bytes, QString* text)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    *text = decoder(bytes);
    if (decoder.hasError()) return false;
    for (const QChar c : std::as_const(*text)) {
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\t' && c != u'\r') return false;
        if (c.unicode() == 0x7f) return false;
    }
    return true;
}

// "…" as a JavaScript string literal (JSON's escapes are JavaScript's).
QString jsString(const QString& text)
{
    QString json =
        QString::fromUtf8(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact));
    return json.mid(1, json.size() - 2);
}

QString truncationNote(const FetchRecord& r, const QString& commentPrefix)
{
    if (r.requestBodySize == 0 || r.requestBody.kept == Kept::Whole) return QString();
    return QStringLiteral("%1 The request body (%2 bytes) was not kept whole; only its first %3 "
                          "bytes are reproduced.\n")
        .arg(commentPrefix)
        .arg(r.requestBodySize)
        .arg(r.requestBody.bytes.size());
}

} // namespace

bool isClientHeader(const QByteArray& name)
{
    // https://fetch.spec.whatwg.org/#forbidden-request-header (the names curl sets too).
    static const char* const names[] = {"accept-charset",
                                        "accept-encoding",
                                        "access-control-request-headers",
                                        "access-control-request-method",
                                        "connection",
                                        "content-length",
                                        "cookie2",
                                        "date",
                                        "dnt",
                                        "expect",
                                        "host",
                                        "keep-alive",
                                        "referer",
                                        "te",
                                        "trailer",
                                        "transfer-encoding",
                                        "upgrade",
                                        "via"};
    const QByteArray lower = name.toLower();
    for (const char* forbidden : names) {
        if (lower == forbidden) return true;
    }
    return lower.startsWith("proxy-") || lower.startsWith("sec-");
}

QString shellQuote(const QByteArray& bytes)
{
    QString text;
    if (isPrintableUtf8(bytes, &text)) {
        text.replace(QLatin1String("'"), QLatin1String("'\\''"));
        return u'\'' + text + u'\'';
    }
    // Bash's ANSI-C quoting: every byte that is not plain printable ASCII as \xNN.
    QString out = QStringLiteral("$'");
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\'' || c == '\\') {
            out += u'\\';
            out += QChar(c);
        } else if (c >= 0x20 && c < 0x7f) {
            out += QChar(c);
        } else {
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
        }
    }
    return out + u'\'';
}

QString curlCommand(const FetchRecord& r)
{
    QStringList words{QStringLiteral("curl"), shellQuote(r.url.toUtf8())};
    const QByteArray method = r.method.isEmpty() ? QByteArray("GET") : r.method;
    const bool hasBody = !r.requestBody.bytes.isEmpty();
    // curl's default is GET, or POST with --data-raw.
    if (method != (hasBody ? "POST" : "GET")) words << QStringLiteral("-X") << shellQuote(method);
    bool compressed = false;
    for (const auto& [name, value] : r.requestHeaders) {
        if (name.compare("accept-encoding", Qt::CaseInsensitive) == 0) compressed = true;
        if (isClientHeader(name)) continue;
        words << QStringLiteral("-H") << shellQuote(name + ": " + value);
    }
    if (hasBody) {
        // --data-raw keeps '@' literal; a binary body goes as $'...' the same way.
        words << QStringLiteral("--data-raw") << shellQuote(r.requestBody.bytes);
    }
    if (compressed) words << QStringLiteral("--compressed");
    return truncationNote(r, QStringLiteral("#")) + words.join(u' ');
}

QString fetchCode(const FetchRecord& r)
{
    QStringList init;
    const QByteArray method = r.method.isEmpty() ? QByteArray("GET") : r.method;
    if (method != "GET")
        init << QStringLiteral("  method: %1").arg(jsString(QString::fromLatin1(method)));
    QStringList headers;
    for (const auto& [name, value] : r.requestHeaders) {
        if (isClientHeader(name)) continue;
        headers << QStringLiteral("    %1: %2")
                       .arg(jsString(QString::fromLatin1(name)),
                            jsString(QString::fromUtf8(value)));
    }
    if (!headers.isEmpty())
        init << QStringLiteral("  headers: {\n%1,\n  }").arg(headers.join(QStringLiteral(",\n")));
    if (!r.requestBody.bytes.isEmpty()) {
        QString text;
        if (isPrintableUtf8(r.requestBody.bytes, &text)) {
            init << QStringLiteral("  body: %1").arg(jsString(text));
        } else {
            QStringList bytes;
            bytes.reserve(r.requestBody.bytes.size());
            for (const char c : r.requestBody.bytes)
                bytes << QString::number(static_cast<unsigned char>(c));
            init << QStringLiteral("  body: new Uint8Array([%1])").arg(bytes.join(u','));
        }
    }
    const QString url = jsString(r.url);
    const QString call =
        init.isEmpty()
            ? QStringLiteral("fetch(%1);").arg(url)
            : QStringLiteral("fetch(%1, {\n%2,\n});").arg(url, init.join(QStringLiteral(",\n")));
    return truncationNote(r, QStringLiteral("//")) + call;
}

} // namespace nano::ui::requestcode
