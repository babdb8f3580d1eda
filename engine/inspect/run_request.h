#pragma once
// What to run (value type).

#include <QByteArray>
#include <QHash>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace nano {

// A bundle's files, read and validated by the app (app/bundle) before the run. Its modules are
// loaded from here, never from disk; their URLs are nanobundle:///PATH and error locations
// read "DISPLAYNAME!/PATH:LINE:COLUMN" ("app.nanobundle!/lib/util.js:12:3").
struct BundleImage {
    QString displayName;              // the bundle's file name, e.g. "app.nanobundle"
    QString entry;                    // the bundle path of the entry module ("main.js")
    QHash<QString, QByteArray> files; // bundle path -> contents (shared, read-only)
    bool isEmpty() const { return files.isEmpty(); }
};

// Which origins fetch may reach (engine/core/network_permissions.h). Scripts from the editor
// or the CLI are unrestricted; a bundle runs with its manifest's origins plus --allow-net.
struct NetworkPolicy {
    bool restricted = false;
    QStringList allowedOrigins; // serialized origins ("https://example.com:8443")
    // An origin not allowed is asked about (Controller::permissionRequested) instead of being
    // denied at once; the CLI never asks.
    bool prompt = false;
    QString grantFlag = QStringLiteral("--allow-net"); // named in the denial's message
};

// The embedder's answer to "Allow this script to connect to ORIGIN?".
enum class PermissionAnswer { Once, Always, Deny };

struct RunRequest {
    QString filePath; // a file to run; if empty, `source` is run under the name `sourceName`
    QString source;
    QString sourceName;   // e.g. "untitled-1.js"; relative imports resolve against the working dir
    bool classic = false; // a classic script instead of an ES module
    QStringList args;     // Nano.args
    bool printResult = false; // print the completion value of a classic script (nanojs eval)
    QString location;   // the API base URL and globalThis.location (an absolute URL), or empty
    BundleImage bundle; // when not empty, the run's modules (filePath and source are unused)
    NetworkPolicy network;
    // Before the first line: wait for an inspector session's Runtime.runIfWaitingForDebugger,
    // then pause on the first statement (--inspect-brk). Needs Controller::Options::inspector.
    bool inspectBrk = false;
};

} // namespace nano

Q_DECLARE_METATYPE(nano::RunRequest)
