// The real nano-workbench binary (offscreen) when V8 must end the process: an unsaved buffer
// (from standard input) runs `new Array(5e7).fill(1.5)` under --max-heap-mb 128, the process
// exits with code 1 through V8's fatal error path, and the next start with the same autosave
// directory restores the buffer and says that the last run exhausted the JavaScript heap.

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QProcessEnvironment environmentFor(const QTemporaryDir& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/data"));
    return env;
}

// The texts of every autosaved buffer under `root`.
QStringList autosavedTexts(const QString& root)
{
    QStringList texts;
    QDirIterator it(root, {QStringLiteral("*.autosave.json")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly)) texts << QString::fromUtf8(file.readAll());
    }
    return texts;
}

} // namespace

class TestFatalError : public QObject {
    Q_OBJECT
private slots:
    void outOfMemoryLosesNothingAndTheNextStartSaysWhy()
    {
        QTemporaryDir home;
        const QString data = home.path() + QStringLiteral("/data");

        QProcess first;
        first.setProcessEnvironment(environmentFor(home));
        first.start(QStringLiteral(NANO_WORKBENCH_PATH),
                    {QStringLiteral("--max-heap-mb"), QStringLiteral("128"),
                     QStringLiteral("--run"), QStringLiteral("-")});
        QVERIFY(first.waitForStarted());
        first.write("let precious = 'keep me';\nnew Array(5e7).fill(1.5);\n");
        first.closeWriteChannel();
        QVERIFY(first.waitForFinished(60000));
        const QString firstErrors = QString::fromLocal8Bit(first.readAllStandardError());
        QCOMPARE(first.exitStatus(), QProcess::NormalExit);
        QCOMPARE(first.exitCode(), 1);
        QVERIFY2(firstErrors.contains(QStringLiteral("JavaScript heap out of memory")),
                 qPrintable(firstErrors));
        // Saved (before the run, and again by the fatal error hook), with the hook's note.
        QVERIFY2(autosavedTexts(data).join(u'\n').contains(QStringLiteral("keep me")),
                 qPrintable(autosavedTexts(data).join(u'\n')));
        QDirIterator notes(data, {QStringLiteral("fatal-error.txt")}, QDir::Files,
                           QDirIterator::Subdirectories);
        QVERIFY(notes.hasNext());

        QProcess second;
        second.setProcessEnvironment(environmentFor(home));
        second.start(QStringLiteral(NANO_WORKBENCH_PATH), {});
        QVERIFY(second.waitForStarted());
        QString errors;
        QTRY_VERIFY_WITH_TIMEOUT((errors += QString::fromLocal8Bit(second.readAllStandardError()))
                                         .contains(QStringLiteral("restored")) ||
                                     second.state() == QProcess::NotRunning,
                                 20000);
        QVERIFY2(errors.contains(QStringLiteral("The last run exhausted the JavaScript heap and "
                                                "NANO Workbench had to close. Unsaved buffers "
                                                "restored: 1.")),
                 qPrintable(errors));
        // The restored buffer is unsaved work of the new session (autosaved again at once);
        // the old session is gone, so a third start would not ask again.
        QTRY_COMPARE(autosavedTexts(data).size(), 1);
        QVERIFY(autosavedTexts(data).first().contains(QStringLiteral("keep me")));
        second.kill();
        QVERIFY(second.waitForFinished());
    }
};

QTEST_GUILESS_MAIN(TestFatalError)
#include "tst_fatal_error.moc"
