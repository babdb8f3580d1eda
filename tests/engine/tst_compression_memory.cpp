// CompressionStream and DecompressionStream report the memory their codec holds outside the V8
// heap (zlib's state and output buffer) as ExternalMemoryKind::StreamQueues, and give it back
// as soon as the stream finishes, errors or is cancelled, not only when it is collected.

#include "api/compression/compression_stream.h"
#include "api/streams/streams.h"
#include "bind/isolate_data.h"
#include "test_runtime.h"

#include <QTest>

using namespace nano;

class TestCompressionMemory : public QObject {
    Q_OBJECT

private slots:
    void codecsReportTheirMemoryUntilTheyAreDone()
    {
        test::TestRuntime test(
            {&api::streams::installStreams, &api::compression::installCompressionStreams});
        bind::IsolateData* data = bind::IsolateData::get(test.isolate());
        const auto held = [&] { return data->externalMemory(ExternalMemoryKind::StreamQueues); };
        QCOMPARE(held(), 0);
        QCOMPARE(
            test.eval("globalThis.streams = [];"
                      "for (let i = 0; i < 10; i++) streams.push(new CompressionStream('gzip'));"
                      "streams.length"),
            QStringLiteral("10"));
        // deflate's window and hash tables: 256 KiB each.
        QVERIFY2(held() >= 10 * 256 * 1024 && held() < 10 * 400 * 1024,
                 qPrintable(QString::number(held())));
        test.eval("streams = null");
        test.isolate()->LowMemoryNotification();
        QCOMPARE(held(), 0);

        // Finished (closed), cancelled and errored streams give it back while still referenced.
        test.eval("globalThis.done = new CompressionStream('deflate');"
                  "const w = done.writable.getWriter(); w.write(new Uint8Array(100)); w.close();"
                  "done.readable.pipeTo(new WritableStream());");
        test.eval("globalThis.cancelled = new DecompressionStream('gzip');"
                  "cancelled.readable.cancel();");
        test.eval("globalThis.errored = new DecompressionStream('deflate');"
                  "errored.writable.getWriter().write(new Uint8Array([1, 2, 3])).catch(() => {});"
                  "errored.readable.getReader().read().catch(() => {});");
        for (int i = 0; i < 10; ++i)
            test.eval("0"); // let the pipe's jobs run
        QCOMPARE(test.eval("[done, cancelled, errored].length"), QStringLiteral("3"));
        QCOMPARE(held(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCompressionMemory)
#include "tst_compression_memory.moc"
