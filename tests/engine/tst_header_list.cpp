// Tests for the fetch header list and MIME type algorithms that the Headers guards and bodies
// stand on (engine/api/fetch/header_list.*, mime_type.*): parsing and serializing MIME types,
// "get, decode, and split", sort-and-combine, and the forbidden / CORS-safelisted predicates.
// Headers' JS surface is tested in tests/js/headers.test.js and by the WPT headers files.

#include "engine/api/fetch/header_list.h"
#include "engine/api/fetch/mime_type.h"

#include <QtTest>

using namespace nano::api::fetch;

Q_DECLARE_METATYPE(std::string)

class TestHeaderList : public QObject {
    Q_OBJECT
private slots:
    void parseMimeType_data();
    void parseMimeType();
    void mimeTypeParameters();
    void getDecodeAndSplit_data();
    void getDecodeAndSplit();
    void appendKeepsTheFirstCasing();
    void setReplacesTheFirstAndDropsTheRest();
    void sortAndCombine();
    void headerNamesAndValues();
    void forbiddenRequestHeaders_data();
    void forbiddenRequestHeaders();
    void corsSafelisted_data();
    void corsSafelisted();
};

void TestHeaderList::parseMimeType_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("serialized"); // empty: failure
    QTest::newRow("simple") << QByteArray("text/html") << QByteArray("text/html");
    QTest::newRow("lowercased") << QByteArray("TEXT/HTML;CHARSET=UTF-8")
                                << QByteArray("text/html;charset=UTF-8");
    QTest::newRow("whitespace") << QByteArray(" \t text/plain \r\n") << QByteArray("text/plain");
    QTest::newRow("quoted") << QByteArray("text/html;charset=\"gbk\"")
                            << QByteArray("text/html;charset=gbk");
    QTest::newRow("quoted keeps what needs quotes")
        << QByteArray("text/html;x=\"a b\"") << QByteArray("text/html;x=\"a b\"");
    QTest::newRow("escapes") << QByteArray("text/html;x=\"a\\\"b\\\\\"")
                             << QByteArray("text/html;x=\"a\\\"b\\\\\"");
    QTest::newRow("unterminated quote")
        << QByteArray("text/html;x=\"abc") << QByteArray("text/html;x=abc");
    QTest::newRow("first parameter wins")
        << QByteArray("text/html;a=1;A=2") << QByteArray("text/html;a=1");
    QTest::newRow("empty value dropped")
        << QByteArray("text/html;a=;b=2") << QByteArray("text/html;b=2");
    QTest::newRow("name without value")
        << QByteArray("text/html;a;b=2") << QByteArray("text/html;b=2");
    QTest::newRow("invalid name skipped")
        << QByteArray("text/html;a b=1;c=2") << QByteArray("text/html;c=2");
    QTest::newRow("latin-1 value")
        << QByteArray("text/html;a=\"\xe9\"") << QByteArray("text/html;a=\"\xe9\"");
    QTest::newRow("no subtype") << QByteArray("text") << QByteArray();
    QTest::newRow("empty subtype") << QByteArray("text/") << QByteArray();
    QTest::newRow("empty type") << QByteArray("/html") << QByteArray();
    QTest::newRow("bad type") << QByteArray("te xt/html") << QByteArray();
    QTest::newRow("bad subtype") << QByteArray("text/ht ml") << QByteArray();
    QTest::newRow("empty") << QByteArray("") << QByteArray();
}

void TestHeaderList::parseMimeType()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, serialized);
    const auto parsed = nano::api::fetch::parseMimeType(input.toStdString());
    if (serialized.isEmpty()) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(QByteArray::fromStdString(parsed->serialize()), serialized);
}

void TestHeaderList::mimeTypeParameters()
{
    const auto parsed = nano::api::fetch::parseMimeType("Multipart/Form-Data; boundary=\"--x\"");
    QVERIFY(parsed);
    QCOMPARE(QByteArray::fromStdString(parsed->essence()), QByteArray("multipart/form-data"));
    QVERIFY(parsed->parameter("boundary"));
    QCOMPARE(QByteArray::fromStdString(*parsed->parameter("boundary")), QByteArray("--x"));
    QVERIFY(!parsed->parameter("charset"));
}

