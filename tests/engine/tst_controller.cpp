// The controller as the UI and the CLI use it: runs on the engine thread, batched console
// signals, stop() from any thread, limits, heap statistics, REPL evaluation.

#include "engine/controller.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <atomic>
#include <limits>
#include <thread>

using namespace nano;

class TestController : public QObject {
    Q_OBJECT

private:
    static RunRequest source(const QString& code)
    {
        RunRequest request;
        request.source = code;
        request.sourceName = QStringLiteral("test.js");
        return request;
    }

    static RunResult waitFinished(QSignalSpy& spy, int timeoutMs = 10000)
    {
        if (spy.isEmpty() && !spy.wait(timeoutMs)) {
            RunResult none;
            none.status = RunResult::Status::Failed;
            none.exitCode = -1;
            none.errorText = QStringLiteral("no result");
            return none;
        }
        return spy.takeLast().at(0).value<RunResult>();
    }

    // Every console message an inspectorEvents spy has seen, in order.
    static ConsoleMessages messages(const QSignalSpy& spy)
    {
        ConsoleMessages all;
        for (const QList<QVariant>& args : spy)
            all += args.at(0).value<InspectorBatch>().consoleMessages();
        return all;
    }

    static QStringList texts(const QSignalSpy& spy)
    {
        QStringList out;
        for (const ConsoleMessage& m : messages(spy))
            out << m.text;
        return out;
    }

private slots:
    void runsAndReportsConsole()
    {
        Controller controller;
        QSignalSpy console(&controller, &Controller::inspectorEvents);
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(source(
            QStringLiteral("console.log('one', 1); setTimeout(() => console.warn('two'), 5);")));
        const RunResult result = waitFinished(finished);
        QCOMPARE(result.status, RunResult::Status::Completed);
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(texts(console), (QStringList{QStringLiteral("one 1"), QStringLiteral("two")}));
        const ConsoleMessage first = messages(console).first();
        QCOMPARE(first.level, ConsoleMessage::Level::Log);
        QCOMPARE(first.line, 1);
        QCOMPARE(first.column, 9);
        QVERIFY(first.sourceUrl.endsWith(QLatin1String("/test.js")));
    }

