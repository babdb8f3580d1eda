// Heap statistics carry the memory our objects hold outside the V8 heap, per kind: ArrayBuffers
// (counted by the allocator), Blobs (the bytes a Blob, its slices and clones share count
// once) and crypto key material.

#include "api/blob.h"
#include "api/structured_clone.h"
#include "bind/isolate_data.h"
#include "engine/controller.h"
#include "test_runtime.h"

#include <QSignalSpy>
#include <QTest>

using namespace nano;

namespace {

constexpr quint64 MiB = 1024 * 1024;

// Runs `code` (a module) with heap sampling on; the last sample of the run, taken while the
// script waits at its end.
HeapStats lastSample(const QString& code)
{
    Controller controller;
    QSignalSpy samples(&controller, &Controller::heapStatistics);
    QSignalSpy finished(&controller, &Controller::runFinished);
    controller.setHeapSamplingInterval(20);
    RunRequest request;
    request.source = code + QStringLiteral("\nawait new Promise((r) => setTimeout(r, 300));");
    request.sourceName = QStringLiteral("memory.js");
    const quint64 runId = controller.run(request);
    if (!finished.wait(10000)) return {};
    HeapStats last;
    for (const QList<QVariant>& args : samples) {
        const HeapStats stats = args.at(0).value<HeapStats>();
        if (stats.runId == runId) last = stats;
    }
    return last;
}

} // namespace

class TestHeapStats : public QObject {
    Q_OBJECT

private slots:
    void blobSlicesAndClonesCountTheirBytesOnce()
    {
        const HeapStats stats = lastSample(QStringLiteral(R"(
            globalThis.big = new Blob([new Uint8Array(1024 * 1024)]);
            globalThis.parts = [big.slice(0, 10), big.slice(100), structuredClone(big),
                                structuredClone(big.slice(5, 6))];
            globalThis.small = new Blob(['hello']);
        )"));
        // 1 MiB once, 'hello', and the one byte that cloning made the last slice copy.
        QCOMPARE(stats.external(ExternalMemoryKind::Blobs), MiB + 5 + 1);
        QCOMPARE(stats.hostObjectMemory, MiB + 5 + 1);
    }

    void collectedBlobsGiveTheirBytesBack()
    {
        test::TestRuntime test({&api::installBlob, &api::installStructuredClone});
        bind::IsolateData* data = bind::IsolateData::get(test.isolate());
        QCOMPARE(test.eval("globalThis.big = new Blob([new Uint8Array(1000)]);"
                           "globalThis.parts = [big.slice(1), structuredClone(big)];"
                           "parts.length"),
                 QStringLiteral("2"));
        QCOMPARE(data->externalMemory(ExternalMemoryKind::Blobs), 1000);
        // The parent goes: its slice and clone still hold (and report) the bytes.
        test.eval("big = null");
        test.isolate()->LowMemoryNotification();
        QCOMPARE(data->externalMemory(ExternalMemoryKind::Blobs), 1000);
        test.eval("parts = null");
        test.isolate()->LowMemoryNotification();
        QCOMPARE(data->externalMemory(ExternalMemoryKind::Blobs), 0);
        QCOMPARE(data->externalMemory(), 0);
    }

    void arrayBuffersAreCountedByTheAllocator()
    {
        const HeapStats stats = lastSample(QStringLiteral(R"(
            globalThis.big = new ArrayBuffer(3 * 1024 * 1024);
            globalThis.small = new Uint8Array(1000);
        )"));
        const quint64 buffers = stats.external(ExternalMemoryKind::ArrayBuffers);
        QVERIFY2(buffers >= 3 * MiB + 1000, qPrintable(QString::number(buffers)));
        QVERIFY2(buffers < 4 * MiB, qPrintable(QString::number(buffers)));
        QCOMPARE(stats.external(ExternalMemoryKind::Blobs), quint64(0));
        // Not a host object: our objects' share stays apart from V8's buffers.
        QCOMPARE(stats.hostObjectMemory, quint64(0));
    }

    void cryptoKeysReportTheirMaterial()
    {
        const HeapStats none = lastSample(QString());
        QCOMPARE(none.external(ExternalMemoryKind::CryptoBuffers), quint64(0));
        const HeapStats stats = lastSample(QStringLiteral(R"(
            globalThis.key = await crypto.subtle.importKey(
                'raw', new Uint8Array(4096), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
        )"));
        const quint64 crypto = stats.external(ExternalMemoryKind::CryptoBuffers);
        QVERIFY2(crypto >= 4096 && crypto < 4096 + 4096, qPrintable(QString::number(crypto)));
        QCOMPARE(stats.hostObjectMemory, crypto);
    }
};

QTEST_GUILESS_MAIN(TestHeapStats)
#include "tst_heap_stats.moc"
