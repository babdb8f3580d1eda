// Tests for nano::url, the WHATWG URL parser: every case of the web-platform-tests data files
// (urltestdata.json, setters_tests.json) as one Qt Test row each, plus a 1 MB URL, IPv4/IPv6
// edge cases, setter edge cases and the application/x-www-form-urlencoded helpers.
//
// The WPT data is the project's copy in tests/data/wpt/url; a missing or unreadable file fails
// the test. Known skips: none.

#include "engine/api/url/host.h"
#include "engine/api/url/percent_encode.h"
#include "engine/api/url/punycode.h"
#include "engine/api/url/url_parser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QtTest>

#include <unicode/uidna.h>

#include <string>

using nano::url::UrlRecord;

namespace {

// The project's copy of the WPT URL data (tests/data/wpt/README.md names its commit).
QString wptDataDir()
{
    return QStringLiteral(NANO_TEST_DATA_DIR "/wpt/url");
}

// What the JS binding hands the parser: a USVString (lone surrogates -> U+FFFD) as UTF-8.
std::string toUsvUtf8(const QString& text)
{
    QString usv = text;
    for (qsizetype i = 0; i < usv.size(); ++i) {
        const QChar c = usv.at(i);
        if (c.isHighSurrogate() && i + 1 < usv.size() && usv.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (c.isSurrogate()) {
            usv[i] = QChar(QChar::ReplacementCharacter);
        }
    }
    const QByteArray utf8 = usv.toUtf8();
    return std::string(utf8.constData(), static_cast<size_t>(utf8.size()));
}

QString fromView(std::string_view view)
{
    return QString::fromUtf8(view.data(), static_cast<qsizetype>(view.size()));
}

// A printable, unique row name: control and non-ASCII characters escaped as \uXXXX.
QByteArray rowName(const QString& text, QSet<QByteArray>& seen)
{
    QByteArray name;
    for (const QChar c : text) {
        const ushort u = c.unicode();
        if (u >= 0x20 && u < 0x7F)
            name.append(static_cast<char>(u));
        else
            name.append(QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0')).toLatin1());
    }
    if (name.isEmpty()) name = "<empty>";
    QByteArray unique = name;
    for (int i = 2; seen.contains(unique); ++i)
        unique = name + " #" + QByteArray::number(i);
    seen.insert(unique);
    return unique;
}

std::optional<QJsonDocument> loadJson(const QString& fileName, QString* error)
{
    QFile file(wptDataDir() + QLatin1Char('/') + fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1").arg(file.fileName());
        return std::nullopt;
    }
    QJsonParseError parseError;
    QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull()) {
        *error = QStringLiteral("%1: %2").arg(file.fileName(), parseError.errorString());
        return std::nullopt;
    }
    return doc;
}

// A data function that cannot load its WPT file, or finds too few cases in it, adds one row with
// this case instead, which the test function fails on (a QFAIL in the data function would only
// lead QFETCH to abort the whole run).
const QLatin1String kLoadError("loadError");
QJsonObject loadErrorCase(const QString& error)
{
    return QJsonObject{{kLoadError, error}};
}

QString attribute(const UrlRecord& url, const QString& name)
{
    if (name == QLatin1String("href")) return fromView(url.href());
    if (name == QLatin1String("origin")) return QString::fromStdString(url.origin());
    if (name == QLatin1String("protocol")) return fromView(url.protocol());
    if (name == QLatin1String("username")) return fromView(url.username());
    if (name == QLatin1String("password")) return fromView(url.password());
    if (name == QLatin1String("host")) return fromView(url.host());
    if (name == QLatin1String("hostname")) return fromView(url.hostname());
    if (name == QLatin1String("port")) return fromView(url.port());
    if (name == QLatin1String("pathname")) return fromView(url.pathname());
    if (name == QLatin1String("search")) return fromView(url.search());
    if (name == QLatin1String("hash")) return fromView(url.hash());
    if (name == QLatin1String("searchParams")) {
        // https://url.spec.whatwg.org/#dom-url-searchparams, then toString().
        const auto query = url.query();
        const auto list = query ? nano::url::parseUrlencoded(*query) : nano::url::NameValueList();
        return QString::fromStdString(nano::url::serializeUrlencoded(list));
    }
    qFatal("unknown URL attribute %s", qPrintable(name));
}

bool setAttribute(UrlRecord& url, const QString& name, std::string_view value)
{
    if (name == QLatin1String("href")) return url.setHref(value);
    if (name == QLatin1String("protocol"))
        url.setProtocol(value);
    else if (name == QLatin1String("username"))
        url.setUsername(value);
    else if (name == QLatin1String("password"))
        url.setPassword(value);
    else if (name == QLatin1String("host"))
        url.setHost(value);
    else if (name == QLatin1String("hostname"))
        url.setHostname(value);
    else if (name == QLatin1String("port"))
        url.setPort(value);
    else if (name == QLatin1String("pathname"))
        url.setPathname(value);
    else if (name == QLatin1String("search"))
        url.setSearch(value);
    else if (name == QLatin1String("hash"))
        url.setHash(value);
    else
        qFatal("unknown URL setter %s", qPrintable(name));
    return true;
}

UrlRecord mustParse(std::string_view input)
{
    std::optional<UrlRecord> url = nano::url::parse(input);
    if (!url) qFatal("test setup: '%.*s' does not parse", int(input.size()), input.data());
    return *url;
}

const char* const kUrlAttributes[] = {"href",     "origin", "protocol", "username",
                                      "password", "host",   "hostname", "port",
                                      "pathname", "search", "hash",     "searchParams"};

} // namespace

class TestUrlParser final : public QObject {
    Q_OBJECT

private slots:
    void urlTestData_data();
    void urlTestData();
    void setters_data();
    void setters();