// The examples of https://fetch.spec.whatwg.org/#header-value-get-decode-and-split
void TestHeaderList::getDecodeAndSplit_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QStringList>("values");
    QTest::newRow("nosniff,") << QByteArray("nosniff,") << QStringList{"nosniff", ""};
    QTest::newRow("empty") << QByteArray("") << QStringList{""};
    QTest::newRow("text/html;\", x/x")
        << QByteArray("text/html;\", x/x") << QStringList{"text/html;\", x/x"};
    QTest::newRow("x/x;test=\"hi\",y/y")
        << QByteArray("x/x;test=\"hi\",y/y") << QStringList{"x/x;test=\"hi\"", "y/y"};
    QTest::newRow("x / x,,,1") << QByteArray("x / x,,,1") << QStringList{"x / x", "", "", "1"};
    QTest::newRow("\"1,2\", 3") << QByteArray("\"1,2\", 3") << QStringList{"\"1,2\"", "3"};
}

void TestHeaderList::getDecodeAndSplit()
{
    QFETCH(QByteArray, value);
    QFETCH(QStringList, values);
    QStringList actual;
    for (const std::string& v : nano::api::fetch::getDecodeAndSplit(value.toStdString()))
        actual << QString::fromStdString(v);
    QCOMPARE(actual, values);
}

void TestHeaderList::appendKeepsTheFirstCasing()
{
    HeaderList list;
    list.append({"X-Thing", "1"});
    list.append({"x-thing", "2"});
    QCOMPARE(list.size(), size_t(2));
    QCOMPARE(QString::fromStdString(list.headers()[1].name), QStringLiteral("X-Thing"));
    QCOMPARE(QString::fromStdString(*list.get("X-THING")), QStringLiteral("1, 2"));
    QVERIFY(list.contains("x-THING"));
    QVERIFY(!list.get("other"));
}

void TestHeaderList::setReplacesTheFirstAndDropsTheRest()
{
    HeaderList list;
    list.append({"a", "1"});
    list.append({"b", "x"});
    list.append({"A", "2"});
    list.set({"A", "3"});
    QCOMPARE(list.size(), size_t(2));
    QCOMPARE(QString::fromStdString(list.headers()[0].name), QStringLiteral("a"));
    QCOMPARE(QString::fromStdString(*list.get("a")), QStringLiteral("3"));
    list.remove("B");
    QCOMPARE(list.size(), size_t(1));
}

void TestHeaderList::sortAndCombine()
{
    HeaderList list;
    list.append({"Set-Cookie", "b=2"});
    list.append({"X-B", "1"});
    list.append({"a", "x"});
    list.append({"set-cookie", "a=1"});
    list.append({"x-b", "2"});
    const std::vector<Header> sorted = list.sortAndCombine();
    QStringList flat;
    for (const Header& h : sorted)
        flat << QString::fromStdString(h.name + ": " + h.value);
    QCOMPARE(flat, (QStringList{"a: x", "set-cookie: b=2", "set-cookie: a=1", "x-b: 1, 2"}));
}

void TestHeaderList::headerNamesAndValues()
{
    QVERIFY(isHeaderName("X-Custom_Name!#$%&'*+.^`|~09"));
    QVERIFY(!isHeaderName(""));
    QVERIFY(!isHeaderName("a b"));
    QVERIFY(!isHeaderName("a:b"));
    QVERIFY(!isHeaderName("\xe9"));
    QVERIFY(isHeaderValue(""));
    QVERIFY(isHeaderValue("a \t b \xff"));
    QVERIFY(!isHeaderValue(" a"));
    QVERIFY(!isHeaderValue("a\t"));
    QVERIFY(!isHeaderValue(std::string("a\0b", 3)));
    QVERIFY(!isHeaderValue("a\rb"));
    QVERIFY(!isHeaderValue("a\nb"));
    QCOMPARE(QByteArray::fromStdString(std::string(normalizeHeaderValue("\r\n\t x y \n"))),
             QByteArray("x y"));
}

