#pragma once
// For tests that measure a nanojs script's memory from outside: runs `nanojs run SCRIPT` as a
// child process, waits for the script to print "idle" (its baseline: after warming up and
// allocating what it means to send), then samples its VmRSS from /proc every 50 ms until it
// exits. A bound on peak - idle catches memory that grows with the data.

#include "../sanitizers/sanitizer_build.h"

#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTest>

namespace nano::test {

// Resident set size of `pid` in KiB, or -1.
inline qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

struct ScriptMemory {
    bool sawIdle = false;
    int exitCode = -1;
    QByteArray output; // what the script printed after "idle"
    QByteArray errors; // its stderr
    qint64 idleKiB = 0;
    qint64 peakKiB = 0;
    qint64 growthMiB() const { return (peakKiB - idleKiB) / 1024; }
};

// Runs the script (with `arguments` before it) for at most `timeoutMs`.
inline ScriptMemory runMeasured(const QString& nanojs, const QString& script, int timeoutMs,
                                const QStringList& arguments = {})
{
    ScriptMemory result;
    QProcess process;
    process.start(nanojs, QStringList{QStringLiteral("run")} << arguments << script);
    if (!process.waitForStarted()) return result;
    QByteArray out;
    QElapsedTimer clock;
    clock.start();
    while (!out.contains("idle\n") && clock.elapsed() < timeoutMs &&
           process.state() == QProcess::Running) {
        process.waitForReadyRead(100);
        out += process.readAllStandardOutput();
    }
    result.sawIdle = out.contains("idle\n");
    if (result.sawIdle) {
        QTest::qWait(300);
        result.idleKiB = residentKiB(process.processId());
        result.peakKiB = result.idleKiB;
        while (!process.waitForFinished(50) && clock.elapsed() < timeoutMs)
            result.peakKiB = std::max(result.peakKiB, residentKiB(process.processId()));
    }
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
    } else {
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    out += process.readAllStandardOutput();
    result.output = out.mid(out.indexOf("idle\n") + 5).trimmed();
    result.errors = process.readAllStandardError();
    return result;
}

} // namespace nano::test
