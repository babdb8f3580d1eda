// The data: URL processor (https://fetch.spec.whatwg.org/#data-url-processor): MIME types,
// percent-decoding, base64 and failures.

#include "api/fetch/data_url.h"
#include "api/url/url_parser.h"

#include <QtTest>

using namespace nano;
using namespace nano::api;

class TestDataUrl : public QObject {
    Q_OBJECT
private slots:
    void process_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("mimeType");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty type")
            << "data:,x" << true << "text/plain;charset=US-ASCII" << QByteArray("x");
        QTest::newRow("percent") << "data:,a%20b%ff" << true << "text/plain;charset=US-ASCII"
                                 << QByteArray("a b\xff");
        QTest::newRow("type") << "data:text/html,<p>" << true << "text/html" << QByteArray("<p>");
        QTest::newRow("params") << "data:text/plain;charset=UTF-8;x=y,z" << true
                                << "text/plain;charset=UTF-8;x=y" << QByteArray("z");
        QTest::newRow("base64") << "data:;base64,aGk=" << true << "text/plain;charset=US-ASCII"
                                << QByteArray("hi");
        QTest::newRow("base64 spaces")
            << "data:image/png ; BASE64,aG k=" << true << "image/png" << QByteArray("hi");
        QTest::newRow("base64 no padding")
            << "data:text/plain;base64,aGk" << true << "text/plain" << QByteArray("hi");
        QTest::newRow("bad type") << "data:x,y" << true << "text/plain;charset=US-ASCII"
                                  << QByteArray("y");
        QTest::newRow("fragment dropped")
            << "data:,a#b" << true << "text/plain;charset=US-ASCII" << QByteArray("a");
        QTest::newRow("no comma") << "data:text/plain" << false << "" << QByteArray();
        QTest::newRow("bad base64") << "data:;base64,a" << false << "" << QByteArray();
    }
    void process()
    {
        QFETCH(QString, input);
        QFETCH(bool, ok);
        QFETCH(QString, mimeType);
        QFETCH(QByteArray, body);
        std::optional<url::UrlRecord> record = url::parse(input.toStdString());
        QVERIFY(record);
        std::optional<fetch::DataUrl> result = fetch::processDataUrl(*record);
        QCOMPARE(result.has_value(), ok);
        if (!ok) return;
        QCOMPARE(QString::fromStdString(result->mimeType.serialize()), mimeType);
        QCOMPARE(QByteArray::fromStdString(result->body), body);
    }
};

QTEST_GUILESS_MAIN(TestDataUrl)
#include "tst_data_url.moc"