    void consoleTableCarriesItsCells()
    {
        Controller controller;
        QSignalSpy console(&controller, &Controller::inspectorEvents);
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(source(
            QStringLiteral("console.table([{ a: 1, b: 'x' }, { a: 2 }]); console.table(5);")));
        QCOMPARE(waitFinished(finished).status, RunResult::Status::Completed);
        const ConsoleMessages all = messages(console);
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].kind, ConsoleMessage::Kind::Table);
        QCOMPARE(all[0].tableColumns, (QStringList{QStringLiteral("(index)"), QStringLiteral("a"),
                                                   QStringLiteral("b")}));
        QCOMPARE(all[0].tableRows.size(), 2);
        QCOMPARE(all[0].tableRows[0],
                 (QStringList{QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("'x'")}));
        QCOMPARE(all[0].tableRows[1],
                 (QStringList{QStringLiteral("1"), QStringLiteral("2"), QString()}));
        // Not tabular: printed like console.log, without cells.
        QCOMPARE(all[1].kind, ConsoleMessage::Kind::Console);
        QCOMPARE(all[1].text, QStringLiteral("5"));
        QVERIFY(all[1].tableColumns.isEmpty());
    }

    void platformObjectsShowTheirAttributes()
    {
        Controller controller;
        QSignalSpy console(&controller, &Controller::inspectorEvents);
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(source(QStringLiteral(
            "console.log(new Blob(['abc'], { type: 'text/plain' }));"
            "console.log(new URL('http://h/p').pathname, [new URLSearchParams('a=1')]);")));
        QCOMPARE(waitFinished(finished).status, RunResult::Status::Completed);
        const QStringList lines = texts(console);
        QCOMPARE(lines.value(0), QStringLiteral("Blob { size: 3, type: 'text/plain' }"));
        // As Node prints it.
        QCOMPARE(lines.value(1), QStringLiteral("/p [ URLSearchParams { 'a' => '1' } ]"));
    }

    void groupsAreStructured()
    {
        Controller controller;
        QSignalSpy console(&controller, &Controller::inspectorEvents);
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(source(QStringLiteral(
            "console.group('a'); console.log('in'); console.groupEnd();"
            "console.group(); console.log('x'); console.groupEnd(); console.groupEnd();")));
        QCOMPARE(waitFinished(finished).status, RunResult::Status::Completed);
        const ConsoleMessages all = messages(console);
        using Kind = ConsoleMessage::Kind;
        QCOMPARE(all.size(), 6); // the extra groupEnd() at depth 0 sends nothing
        QCOMPARE(all[0].kind, Kind::Group);
        QCOMPARE(all[0].text, QStringLiteral("a"));
        QCOMPARE(all[1].text, QStringLiteral("  in"));
        QCOMPARE(all[1].groupDepth, 1);
        QCOMPARE(all[2].kind, Kind::GroupEnd);
        QCOMPARE(all[2].groupDepth, 0);
        QCOMPARE(all[3].kind, Kind::Group);
        QVERIFY(all[3].isStructural()); // no label
        QCOMPARE(all[4].text, QStringLiteral("  x"));
        QCOMPARE(all[5].kind, Kind::GroupEnd);
    }

    void uncaughtErrorEndsTheRun()
    {
        Controller controller;
        QSignalSpy console(&controller, &Controller::inspectorEvents);
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(
            source(QStringLiteral("setTimeout(() => console.log('never'), 0);\nnull.x;")));
        const RunResult result = waitFinished(finished);
        QCOMPARE(result.status, RunResult::Status::Failed);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.errorLine, 2);
        QVERIFY(result.errorText.contains(QLatin1String("Uncaught TypeError")));
        QVERIFY(result.errorText.contains(QLatin1String("null.x;\n     ^")));
        QVERIFY(!texts(console).contains(QStringLiteral("never")));
    }

    void stopEndsABusyLoopFromAnotherThread()
    {
        Controller controller;
        QSignalSpy finished(&controller, &Controller::runFinished);
        QSignalSpy console(&controller, &Controller::inspectorEvents);
        // What Stop guarantees is measured on the engine thread (RunResult::stopLatencyMs):
        // TerminateExecution takes effect at the loop's next back-edge and the run ends at
        // once. Seen here: under 1 ms idle, a few ms with ctest -j2. Delivering the result to
        // this thread adds its scheduling delay, which a loaded machine stretches to 100 ms
        // and more now and then (what made the old end-to-end bound fail one time in three):
        // it gets a loose bound. Both hold in every attempt.
        for (int attempt = 0; attempt < 5; ++attempt) {
            console.clear();
            controller.run(source(QStringLiteral("console.log('spinning'); while (true) {}")));
            QTRY_VERIFY_WITH_TIMEOUT(!texts(console).isEmpty(), 5000);
            QElapsedTimer timer;
            std::thread other([&] {
                timer.start();
                controller.stop(); // thread-safe
            });
            other.join();
            const RunResult result = waitFinished(finished, 2000);
            const qint64 delivered = timer.elapsed();
            QCOMPARE(result.status, RunResult::Status::Stopped);
            QVERIFY2(result.stopLatencyMs >= 0 && result.stopLatencyMs < 50,
                     qPrintable(QStringLiteral("stop took %1 ms").arg(result.stopLatencyMs)));
            QVERIFY2(delivered < 1000,
                     qPrintable(QStringLiteral("the result arrived after %1 ms").arg(delivered)));
        }

        // A new run starts afterwards, in a fresh context.
        controller.run(source(QStringLiteral("console.log(typeof globalThis.leftover); "
                                             "globalThis.leftover = 1;")));
        QCOMPARE(waitFinished(finished).status, RunResult::Status::Completed);
        QVERIFY(texts(console).contains(QStringLiteral("undefined")));
    }

    // V8 notices termination only between built-in calls; filling a dictionary-mode array is
    // one call that runs for seconds. Stop still ends the run at once: the stuck engine is set
    // aside and a fresh one serves the next run and the REPL.
    void stopAbandonsAnEngineStuckInOneBuiltin()
    {
        Controller::Options options;
        options.stuckStopGraceMs = 300;
        Controller controller(options);
        QSignalSpy console(&controller, &Controller::inspectorEvents);
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(source(QStringLiteral(
            "console.log('before'); new Array(1e9).fill(0, 0, 4e6); console.log('after');")));
        QTRY_VERIFY(texts(console).contains(QStringLiteral("before")));
        QTest::qWait(200); // inside fill()
        QElapsedTimer sinceStop;
        sinceStop.start();
        controller.stop();
        RunResult result = waitFinished(finished, 5000);
        QCOMPARE(result.status, RunResult::Status::Stopped);
        QVERIFY(result.engineAbandoned);
        QVERIFY2(sinceStop.elapsed() < 300 + 1000,
                 qPrintable(QString::number(sinceStop.elapsed())));
        QCOMPARE(Controller::abandonedEngineCount(), 1);
        QVERIFY(!controller.isRunning());

        controller.run(source(QStringLiteral("console.log('next run');")));
        result = waitFinished(finished);
        QCOMPARE(result.status, RunResult::Status::Completed);
        QVERIFY(!result.engineAbandoned);
        QVERIFY(texts(console).contains(QStringLiteral("next run")));

        QSignalSpy evaluated(&controller, &Controller::evaluated);
        controller.evaluate(QStringLiteral("6 * 7"));
        QVERIFY(evaluated.wait(5000));
        QCOMPARE(evaluated.first().at(1).toString(), QStringLiteral("42"));

        // The set-aside engine finishes its call, never reports, and deletes itself.
        QTRY_COMPARE_WITH_TIMEOUT(Controller::abandonedEngineCount(), 0, 60000);
        QCOMPARE(finished.count(), 0); // both results were taken; nothing late arrived
        QVERIFY(!texts(console).contains(QStringLiteral("after")));
    }

    void stopRightAfterRunIsNeverLost()
    {
        Controller controller;
        QSignalSpy finished(&controller, &Controller::runFinished);
        for (int i = 0; i < 20; ++i) {
            controller.run(source(QStringLiteral("while (true) {}")));
            QThread::usleep(static_cast<unsigned long>((i % 4) * 700));
            controller.stop();
            const RunResult result = waitFinished(finished, 2000);
            QCOMPARE(result.status, RunResult::Status::Stopped);
        }
    }

    void heapLimitHoldsInTheRepl()
    {
        Controller::Options options;
        options.maxHeapMb = 32;
        Controller controller(options);
        QSignalSpy finished(&controller, &Controller::runFinished);
        QSignalSpy evaluated(&controller, &Controller::evaluated);
        controller.run(source(QStringLiteral("null.boom")));
        QCOMPARE(waitFinished(finished).status, RunResult::Status::Failed);
        for (int i = 0; i < 3; ++i) {
            controller.evaluate(QStringLiteral("{ const a = []; while (true) a.push({ i }); }"));
            QVERIFY(evaluated.wait(30000));
            QCOMPARE(evaluated.last().at(2).toBool(), true);
        }
        controller.evaluate(QStringLiteral("6 * 7"));
        QVERIFY(evaluated.wait(5000));
        QCOMPARE(evaluated.last().at(1).toString(), QStringLiteral("42"));
    }

    void stopWhileIdleWithTimers()
    {
        Controller controller;
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(source(QStringLiteral("setInterval(() => {}, 1000);")));
        QTest::qWait(50);
        controller.stop();
        QCOMPARE(waitFinished(finished, 1000).status, RunResult::Status::Stopped);
    }

    void heapLimitEndsTheRunAndTheEngineSurvives()
    {
        Controller::Options options;
        options.maxHeapMb = 32;
        Controller controller(options);
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(source(QStringLiteral(
            "const keep = []; while (true) keep.push({ n: keep.length, s: 'x' + keep.length });")));
        RunResult result = waitFinished(finished, 30000);
        QCOMPARE(result.status, RunResult::Status::OutOfMemory);
        QCOMPARE(result.exitCode, 1);
        QVERIFY(result.errorText.contains(QLatin1String("JavaScript heap out of memory")));
        controller.run(source(QStringLiteral("1 + 1")));
        result = waitFinished(finished);
        QVERIFY2(result.status == RunResult::Status::Completed, qPrintable(result.errorText));
    }

    void deepRecursionIsARangeError()
    {
        Controller controller;
        QSignalSpy console(&controller, &Controller::inspectorEvents);
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(source(
            QStringLiteral("function f() { return f() + 1 }\n"
                           "try { f() } catch (e) { console.log(e instanceof RangeError) }")));
        QCOMPARE(waitFinished(finished).status, RunResult::Status::Completed);
        QCOMPARE(texts(console), QStringList{QStringLiteral("true")});
    }

    void heapStatisticsWhileBusy()
    {
        Controller controller;
        QSignalSpy stats(&controller, &Controller::heapStatistics);
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.setHeapSamplingInterval(20);
        controller.run(source(
            QStringLiteral("const a = []; const end = Date.now() + 400; "
                           "while (Date.now() < end) a.push(new Array(100).fill(a.length));")));
        QCOMPARE(waitFinished(finished).status, RunResult::Status::Completed);
        QVERIFY2(stats.size() >= 3, "samples arrive while the script is busy");
        const HeapStats first = stats.first().at(0).value<HeapStats>();
        const HeapStats last = stats.last().at(0).value<HeapStats>();
        QVERIFY(last.usedHeap > first.usedHeap);
        QVERIFY(last.heapLimit > 0);
        QVERIFY(!last.spaces.isEmpty());
    }

    void evaluateInTheLastContext()
    {
        Controller controller;
        QSignalSpy finished(&controller, &Controller::runFinished);
        QSignalSpy evaluated(&controller, &Controller::evaluated);
        controller.run(source(QStringLiteral("globalThis.answer = 41;")));
        waitFinished(finished);
        controller.evaluate(QStringLiteral("answer + 1"));
        QVERIFY(evaluated.wait(5000));
        QCOMPARE(evaluated.first().at(1).toString(), QStringLiteral("42"));
        QCOMPARE(evaluated.first().at(2).toBool(), false);
        controller.evaluate(QStringLiteral("nope()"));
        QVERIFY(evaluated.wait(5000));
        QVERIFY(evaluated.last().at(1).toString().contains(QLatin1String("ReferenceError")));
        QCOMPARE(evaluated.last().at(2).toBool(), true);
    }

    // After the run the loop lives on for the REPL: timers fire, awaited promises answer,
    // host operations (crypto) settle, and Stop drops what is left.
    void replRunsOnALiveLoopAfterTheRun()
    {
        Controller controller;
        QSignalSpy finished(&controller, &Controller::runFinished);
        QSignalSpy evaluated(&controller, &Controller::evaluated);
        QSignalSpy console(&controller, &Controller::inspectorEvents);
        controller.run(source(QStringLiteral("globalThis.base = 1;")));
        waitFinished(finished);
        auto answer = [&](const QString& line) {
            evaluated.clear();
            controller.evaluate(line);
            if (!evaluated.wait(5000)) return QStringLiteral("(no answer)");
            return evaluated.first().at(1).toString();
        };
        QVERIFY(answer(QStringLiteral("setTimeout(() => console.log('timer fired'), 20) > 0")) ==
                QStringLiteral("true"));
        QTRY_VERIFY_WITH_TIMEOUT(texts(console).contains(QStringLiteral("timer fired")), 5000);
        QCOMPARE(
            answer(QStringLiteral("await new Promise(r => setTimeout(() => r(base + 41), 20))")),
            QStringLiteral("42"));
        QCOMPARE(answer(QStringLiteral("(await crypto.subtle.digest('SHA-256', new Uint8Array(0)))"
                                       ".byteLength")),
                 QStringLiteral("32"));
        const QString rejected =
            answer(QStringLiteral("await Promise.reject(new RangeError('no'))"));
        QVERIFY2(rejected.contains(QLatin1String("RangeError: no")), qPrintable(rejected));
        // Stop ends what REPL lines left pending.
        console.clear();
        answer(QStringLiteral("setTimeout(() => console.log('dropped'), 300); 0"));
        controller.stop();
        QTest::qWait(600);
        QVERIFY(!texts(console).contains(QStringLiteral("dropped")));
    }

    void heapSnapshot()
    {
        Controller controller;
        QSignalSpy finished(&controller, &Controller::runFinished);
        QSignalSpy saved(&controller, &Controller::heapSnapshotSaved);
        controller.run(source(QStringLiteral("globalThis.data = { big: new Array(1000) };")));
        waitFinished(finished);
        const QString path = QDir::temp().filePath(QStringLiteral("nano-test.heapsnapshot"));
        controller.saveHeapSnapshot(path);
        QVERIFY(saved.wait(10000));
        QVERIFY(saved.first().at(1).toBool());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(64).contains("snapshot"));
        file.remove();
    }
};

QTEST_GUILESS_MAIN(TestController)
#include "tst_controller.moc"