    void megabyteUrl();
    void ipv4_data();
    void ipv4();
    void ipv6_data();
    void ipv6();
    void idna_data();
    void idna();
    void punycode();
    void setterEdgeCases();
    void queryAccessor();
    void origin();
    void urlencoded();
    void percentEncodeSets();
};

void TestUrlParser::urlTestData_data()
{
    QTest::addColumn<QJsonObject>("testCase");
    QString error;
    const auto doc = loadJson(QStringLiteral("urltestdata.json"), &error);
    if (!doc) {
        QTest::newRow("WPT data") << loadErrorCase(error);
        return;
    }
    QSet<QByteArray> seen;
    for (const QJsonValue& entry : doc->array()) {
        if (!entry.isObject()) continue; // comments
        const QJsonObject testCase = entry.toObject();
        QString name = testCase[QLatin1String("input")].toString();
        if (testCase[QLatin1String("base")].isString()) {
            name += QStringLiteral("  @ ") + testCase[QLatin1String("base")].toString();
        }
        QTest::newRow(rowName(name, seen).constData()) << testCase;
    }
    // A truncated or replaced file must not pass as a smaller suite.
    if (seen.size() < 800)
        QTest::newRow("WPT data") << loadErrorCase(
            QStringLiteral("only %1 cases").arg(seen.size()));
}

// https://github.com/web-platform-tests/wpt/blob/master/url/url-constructor.any.js
void TestUrlParser::urlTestData()
{
    QFETCH(QJsonObject, testCase);
    if (testCase.contains(kLoadError)) QFAIL(qPrintable(testCase[kLoadError].toString()));
    const std::string input = toUsvUtf8(testCase[QLatin1String("input")].toString());
    std::optional<UrlRecord> url;
    if (testCase[QLatin1String("base")].isString()) {
        const std::string base = toUsvUtf8(testCase[QLatin1String("base")].toString());
        url = nano::url::parse(input, base);
    } else {
        url = nano::url::parse(input);
    }
    if (testCase[QLatin1String("failure")].toBool()) {
        QVERIFY2(!url, url ? qPrintable(fromView(url->href())) : "");
        return;
    }
    QVERIFY(url);
    for (const char* name : kUrlAttributes) {
        const QString key = QString::fromLatin1(name);
        if (!testCase.contains(key)) continue;
        QCOMPARE(attribute(*url, key), testCase[key].toString());
    }
    // The href re-parses to itself.
    const std::optional<UrlRecord> again = nano::url::parse(url->href());
    QVERIFY(again);
    QCOMPARE(fromView(again->href()), fromView(url->href()));
}

void TestUrlParser::setters_data()
{
    QTest::addColumn<QString>("attribute");
    QTest::addColumn<QJsonObject>("testCase");
    QString error;
    const auto doc = loadJson(QStringLiteral("setters_tests.json"), &error);
    if (!doc) {
        QTest::newRow("WPT data") << QString() << loadErrorCase(error);
        return;
    }
    QSet<QByteArray> seen;
    const QJsonObject root = doc->object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() == QLatin1String("comment")) continue;
        for (const QJsonValue& entry : it.value().toArray()) {
            const QJsonObject testCase = entry.toObject();
            const QString name =
                it.key() + QStringLiteral(": ") + testCase[QLatin1String("href")].toString() +
                QStringLiteral(" <- ") + testCase[QLatin1String("new_value")].toString();
            QTest::newRow(rowName(name, seen).constData()) << it.key() << testCase;
        }
    }
    if (seen.size() < 200) {
        QTest::newRow("WPT data") << QString()
                                  << loadErrorCase(
                                         QStringLiteral("only %1 cases").arg(seen.size()));
    }
}

