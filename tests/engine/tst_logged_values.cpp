// The logged objects the console keeps for the workbench (Controller::storeAsGlobal and
// loggedValueAsJson): ids and object arguments on the messages, the bound of the last 1000,
// nothing kept from an earlier run, and nothing kept for a terminal (directStdio).

#include "engine/controller.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

using namespace nano;

class TestLoggedValues : public QObject {
    Q_OBJECT

private:
    static RunRequest source(const QString& code)
    {
        RunRequest request;
        request.source = code;
        request.sourceName = QStringLiteral("logged.js");
        return request;
    }

    // Runs `code` and returns its console messages.
    static ConsoleMessages run(Controller& controller, const QString& code)
    {
        QSignalSpy console(&controller, &Controller::inspectorEvents);
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(source(code));
        if (!finished.wait(10000)) return {};
        QTest::qWait(100); // the last batch
        ConsoleMessages all;
        for (const QList<QVariant>& args : console)
            all += args.at(0).value<InspectorBatch>().consoleMessages();
        return all;
    }

    // The JSON answer (text, ok) of loggedValueAsJson.
    static QPair<QString, bool> json(Controller& controller, quint64 messageId, int argIndex)
    {
        QSignalSpy answers(&controller, &Controller::loggedValueJson);
        const quint64 id = controller.loggedValueAsJson(messageId, argIndex);
        if (!answers.wait(5000)) return {QStringLiteral("no answer"), false};
        const QList<QVariant> answer = answers.first();
        if (answer.at(0).toULongLong() != id) return {QStringLiteral("wrong id"), false};
        return {answer.at(1).toString(), answer.at(2).toBool()};
    }

    static QPair<QString, bool> evaluated(Controller& controller, quint64 id)
    {
        QSignalSpy answers(&controller, &Controller::evaluated);
        if (!answers.wait(5000)) return {QStringLiteral("no answer"), false};
        if (answers.first().at(0).toULongLong() != id) return {QStringLiteral("wrong id"), false};
        return {answers.first().at(1).toString(), !answers.first().at(2).toBool()};
    }

private slots:
    void messagesNameTheirObjectArguments()
    {
        Controller controller;
        const ConsoleMessages messages =
            run(controller, QStringLiteral("console.log('a', { n: 1 }, 2, [3]);\n"
                                           "console.log('text only', 4);\n"
                                           "console.table([{ t: 1 }]);\n"
                                           "console.dir({ d: 1 });"));
        QCOMPARE(messages.size(), 4);
        QVERIFY(messages.at(0).messageId != 0);
        QCOMPARE(messages.at(0).objectArgs, (QVector<int>{1, 3}));
        QCOMPARE(messages.at(1).messageId, quint64(0));
        QVERIFY(messages.at(1).objectArgs.isEmpty());
        QCOMPARE(messages.at(2).objectArgs, QVector<int>{0});
        QCOMPARE(messages.at(3).objectArgs, QVector<int>{0});
        QVERIFY(messages.at(2).messageId > messages.at(0).messageId);

        QCOMPARE(json(controller, messages.at(0).messageId, 1),
                 qMakePair(QStringLiteral("{\n  \"n\": 1\n}"), true));
        QCOMPARE(json(controller, messages.at(0).messageId, 3),
                 qMakePair(QStringLiteral("[\n  3\n]"), true));
        QCOMPARE(json(controller, messages.at(3).messageId, 0).first,
                 QStringLiteral("{\n  \"d\": 1\n}"));
        // Argument 2 was a number: not kept.
        QVERIFY(!json(controller, messages.at(0).messageId, 2).second);

        // Store as global: temp1, then temp2, seen by the REPL.
        QCOMPARE(evaluated(controller, controller.storeAsGlobal(messages.at(0).messageId, 1)),
                 qMakePair(QStringLiteral("temp1"), true));
        QCOMPARE(evaluated(controller, controller.storeAsGlobal(messages.at(0).messageId, 3)),
                 qMakePair(QStringLiteral("temp2"), true));
        QCOMPARE(evaluated(controller, controller.evaluate(QStringLiteral("temp1.n + temp2[0]"))),
                 qMakePair(QStringLiteral("4"), true));
    }

    void onlyTheLast1000AreKeptAndOnlyForTheCurrentRun()
    {
        Controller controller;
        const ConsoleMessages messages =
            run(controller, QStringLiteral("for (let i = 0; i < 1001; i++) console.log({ i });"));
        QCOMPARE(messages.size(), 1001);
        const auto [gone, goneOk] = json(controller, messages.first().messageId, 0);
        QVERIFY(!goneOk);
        QVERIFY2(gone.startsWith(QStringLiteral("The logged value is no longer available")),
                 qPrintable(gone));
        QCOMPARE(json(controller, messages.at(1).messageId, 0),
                 qMakePair(QStringLiteral("{\n  \"i\": 1\n}"), true));
        QCOMPARE(json(controller, messages.last().messageId, 0),
                 qMakePair(QStringLiteral("{\n  \"i\": 1000\n}"), true));

        run(controller, QStringLiteral("console.log('next run')"));
        QVERIFY(!json(controller, messages.last().messageId, 0).second);
        const auto [stored, storedOk] =
            evaluated(controller, controller.storeAsGlobal(messages.last().messageId, 0));
        QVERIFY(!storedOk);
        QVERIFY(stored.startsWith(QStringLiteral("The logged value is no longer available")));
    }

    // A viewer keeps the logged object from the GC (see docs/conformance.md); a terminal
    // (directStdio, nanojs) keeps nothing.
    void aTerminalKeepsNone_data()
    {
        QTest::addColumn<bool>("directStdio");
        QTest::addColumn<QString>("collected");
        QTest::newRow("workbench") << false << QStringLiteral("false");
        QTest::newRow("terminal") << true << QStringLiteral("true");
    }

    void aTerminalKeepsNone()
    {
        QFETCH(bool, directStdio);
        QFETCH(QString, collected);
        Controller::Options options;
        options.directStdio = directStdio;
        Controller controller(options);
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(source(QStringLiteral("globalThis.ref = new WeakRef({ logged: true });\n"
                                             "console.log(ref.deref());")));
        QVERIFY(finished.wait(10000));
        controller.collectGarbage();
        QCOMPARE(
            evaluated(controller, controller.evaluate(QStringLiteral("ref.deref() === undefined"))),
            qMakePair(collected, true));
    }
};

QTEST_GUILESS_MAIN(TestLoggedValues)
#include "tst_logged_values.moc"
