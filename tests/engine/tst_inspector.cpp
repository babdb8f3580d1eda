// The V8 inspector of a run (core/inspector_agent.h) through the Controller, as the nanojs
// WebSocket server and the editor's debugger use it: protocol messages in, responses and
// notifications out, a pause that serves the protocol only, Stop while paused.

#include "engine/controller.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace nano;

namespace {
// Collects one session's protocol traffic and finds answers and events in it.
class Client {
public:
    Client(Controller& controller)
        : m_controller(controller)
        , m_session(controller.connectInspector())
        , m_spy(&controller, &Controller::inspectorMessage)
    {}

    int session() const { return m_session; }

    int send(const QString& method, const QJsonObject& params = {})
    {
        const int id = m_nextId++;
        QJsonObject message{{QStringLiteral("id"), id}, {QStringLiteral("method"), method}};
        if (!params.isEmpty()) message.insert(QStringLiteral("params"), params);
        m_controller.sendInspectorMessage(m_session,
                                          QJsonDocument(message).toJson(QJsonDocument::Compact));
        return id;
    }

    // The response to request `id` (its "result" or "error" object), waiting for it.
    QJsonObject response(int id, int timeoutMs = 10000)
    {
        return waitFor([id](const QJsonObject& m) { return m.value("id").toInt() == id; },
                       timeoutMs);
    }

    // The next notification `method` not yet consumed.
    QJsonObject event(const QString& method, int timeoutMs = 10000)
    {
        return waitFor([method](const QJsonObject& m) { return m.value("method") == method; },
                       timeoutMs);
    }

    // The string value of an evaluation's answer (`result.result.value`), waiting for it.
    QString resultValue(int id)
    {
        return response(id)
            .value("result")
            .toObject()
            .value("result")
            .toObject()
            .value("value")
            .toString();
    }

    bool hasEvent(const QString& method)
    {
        drain();
        for (const QJsonObject& m : m_messages)
            if (m.value("method") == method) return true;
        return false;
    }

private:
    template <class Pred> QJsonObject waitFor(Pred pred, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        while (true) {
            drain();
            for (int i = 0; i < m_messages.size(); ++i) {
                if (pred(m_messages[i])) return m_messages.takeAt(i);
            }
            if (timer.elapsed() > timeoutMs) return {};
            m_spy.wait(100);
        }
    }

    void drain()
    {
        while (!m_spy.isEmpty()) {
            const QList<QVariant> args = m_spy.takeFirst();
            if (args.at(0).toInt() != m_session) continue;
            m_messages << QJsonDocument::fromJson(args.at(1).toByteArray()).object();
        }
    }

    Controller& m_controller;
    int m_session;
    QSignalSpy m_spy;
    QList<QJsonObject> m_messages;
    int m_nextId = 1;
};

Controller::Options inspectorOptions()
{
    Controller::Options options;
    options.inspector = true;
    return options;
}

RunRequest script(const QString& code)
{
    RunRequest request;
    request.source = code;
    request.sourceName = QStringLiteral("inspected.js");
    request.classic = true;
    return request;
}
} // namespace

class TestInspector : public QObject {
    Q_OBJECT

private slots:
    void noInspectorWithoutTheOption()
    {
        Controller controller;
        QCOMPARE(controller.connectInspector(), 0);
    }

    void runtimeEvaluateAnswers()
    {
        Controller controller(inspectorOptions());
        Client client(controller);
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(script(QStringLiteral("globalThis.answer = 6 * 7;")));
        QVERIFY(finished.wait(10000));
        // After the run: its context is still there, as for the REPL.
        const int id = client.send(QStringLiteral("Runtime.evaluate"),
                                   {{QStringLiteral("expression"), QStringLiteral("answer + 1")}});
        const QJsonObject result = client.response(id).value("result").toObject();
        QCOMPARE(result.value("result").toObject().value("type").toString(), QString("number"));
        QCOMPARE(result.value("result").toObject().value("value").toInt(), 43);

        const int bad = client.send(QStringLiteral("Runtime.evaluate"),
                                    {{QStringLiteral("expression"), QStringLiteral("nope")}});
        const QJsonObject thrown = client.response(bad).value("result").toObject();
        QVERIFY(thrown.contains("exceptionDetails"));
        QCOMPARE(thrown.value("result").toObject().value("className").toString(),
                 QString("ReferenceError"));

        const int unknown = client.send(QStringLiteral("No.suchMethod"));
        QVERIFY(client.response(unknown).contains("error"));
    }

