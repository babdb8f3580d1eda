// The WPT check's own test. The comparison and the parsers get fake input; then wpt_runner
// runs selftest/must-fail.any.js (and generated files) through the real nanojs, and must
// report an unlisted failure, a missing file, a stale expectation, a hang and a crash.

#include "wpt_suite.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace nano::wpt;

namespace {

const QString kFile = QStringLiteral("area/x.any.js");

FileResult fakeResult(const QVector<Subtest>& subtests,
                      const QString& harness = QStringLiteral("OK"))
{
    FileResult result;
    result.subtests = subtests;
    result.harnessStatus = harness;
    result.done = true;
    return result;
}

QVector<Problem::Kind> kinds(const QVector<Problem>& problems)
{
    QVector<Problem::Kind> out;
    for (const Problem& p : problems)
        out << p.kind;
    return out;
}

struct RunnerResult {
    int exitCode = -1;
    QString out;
};

} // namespace

class TestWptSuite : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& text)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(text);
        return path;
    }

    // wpt_runner over tests in `testsRoot` with the real upstream resources and harness.
    RunnerResult runner(const QByteArray& manifest, const QByteArray& expectations,
                        const QString& testsRoot = QStringLiteral(WPT_DIR "/selftest"),
                        const QStringList& extra = {})
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(WPT_RUNNER_PATH),
                      QStringList{QStringLiteral("--nanojs"), QStringLiteral(NANOJS_PATH),
                                  QStringLiteral("--root"), QStringLiteral(WPT_DIR "/upstream"),
                                  QStringLiteral("--tests-root"), testsRoot,
                                  QStringLiteral("--harness"), QStringLiteral(WPT_DIR "/harness"),
                                  QStringLiteral("--manifest"),
                                  write(QStringLiteral("manifest.txt"), manifest),
                                  QStringLiteral("--expectations"),
                                  write(QStringLiteral("expect.md"), expectations)} +
                          extra);
        process.waitForFinished(60000);
        return {process.exitCode(), QString::fromUtf8(process.readAll())};
    }

