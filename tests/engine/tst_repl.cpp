// The REPL line (Controller::evaluate) after a run: a module's top-level let, const, class and
// function bindings are visible and assignable; a line declaring one name evaluates its value
// in the module and keeps the name for later lines; top-level await works there too; errors
// name the line ("repl"), not the module; after a classic script the script's own lexical
// bindings are visible. core::replLineShape splits declaration lines, or says it cannot.

#include "core/repl_line.h"
#include "engine/controller.h"

#include <QSignalSpy>
#include <QtTest>

using nano::Controller;
using nano::RunRequest;
using nano::core::ReplLineShape;

namespace {

struct Answer {
    QString text;
    bool isError = true;
};

class Repl {
public:
    explicit Repl(const QString& script, bool classic = false)
        : m_evaluated(&m_controller, &Controller::evaluated)
    {
        QSignalSpy finished(&m_controller, &Controller::runFinished);
        RunRequest request;
        request.source = script;
        request.sourceName = QStringLiteral("repl-test.js");
        request.classic = classic;
        m_controller.run(request);
        m_ok = finished.wait(10000);
    }
    bool ranOk() const { return m_ok; }
    Answer eval(const QString& line)
    {
        const int before = int(m_evaluated.size());
        m_controller.evaluate(line);
        if (!QTest::qWaitFor([&] { return m_evaluated.size() > before; }, 10000))
            return {QStringLiteral("(no answer)"), true};
        const QList<QVariant> answer = m_evaluated.last();
        return {answer.at(1).toString(), answer.at(2).toBool()};
    }

private:
    Controller m_controller;
    QSignalSpy m_evaluated;
    bool m_ok = false;
};

#define EXPECT(repl, line, expected)                                                               \
    do {                                                                                           \
        const Answer a = (repl).eval(QStringLiteral(line));                                        \
        QVERIFY2(!a.isError, qPrintable(QStringLiteral(line) + QStringLiteral(" → ") + a.text));   \
        QCOMPARE(a.text, QStringLiteral(expected));                                                \
    } while (false)

} // namespace

class TestRepl : public QObject {
    Q_OBJECT
private slots:
    void seesTheModulesTopLevelBindings()
    {
        Repl repl(QStringLiteral("const top = 42;\n"
                                 "let counter = 1;\n"
                                 "var old = 'v';\n"
                                 "class Point { constructor(x) { this.x = x; } }\n"
                                 "function twice(n) { return 2 * n; }\n"
                                 "const m = new Map([['a', 1]]);\n"
                                 "// a last line without a newline"));
        QVERIFY(repl.ranOk());
        EXPECT(repl, "top + 1", "43");
        EXPECT(repl, "old", "'v'");
        EXPECT(repl, "new Point(3).x", "3");
        EXPECT(repl, "twice(top)", "84");
        EXPECT(repl, "m.get('a')", "1");
        // A module binding is live: assigned here, the module's functions see it.
        EXPECT(repl, "counter = 5", "5");
        EXPECT(repl, "counter", "5");
        const Answer constant = repl.eval(QStringLiteral("top = 1"));
        QVERIFY(constant.isError);
        QVERIFY2(constant.text.contains(QStringLiteral("TypeError")), qPrintable(constant.text));
        // Top-level await, also with a module binding.
        EXPECT(repl, "await Promise.resolve(top)", "42");
        // Globals as before.
        EXPECT(repl, "typeof structuredClone", "'function'");
    }

    void declarationsInALineOutliveIt()
    {
        Repl repl(QStringLiteral("const items = [1, 2, 3];\nclass Base {}\n"));
        QVERIFY(repl.ranOk());
        EXPECT(repl, "const doubled = items.map((x) => x * 2);", "undefined");
        EXPECT(repl, "doubled", "[ 2, 4, 6 ]");
        EXPECT(repl, "let n = items.length", "undefined");
        EXPECT(repl, "n = n + 1", "4");
        EXPECT(repl, "class Derived extends Base { get k() { return items[0]; } }", "undefined");
        EXPECT(repl, "new Derived() instanceof Base && new Derived().k", "1");
        EXPECT(repl, "function sum() { return items.reduce((a, b) => a + b, 0); }", "undefined");
        EXPECT(repl, "sum()", "6");
        // A const stays constant.
        const Answer assign = repl.eval(QStringLiteral("doubled = 0"));
        QVERIFY2(assign.isError && assign.text.contains(QStringLiteral("TypeError")),
                 qPrintable(assign.text));
        // Several names at once run as a classic line: globals only, but declared.
        EXPECT(repl, "let a = 1, b = 2", "undefined");
        EXPECT(repl, "a + b", "3");
        // A failing initialiser declares nothing, so the name can be declared again.
        QVERIFY(repl.eval(QStringLiteral("const later = missing;")).isError);
        EXPECT(repl, "const later = 7", "undefined");
        EXPECT(repl, "later", "7");
    }

