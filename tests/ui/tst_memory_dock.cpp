// The memory dock's summary names what our objects hold outside the V8 heap, per kind, in the
// user's language; its axes fit the data with round ticks; a heap snapshot's outcome has a
// place of its own that the next run clears, and the snapshot dialog proposes the documents
// folder and a name with the script and the time.

#include "common/translations.h"
#include "memory/memory_dock.h"
#include "memory/memory_model.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QValueAxis>

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

    static QLabel* snapshotStatus(ui::MemoryDock& dock)
    {
        return dock.findChild<QLabel*>(QStringLiteral("snapshotStatus"));
    }

private slots:
    void axesFitTheDataWithRoundTicks()
    {
        ui::MemoryDock dock;
        HeapStats stats = sample();
        dock.addSample(stats); // at the start of the run
        stats.usedHeap = 150 << 20;
        stats.totalHeap = 181 << 20;
        stats.elapsedMs = 7680;
        dock.addSample(stats);
        QCOMPARE(dock.sizeAxis()->min(), 0.0);
        QCOMPARE(dock.sizeAxis()->max(), 200.0);
        QCOMPARE(dock.sizeAxis()->tickInterval(), 50.0);
        QCOMPARE(dock.sizeAxis()->tickType(), QValueAxis::TicksDynamic);
        QCOMPARE(dock.timeAxis()->max(), 8.0);
        QCOMPARE(dock.timeAxis()->tickInterval(), 1.0);
        stats.elapsedMs = 10100; // the time axis takes up to eight steps
        dock.addSample(stats);
        QCOMPARE(dock.timeAxis()->max(), 12.0);
        QCOMPARE(dock.timeAxis()->tickInterval(), 2.0);
        // A short run is drawn over a second, not as a line at 0 on a ten-second axis.
        dock.reset(QStringLiteral("short.js"));
        stats.elapsedMs = 5; // the start sample comes a few ms into the run
        dock.addSample(stats);
        stats.elapsedMs = 12;
        dock.addSample(stats);
        QCOMPARE(dock.timeAxis()->max(), 1.0);
        QCOMPARE(dock.timeAxis()->tickInterval(), 0.2);
    }

    void snapshotOutcomeHasItsOwnPlaceUntilTheNextRun()
    {
        ui::MemoryDock dock;
        dock.addSample(sample());
        const QString numbers = summary(dock);
        dock.showSnapshotResult(QStringLiteral("/tmp/x.heapsnapshot"), true, QString());
        QCOMPARE(summary(dock), numbers); // the numbers stay
        QLabel* status = snapshotStatus(dock);
        QVERIFY(status);
        QCOMPARE(status->text(), QStringLiteral("Heap snapshot saved to /tmp/x.heapsnapshot"));
        QVERIFY(!status->isHidden());
        dock.reset(QStringLiteral("next.js"));
        QVERIFY(status->isHidden());
        QVERIFY(status->text().isEmpty());
        dock.showSnapshotResult(QStringLiteral("/nope/x.heapsnapshot"), false,
                                QStringLiteral("No such directory"));
        QCOMPARE(status->text(),
                 QStringLiteral("Could not save the heap snapshot: No such directory"));
    }

    void snapshotDialogProposesDocumentsAndAScriptNamedFile()
    {
        ui::MemoryDock dock;
        dock.reset(QStringLiteral("memory-growth.js"));
        QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        if (!QFileInfo(documents).isDir()) documents = QDir::homePath();
        const QString proposed = dock.defaultSnapshotPath();
        QCOMPARE(QFileInfo(proposed).absolutePath(), QDir(documents).absolutePath());
        const QRegularExpression name(
            QStringLiteral("^memory-growth-(\\d{4}-\\d{2}-\\d{2}-\\d{4})\\.heapsnapshot$"));
        const auto match = name.match(QFileInfo(proposed).fileName());
        QVERIFY2(match.hasMatch(), qPrintable(proposed));
        const QDateTime stamp =
            QDateTime::fromString(match.captured(1), QStringLiteral("yyyy-MM-dd-HHmm"));
        QVERIFY(qAbs(stamp.secsTo(QDateTime::currentDateTime())) < 120);

        // The real dialog opens there, with that name; cancelling it saves nothing.
        dock.show();
        QSignalSpy requested(&dock, &ui::MemoryDock::saveSnapshotRequested);
        QString directory, fileName;
        QTimer poll;
        connect(&poll, &QTimer::timeout, [&] {
            auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
            if (!dialog) return;
            poll.stop();
            directory = dialog->directory().absolutePath();
            auto* edit = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
            fileName = edit ? edit->text() : QString();
            dialog->reject();
        });
        poll.start(20);
        auto* button = dock.findChild<QToolButton*>(QStringLiteral("saveSnapshotButton"));
        QVERIFY(button);
        button->click();
        QCOMPARE(directory, QDir(documents).absolutePath());
        QVERIFY2(name.match(fileName).hasMatch(), qPrintable(fileName));
        QCOMPARE(requested.size(), 0);
        // Before any run: a name still.
        ui::MemoryDock fresh;
        QVERIFY2(QFileInfo(fresh.defaultSnapshotPath()).fileName().startsWith(u"nano-"),
                 qPrintable(fresh.defaultSnapshotPath()));
    }

    void spacesShowReadableNames()
    {
        ui::HeapSpacesModel model;
        model.setSpaces({{QStringLiteral("new_large_object_space"), 1, 2, 3, 4},
                         {QStringLiteral("old_space"), 1, 2, 3, 4}});
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("new large object"));
        QCOMPARE(model.index(0, 0).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("new_large_object_space"));
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("old"));
    }

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

    void heapSpaceNamesAreTranslated()
    {
        QCOMPARE(ui::i18n::install(QStringLiteral("de")), QStringLiteral("de"));
        // Every space V8 10.2 has gets a German name; an unknown one keeps its own.
        QStringList german;
        for (const QString& space : ui::HeapSpacesModel::knownSpaceNames())
            german << ui::HeapSpacesModel::spaceDisplayName(space);
        QCOMPARE(german.size(), 8);
        QVERIFY2(german.contains(QStringLiteral("alt")), qPrintable(german.join(u',')));
        QVERIFY2(german.contains(QStringLiteral("neue große Objekte")),
                 qPrintable(german.join(u',')));
        QVERIFY2(!german.contains(QStringLiteral("old")) && !german.contains(QStringLiteral("new")),
                 qPrintable(german.join(u',')));
        QCOMPARE(ui::HeapSpacesModel::spaceDisplayName(QStringLiteral("shared_space")),
                 QStringLiteral("shared"));
        // The table shows them, and the dock is wide enough for the longest.
        ui::MemoryDock dock;
        HeapStats stats = sample();
        stats.spaces = {{QStringLiteral("new_large_object_space"), 1, 1, 1, 1}};
        dock.addSample(stats);
        QCOMPARE(dock.spacesModel()->index(0, 0).data().toString(),
                 QStringLiteral("neue große Objekte"));
        QCOMPARE(ui::i18n::install(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(ui::HeapSpacesModel::spaceDisplayName(QStringLiteral("old_space")),
                 QStringLiteral("old"));
    }

    void theSummaryKeepsTheRunsNumbersAfterItEnds()
    {
        ui::MemoryDock dock;
        dock.reset(QStringLiteral("a.js"));
        HeapStats stats = sample();
        stats.usedHeap = 40 << 20;
        stats.totalHeap = 48 << 20;
        dock.addSample(stats);
        const QString during = summary(dock);
        QVERIFY2(during.startsWith(QStringLiteral("Used 40.0 MB of 48.0 MB")), qPrintable(during));
        dock.finishRun(false);
        QCOMPARE(summary(dock), during);
        // The engine's sample of the collected heap after the run: charted, named as such, and
        // the run's numbers stay.
        HeapStats collected = sample();
        collected.usedHeap = 1 << 20;
        collected.totalHeap = 2 << 20;
        dock.addSample(collected);
        QCOMPARE(dock.seriesModel()->rowCount(), 2);
        QVERIFY2(summary(dock).startsWith(during), qPrintable(summary(dock)));
        QVERIFY2(summary(dock).endsWith(
                     QStringLiteral("After the run, collected: used 1.0 MB of 2.0 MB")),
                 qPrintable(summary(dock)));
        // Until the next run's first sample.
        dock.reset(QStringLiteral("a.js"));
        QVERIFY(summary(dock).startsWith(during));
        dock.addSample(collected);
        QVERIFY2(summary(dock).startsWith(QStringLiteral("Used 1.0 MB of 2.0 MB")),
                 qPrintable(summary(dock)));
    }

    void anOutOfMemoryStopIsExplained()
    {
        ui::MemoryDock dock;
        dock.reset(QStringLiteral("oom.js"));
        HeapStats stats = sample(); // a 64 MB limit
        stats.usedHeap = 70 << 20;  // the limit is checked after a full collection
        stats.totalHeap = 72 << 20;
        dock.addSample(stats);
        dock.finishRun(true);
        const QString text = summary(dock);
        QVERIFY2(text.startsWith(QStringLiteral(
                     "Out of memory: the run was stopped at its heap limit of 64.0 MB.")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Last sample: used 70.0 MB of 72.0 MB")),
                 qPrintable(text));
        QVERIFY2(!text.startsWith(QStringLiteral("Used")), qPrintable(text));
    }
};

QTEST_MAIN(TestMemoryDock)
#include "tst_memory_dock.moc"
