// nanojs as a user runs it: exit statuses, stdout/stderr, limits, usage errors.

#include "../sanitizers/sanitizer_build.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestNanojs : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Result {
        int exitCode = -1;
        QString out;
        QString err;
        qint64 ms = 0;
        bool crashed = false;
    };

    QString script(const QString& name, const QByteArray& code)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(code);
        return path;
    }

    static Result nanojs(const QStringList& args, int timeoutMs = 30000)
    {
        QProcess process;
        QElapsedTimer timer;
        timer.start();
        process.start(QStringLiteral(NANOJS_PATH), args);
        process.waitForFinished(timeoutMs);
        Result r;
        r.ms = timer.elapsed();
        r.exitCode = process.exitCode();
        r.crashed = process.exitStatus() == QProcess::CrashExit;
        r.out = QString::fromUtf8(process.readAllStandardOutput());
        r.err = QString::fromUtf8(process.readAllStandardError());
        return r;
    }

private slots:
    void successGoesToStdout()
    {
        const Result r =
            nanojs({QStringLiteral("run"), script(QStringLiteral("ok.js"),
                                                  "console.log('out', [1]); console.info('info');"
                                                  "console.warn('warn'); console.error('err');"
                                                  "console.debug('debug'); console.table([{a: 1}]);"
                                                  "console.trace('here');")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QLatin1String("out [ 1 ]\ninfo\n")));
        QVERIFY(r.out.contains(QLatin1String("debug\n")));
        QVERIFY(r.out.contains(QString::fromUtf8("│ (index) │")));
        QVERIFY(r.err.startsWith(QLatin1String("warn\nerr\nTrace: here\n    at ")));
    }

    void consoleDirOptions()
    {
        const Result r = nanojs({QStringLiteral("run"),
                                 script(QStringLiteral("dir.js"),
                                        "const x = { a: { b: { c: { d: 1 } } } };"
                                        "console.dir(x, null); console.dir(x, { depth: Infinity });"
                                        "console.dir(x, { depth: 0 });")});
        QCOMPARE(r.exitCode, 0);
        // The same as Node prints.
        QCOMPARE(r.out, QStringLiteral("{ a: { b: { c: [Object] } } }\n"
                                       "{\n  a: { b: { c: { d: 1 } } }\n}\n"
                                       "{ a: [Object] }\n"));
    }

    void platformObjectsPrintLikeNode()
    {
        const Result r =
            nanojs({QStringLiteral("run"),
                    script(QStringLiteral("platform.js"),
                           "console.log(new URLSearchParams('q=1&r=two'));"
                           "console.log(new URLSearchParams());"
                           "console.log({ p: new URL('http://h/?x=%7e&y').searchParams });"
                           "console.log(new URLSearchParams('k=' + 'v'.repeat(70) + '&a=1'));"
                           "console.log(new URL('https://u@h.example:81/p?q#f'));")});
        QCOMPARE(r.exitCode, 0);
        // The same as Node prints.
        QCOMPARE(r.out, QStringLiteral("URLSearchParams { 'q' => '1', 'r' => 'two' }\n"
                                       "URLSearchParams {}\n"
                                       "{ p: URLSearchParams { 'x' => '~', 'y' => '' } }\n"
                                       "URLSearchParams {\n  'k' => '%1',\n  'a' => '1' }\n"
                                       "URL {\n"
                                       "  href: 'https://u@h.example:81/p?q#f',\n"
                                       "  origin: 'https://h.example:81',\n"
                                       "  protocol: 'https:',\n"
                                       "  username: 'u',\n"
                                       "  password: '',\n"
                                       "  host: 'h.example:81',\n"
                                       "  hostname: 'h.example',\n"
                                       "  port: '81',\n"
                                       "  pathname: '/p',\n"
                                       "  search: '?q',\n"
                                       "  searchParams: URLSearchParams { 'q' => '' },\n"
                                       "  hash: '#f'\n"
                                       "}\n")
                            .arg(QString(70, QLatin1Char('v'))));
    }

    void groupsIndentWithoutExtraLines()
    {
        const Result r = nanojs({QStringLiteral("run"),
                                 script(QStringLiteral("groups.js"),
                                        "console.group(); console.log('x'); console.groupEnd();"
                                        "console.group('g'); console.log('y'); console.groupEnd();"
                                        "console.log('z');")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("  x\ng\n  y\nz\n"));
    }

    void uncaughtErrorExitsWithOne()
    {
        const Result r = nanojs(
            {QStringLiteral("run"), script(QStringLiteral("throws.js"),
                                           "const x = 1;\n  throw new TypeError('broken');\n")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        // The location is where the error was created, as in its stack.
        QVERIFY2(r.err.contains(QLatin1String("throws.js:2:9\n  throw new TypeError('broken');\n"
                                              "        ^\nUncaught TypeError: broken\n    at ")),
                 qPrintable(r.err));
    }

    void unhandledRejectionExitsWithOne()
    {
        const Result r = nanojs(
            {QStringLiteral("run"), script(QStringLiteral("rejects.js"),
                                           "Promise.reject(new Error('nobody catches me'));")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QLatin1String("Uncaught (in promise) Error: nobody catches me")));
    }

    void handledLateRejectionIsFine()
    {
        const Result r =
            nanojs({QStringLiteral("run"),
                    script(QStringLiteral("late.js"), "const p = Promise.reject(new Error('x'));"
                                                      "p.catch(() => console.log('caught'));")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("caught\n"));
    }

    void unhandledWebAssemblyRejectionExitsWithOne()
    {
        const Result r = nanojs(
            {QStringLiteral("run"), script(QStringLiteral("wasm.js"),
                                           "WebAssembly.compile(new Uint8Array([0, 1, 2, 3]));")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QLatin1String("CompileError")));
    }

    void infiniteTimeoutIsNoLimit()
    {
        const Result r =
            nanojs({QStringLiteral("run"), QStringLiteral("--timeout"), QStringLiteral("inf"),
                    script(QStringLiteral("quick.js"), "console.log('done')")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("done\n"));
        QVERIFY(r.err.isEmpty());
    }

    void exitCodeFromScript()
    {
        const Result r = nanojs({QStringLiteral("run"),
                                 script(QStringLiteral("exit.js"),
                                        "console.log('bye'); Nano.exit(7); console.log('no');")});
        QCOMPARE(r.exitCode, 7);
        QCOMPARE(r.out, QStringLiteral("bye\n"));
    }

    void scriptArgumentsAndClassic()
    {
        const Result r = nanojs(
            {QStringLiteral("run"), QStringLiteral("--classic"),
             script(QStringLiteral("classic.js"), "var top = this === globalThis; console.log(top, "
                                                  "Nano.args.join(','))"),
             QStringLiteral("a"), QStringLiteral("--b")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("true a,--b\n"));
    }

    void eval()
    {
        Result r = nanojs({QStringLiteral("eval"), QStringLiteral("({ a: 1 + 1 })")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("{ a: 2 }\n"));
        r = nanojs({QStringLiteral("eval"), QStringLiteral("undefined")});
        QCOMPARE(r.out, QString());
    }

    void unsettledTopLevelAwait()
    {
        const Result r = nanojs({QStringLiteral("run"),
                                 script(QStringLiteral("tla.js"), "await new Promise(() => {});")});
        QCOMPARE(r.exitCode, 13);
        QVERIFY(r.err.contains(QLatin1String("unsettled top-level await")));
    }

    void timeoutStopsABusyLoop()
    {
        const Result r =
            nanojs({QStringLiteral("run"), QStringLiteral("--timeout"), QStringLiteral("1"),
                    script(QStringLiteral("busy.js"), "while (true) {}")});
        QCOMPARE(r.exitCode, 124);
        QVERIFY(r.ms >= 900 && r.ms < 3000 * nano::test::kTimeScale);
        QVERIFY(r.err.contains(QLatin1String("timed out")));
    }

    void heapLimit()
    {
        const Result r =
            nanojs({QStringLiteral("run"), QStringLiteral("--max-heap-mb"), QStringLiteral("48"),
                    script(QStringLiteral("oom.js"),
                           "const a = []; while (true) a.push('x' + a.length);")});
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QLatin1String("JavaScript heap out of memory")));
    }

    void usageErrors()
    {
        Result r = nanojs({QStringLiteral("run"), m_dir.filePath(QStringLiteral("missing.js"))});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY(r.err.startsWith(QLatin1String("nanojs: cannot find")));
        r = nanojs({QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        r = nanojs({QStringLiteral("run")});
        QCOMPARE(r.exitCode, 2);
        r = nanojs({QStringLiteral("run"), QStringLiteral("--timeout"), QStringLiteral("x"),
                    QStringLiteral("f.js")});
        QCOMPARE(r.exitCode, 2);
    }

    void versionAndHelp()
    {
        Result r = nanojs({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QLatin1String("nanojs " NANO_VERSION)));
        r = nanojs({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QLatin1String("nanojs run")));
    }

    void missingImportNamesFileAndSpecifier()
    {
        const Result r =
            nanojs({QStringLiteral("run"),
                    script(QStringLiteral("imports.js"), "import { x } from './nowhere.js';")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QLatin1String("nowhere.js")));
        QVERIFY(r.err.contains(QLatin1String("imports.js")));
    }

    // A broken module anywhere in the graph is a SyntaxError naming the file, never a crash
    // (V8 aborted with `has_pending_exception()` when a nested compile failed).
    void brokenModulesAreSyntaxErrors_data()
    {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("expected");
        QTest::newRow("syntax error")
            << QStringLiteral("import { x } from './bad.mjs';") << QStringLiteral("bad.mjs:1:18");
        QTest::newRow("two levels down")
            << QStringLiteral("import './mid.mjs';") << QStringLiteral("bad.mjs:1:18");
        QTest::newRow("binary file") << QStringLiteral("import './binary.mjs';")
                                     << QStringLiteral("SyntaxError: Invalid or unexpected token");
        QTest::newRow("invalid JSON")
            << QStringLiteral("import d from './bad.json' assert { type: 'json' };")
            << QStringLiteral("SyntaxError: Cannot parse JSON module");
        QTest::newRow("JSON without its type") << QStringLiteral("import d from './good.json';")
                                               << QStringLiteral("TypeError: Module 'file://");
    }

    void brokenModulesAreSyntaxErrors()
    {
        QFETCH(QString, entry);
        QFETCH(QString, expected);
        script(QStringLiteral("bad.mjs"), "export const x = ;\n");
        script(QStringLiteral("mid.mjs"), "import './bad.mjs';\n");
        script(QStringLiteral("binary.mjs"), QByteArray("\x7f"
                                                        "ELF\x02\x01\x00\x00\xff\xfe",
                                                        11));
        script(QStringLiteral("bad.json"), "{bad json");
        script(QStringLiteral("good.json"), "{\"a\": 1}");
        const Result r =
            nanojs({QStringLiteral("run"), script(QStringLiteral("entry.mjs"), entry.toUtf8())});
        QVERIFY2(!r.crashed && r.exitCode == 1, qPrintable(r.err));
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    }

    void importOfABrokenModuleRejectsCatchably()
    {
        script(QStringLiteral("bad.mjs"), "export const x = ;\n");
        script(QStringLiteral("mid.mjs"), "import './bad.mjs';\n");
        script(QStringLiteral("bad.json"), "{bad json");
        script(QStringLiteral("good.json"), "{\"a\": 1}");
        const Result r = nanojs({QStringLiteral("run"),
                                 script(QStringLiteral("dynamic.mjs"),
                                        "for (const [s, o] of [['./mid.mjs'], ['./bad.json', { "
                                        "assert: { type: 'json' } }],"
                                        "                      ['./good.json']]) {\n"
                                        "  try { await import(s, o); console.log('loaded', s); }\n"
                                        "  catch (e) { console.log(e.name); }\n"
                                        "}\n"
                                        "console.log((await import('./good.json', { assert: { "
                                        "type: 'json' } })).default.a);")});
        QVERIFY2(!r.crashed && r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("SyntaxError\nSyntaxError\nTypeError\n1\n"));
    }

    // Every shape of heap growth ends with the clean RangeError: a Map's table doubles in one
    // allocation that used to abort V8 ("CALL_AND_RETRY_LAST").
    void heapLimitHoldsForEveryShape_data()
    {
        QTest::addColumn<QByteArray>("code");
        QTest::newRow("Map") << QByteArray(
            "const m = new Map(); let i = 0; while (true) m.set(i, { i: i++ });");
        QTest::newRow("Set") << QByteArray(
            "const s = new Set(); let i = 0; while (true) s.add('k' + i++);");
        QTest::newRow("object") << QByteArray(
            "const o = {}; let i = 0; while (true) o['k' + i] = i++;");
        QTest::newRow("array") << QByteArray("const a = []; while (true) a.push([a.length]);");
    }

    void heapLimitHoldsForEveryShape()
    {
        QFETCH(QByteArray, code);
        const Result r = nanojs({QStringLiteral("run"), QStringLiteral("--max-heap-mb"),
                                 QStringLiteral("128"), script(QStringLiteral("grow.js"), code)});
        QVERIFY2(!r.crashed && r.exitCode == 1, qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("RangeError: JavaScript heap out of memory")),
                 qPrintable(r.err));
    }

    // One builtin that never checks for termination (filling a dictionary-mode array) used to
    // run 50 s and grow to 3.9 GB past a 256 MB limit and a 5 s time-out.
    void limitsHoldInsideOneLongBuiltin()
    {
        const QString fill = script(QStringLiteral("fill.js"), "new Array(5e7).fill(1.5);");
        Result r =
            nanojs({QStringLiteral("run"), QStringLiteral("--timeout"), QStringLiteral("1"), fill});
        QVERIFY2(!r.crashed && r.exitCode == 124, qPrintable(r.err));
        // The bounds catch a limit that waits for the builtin to end (or never fires), with
        // room for a loaded 2-core machine; they time no performance.
        QVERIFY2(r.ms < 10000 * nano::test::kTimeScale, qPrintable(QString::number(r.ms)));
        QVERIFY(r.err.contains(QLatin1String("timed out")));
        r = nanojs(
            {QStringLiteral("run"), QStringLiteral("--max-heap-mb"), QStringLiteral("128"), fill});
        QVERIFY2(!r.crashed && r.exitCode == 1, qPrintable(r.err));
        QVERIFY2(r.ms < 60000 * nano::test::kTimeScale, qPrintable(QString::number(r.ms)));
        QVERIFY2(r.err.contains(QLatin1String("JavaScript heap out of memory")), qPrintable(r.err));
    }

    // stdout into a pipe is block-buffered, but output still leaves every batch interval.
    void outputReachesAPipeWhileTheScriptLives()
    {
        QProcess process;
        process.start(
            QStringLiteral(NANOJS_PATH),
            {QStringLiteral("run"), script(QStringLiteral("alive.js"),
                                           "console.log('hello'); setInterval(() => {}, 1000);")});
        QVERIFY(process.waitForStarted());
        QVERIFY(process.waitForReadyRead(3000));
        QCOMPARE(process.readAllStandardOutput(), QByteArray("hello\n"));
        process.kill();
        process.waitForFinished();
    }

    // https://dom.spec.whatwg.org/#concept-event-listener-inner-invoke: a listener's exception
    // is reported and dispatch goes on; the unhandled report ends the run after this task.
    void listenerErrorIsReportedAndDispatchGoesOn()
    {
        const Result r =
            nanojs({QStringLiteral("run"),
                    script(QStringLiteral("listener.js"),
                           "const t = new EventTarget();\n"
                           "t.addEventListener('x', () => { throw new Error('in listener'); });\n"
                           "t.addEventListener('x', () => console.log('second'));\n"
                           "console.log('returned', t.dispatchEvent(new Event('x')));\n"
                           "const c = new AbortController();\n"
                           "c.signal.onabort = () => { throw new Error('in onabort'); };\n"
                           "c.abort(); console.log('after abort');\n"
                           "setTimeout(() => console.log('never'), 0);\n")});
        QVERIFY(!r.crashed);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out, QStringLiteral("second\nreturned true\nafter abort\n"));
        QVERIFY2(r.err.contains(QLatin1String("Uncaught Error: in listener")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("Uncaught Error: in onabort")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("listener.js:2:")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestNanojs)
#include "tst_nanojs.moc"