// https://github.com/web-platform-tests/wpt/blob/master/url/url-setters.any.js
void TestUrlParser::setters()
{
    QFETCH(QString, attribute);
    QFETCH(QJsonObject, testCase);
    if (testCase.contains(kLoadError)) QFAIL(qPrintable(testCase[kLoadError].toString()));
    UrlRecord url = mustParse(toUsvUtf8(testCase[QLatin1String("href")].toString()));
    const std::string value = toUsvUtf8(testCase[QLatin1String("new_value")].toString());
    setAttribute(url, attribute, value);
    const QJsonObject expected = testCase[QLatin1String("expected")].toObject();
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        QCOMPARE(::attribute(url, it.key()), it.value().toString());
    }
}

void TestUrlParser::megabyteUrl()
{
    // 1 MiB of path segments with dot segments and bytes to encode, then a long query.
    std::string input = "https://example.com/";
    std::string expectedPath = "/";
    while (input.size() < (1u << 20)) {
        input += "seg/x/../%7e /./";
        expectedPath += "seg/%7e%20/";
    }
    input += "?q=" + std::string(1000, 'v');
    QElapsedTimer timer;
    timer.start();
    const std::optional<UrlRecord> url = nano::url::parse(input);
    QVERIFY(url);
    QVERIFY2(timer.elapsed() < 5000, "parsing 1 MiB took more than 5 s");
    QCOMPARE(url->pathname().size(), expectedPath.size());
    QVERIFY(url->pathname() == expectedPath);
    QCOMPARE(url->search().size(), size_t(1003));

    // Round trip: the href parses to itself.
    const std::optional<UrlRecord> again = nano::url::parse(url->href());
    QVERIFY(again);
    QVERIFY(again->href() == url->href());

    // A 1 MiB segment followed by as many ".." as there are segments: linear, ends at "/".
    std::string dots = "http://h/" + std::string(1u << 20, 'a') + "/";
    for (int i = 0; i < 100000; ++i)
        dots += "../";
    const std::optional<UrlRecord> shortened = nano::url::parse(dots);
    QVERIFY(shortened);
    QCOMPARE(fromView(shortened->href()), QStringLiteral("http://h/"));

    // Long host and fragment.
    const std::string longHost =
        "http://" + std::string(1u << 20, 'b') + ".example/#" + std::string(1u << 20, 'f');
    const std::optional<UrlRecord> hosted = nano::url::parse(longHost);
    QVERIFY(hosted);
    QCOMPARE(hosted->hostname().size(), size_t((1u << 20) + 8));
    QCOMPARE(hosted->hash().size(), size_t((1u << 20) + 1));
}

