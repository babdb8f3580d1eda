// The memory dock's summary names what our objects hold outside the V8 heap, per kind, in the
// user's language.

#include "common/translations.h"
#include "memory/memory_dock.h"

#include <QApplication>
#include <QLabel>
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
