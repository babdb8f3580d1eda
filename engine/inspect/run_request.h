#pragma once
// What to run (value type).

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace nano {

struct RunRequest {
    QString filePath; // a file to run; if empty, `source` is run under the name `sourceName`
    QString source;
    QString sourceName;   // e.g. "untitled-1.js"; relative imports resolve against the working dir
    bool classic = false; // a classic script instead of an ES module
    QStringList args;     // Nano.args
    bool printResult = false; // print the completion value of a classic script (nanojs eval)
    QString location; // the API base URL and globalThis.location (an absolute URL), or empty
    // Before the first line: wait for an inspector session's Runtime.runIfWaitingForDebugger,
    // then pause on the first statement (--inspect-brk). Needs Controller::Options::inspector.
    bool inspectBrk = false;
};

} // namespace nano

Q_DECLARE_METATYPE(nano::RunRequest)