void TestUrlParser::ipv4_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("hostname"); // null: failure

    QTest::newRow("dotted decimal") << "http://192.168.0.1/"
                                    << "192.168.0.1";
    QTest::newRow("single number") << "http://3232235521/"
                                   << "192.168.0.1";
    QTest::newRow("max") << "http://4294967295/"
                         << "255.255.255.255";
    QTest::newRow("max + 1") << "http://4294967296/" << QString();
    QTest::newRow("hex max") << "http://0xffffffff/"
                             << "255.255.255.255";
    QTest::newRow("hex upper X") << "http://0XFF.0/"
                                 << "255.0.0.0";
    QTest::newRow("octal parts") << "http://0300.0250.0.01/"
                                 << "192.168.0.1";
    QTest::newRow("bad octal") << "http://09.1/" << QString();
    QTest::newRow("mixed radix") << "http://0x7f.1/"
                                 << "127.0.0.1";
    QTest::newRow("two parts") << "http://1.256/"
                               << "1.0.1.0";
    QTest::newRow("non-last part > 255") << "http://256.1/" << QString();
    QTest::newRow("three parts, last too big") << "http://1.2.65536/" << QString();
    QTest::newRow("trailing dot") << "http://1.2.3.4./"
                                  << "1.2.3.4";
    QTest::newRow("two trailing dots is a domain") << "http://1.2.3.4../"
                                                   << "1.2.3.4..";
    QTest::newRow("five parts") << "http://1.2.3.4.5/" << QString();
    QTest::newRow("bare 0x") << "http://0x/"
                             << "0.0.0.0";
    QTest::newRow("last part 0x") << "http://1.2.3.0x/"
                                  << "1.2.3.0";
    QTest::newRow("invalid hex is a domain") << "http://foo.0x1g/"
                                             << "foo.0x1g";
    QTest::newRow("digits after a label") << "http://foo.09/" << QString();
    QTest::newRow("huge number") << "http://999999999999999999999999999/" << QString();
    QTest::newRow("long zeros") << "http://00000000000000000000000000001/"
                                << "0.0.0.1";
    QTest::newRow("percent-encoded") << "http://%31%32%37.0.0.1/"
                                     << "127.0.0.1";
    QTest::newRow("full-width digits") << "http://\uff11\uff12\uff17.0.0.1/"
                                       << "127.0.0.1";
    QTest::newRow("non-special is opaque") << "sc://1.2.3.4.5/"
                                           << "1.2.3.4.5";
    QTest::newRow("non-special keeps hex") << "sc://0x7f.1/"
                                           << "0x7f.1";
}

void TestUrlParser::ipv4()
{
    QFETCH(QString, input);
    QFETCH(QString, hostname);
    const std::optional<UrlRecord> url = nano::url::parse(toUsvUtf8(input));
    if (hostname.isNull()) {
        QVERIFY2(!url, url ? qPrintable(fromView(url->href())) : "");
        return;
    }
    QVERIFY(url);
    QCOMPARE(fromView(url->hostname()), hostname);
}

void TestUrlParser::ipv6_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("hostname"); // null: failure

    QTest::newRow("unspecified") << "http://[::]/"
                                 << "[::]";
    QTest::newRow("loopback long form") << "http://[0:0:0:0:0:0:0:1]/"
                                        << "[::1]";
    QTest::newRow("compress longest run") << "http://[1:0:0:2:0:0:0:3]/"
                                          << "[1:0:0:2::3]";
    QTest::newRow("compress first of equal runs") << "http://[1:0:0:0:2:0:0:0]/"
                                                  << "[1::2:0:0:0]";
    QTest::newRow("no run of two") << "http://[1:0:1:0:1:0:1:0]/"
                                   << "[1:0:1:0:1:0:1:0]";
    QTest::newRow("trailing run") << "http://[1:2::]/"
                                  << "[1:2::]";
    QTest::newRow("upper-case hex") << "http://[ABCD:EF01::]/"
                                    << "[abcd:ef01::]";
    QTest::newRow("leading zeros") << "http://[0001:002::0003]/"
                                   << "[1:2::3]";
    QTest::newRow("embedded IPv4") << "http://[::ffff:192.168.0.1]/"
                                   << "[::ffff:c0a8:1]";
    QTest::newRow("embedded IPv4, full") << "http://[1:2:3:4:5:6:1.2.3.4]/"
                                         << "[1:2:3:4:5:6:102:304]";
    QTest::newRow("with port") << "http://[::1]:8080/"
                               << "[::1]";
    QTest::newRow("non-special") << "sc://[::1]/"
                                 << "[::1]";
    QTest::newRow("nine pieces") << "http://[1:2:3:4:5:6:7:8:9]/" << QString();
    QTest::newRow("seven pieces") << "http://[1:2:3:4:5:6:7]/" << QString();
    QTest::newRow("two compressions") << "http://[1::2::3]/" << QString();
    QTest::newRow("leading single colon") << "http://[:1]/" << QString();
    QTest::newRow("trailing single colon") << "http://[1:]/" << QString();
    QTest::newRow("five hex digits") << "http://[12345::]/" << QString();
    QTest::newRow("IPv4 too short") << "http://[::1.2.3]/" << QString();
    QTest::newRow("IPv4 too long") << "http://[::1.2.3.4.5]/" << QString();
    QTest::newRow("IPv4 leading zero") << "http://[::01.2.3.4]/" << QString();
    QTest::newRow("IPv4 octet > 255") << "http://[::1.2.3.256]/" << QString();
    QTest::newRow("IPv4 after 7 pieces") << "http://[1:2:3:4:5:6:7:1.2.3.4]/" << QString();
    QTest::newRow("unclosed") << "http://[::1/" << QString();
    QTest::newRow("empty brackets") << "http://[]/" << QString();
    QTest::newRow("zone id") << "http://[fe80::1%25eth0]/" << QString();
}