void TestHeaderList::forbiddenRequestHeaders_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("forbidden");
    QTest::newRow("host") << QByteArray("HOST") << QByteArray("x") << true;
    QTest::newRow("cookie") << QByteArray("cookie") << QByteArray("a=1") << true;
    QTest::newRow("proxy-") << QByteArray("Proxy-Authorization") << QByteArray("x") << true;
    QTest::newRow("sec-") << QByteArray("sec-fetch-mode") << QByteArray("x") << true;
    QTest::newRow("override forbidden")
        << QByteArray("X-HTTP-Method-Override") << QByteArray("GET, trace") << true;
    QTest::newRow("override allowed")
        << QByteArray("X-Method-Override") << QByteArray("GET, PUT") << false;
    QTest::newRow("content-type") << QByteArray("Content-Type") << QByteArray("x/y") << false;
    QTest::newRow("user-agent") << QByteArray("User-Agent") << QByteArray("x") << false;
}

void TestHeaderList::forbiddenRequestHeaders()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(bool, forbidden);
    QCOMPARE(isForbiddenRequestHeader(name.toStdString(), value.toStdString()), forbidden);
    QVERIFY(isForbiddenMethod("connect") && isForbiddenMethod("TRACK"));
    QVERIFY(!isForbiddenMethod("POST"));
    QVERIFY(isForbiddenResponseHeaderName("set-cookie2"));
    QVERIFY(!isForbiddenResponseHeaderName("cookie"));
}

void TestHeaderList::corsSafelisted_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("safelisted");
    QTest::newRow("accept") << QByteArray("Accept") << QByteArray("text/html, */*") << true;
    QTest::newRow("accept with unsafe byte") << QByteArray("accept") << QByteArray("a(b)") << false;
    QTest::newRow("content-language")
        << QByteArray("Content-Language") << QByteArray("en-US, de;q=0.5") << true;
    QTest::newRow("content-language bad byte")
        << QByteArray("content-language") << QByteArray("en_US") << false;
    QTest::newRow("content-type form")
        << QByteArray("content-type") << QByteArray("multipart/form-data; boundary=x") << true;
    QTest::newRow("content-type json")
        << QByteArray("content-type") << QByteArray("application/json") << false;
    QTest::newRow("content-type unparsable")
        << QByteArray("content-type") << QByteArray("text") << false;
    QTest::newRow("too long") << QByteArray("accept") << QByteArray(129, 'a') << false;
    QTest::newRow("range") << QByteArray("Range") << QByteArray("bytes=0-99") << true;
    QTest::newRow("range open end") << QByteArray("range") << QByteArray("bytes=100-") << true;
    QTest::newRow("range suffix") << QByteArray("range") << QByteArray("bytes=-5") << false;
    QTest::newRow("range reversed") << QByteArray("range") << QByteArray("bytes=9-1") << false;
    QTest::newRow("range huge") << QByteArray("range")
                                << QByteArray("bytes=99999999999999999999-100000000000000000000")
                                << true;
    QTest::newRow("range spaces") << QByteArray("range") << QByteArray("bytes = 0-1") << false;
    QTest::newRow("other") << QByteArray("x-custom") << QByteArray("1") << false;
}

void TestHeaderList::corsSafelisted()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(bool, safelisted);
    QCOMPARE(isCorsSafelistedRequestHeader(name.toStdString(), value.toStdString()), safelisted);
    QCOMPARE(isNoCorsSafelistedRequestHeader(name.toStdString(), value.toStdString()),
             safelisted && name.toLower() != "range");
    QVERIFY(isPrivilegedNoCorsRequestHeaderName("RANGE"));
}

QTEST_GUILESS_MAIN(TestHeaderList)
#include "tst_header_list.moc"