    void errorsNameTheLine()
    {
        Repl repl(QStringLiteral("export const x = 1;\n"));
        QVERIFY(repl.ranOk());
        const Answer missing = repl.eval(QStringLiteral("nope()"));
        QVERIFY(missing.isError);
        QVERIFY2(missing.text.contains(QStringLiteral("ReferenceError: nope is not defined")),
                 qPrintable(missing.text));
        QVERIFY2(missing.text.contains(QStringLiteral("repl:1")), qPrintable(missing.text));
        QVERIFY2(!missing.text.contains(QStringLiteral("repl-test.js")), qPrintable(missing.text));
        const Answer syntax = repl.eval(QStringLiteral("(1 +"));
        QVERIFY(syntax.isError);
        QVERIFY2(syntax.text.contains(QStringLiteral("SyntaxError")), qPrintable(syntax.text));
    }

    void aModuleThatThrewStillHasItsBindings()
    {
        Repl repl(QStringLiteral("const before = 'set';\nthrow new Error('boom');\n"));
        QVERIFY(repl.ranOk());
        EXPECT(repl, "before", "'set'");
    }

    void aClassicScriptsLexicalBindingsAreVisible()
    {
        Repl repl(QStringLiteral("let top = 42; const c = 'c'; class K {}"), true);
        QVERIFY(repl.ranOk());
        EXPECT(repl, "top + 1", "43");
        EXPECT(repl, "c + new K().constructor.name", "'cK'");
        EXPECT(repl, "let more = top", "undefined");
        EXPECT(repl, "more", "42");
    }

    void stopAnswersALineThatAwaitsForever()
    {
        Controller controller;
        QSignalSpy finished(&controller, &Controller::runFinished);
        QSignalSpy evaluated(&controller, &Controller::evaluated);
        RunRequest request;
        request.source = QStringLiteral("const x = 1;");
        request.sourceName = QStringLiteral("await.js");
        controller.run(request);
        QVERIFY(finished.wait(10000));
        controller.evaluate(QStringLiteral("await new Promise(() => {})"));
        QVERIFY(controller.isEvaluating());
        QVERIFY(!evaluated.wait(300)); // it waits, as it should
        controller.stop();
        QTRY_COMPARE_WITH_TIMEOUT(evaluated.size(), 1, 10000);
        QCOMPARE(evaluated.first().at(1).toString(), QStringLiteral("Evaluation was stopped."));
        QCOMPARE(evaluated.first().at(2).toBool(), true);
        QVERIFY(!controller.isEvaluating());
        // The context lives on.
        controller.evaluate(QStringLiteral("x + 1"));
        QTRY_COMPARE_WITH_TIMEOUT(evaluated.size(), 2, 10000);
        QCOMPARE(evaluated.last().at(1).toString(), QStringLiteral("2"));
    }

    void lineShapes()
    {
        using Kind = ReplLineShape::Kind;
        auto shape = [](const char* line) {
            return nano::core::replLineShape(QString::fromUtf8(line));
        };
        QCOMPARE(shape("top + 1").kind, Kind::Statements);
        QCOMPARE(shape("letter = 1").kind, Kind::Statements);
        QCOMPARE(shape("constructor").kind, Kind::Statements);
        ReplLineShape s = shape("  const x = f(a, b);  ");
        QCOMPARE(s.kind, Kind::Declaration);
        QCOMPARE(s.keyword, QStringLiteral("const"));
        QCOMPARE(s.name, QStringLiteral("x"));
        QCOMPARE(s.expression, QStringLiteral("f(a, b)"));
        s = shape("async function go() { await 1; }");
        QCOMPARE(s.kind, Kind::Declaration);
        QCOMPARE(s.keyword, QStringLiteral("var"));
        QCOMPARE(s.name, QStringLiteral("go"));
        s = shape("class A extends B { m() { return ';'; } }");
        QCOMPARE(s.kind, Kind::Declaration);
        QCOMPARE(s.keyword, QStringLiteral("let"));
        QCOMPARE(s.name, QStringLiteral("A"));
        QCOMPARE(shape("let a = 1, b = 2").kind, Kind::Other);
        QCOMPARE(shape("const { a } = o").kind, Kind::Other);
        QCOMPARE(shape("let x = 1; x + 1").kind, Kind::Other);
        QCOMPARE(shape("let x").kind, Kind::Other);
        QCOMPARE(shape("const s = 'a, b' // c, d").kind, Kind::Declaration);
        QCOMPARE(shape("const t = `x ${a, b}`").kind, Kind::Declaration);
    }
};

QTEST_GUILESS_MAIN(TestRepl)
#include "tst_repl.moc"
