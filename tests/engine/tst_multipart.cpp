// Tests for the multipart/form-data encoder and parser (engine/api/fetch/multipart.*): the exact
// bytes of an encoding (escapes, line-break normalization, File parts), round trips through the
// parser, File contents shared rather than copied, and malformed input rejected with a reason.
// Body.formData() on top of them is tested in tests/js/body.test.js.

#include "engine/api/fetch/multipart.h"

#include <QtTest>

using namespace nano::api::fetch;

namespace {

std::string joined(const ByteSpans& spans)
{
    std::string out;
    for (const ByteSpan& span : spans)
        out.append(span.view());
    return out;
}

MultipartEntry field(std::string name, std::string value)
{
    MultipartEntry e;
    e.name = std::move(name);
    e.value = std::move(value);
    return e;
}

MultipartEntry file(std::string name, std::string filename, std::string type, ByteSpan contents)
{
    MultipartEntry e;
    e.name = std::move(name);
    e.isFile = true;
    e.filename = std::move(filename);
    e.type = std::move(type);
    e.contents = std::move(contents);
    return e;
}

} // namespace

class TestMultipart : public QObject {
    Q_OBJECT
private slots:
    void boundaryLooksLikeABrowsers();
    void encodesFieldsAndFiles();
    void escapesNamesAndNormalizesLineBreaks();
    void fileContentsAreSharedNotCopied();
    void roundTrip();
    void parsesQuotedParametersAndIgnoresOthers();
    void emptyFormAndEpilogue();
    void malformed_data();
    void malformed();
};

void TestMultipart::boundaryLooksLikeABrowsers()
{
    const std::string a = generateMultipartBoundary();
    const std::string b = generateMultipartBoundary();
    QCOMPARE(a.size(), size_t(36));
    QVERIFY(a.rfind("----NanoFormBoundary", 0) == 0);
    QVERIFY(a != b);
    for (char c : a.substr(20))
        QVERIFY(std::isalnum(static_cast<unsigned char>(c)));
}

void TestMultipart::encodesFieldsAndFiles()
{
    const ByteSpans spans = encodeMultipartFormData(
        {field("a", "1"), file("f", "x.txt", "text/plain", ByteSpan::fromString("hello")),
         file("g", "blob", "", ByteSpan::fromString("?"))},
        "B");
    QCOMPARE(joined(spans), std::string("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
                                        "1\r\n"
                                        "--B\r\nContent-Disposition: form-data; name=\"f\"; "
                                        "filename=\"x.txt\"\r\nContent-Type: text/plain\r\n\r\n"
                                        "hello\r\n"
                                        "--B\r\nContent-Disposition: form-data; name=\"g\"; "
                                        "filename=\"blob\"\r\nContent-Type: "
                                        "application/octet-stream\r\n\r\n?\r\n--B--\r\n"));
}

void TestMultipart::escapesNamesAndNormalizesLineBreaks()
{
    const std::string out =
        joined(encodeMultipartFormData({field("a\"b\rc\nd\r\ne", "x\ry\nz\r\n"),
                                        file("n", "q\"\r\n.txt", "", ByteSpan::fromString("\r"))},
                                       "B"));
    // Names: lone CR and LF become CRLF first, then CR, LF and '"' are percent-encoded.
    QVERIFY(out.find("name=\"a%22b%0D%0Ac%0D%0Ad%0D%0Ae\"\r\n\r\nx\r\ny\r\nz\r\n\r\n") !=
            std::string::npos);
    // Filenames are escaped but not normalized; File contents are left as they are.
    QVERIFY(out.find("filename=\"q%22%0D%0A.txt\"") != std::string::npos);
    QVERIFY(out.find("\r\n\r\n\r\r\n--B--") != std::string::npos);
}

void TestMultipart::fileContentsAreSharedNotCopied()
{
    auto big = std::make_shared<std::vector<uint8_t>>(8 * 1024 * 1024, uint8_t('z'));
    ByteSpan contents{big, big->data(), big->size()};
    const ByteSpans spans = encodeMultipartFormData({file("f", "big.bin", "", contents)}, "B");
    QCOMPARE(spans.size(), size_t(3)); // headers, the File's own bytes, the closing delimiter
    QCOMPARE(spans[1].data, big->data());
    QCOMPARE(spans[1].size, big->size());
    QCOMPARE(totalSize(spans), uint64_t(big->size() + spans[0].size + spans[2].size));
}

