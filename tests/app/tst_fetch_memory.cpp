// B-02 from outside the process: a 1 GiB response read through a reader keeps nanojs's
// resident memory within 64 MiB of what it was before the download (the body is pulled with
// backpressure, never held). nanojs and `nanojs serve-test` run as child processes; the
// test samples the script's VmRSS from /proc while it reads.

#include "../sanitizers/sanitizer_build.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Resident set size of `pid` in KiB, or -1.
qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

} // namespace

// Runs `body` (after `const base = <test server URL>;` and a warm-up fetch) in nanojs and
// checks that its resident memory grows by at most 64 MiB over what it was at 'idle', and that
// it printed `expected`.
void expectBoundedRun(const QByteArray& body, const QByteArray& expected)
{
    QProcess server;
    server.start(QStringLiteral(NANOJS_PATH), {QStringLiteral("serve-test")});
    QVERIFY(server.waitForReadyRead(10000));
    const QByteArray base = server.readLine().trimmed();

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("script.js"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("const base = '" + base +
               "';\n"
               // Warm up: the first fetch makes the network session and its buffers.
               "await (await fetch(base + '/bytes/4000000')).arrayBuffer();\n"
               "console.log('idle');\n"
               "await new Promise((r) => setTimeout(r, 500));\n" +
               body);
    file.close();

    QProcess script;
    script.start(QStringLiteral(NANOJS_PATH), {QStringLiteral("run"), path});
    QVERIFY(script.waitForReadyRead(30000 * nano::test::kTimeScale));
    QCOMPARE(script.readLine().trimmed(), QByteArray("idle"));
    QTest::qWait(300);
    const qint64 idle = residentKiB(script.processId());
    QVERIFY(idle > 0);
    qint64 peak = idle;
    while (!script.waitForFinished(50))
        peak = std::max(peak, residentKiB(script.processId()));
    server.kill();
    server.waitForFinished(5000);
    QCOMPARE(script.exitCode(), 0);
    QCOMPARE(script.readAll().trimmed(), expected);
    const qint64 growthMiB = (peak - idle) / 1024;
    qInfo("idle %lld MiB, peak %lld MiB", idle / 1024, peak / 1024);
    QVERIFY2(growthMiB <= 64 + nano::test::kExtraRssMiB,
             qPrintable(QStringLiteral("RSS grew by %1 MiB").arg(growthMiB)));
}

class TestFetchMemory : public QObject {
    Q_OBJECT
private slots:
    void aGibibyteReadThroughAReaderStaysBounded()
    {
        expectBoundedRun("const response = await fetch(base + '/stream-bytes/' + 2 ** 30);\n"
                         "const reader = response.body.getReader();\n"
                         "let total = 0;\n"
                         "for (;;) { const { done, value } = await reader.read(); if (done) break;"
                         " total += value.byteLength; }\n"
                         "console.log('total', total);\n",
                         "total 1073741824");
    }

    // A ReadableStream request body is streamed (chunked), never buffered whole: a 1 GiB
    // upload to an endpoint that only counts it keeps memory bounded.
    void aGibibyteStreamedUploadStaysBounded()
    {
        expectBoundedRun("const chunk = new Uint8Array(65536).fill(7);\n"
                         "let sent = 0;\n"
                         "const body = new ReadableStream({ pull(c) {\n"
                         "  if (sent === 2 ** 30) { c.close(); return; }\n"
                         "  c.enqueue(chunk.slice()); sent += chunk.byteLength; } });\n"
                         "const response = await fetch(base + '/upload',"
                         " { method: 'POST', body, duplex: 'half' });\n"
                         "console.log('bytes', (await response.json()).bytes);\n",
                         "bytes 1073741824");
    }
};

QTEST_GUILESS_MAIN(TestFetchMemory)
#include "tst_fetch_memory.moc"