void TestUrlParser::ipv6()
{
    QFETCH(QString, input);
    QFETCH(QString, hostname);
    const std::optional<UrlRecord> url = nano::url::parse(toUsvUtf8(input));
    if (hostname.isNull()) {
        QVERIFY2(!url, url ? qPrintable(fromView(url->href())) : "");
        return;
    }
    QVERIFY(url);
    QCOMPARE(fromView(url->hostname()), hostname);
}

void TestUrlParser::idna_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("hostname"); // null: failure

    QTest::newRow("IDN") << QStringLiteral("https://m\u00fcnchen.example/")
                         << "xn--mnchen-3ya.example";
    QTest::newRow("IDN, upper case")
        << QStringLiteral("https://M\u00dcNCHEN.example/") << "xn--mnchen-3ya.example";
    QTest::newRow("IDN, percent-encoded") << "https://m%C3%BCnchen.example/"
                                          << "xn--mnchen-3ya.example";
    QTest::newRow("punycode passes through") << "https://XN--MNCHEN-3YA.example/"
                                             << "xn--mnchen-3ya.example";
    QTest::newRow("empty punycode label") << "https://xn--/" << QString();
    QTest::newRow("invalid punycode") << "https://xn--a.com/" << QString();
    QTest::newRow("RTL label") << QStringLiteral("https://\u05d0\u05d1.com/") << "xn--4dbc.com";
    QTest::newRow("CheckBidi") << QStringLiteral("https://a\u05d0.com/") << QString();
    QTest::newRow("CheckJoiners") << QStringLiteral("https://a\u200db.com/") << QString();
    QTest::newRow("CheckHyphens is off") << "https://-a--b-.com/"
                                         << "-a--b-.com";
    QTest::newRow("CheckHyphens is off, IDN")
        << QStringLiteral("https://ab--\u00fc.com/") << "xn--ab---3ra.com";
    QTest::newRow("maps to a forbidden code point")
        << QStringLiteral("https://a\uff0fb/") << QString();
    QTest::newRow("maps to nothing") << QStringLiteral("https://\u00ad/") << QString();
    QTest::newRow("invalid UTF-8 after decoding") << "https://%C3/" << QString();
    const QString a70(70, QLatin1Char('a'));
    QTest::newRow("VerifyDnsLength is off")
        << QString("https://" + a70 + "..com/") << QString(a70 + "..com");
    QTest::newRow("VerifyDnsLength is off, IDN")
        << QString(QStringLiteral("https://\u00fc") + a70 + "..com/")
        << QString("xn--" + a70 + "-tgh..com");
    // Labels beyond ICU's Punycode limits (1000 code points to encode, 2000 characters to
    // decode): the URL Standard has none.
    const auto repeat = [](const QString& s, int n) { return s.repeated(n); };
    const QString e = QStringLiteral("\u00e9");
    QTest::newRow("1000 code points") << QString("https://" + repeat(e, 1000) + ".com/")
                                      << QString("xn--9ca" + repeat("a", 999) + ".com");
    QTest::newRow("1001 code points") << QString("https://" + repeat(e, 1001) + ".com/")
                                      << QString("xn--9ca" + repeat("a", 1000) + ".com");
    QTest::newRow("100 000 code points") << QString("https://" + repeat(e, 100000) + ".com/")
                                         << QString("xn--9ca" + repeat("a", 99999) + ".com");
    QTest::newRow("long label: mapped") << QString("https://" + repeat("\u00c9", 1200) + "/")
                                        << QString("xn--9ca" + repeat("a", 1199));
    QTest::newRow("long label: ideographic full stop")
        << QString("https://" + repeat(e, 1200) + "\u3002b/")
        << QString("xn--9ca" + repeat("a", 1199) + ".b");
    QTest::newRow("long label: punycode label kept")
        << QString("https://" + repeat(e, 1200) + ".XN--ls8h/")
        << QString("xn--9ca" + repeat("a", 1199) + ".xn--ls8h");
    QTest::newRow("long punycode label")
        << QString("https://XN--9CA" + repeat("A", 99999) + ".com/")
        << QString("xn--9ca" + repeat("a", 99999) + ".com");
    QTest::newRow("long punycode label, all ASCII")
        << QString("https://xn--" + repeat("a", 3000) + "-/") << QString();
    QTest::newRow("long punycode label, disallowed")
        << QString("https://xn--" + repeat("a", 3000) + "-zpc/") << QString();
    QTest::newRow("long label: invalid punycode")
        << QString("https://" + repeat(e, 1200) + ".xn--a/") << QString();
    QTest::newRow("long label: disallowed")
        << QString("https://" + repeat(e, 1200) + "\ufffd/") << QString();
    QTest::newRow("long label: CheckBidi")
        << QString("https://" + repeat("\u05d0", 1200) + "a/") << QString();
}