private slots:
    void manifestLines()
    {
        const Manifest m =
            parseManifest(QStringLiteral("# c\non  a/b.any.js\n\noff c.any.js # why\nmaybe d.js\n"),
                          QStringLiteral("m.txt"));
        QCOMPARE(m.entries.size(), 2);
        QCOMPARE(m.entries[0].path, QStringLiteral("a/b.any.js"));
        QVERIFY(m.entries[0].enabled);
        QVERIFY(!m.entries[1].enabled);
        QCOMPARE(m.entries[1].line, 4);
        QCOMPARE(m.errors.size(), 1);
        QVERIFY(m.errors[0].startsWith(QLatin1String("m.txt:5:")));
    }

    void expectationBlocks()
    {
        const ExpectationsParse e = parseExpectations(
            QStringLiteral(
                "# Doc\n```wpt-expected-failures\n# why\nstreams/a.any.js: name: with colon\n"
                "streams/a.any.js: <harness>\n```\nprose: x.js: not a block\n```js\nb.any.js: "
                "no\n```\n"
                "```wpt-expected-failures\nc.any.js: other\nbroken line\n```\n"),
            QStringLiteral("conf.md"));
        QCOMPARE(e.expected.size(), 2);
        QCOMPARE(e.expected.value(QStringLiteral("streams/a.any.js")),
                 QSet<QString>({QStringLiteral("name: with colon"), kHarnessEntry}));
        QCOMPARE(e.expected.value(QStringLiteral("c.any.js")),
                 QSet<QString>{QStringLiteral("other")});
        QCOMPARE(e.errors.size(), 1);
        QVERIFY(e.errors[0].startsWith(QLatin1String("conf.md:13:")));
        QCOMPARE(parseExpectations(QStringLiteral("```wpt-expected-failures\na.js: b\n"), QString())
                     .errors.size(),
                 1);
    }

    void reporterOutput()
    {
        const FileResult r =
            parseOutput(QStringLiteral("noise\nWPTRESULT PASS \"a \\\"quoted\\\" name\"\nWPTRESULT "
                                       "FAIL \"b\" \"assert_true: x\"\n"
                                       "WPTRESULT PASS \"b\"\nWPTHARNESS OK \"\"\nWPTDONE 3\n"));
        QCOMPARE(r.subtests.size(), 3);
        QCOMPARE(r.subtests[0].name, QStringLiteral("a \"quoted\" name"));
        QCOMPARE(r.subtests[1].status, QStringLiteral("FAIL"));
        QCOMPARE(r.subtests[1].message, QStringLiteral("assert_true: x"));
        QCOMPARE(r.subtests[2].name, QStringLiteral("b #2")); // duplicates are numbered
        QCOMPARE(r.harnessStatus, QStringLiteral("OK"));
        QVERIFY(r.done);
        QVERIFY(!parseOutput(QStringLiteral("WPTRESULT PASS \"a\"\n")).done);
    }

    void comparison()
    {
        using K = Problem::Kind;
        const Subtest pass{QStringLiteral("PASS"), QStringLiteral("p"), QString()};
        const Subtest fail{QStringLiteral("FAIL"), QStringLiteral("f"), QStringLiteral("msg")};
        const Subtest timeout{QStringLiteral("TIMEOUT"), QStringLiteral("t"), QString()};
        const RunOutcome clean;
        // All pass, nothing listed: fine.
        QVERIFY(compare(kFile, fakeResult({pass}), clean, {}).isEmpty());
        // An unlisted failure (any status but PASS) is a problem; listed, it is not.
        QCOMPARE(kinds(compare(kFile, fakeResult({pass, fail, timeout}), clean, {})),
                 QVector<K>({K::UnexpectedFailure, K::UnexpectedFailure}));
        QVERIFY(compare(kFile, fakeResult({pass, fail, timeout}), clean,
                        {QStringLiteral("f"), QStringLiteral("t")})
                    .isEmpty());
        // A listed subtest that passes, or that never ran, is a stale line.
        QCOMPARE(kinds(compare(kFile, fakeResult({pass}), clean, {QStringLiteral("p")})),
                 QVector<K>{K::UnexpectedPass});
        QCOMPARE(kinds(compare(kFile, fakeResult({pass}), clean, {QStringLiteral("gone")})),
                 QVector<K>{K::ListedNotReported});
        // The harness status, unless listed as <harness>.
        QCOMPARE(kinds(compare(kFile, fakeResult({pass}, QStringLiteral("ERROR")), clean, {})),
                 QVector<K>{K::HarnessError});
        QVERIFY(compare(kFile, fakeResult({pass}, QStringLiteral("ERROR")), clean, {kHarnessEntry})
                    .isEmpty());
        QCOMPARE(kinds(compare(kFile, fakeResult({pass}), clean, {kHarnessEntry})),
                 QVector<K>{K::UnexpectedPass});
        // No WPTDONE, a kill or a non-zero exit, unless listed as <incomplete>.
        FileResult cut = fakeResult({pass});
        cut.done = false;
        QCOMPARE(kinds(compare(kFile, cut, clean, {QStringLiteral("f")})),
                 QVector<K>{K::Incomplete});
        QVERIFY(compare(kFile, cut, clean, {kIncompleteEntry, QStringLiteral("f")}).isEmpty());
        RunOutcome killed;
        killed.exitedByItself = false;
        killed.detail = QStringLiteral("timed out");
        QCOMPARE(kinds(compare(kFile, fakeResult({pass}), killed, {})), QVector<K>{K::Incomplete});
        RunOutcome failed;
        failed.exitCode = 1;
        const QVector<Problem> exit1 = compare(kFile, fakeResult({pass}), failed, {});
        QCOMPARE(kinds(exit1), QVector<K>{K::Incomplete});
        QVERIFY(describe(exit1[0]).contains(QLatin1String("exit code 1")));
    }

    void metaAndScript()
    {
        const QString root = m_dir.filePath(QStringLiteral("root"));
        write(QStringLiteral("root/resources/testharness.js"), "/*th*/");
        write(QStringLiteral("root/a/resources/dep.js"), "/*dep*/");
        write(QStringLiteral("root/common/top.js"), "/*top*/");
        write(QStringLiteral("root/a/t.any.js"),
              "// META: global=window,worker\n// META: script=resources/dep.js\n"
              "// META: script=/common/top.js?x=1\n// META: timeout=long\n'use "
              "strict';\ntest(()=>{});\n");
        write(QStringLiteral("root/a/m.any.js"), "// META: script=nope.js\ntest(()=>{});\n");
        const ScriptInputs in{root, root,
                              QStringLiteral("/*pre __WPT_TEST_PATH__ __WPT_WATCHDOG_MS__*/"),
                              QStringLiteral("/*rep*/"), 10000};
        const Script s = buildScript(QStringLiteral("a/t.any.js"), in);
        QVERIFY(s.missing.isEmpty());
        QCOMPARE(s.timeoutMs, 30000); // timeout=long
        QVERIFY(s.text.startsWith(QLatin1String("/*pre a/t.any.js 22000*/")));
        const int th = s.text.indexOf(QLatin1String("/*th*/")),
                  rep = s.text.indexOf(QLatin1String("/*rep*/"));
        const int dep = s.text.indexOf(QLatin1String("/*dep*/")),
                  top = s.text.indexOf(QLatin1String("/*top*/"));
        QVERIFY(th > 0 && th < rep && rep < dep && dep < top);
        QVERIFY(s.text.contains(QLatin1String("(function () {\n// META: global")));
        QCOMPARE(buildScript(QStringLiteral("a/m.any.js"), in).missing,
                 QStringList{QStringLiteral("a/nope.js")});
        QCOMPARE(buildScript(QStringLiteral("a/absent.any.js"), in).missing,
                 QStringList{QStringLiteral("a/absent.any.js")});
    }

    // The real runner and nanojs from here on.
    void runnerFailsOnAnUnlistedFailure()
    {
        const RunnerResult r = runner("on must-fail.any.js\n", "no blocks\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QLatin1String(
                     "unexpected failure: must-fail.any.js: fails on purpose -- FAIL")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("1/2 subtests passed, 1 problems")),
                 qPrintable(r.out));
    }

    void runnerPassesWhenTheFailureIsListed()
    {
        const RunnerResult r =
            runner("on must-fail.any.js\n",
                   "```wpt-expected-failures\nmust-fail.any.js: fails on purpose\n```\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("0 problems")));
    }

    void runnerFailsOnAStaleExpectation()
    {
        const RunnerResult r =
            runner("on must-fail.any.js\n",
                   "```wpt-expected-failures\nmust-fail.any.js: fails on purpose\n"
                   "must-fail.any.js: passes\nmust-fail.any.js: renamed\n```\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QLatin1String(
                     "passes (remove it from docs/conformance.md): must-fail.any.js: passes")),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("no such subtest ran: must-fail.any.js: renamed")));
    }

    void runnerFailsOnAMissingFile()
    {
        const RunnerResult r =
            runner("on must-fail.any.js\non gone.any.js\noff also-gone.any.js\n",
                   "```wpt-expected-failures\nmust-fail.any.js: fails on purpose\n```\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QLatin1String("missing file: gone.any.js")), qPrintable(r.out));
        QVERIFY(!r.out.contains(QLatin1String("also-gone")));
        // --check-areas checks every entry, enabled or not, without running anything.
        const RunnerResult check = runner(
            "on must-fail.any.js\noff also-gone.any.js\n", "", QStringLiteral(WPT_DIR "/selftest"),
            {QStringLiteral("--check-areas"), QStringLiteral("must-")});
        QCOMPARE(check.exitCode, 1);
        QVERIFY(check.out.contains(QLatin1String("missing file: also-gone.any.js")));
        QVERIFY(check.out.contains(QLatin1String("also-gone.any.js is in no ctest area")));
    }

    void runnerFailsOnAHangAndACrash()
    {
        const QString tests = m_dir.filePath(QStringLiteral("gen"));
        write(QStringLiteral("gen/hang.any.js"),
              "promise_test(() => new Promise(() => {}), 'hangs');\n");
        write(QStringLiteral("gen/throw.any.js"),
              "test(() => {}, 'first');\nthrow new Error('boom');\n");
        const RunnerResult r = runner("on hang.any.js\non throw.any.js\n", "", tests,
                                      {QStringLiteral("--timeout"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 1);
        // The watchdog times the pending test out and the harness reports it.
        QVERIFY2(r.out.contains(QLatin1String("unexpected failure: hang.any.js: hangs -- TIMEOUT")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QLatin1String("did not complete: throw.any.js")),
                 qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestWptSuite)
#include "tst_wpt_suite.moc"