void TestMultipart::roundTrip()
{
    const std::string boundary = generateMultipartBoundary();
    std::string binary;
    for (int i = 0; i < 256; ++i)
        binary += static_cast<char>(i);
    binary += "\r\n--" + boundary.substr(0, 10); // a prefix of the delimiter inside a file
    const std::string body = joined(encodeMultipartFormData(
        {field("text", "h\xC3\xA9llo"), field("quote\"name", "a\r\nb"),
         file("bin", "data.bin", "application/x-thing", ByteSpan::fromString(binary)),
         field("empty", "")},
        boundary));
    std::string error;
    const auto entries = parseMultipartFormData(body, boundary, &error);
    QVERIFY2(entries, error.c_str());
    QCOMPARE(entries->size(), size_t(4));
    QCOMPARE((*entries)[0].name, std::string("text"));
    QCOMPARE((*entries)[0].value, std::string("h\xC3\xA9llo"));
    QVERIFY(!(*entries)[0].isFile);
    QCOMPARE((*entries)[1].name, std::string("quote\"name"));
    QCOMPARE((*entries)[1].value, std::string("a\r\nb"));
    QVERIFY((*entries)[2].isFile);
    QCOMPARE((*entries)[2].filename, std::string("data.bin"));
    QCOMPARE((*entries)[2].type, std::string("application/x-thing"));
    QCOMPARE(std::string((*entries)[2].contents.begin(), (*entries)[2].contents.end()), binary);
    QCOMPARE((*entries)[3].value, std::string());
}

void TestMultipart::parsesQuotedParametersAndIgnoresOthers()
{
    const std::string body = "--XyZ\r\n"
                             "content-disposition: FORM-DATA; filename=\"a;b.txt\"; name=field\r\n"
                             "X-Other: ignored\r\n"
                             "\r\n"
                             "\xEF\xBB\xBFwith bom\r\n"
                             "--XyZ\r\n"
                             "Content-Disposition: form-data; name=\"t\"\r\n"
                             "Content-Type: text/html; charset=latin1\r\n"
                             "\r\n"
                             "\xEF\xBB\xBFkept\xFF\r\n"
                             "--XyZ--";
    std::string error;
    const auto entries = parseMultipartFormData(body, "XyZ", &error);
    QVERIFY2(entries, error.c_str());
    QCOMPARE(entries->size(), size_t(2));
    QCOMPARE((*entries)[0].name, std::string("field"));
    QCOMPARE((*entries)[0].filename, std::string("a;b.txt"));
    QCOMPARE((*entries)[0].type, std::string("text/plain")); // RFC 7578's default
    QCOMPARE(std::string((*entries)[0].contents.begin(), (*entries)[0].contents.end()),
             std::string("\xEF\xBB\xBFwith bom"));
    // Field values: UTF-8 without BOM, whatever the Content-Type says; the BOM is kept.
    QCOMPARE((*entries)[1].value, std::string("\xEF\xBB\xBFkept\xEF\xBF\xBD"));
}

void TestMultipart::emptyFormAndEpilogue()
{
    std::string error;
    QVERIFY(encodeMultipartFormData({}, "B").empty()); // as browsers send an empty FormData
    const auto none = parseMultipartFormData("--B--\r\n", "B", &error);
    QVERIFY2(none, error.c_str());
    QVERIFY(none->empty());
    const auto epilogue =
        parseMultipartFormData("--B\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n"
                               "--B--\r\nanything after the end",
                               "B", &error);
    QVERIFY2(epilogue, error.c_str());
    QCOMPARE(epilogue->size(), size_t(1));
}

void TestMultipart::malformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("boundary");
    const QByteArray part = "Content-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n";
    QTest::newRow("empty body") << QByteArray() << QByteArray("B");
    QTest::newRow("empty boundary") << QByteArray("----\r\n") << QByteArray();
    QTest::newRow("other boundary") << "--C\r\n" + part + "--C--" << QByteArray("B");
    QTest::newRow("preamble") << "junk\r\n--B\r\n" + part + "--B--" << QByteArray("B");
    QTest::newRow("no end") << "--B\r\n" + part << QByteArray("B");
    QTest::newRow("no CRLF after boundary") << "--Bx" + part + "--B--" << QByteArray("B");
    QTest::newRow("headers never end")
        << QByteArray("--B\r\nContent-Disposition: form-data") << QByteArray("B");
    QTest::newRow("no name") << QByteArray(
                                    "--B\r\nContent-Disposition: form-data\r\n\r\nv\r\n--B--")
                             << QByteArray("B");
    QTest::newRow("no disposition")
        << QByteArray("--B\r\nContent-Type: text/plain\r\n\r\nv\r\n--B--") << QByteArray("B");
    QTest::newRow("not form-data")
        << QByteArray("--B\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--B--")
        << QByteArray("B");
    QTest::newRow("unterminated quote")
        << QByteArray("--B\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--B--")
        << QByteArray("B");
    QTest::newRow("header without colon")
        << QByteArray("--B\r\nContent-Disposition form-data; name=a\r\n\r\nv\r\n--B--")
        << QByteArray("B");
}

void TestMultipart::malformed()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, boundary);
    std::string error;
    const auto entries =
        parseMultipartFormData(std::string_view(body.constData(), body.size()),
                               std::string_view(boundary.constData(), boundary.size()), &error);
    QVERIFY(!entries);
    QVERIFY(!error.empty());
}

QTEST_GUILESS_MAIN(TestMultipart)
#include "tst_multipart.moc"