// Each row is parsed twice: the second parse comes from the per-thread IDNA result cache.
void TestUrlParser::idna()
{
    QFETCH(QString, input);
    QFETCH(QString, hostname);
    for (int round = 0; round < 2; ++round) {
        const std::optional<UrlRecord> url = nano::url::parse(toUsvUtf8(input));
        if (hostname.isNull()) {
            QVERIFY2(!url, url ? qPrintable(fromView(url->href())) : "");
            continue;
        }
        QVERIFY(url);
        QCOMPARE(fromView(url->hostname()), hostname);
    }
}

void TestUrlParser::punycode()
{
    const auto encode = [](std::u32string_view input) {
        std::string out;
        if (!nano::url::punycodeEncodeAppend(input, out)) return QStringLiteral("<overflow>");
        return QString::fromStdString(out);
    };
    // https://www.rfc-editor.org/rfc/rfc3492#section-7.1, samples (A), (B) and (L).
    QCOMPARE(encode(U"\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648"
                    U"\u0634\u0639\u0631\u0628\u064A\u061F"),
             QStringLiteral("egbpdaj6bu4bxfgehfvwxn"));
    QCOMPARE(encode(U"\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587"),
             QStringLiteral("ihqwcrb4cv8a8dqg056pqjye"));
    QCOMPARE(encode(U"3\u5E74B\u7D44\u91D1\u516B\u5148\u751F"),
             QStringLiteral("3B-ww4c5e180e575a65lsy2b"));
    QCOMPARE(encode(U"abc"), QStringLiteral("abc-"));
    QCOMPARE(encode(U""), QString());
    // Deltas past 2^31 - 1 overflow (RFC 3492 section 6.4), as ICU's and node's encoders say.
    QCOMPARE(encode(std::u32string(3000, U'a') + U"\U0010FFFF"), QStringLiteral("<overflow>"));

    // Decoding: the samples back, digits of either case, and bad input refused.
    const auto decode = [](std::string_view input) -> std::optional<std::u32string> {
        std::u32string out;
        if (!nano::url::punycodeDecode(input, out)) return std::nullopt;
        return out;
    };
    QVERIFY(decode("ihqwcrb4cv8a8dqg056pqjye") ==
            U"\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587");
    QVERIFY(decode("3B-WW4C5E180E575A65LSY2B") == U"3\u5E74B\u7D44\u91D1\u516B\u5148\u751F");
    QVERIFY(decode("abc-") == U"abc");
    QVERIFY(!decode("\xC3\xA9-ca"));    // a non-ASCII basic code point
    QVERIFY(!decode("9c!"));            // not a digit
    QVERIFY(!decode("9"));              // a number cut short
    QVERIFY(!decode("99999999999999")); // overflow
    QVERIFY(!decode("ib9b"));           // decodes to a surrogate (U+D800)

    // Many distinct code points, in reasonable time, both ways; ICU agrees where it can decode.
    std::u32string input;
    for (char32_t i = 0; i < 100000; ++i)
        input.push_back(0x4E00 + (i * 7919) % 20000);
    QElapsedTimer timer;
    timer.start();
    const QString encoded = encode(input);
    QVERIFY(decode(encoded.toStdString()) == input);
    QVERIFY2(timer.elapsed() < 2000, "100 000 distinct code points took over 2 s");
    const std::u32string shorter = input.substr(0, 300);
    const std::string ace = "xn--" + encode(shorter).toStdString();
    QVERIFY(ace.size() < 2000);
    UErrorCode status = U_ZERO_ERROR;
    UIDNA* idna = uidna_openUTS46(UIDNA_NONTRANSITIONAL_TO_UNICODE, &status);
    QVERIFY(U_SUCCESS(status));
    std::string decoded(shorter.size() * 4, '\0');
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    const int32_t length =
        uidna_nameToUnicodeUTF8(idna, ace.data(), int32_t(ace.size()), decoded.data(),
                                int32_t(decoded.size()), &info, &status);
    uidna_close(idna);
    QVERIFY(U_SUCCESS(status) && info.errors == 0);
    decoded.resize(size_t(length));
    QVERIFY(decoded == QString::fromUcs4(shorter.data(), qsizetype(shorter.size())).toStdString());
}

