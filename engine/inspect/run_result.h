#pragma once
// How a run ended (value type).

#include <QMetaType>
#include <QString>

namespace nano {

struct RunResult {
    enum class Status {
        Completed,   // the event loop ran dry (exit code 0, or 13 for an unsettled top-level await)
        Failed,      // an uncaught exception or unhandled rejection (exit code 1)
        Exited,      // Nano.exit(code)
        Stopped,     // stop() from the controller
        TimedOut,    // the run's time limit
        OutOfMemory, // the heap limit was reached (exit code 1)
        LoadFailed,  // the script or module could not be read (exit code 1)
    };
    quint64 runId = 0;
    Status status = Status::Completed;
    int exitCode = 0;
    QString errorText;  // the report printed for Failed/OutOfMemory/LoadFailed, else empty
    QString errorUrl;   // where the uncaught error happened, if known
    int errorLine = 0;  // 1-based
    int errorColumn = 0;
    double elapsedMs = 0;
};

} // namespace nano

Q_DECLARE_METATYPE(nano::RunResult)
