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
    };
    quint64 runId = 0;
    Status status = Status::Completed;
    int exitCode = 0;
    QString errorText; // the report printed for Failed/OutOfMemory, else empty
    QString errorUrl;  // where the uncaught error happened, if known
    int errorLine = 0; // 1-based
    int errorColumn = 0;
    double elapsedMs = 0;
    // From the stop request (stop(), a time-out, an uncaught error) to the end of the run, on
    // the engine thread; -1 if the run ended by itself. What Stop guarantees: delivering the
    // result to another thread adds that thread's scheduling delay.
    double stopLatencyMs = -1;
    // Stop could not interrupt the script (it sat inside one long built-in call past the
    // controller's grace period): its engine was set aside to finish in the background and a
    // fresh one serves later runs. The REPL's context of this run is gone.
    bool engineAbandoned = false;
};

} // namespace nano

Q_DECLARE_METATYPE(nano::RunResult)