void TestUrlParser::setterEdgeCases()
{
    // A port that does not parse still lets the host part of the value through.
    UrlRecord url = mustParse("http://example.net:8080/path");
    url.setHost("example.com:65536");
    QCOMPARE(fromView(url.href()), QStringLiteral("http://example.com:8080/path"));

    // Switching to the scheme's default port drops the port.
    url = mustParse("http://h:443/");
    url.setProtocol("https");
    QCOMPARE(fromView(url.href()), QStringLiteral("https://h/"));
    QCOMPARE(fromView(url.port()), QString());

    // special <-> non-special is refused, and so is "file" with credentials.
    url = mustParse("http://user@h/");
    url.setProtocol("sc");
    url.setProtocol("file");
    QCOMPARE(fromView(url.href()), QStringLiteral("http://user@h/"));

    // Opaque paths: pathname/host setters are no-ops; clearing the query strips trailing spaces
    // only when nothing follows the path.
    url = mustParse("sc:opaque  ?q#f");
    url.setPathname("/x");
    url.setHost("h");
    url.setSearch("");
    QCOMPARE(fromView(url.href()), QStringLiteral("sc:opaque  #f"));
    url.setHash("");
    QCOMPARE(fromView(url.href()), QStringLiteral("sc:opaque"));

    // A null host with a path starting with an empty segment serialises with "/.".
    url = mustParse("web+demo:/x");
    url.setPathname("//p");
    QCOMPARE(fromView(url.href()), QStringLiteral("web+demo:/.//p"));
    QCOMPARE(fromView(url.pathname()), QStringLiteral("//p"));
    QVERIFY(mustParse(url.href()).href() == url.href());

    // Port: trailing garbage is ignored, garbage alone is refused, "" clears.
    url = mustParse("http://h:1/");
    url.setPort("8080abc");
    QCOMPARE(fromView(url.port()), QStringLiteral("8080"));
    url.setPort("abc");
    QCOMPARE(fromView(url.port()), QStringLiteral("8080"));
    url.setPort("");
    QCOMPARE(fromView(url.href()), QStringLiteral("http://h/"));

    // Setters may be given views into the record's own href.
    url = mustParse("https://u:p@h:9/a/b?x=1#frag");
    const std::string before(url.href());
    url.setSearch(url.search());
    url.setHash(url.hash());
    url.setPathname(url.pathname());
    url.setHost(url.host());
    url.setUsername(url.username());
    url.setPassword(url.password());
    QVERIFY(url.href() == before);
    QVERIFY(url.setHref(url.href()));
    QVERIFY(url.href() == before);

    // A failing href setter leaves the record alone.
    QVERIFY(!url.setHref("not a url"));
    QVERIFY(url.href() == before);

    // Tabs and newlines are removed from setter input, leading/trailing spaces are not trimmed.
    url = mustParse("http://h/");
    url.setPathname("\ta\nb ");
    QCOMPARE(fromView(url.pathname()), QStringLiteral("/ab%20"));

    // Credentials cannot be set on a file URL or on a URL without a host.
    url = mustParse("file:///tmp");
    url.setUsername("me");
    url.setPort("1");
    QCOMPARE(fromView(url.href()), QStringLiteral("file:///tmp"));
}

