// The memory dock's summary names what our objects hold outside the V8 heap, per kind, in the
// user's language.

#include "common/translations.h"
#include "memory/memory_dock.h"
#include "memory/memory_model.h"
#include "memory/nice_scale.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QStandardPaths>
#include <QTest>

using namespace nano;

class TestMemoryDock : public QObject {
    Q_OBJECT

private:
    static HeapStats sample()
    {
        HeapStats stats;
        stats.runId = 1;
        stats.usedHeap = 4 << 20;
        stats.totalHeap = 8 << 20;
        stats.heapLimit = 64 << 20;
        stats.externalByKind[size_t(ExternalMemoryKind::ArrayBuffers)] = 3 << 20;
        stats.externalByKind[size_t(ExternalMemoryKind::Blobs)] = 1 << 20;
        stats.externalByKind[size_t(ExternalMemoryKind::CryptoBuffers)] = 4096;
        return stats;
    }

    static QString summary(ui::MemoryDock& dock)
    {
        auto* label = dock.findChild<QLabel*>(QStringLiteral("memorySummary"));
        return label ? label->text() : QString();
    }

private slots:
    void summaryShowsTheKindsThatHoldMemory()
    {
        ui::MemoryDock dock;
        dock.addSample(sample());
        const QString text = summary(dock);
        QVERIFY2(text.contains(QStringLiteral("Outside the heap: ArrayBuffers 3.0 MB, Blobs "
                                              "1.0 MB, Crypto keys 4.0 kB")),
                 qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("bodies")), qPrintable(text));

        HeapStats empty = sample();
        empty.externalByKind.fill(0);
        dock.addSample(empty);
        QVERIFY2(summary(dock).contains(QStringLiteral("Outside the heap: nothing")),
                 qPrintable(summary(dock)));
    }

    void scalesAreRound_data()
    {
        QTest::addColumn<double>("maximum");
        QTest::addColumn<double>("top");
        QTest::addColumn<double>("step");
        QTest::newRow("181 MB") << 181.0 << 200.0 << 50.0;
        QTest::newRow("8 MB") << 8.0 << 8.0 << 2.0;
        QTest::newRow("10 s") << 10.0 << 10.0 << 2.0;
        QTest::newRow("0.3 s") << 0.3 << 0.3 << 0.1;
        QTest::newRow("12 s") << 12.0 << 15.0 << 5.0;
        QTest::newRow("1900 MB") << 1900.0 << 2000.0 << 500.0;
        QTest::newRow("exact 200") << 200.0 << 200.0 << 50.0;
        QTest::newRow("zero") << 0.0 << 1.0 << 1.0;
    }
    void scalesAreRound()
    {
        QFETCH(double, maximum);
        QFETCH(double, top);
        QFETCH(double, step);
        const ui::NiceScale scale = ui::niceScale(maximum);
        QCOMPARE(scale.top, top);
        QCOMPARE(scale.step, step);
    }

    void snapshotOutcomeHasItsOwnLineUntilTheNextRun()
    {
        ui::MemoryDock dock;
        dock.addSample(sample());
        dock.showSnapshotResult(QStringLiteral("/tmp/x.heapsnapshot"), true, QString());
        auto* status = dock.findChild<QLabel*>(QStringLiteral("snapshotStatus"));
        QVERIFY(status && !status->isHidden());
        QVERIFY(status->text().contains(QStringLiteral("/tmp/x.heapsnapshot")));
        QVERIFY(summary(dock).startsWith(QStringLiteral("Used "))); // the numbers stay
        dock.reset(QStringLiteral("/home/u/fetch-demo.js"));
        QVERIFY(status->isHidden());
    }

    void snapshotPathIsInDocumentsNamedAfterScriptAndTime()
    {
        ui::MemoryDock dock;
        dock.reset(QStringLiteral("/home/u/fetch-demo.js"));
        const QDateTime when(QDate(2026, 12, 3), QTime(14, 5, 9));
        QCOMPARE(dock.defaultSnapshotPath(when),
                 QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                     .filePath(QStringLiteral("fetch-demo-2026-12-03-140509.heapsnapshot")));
        dock.reset(QStringLiteral("untitled-2.js"));
        QVERIFY(dock.defaultSnapshotPath(when).endsWith(
            QStringLiteral("/untitled-2-2026-12-03-140509.heapsnapshot")));
    }

    void summaryIsTranslated()
    {
        QCOMPARE(ui::i18n::install(QStringLiteral("de")), QStringLiteral("de"));
        {
            ui::MemoryDock dock;
            dock.addSample(sample());
            QVERIFY2(summary(dock).contains(QStringLiteral("Außerhalb des Heaps: ArrayBuffer")),
                     qPrintable(summary(dock)));
            QVERIFY2(summary(dock).contains(QStringLiteral("Krypto-Schlüssel")),
                     qPrintable(summary(dock)));
        }
        QCOMPARE(ui::i18n::install(QStringLiteral("en")), QStringLiteral("en"));
    }
};

QTEST_MAIN(TestMemoryDock)
#include "tst_memory_dock.moc"
