// Start-up: the real nano-workbench binary, offscreen, from main() to the window's first paint
// (NANO_STARTUP_TIMING=quit makes it print that time and quit). The bound is generous, for a
// loaded two-core machine; it catches slow work creeping into start-up (the engine's isolate is
// only created by the first run, and the UI thread does no blocking I/O beyond the settings).

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

class TestStartup : public QObject {
    Q_OBJECT
private slots:
    void firstPaintComesQuickly()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("NANO_STARTUP_TIMING"), QStringLiteral("quit"));
        // Fresh settings and no autosaved buffers to offer.
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/data"));
        QProcess app;
        app.setProcessEnvironment(env);
        QElapsedTimer wall;
        wall.start();
        app.start(QStringLiteral(NANO_WORKBENCH_PATH), {QStringLiteral(NANO_EXAMPLE_FILE)});
        QVERIFY(app.waitForFinished(30000));
        const qint64 wallMs = wall.elapsed();
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        const QString output = QString::fromLocal8Bit(app.readAllStandardError());
        const QRegularExpressionMatch match =
            QRegularExpression(QStringLiteral("first paint after (\\d+) ms")).match(output);
        QVERIFY2(match.hasMatch(), qPrintable(output));
        const int ms = match.captured(1).toInt();
        // The process time also counts loading the libraries and shutting down.
        qInfo("nano-workbench: main() to first paint %d ms; process start to exit %lld ms", ms,
              static_cast<long long>(wallMs));
        QVERIFY2(ms < 1500, qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(TestStartup)
#include "tst_startup.moc"