void TestUrlParser::queryAccessor()
{
    UrlRecord url = mustParse("https://h/p?#f");
    QVERIFY(url.query().has_value());
    QVERIFY(url.query()->empty());
    QCOMPARE(fromView(url.search()), QString());

    url.setQuery(std::string_view("a=b%20c&d"));
    QCOMPARE(fromView(url.href()), QStringLiteral("https://h/p?a=b%20c&d#f"));
    QCOMPARE(fromView(url.search()), QStringLiteral("?a=b%20c&d"));

    url.setQuery(std::nullopt);
    QVERIFY(!url.query().has_value());
    QCOMPARE(fromView(url.href()), QStringLiteral("https://h/p#f"));

    url = mustParse("sc:path ?x");
    url.setQuery(std::string_view()); // "" means null in URLSearchParams' update steps
    QCOMPARE(fromView(url.href()), QStringLiteral("sc:path"));
}

void TestUrlParser::origin()
{
    QCOMPARE(QString::fromStdString(mustParse("https://EXAMPLE.com:443/x").origin()),
             QStringLiteral("https://example.com"));
    QCOMPARE(QString::fromStdString(mustParse("ws://h:81/").origin()), QStringLiteral("ws://h:81"));
    QCOMPARE(QString::fromStdString(mustParse("file:///etc").origin()), QStringLiteral("null"));
    QCOMPARE(QString::fromStdString(mustParse("blob:https://a.b:8443/uuid").origin()),
             QStringLiteral("https://a.b:8443"));
    QCOMPARE(QString::fromStdString(mustParse("blob:ftp://a.b/").origin()), QStringLiteral("null"));
    QCOMPARE(QString::fromStdString(mustParse("data:,x").origin()), QStringLiteral("null"));
}

void TestUrlParser::urlencoded()
{
    using nano::url::NameValueList;
    const NameValueList list = nano::url::parseUrlencoded("a=1&&b=x+y&c&=v&d=%zz&e=%FF%41&f=a=b");
    const NameValueList expected = {{"a", "1"},
                                    {"b", "x y"},
                                    {"c", ""},
                                    {"", "v"},
                                    {"d", "%zz"},
                                    {"e", "\xEF\xBF\xBD"
                                          "A"},
                                    {"f", "a=b"}};
    QVERIFY(list == expected);

    const NameValueList toSerialize = {{"q", "caf\xC3\xA9 & cr\xC3\xA8me"}, {"*-._", "!'()~"}};
    QCOMPARE(QString::fromStdString(nano::url::serializeUrlencoded(toSerialize)),
             QStringLiteral("q=caf%C3%A9+%26+cr%C3%A8me&*-._=%21%27%28%29%7E"));

    // UTF-8 decoding replaces each maximal ill-formed subsequence with one U+FFFD.
    std::string decoded;
    nano::url::utf8DecodeWithoutBomAppend(decoded, "\xE2\x82"
                                                   "a\xF0\x9F\x92"
                                                   "\xC0\xAF");
    QVERIFY(decoded == "\xEF\xBF\xBD"
                       "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

void TestUrlParser::percentEncodeSets()
{
    using nano::url::EncodeSet;
    using nano::url::percentEncode;
    const std::string ascii = " \"#$%&'()*+,/:;<=>?@[\\]^`{|}~\x7F\xC3\xA9";
    QCOMPARE(QString::fromStdString(percentEncode(ascii, EncodeSet::C0Control)),
             QStringLiteral(" \"#$%&'()*+,/:;<=>?@[\\]^`{|}~%7F%C3%A9"));
    QCOMPARE(QString::fromStdString(percentEncode(ascii, EncodeSet::Path)),
             QStringLiteral("%20%22%23$%&'()*+,/:;%3C=%3E%3F@[\\]^%60%7B|%7D~%7F%C3%A9"));
    QCOMPARE(QString::fromStdString(percentEncode(ascii, EncodeSet::Component)),
             QStringLiteral("%20%22%23%24%25%26'()*%2B%2C%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60"
                            "%7B%7C%7D~%7F%C3%A9"));
    QCOMPARE(QString::fromStdString(nano::url::percentDecode("%41%4g%%7e%E2%82%AC")),
             QStringLiteral("A%4g%~\u20ac"));
}

QTEST_GUILESS_MAIN(TestUrlParser)
#include "tst_url_parser.moc"
