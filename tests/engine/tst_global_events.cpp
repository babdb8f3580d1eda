// The global scope as an EventTarget, through the controller (the same engine as nanojs): what
// ends a run and what does not when "error" and "unhandledrejection" listeners are involved,
// and timers that do not keep a run alive (AbortSignal.timeout).

#include "engine/controller.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace nano;

class TestGlobalEvents : public QObject {
    Q_OBJECT

private:
    struct Outcome {
        RunResult result;
        QStringList console;
    };

    static Outcome runScript(const QString& code)
    {
        Controller controller;
        QSignalSpy console(&controller, &Controller::inspectorEvents);
        QSignalSpy finished(&controller, &Controller::runFinished);
        RunRequest request;
        request.source = code;
        request.sourceName = QStringLiteral("events.js");
        controller.run(request);
        Outcome out;
        if (finished.isEmpty() && !finished.wait(10000)) {
            out.result.status = RunResult::Status::Failed;
            out.result.exitCode = -1;
            return out;
        }
        out.result = finished.takeLast().at(0).value<RunResult>();
        QTest::qWait(20); // the last console batch
        for (const QList<QVariant>& args : console)
            for (const ConsoleMessage& m : args.at(0).value<InspectorBatch>().consoleMessages())
                out.console << m.text;
        return out;
    }

    static bool anyContains(const QStringList& list, const QString& text)
    {
        for (const QString& line : list)
            if (line.contains(text)) return true;
        return false;
    }

private slots:
    void errorListenerThatDoesNotCancelEndsTheRun()
    {
        const Outcome out = runScript(
            QStringLiteral("addEventListener('error', (e) => console.log('saw', e.message));\n"
                           "setTimeout(() => console.log('never'), 5);\n"
                           "throw new Error('boom');\n"));
        QCOMPARE(out.result.status, RunResult::Status::Failed);
        QCOMPARE(out.result.exitCode, 1);
        QVERIFY(out.console.contains(QStringLiteral("saw Uncaught Error: boom")));
        QVERIFY(anyContains(out.console, QStringLiteral("Uncaught Error: boom")));
        QVERIFY(!out.console.contains(QStringLiteral("never")));
    }

    void cancelledErrorKeepsTheRunGoing()
    {
        const Outcome out =
            runScript(QStringLiteral("addEventListener('error', (e) => e.preventDefault());\n"
                                     "setTimeout(() => console.log('still here'), 5);\n"
                                     "throw new Error('handled');\n"));
        QCOMPARE(out.result.status, RunResult::Status::Completed);
        QCOMPARE(out.result.exitCode, 0);
        QCOMPARE(out.console, QStringList{QStringLiteral("still here")});
    }

    void listenerExceptionIsUncaughtUnlessCancelled()
    {
        const Outcome out = runScript(QStringLiteral(
            "const t = new EventTarget();\n"
            "t.addEventListener('x', () => { throw new TypeError('in listener'); });\n"
            "t.dispatchEvent(new Event('x'));\n"
            "console.log('dispatch returned');\n"
            "setTimeout(() => console.log('not reached'), 0);\n"));
        QCOMPARE(out.result.exitCode, 1);
        QVERIFY(out.result.errorText.contains(QLatin1String("Uncaught TypeError: in listener")));
        // The dispatching code goes on (DOM); the run ends after its task (as in Node).
        QVERIFY(out.console.contains(QStringLiteral("dispatch returned")));
        QVERIFY(!out.console.contains(QStringLiteral("not reached")));
    }

    void throwingErrorListenerDoesNotRecurse()
    {
        const Outcome out = runScript(
            QStringLiteral("let calls = 0;\n"
                           "addEventListener('error', () => { calls++; console.log('calls', calls);"
                           " throw new Error('listener ' + calls); });\n"
                           "throw new Error('original');\n"));
        QCOMPARE(out.result.exitCode, 1);
        QCOMPARE(out.console.count(QStringLiteral("calls 1")), 1);
        QVERIFY(!out.console.contains(QStringLiteral("calls 2")));
        QVERIFY(anyContains(out.console, QStringLiteral("Uncaught Error: listener 1")));
    }

    void unhandledRejectionListener()
    {
        Outcome out = runScript(QStringLiteral(
            "addEventListener('unhandledrejection', (e) => console.log('saw', e.reason));\n"
            "Promise.reject('not cancelled');\n"));
        QCOMPARE(out.result.exitCode, 1);
        QVERIFY(out.console.contains(QStringLiteral("saw not cancelled")));
        QVERIFY(anyContains(out.console, QStringLiteral("Uncaught (in promise)")));

        out = runScript(
            QStringLiteral("addEventListener('unhandledrejection', (e) => e.preventDefault());\n"
                           "Promise.reject('cancelled');\n"
                           "setTimeout(() => console.log('after'), 1);\n"));
        QCOMPARE(out.result.exitCode, 0);
        QCOMPARE(out.console, QStringList{QStringLiteral("after")});
    }

    void pendingTimeoutSignalDoesNotKeepTheRunAlive()
    {
        QElapsedTimer timer;
        timer.start();
        const Outcome out = runScript(QStringLiteral("const s = AbortSignal.timeout(60000);\n"
                                                     "s.onabort = () => console.log('aborted');\n"
                                                     "console.log('end');\n"));
        QCOMPARE(out.result.status, RunResult::Status::Completed);
        QCOMPARE(out.console, QStringList{QStringLiteral("end")});
        QVERIFY(timer.elapsed() < 5000);

        // While something else keeps the run alive, the timeout fires.
        const Outcome alive =
            runScript(QStringLiteral("const s = AbortSignal.timeout(1);\n"
                                     "s.onabort = () => console.log(s.reason.name);\n"
                                     "setTimeout(() => {}, 30);\n"));
        QCOMPARE(alive.console, QStringList{QStringLiteral("TimeoutError")});
    }

    void cyclesBetweenTargetsAndListenersEndCleanly()
    {
        // Listener closures that refer to their own targets, a chain of dependent signals and
        // pending timeout signals, all alive when the run ends: nothing crashes or leaks.
        const Outcome out =
            runScript(QStringLiteral("for (let i = 0; i < 1000; i++) {\n"
                                     "  const c = new AbortController();\n"
                                     "  c.signal.addEventListener('abort', () => c.abort());\n"
                                     "  const t = new EventTarget();\n"
                                     "  t.addEventListener('x', () => t, { signal: "
                                     "AbortSignal.any([c.signal, AbortSignal.timeout(1e6)]) });\n"
                                     "  if (i % 2) c.abort();\n"
                                     "}\n"
                                     "console.log('ok');\n"));
        QCOMPARE(out.result.exitCode, 0);
        QCOMPARE(out.console, QStringList{QStringLiteral("ok")});
    }
};

QTEST_GUILESS_MAIN(TestGlobalEvents)
#include "tst_global_events.moc"
