#pragma once
// The pieces of the WPT check (README.md), kept apart from wpt_runner's main() so that
// tst_wpt_suite can feed them fake results: the manifest, the expected failures listed in
// docs/conformance.md, the script nanojs runs for one test file, the reporter's output and the
// comparison that decides whether a file is fine. Qt Core only: CI has no python or node.

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

namespace nano::wpt {

// tests/wpt/manifest.txt: one test file a line, "on PATH" or "off PATH" (PATH relative to the
// upstream root); '#' starts a comment, blank lines are ignored.
struct ManifestEntry {
    QString path;
    bool enabled = false;
    int line = 0;
};
struct Manifest {
    QVector<ManifestEntry> entries;
    QStringList errors; // "manifest.txt:3: ..." for lines that are neither on nor off
};
Manifest parseManifest(const QString& text, const QString& fileName);

// Every ```wpt-expected-failures fenced block in a Markdown file; each line in it is
// "FILE: SUBTEST NAME" (split at the first ": " after ".js"), '#' lines are comments. The
// names <harness> (the harness status is not OK) and <incomplete> (the file did not run to
// its end) stand for the file as a whole.
using Expectations = QHash<QString, QSet<QString>>; // file -> subtests expected not to pass
struct ExpectationsParse {
    Expectations expected;
    QStringList errors;
};
ExpectationsParse parseExpectations(const QString& markdown, const QString& fileName);

inline const QString kHarnessEntry = QStringLiteral("<harness>");
inline const QString kIncompleteEntry = QStringLiteral("<incomplete>");

// What harness/reporter.js printed for one file. A subtest name seen a second time gets
// " #2" appended (as ../shared/wpt's runner does), so every name is unique.
struct Subtest {
    QString status; // PASS, FAIL, TIMEOUT, NOTRUN, PRECONDITION_FAILED
    QString name;
    QString message;
};
struct FileResult {
    QVector<Subtest> subtests;
    QString harnessStatus; // OK, ERROR, TIMEOUT, PRECONDITION_FAILED; empty if never printed
    QString harnessMessage;
    bool done = false; // WPTDONE was printed
};
FileResult parseOutput(const QString& stdoutText);

// How the process ended, as the runner saw it.
struct RunOutcome {
    bool exitedByItself = true; // false: killed (timeout, or no exit after the harness finished)
    int exitCode = 0;
    QString detail; // why it was killed, or the end of stderr
};

struct Problem {
    enum class Kind {
        MissingFile,       // enabled in the manifest, not on disk (or a META script missing)
        UnexpectedFailure, // not PASS and not listed
        UnexpectedPass,    // listed, and passes now: remove it from docs/conformance.md
        ListedNotReported, // listed, but the file has no subtest of that name
        HarnessError,      // harness status not OK, not listed as <harness>
        Incomplete,        // no WPTDONE, killed, or a non-zero exit; not listed as <incomplete>
    };
    Kind kind;
    QString file;
    QString subtest;
    QString detail;
};
QString describe(const Problem& problem);

// The problems of one file's run against the failures listed for it.
QVector<Problem> compare(const QString& file, const FileResult& result, const RunOutcome& outcome,
                         const QSet<QString>& expectedFailures);

// One test file as a classic script: harness/preamble.js, resources/testharness.js,
// harness/reporter.js, the file's META scripts, the file (wrapped in a function when it
// starts with 'use strict', which would be a no-op in the middle of a script).
struct Script {
    QString text;
    int timeoutMs = 0;   // the file's time: ScriptInputs::timeoutMs, 3 times that for
                         // "// META: timeout=long"
    QStringList missing; // files it needs that are not there
};
struct ScriptInputs {
    QString testsRoot;     // where the test file is
    QString resourcesRoot; // where resources/testharness.js and META scripts resolve
    QString preamble;      // harness/preamble.js (with its __WPT_*__ placeholders)
    QString reporter;      // harness/reporter.js
    // A file's time. The preamble's watchdog fires 8 s before its end (1 s at the earliest):
    // testharness then times out what is pending and still reports the rest.
    int timeoutMs = 30000;
};
Script buildScript(const QString& testPath, const ScriptInputs& inputs);

// "// META: key=value" pairs of the comment lines a file starts with.
QVector<QPair<QString, QString>> parseMeta(const QString& source);

} // namespace nano::wpt
