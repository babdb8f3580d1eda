// nanojs run --har FILE: the flag is documented, needs a file and belongs to run; the file is
// written however the run ends (it completes, throws, or is stopped by --timeout), and is a
// valid HAR 1.2 log (har_schema.h) with no entries while scripts make no requests, and with
// one entry per exchange of real fetches against `nanojs serve-test` (a redirect hop is an
// entry of its own). What the writer makes of each record: tests/engine/tst_fetch_traffic.

#include "har_schema.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

Result nanojs(const QStringList& args)
{
    QProcess process;
    process.start(QStringLiteral(NANOJS_PATH), args);
    process.waitForFinished(30000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestHarCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString script(const QString& name, const QByteArray& code)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(code);
        return path;
    }

    // The HAR at `path` passes the schema check and has no entries.
    void verifyEmptyHar(const QString& path)
    {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
        const QStringList errors = nano::test::harSchemaErrors(doc);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        const QJsonObject log = doc.object().value(QStringLiteral("log")).toObject();
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
        QCOMPARE(log.value(QStringLiteral("creator")).toObject().value(QStringLiteral("name")),
                 QJsonValue(QStringLiteral("NANO Workbench")));
        QCOMPARE(log.value(QStringLiteral("entries")).toArray().size(), 0);
    }

private slots:
    void theFlagIsDocumentedAndChecked()
    {
        QVERIFY(nanojs({QStringLiteral("--help")}).out.contains(QLatin1String("--har FILE")));
        const Result eval = nanojs({QStringLiteral("eval"), QStringLiteral("--har"),
                                    m_dir.filePath(QStringLiteral("e.har")), QStringLiteral("1")});
        QCOMPARE(eval.exitCode, 2);
        QVERIFY2(eval.err.contains(QLatin1String("--har belongs to run")), qPrintable(eval.err));
        const Result missing = nanojs({QStringLiteral("run"), QStringLiteral("--har")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QLatin1String("--har needs a FILE")),
                 qPrintable(missing.err));
    }

    void aRunWritesAnEmptyValidHar()
    {
        const QString har = m_dir.filePath(QStringLiteral("ok.har"));
        const QString file = script(QStringLiteral("ok.js"), "console.log('hi');\n");
        const Result r = nanojs({QStringLiteral("run"), QStringLiteral("--har"), har, file});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("hi\n")); // the script's own output is unchanged
        verifyEmptyHar(har);
    }

    void aRunThatThrowsOrIsStoppedStillWritesIt()
    {
        const QString thrown = m_dir.filePath(QStringLiteral("throws.har"));
        const Result r = nanojs({QStringLiteral("run"), QStringLiteral("--har"), thrown,
                                 script(QStringLiteral("throws.js"), "throw new Error('x');\n")});
        QCOMPARE(r.exitCode, 1);
        verifyEmptyHar(thrown);

        const QString stopped = m_dir.filePath(QStringLiteral("stopped.har"));
        const Result s =
            nanojs({QStringLiteral("run"), QStringLiteral("--timeout"), QStringLiteral("0.3"),
                    QStringLiteral("--har"), stopped,
                    script(QStringLiteral("forever.js"), "setInterval(() => {}, 10);\n")});
        QCOMPARE(s.exitCode, 124);
        verifyEmptyHar(stopped);
    }

    void nanoExitStillWritesIt()
    {
        const QString har = m_dir.filePath(QStringLiteral("exit.har"));
        const Result r = nanojs({QStringLiteral("run"), QStringLiteral("--har"), har,
                                 script(QStringLiteral("exit.js"), "Nano.exit(3);\n")});
        QCOMPARE(r.exitCode, 3);
        verifyEmptyHar(har);
    }

    void aFileThatCannotBeWrittenFailsTheRun()
    {
        const QString har = m_dir.filePath(QStringLiteral("no/such/dir/x.har"));
        const Result r = nanojs({QStringLiteral("run"), QStringLiteral("--har"), har,
                                 script(QStringLiteral("fine.js"), "1;\n")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QLatin1String("cannot write the HAR file")), qPrintable(r.err));
    }

    void realFetchesAreEntries()
    {
        QProcess server;
        server.start(QStringLiteral(NANOJS_PATH), {QStringLiteral("serve-test")});
        QVERIFY(server.waitForReadyRead(10000));
        const QString base = QString::fromUtf8(server.readLine()).trimmed();
        QVERIFY2(base.startsWith(QLatin1String("http://127.0.0.1:")), qPrintable(base));

        const QString har = m_dir.filePath(QStringLiteral("fetch.har"));
        const QString file = script(QStringLiteral("fetches.js"),
                                    "const base = '" + base.toUtf8() +
                                        "';\n"
                                        "await (await fetch(base + '/get?q=1')).text();\n"
                                        "await (await fetch(base + '/redirect/1')).text();\n"
                                        "await (await fetch(base + '/anything', {method: 'POST',"
                                        " body: 'payload'})).json();\n"
                                        "await fetch('http://127.0.0.1:1/').catch(() => {});\n");
        const Result r = nanojs({QStringLiteral("run"), QStringLiteral("--har"), har, file});
        server.kill();
        server.waitForFinished(5000);
        QCOMPARE(r.exitCode, 0);

        QFile in(har);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        const QStringList errors = nano::test::harSchemaErrors(doc);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        const QJsonArray entries = nano::test::harEntries(doc);
        QCOMPARE(entries.size(), 5);
        const auto entry = [&](int i) { return entries.at(i).toObject(); };
        const auto request = [&](int i) {
            return entry(i).value(QStringLiteral("request")).toObject();
        };
        const auto response = [&](int i) {
            return entry(i).value(QStringLiteral("response")).toObject();
        };
        const auto str = [](const QJsonObject& o, const char* key) {
            return o.value(QLatin1String(key)).toString();
        };

        QCOMPARE(str(request(0), "url"), base + QStringLiteral("/get?q=1"));
        QCOMPARE(response(0).value(QStringLiteral("status")).toInt(), 200);
        QVERIFY(response(0)
                    .value(QStringLiteral("content"))
                    .toObject()
                    .value(QStringLiteral("size"))
                    .toInt() > 0);
        QCOMPARE(str(entry(0), "_nanoInitiator"), QStringLiteral("fetches.js:2"));
        QCOMPARE(str(entry(0), "_nanoState"), QStringLiteral("done"));

        QCOMPARE(str(request(1), "url"), base + QStringLiteral("/redirect/1"));
        QCOMPARE(response(1).value(QStringLiteral("status")).toInt(), 302);
        QCOMPARE(str(response(1), "redirectURL"), base + QStringLiteral("/get"));
        QCOMPARE(str(request(2), "url"), base + QStringLiteral("/get"));

        QCOMPARE(str(request(3), "method"), QStringLiteral("POST"));
        QCOMPARE(str(request(3).value(QStringLiteral("postData")).toObject(), "text"),
                 QStringLiteral("payload"));

        QCOMPARE(str(request(4), "url"), QStringLiteral("http://127.0.0.1:1/"));
        QCOMPARE(str(entry(4), "_nanoState"), QStringLiteral("failed"));
        QCOMPARE(str(entry(4), "_nanoErrorCode"), QStringLiteral("ECONNREFUSED"));
    }
};

QTEST_GUILESS_MAIN(TestHarCli)
#include "tst_har_cli.moc"
