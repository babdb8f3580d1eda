// nanojs run --har FILE: the flag is documented, needs a file and belongs to run; the file is
// written however the run ends (it completes, throws, or is stopped by --timeout), and is a
// valid HAR 1.2 log (har_schema.h) with no entries while scripts make no requests. What the
// entries hold is tested with toy fetches in tests/engine/tst_fetch_traffic.

#include "har_schema.h"

#include <QFile>
#include <QJsonArray>
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
};

QTEST_GUILESS_MAIN(TestHarCli)
#include "tst_har_cli.moc"