    void debuggerStatementPausesAndResumes()
    {
        Controller controller(inspectorOptions());
        Client client(controller);
        // Sent before the run: served when the run's inspector starts, before the script.
        const int enable = client.send(QStringLiteral("Debugger.enable"));
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(script(QStringLiteral("let x = 1;\n"
                                             "setTimeout(() => { globalThis.fired = true; }, 0);\n"
                                             "debugger;\n"
                                             "x = 2;\n")));
        QVERIFY(client.response(enable).contains("result"));
        const QJsonObject paused = client.event(QStringLiteral("Debugger.paused"));
        QVERIFY(!paused.isEmpty());
        const QJsonObject params = paused.value("params").toObject();
        QCOMPARE(params.value("reason").toString(), QString("other"));
        const QJsonObject frame = params.value("callFrames").toArray().at(0).toObject();
        QCOMPARE(frame.value("location").toObject().value("lineNumber").toInt(), 2); // 0-based

        // While paused: the protocol is served, the timer does not fire, the run goes on.
        const int fired = client.send(
            QStringLiteral("Debugger.evaluateOnCallFrame"),
            {{QStringLiteral("callFrameId"), frame.value("callFrameId")},
             {QStringLiteral("expression"), QStringLiteral("String(globalThis.fired) + x")}});
        QCOMPARE(client.resultValue(fired), QString("undefined1"));
        QVERIFY(finished.isEmpty());

        const int resume = client.send(QStringLiteral("Debugger.resume"));
        QVERIFY(client.response(resume).contains("result"));
        QVERIFY(!client.event(QStringLiteral("Debugger.resumed")).isEmpty());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.takeFirst().at(0).value<RunResult>().exitCode, 0);
        const int after = client.send(
            QStringLiteral("Runtime.evaluate"),
            {{QStringLiteral("expression"), QStringLiteral("String(globalThis.fired)")}});
        QCOMPARE(client.resultValue(after), QString("true"));
    }

    void stopWhilePausedEndsTheRun()
    {
        Controller controller(inspectorOptions());
        Client client(controller);
        client.send(QStringLiteral("Debugger.enable"));
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(script(QStringLiteral("debugger;\nglobalThis.after = true;\n")));
        QVERIFY(!client.event(QStringLiteral("Debugger.paused")).isEmpty());
        controller.stop();
        QVERIFY(finished.wait(10000));
        const RunResult result = finished.takeFirst().at(0).value<RunResult>();
        QCOMPARE(result.status, RunResult::Status::Stopped);
        QVERIFY(!result.engineAbandoned);
        // The engine still answers (a new run, then the protocol again).
        controller.run(script(QStringLiteral("1")));
        QVERIFY(finished.wait(10000));
        const int id =
            client.send(QStringLiteral("Runtime.evaluate"),
                        {{QStringLiteral("expression"), QStringLiteral("typeof after")}});
        QCOMPARE(client.resultValue(id), QString("undefined"));
    }

    void pauseDuringABusyScript()
    {
        // Debugger.pause reaches `while (true) {}` through an interrupt.
        Controller controller(inspectorOptions());
        Client client(controller);
        client.send(QStringLiteral("Debugger.enable"));
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(script(QStringLiteral("let n = 0;\nwhile (true) { n++; }\n")));
        QTest::qWait(200);
        client.send(QStringLiteral("Debugger.pause"));
        const QJsonObject paused = client.event(QStringLiteral("Debugger.paused"));
        QVERIFY(!paused.isEmpty());
        QCOMPARE(paused.value("params")
                     .toObject()
                     .value("callFrames")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("location")
                     .toObject()
                     .value("lineNumber")
                     .toInt(),
                 1);
        controller.stop();
        QVERIFY(finished.wait(10000));
    }

    void inspectBrkWaitsAndBreaksOnTheFirstLine()
    {
        Controller controller(inspectorOptions());
        RunRequest request =
            script(QStringLiteral("globalThis.first = 1;\nglobalThis.second = 2;\n"));
        request.inspectBrk = true;
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(request);
        QTest::qWait(100);
        QVERIFY(finished.isEmpty()); // waits for a debugger
        Client client(controller);
        client.send(QStringLiteral("Debugger.enable"));
        QVERIFY(client.event(QStringLiteral("Debugger.paused"), 300).isEmpty());
        client.send(QStringLiteral("Runtime.runIfWaitingForDebugger"));
        const QJsonObject paused = client.event(QStringLiteral("Debugger.paused"));
        QCOMPARE(paused.value("params").toObject().value("reason").toString(),
                 QString("Break on start"));
        QCOMPARE(paused.value("params")
                     .toObject()
                     .value("callFrames")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value("location")
                     .toObject()
                     .value("lineNumber")
                     .toInt(),
                 0);
        client.send(QStringLiteral("Debugger.resume"));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.takeFirst().at(0).value<RunResult>().exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestInspector)
#include "tst_inspector.moc"
