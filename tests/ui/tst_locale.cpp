// Script output does not depend on the UI language or the process locale: console.time and
// the console's %f print "3.714ms" and "1.5" under de_DE as under en_US (QApplication sets the
// C library's locale from LANG, which printf and strtod follow).

#include "engine/controller.h"

#include <QRegularExpression>
#include <QtTest>
#include <clocale>

namespace {

const char* const Script =
    "console.time('t'); for (let i = 0; i < 1e5; i++); console.timeEnd('t');\n"
    "console.log('%f', '1.5');\n"
    "console.log(String(1.5), (2.25).toFixed(2));\n";

QStringList runUnder(const char* locale)
{
    if (!std::setlocale(LC_ALL, locale)) return {};
    nano::Controller controller;
    QStringList lines;
    QObject::connect(&controller, &nano::Controller::inspectorEvents,
                     [&lines](const nano::InspectorBatch& batch) {
                         for (const nano::ConsoleMessage& m : batch.consoleMessages())
                             lines << m.text;
                     });
    QSignalSpy finished(&controller, &nano::Controller::runFinished);
    nano::RunRequest request;
    request.source = QString::fromLatin1(Script);
    request.sourceName = QStringLiteral("locale.js");
    controller.run(request);
    if (!finished.wait(10000)) return {QStringLiteral("timed out")};
    QCoreApplication::processEvents();
    std::setlocale(LC_ALL, "C");
    return lines;
}

} // namespace

class TestLocale : public QObject {
    Q_OBJECT
private slots:
    void outputIsTheSameInEveryLocale()
    {
        QStringList english = runUnder("en_US.UTF-8");
        if (english.isEmpty()) english = runUnder("C.UTF-8");
        const QStringList german = runUnder("de_DE.UTF-8");
        if (german.isEmpty()) QSKIP("the de_DE.UTF-8 locale is not installed (locale-gen)");
        QCOMPARE(german.size(), 3);
        const QRegularExpression duration(QStringLiteral("^t: \\d+\\.\\d{3}ms$"));
        QVERIFY2(duration.match(german.at(0)).hasMatch(), qPrintable(german.at(0)));
        QVERIFY2(duration.match(english.at(0)).hasMatch(), qPrintable(english.at(0)));
        QCOMPARE(german.at(1), QStringLiteral("1.5"));
        QCOMPARE(german.at(2), QStringLiteral("1.5 2.25"));
        QCOMPARE(english.size(), german.size());
        for (int i = 1; i < german.size(); ++i)
            QCOMPARE(german.at(i), english.at(i));
    }
};

QTEST_GUILESS_MAIN(TestLocale)
#include "tst_locale.moc"
