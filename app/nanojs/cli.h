#pragma once
// Command-line parsing for nanojs, kept apart from main() so it can be tested.

#include <QString>
#include <QStringList>

namespace nano::cli {

struct Options {
    enum class Command { Run, Eval, ServeTest, Help, Version, Invalid };
    Command command = Command::Invalid;
    QString target;         // the file for run, the code for eval
    QStringList scriptArgs; // after the file: Nano.args
    bool classic = false;
    bool traceStreams = false; // --trace-streams: the stream inspector's feed as JSON lines
    QString harPath;           // run --har FILE: the run's fetch traffic as HAR 1.2
    int maxHeapMb = 0;
    double timeoutSeconds = 0;
    QString location;        // run: the API base URL (--location)
    QStringList allowNet;    // run --allow-net ORIGIN: origins a bundle may fetch besides its own
    int port = 0;            // serve-test
    bool tls = false;        // serve-test
    QStringList staticRoots; // serve-test --static DIR (repeatable)
    bool proxy = false;      // serve-test --proxy: a forwarding HTTP proxy instead
    QString error;           // for Invalid
};

Options parse(const QStringList& arguments); // arguments without the program name
QString usage();

} // namespace nano::cli
