// wpt_runner: runs the WPT files enabled in tests/wpt/manifest.txt through `nanojs run
// --classic` and fails on any subtest that does not pass unless docs/conformance.md lists it
// as a known divergence (tests/wpt/README.md). Exit code 0: every file as expected; 1: a
// problem (each printed on its own line); 2: bad arguments or an unreadable input.

#include "wpt_suite.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

using namespace nano::wpt;

namespace {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

bool readFile(const QString& path, QString* text)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out() << "wpt: cannot read " << path << Qt::endl;
        return false;
    }
    *text = QString::fromUtf8(file.readAll());
    return true;
}

// Runs nanojs on one generated script; a run that printed WPTDONE gets 3 s to exit (the
// event loop must end by itself), any run `timeoutMs` in all. A non-empty `location` is passed
// as --location (the test's own URL, as a browser would load it).
RunOutcome runNanojs(const QString& nanojs, const QString& script, int timeoutMs,
                     const QString& location, QString* stdoutText)
{
    QProcess process;
    QStringList arguments{QStringLiteral("run"), QStringLiteral("--classic")};
    if (!location.isEmpty()) arguments << QStringLiteral("--location") << location;
    process.start(nanojs, arguments << script);
    RunOutcome outcome;
    if (!process.waitForStarted()) {
        outcome.exitedByItself = false;
        outcome.detail = QStringLiteral("cannot start %1: %2").arg(nanojs, process.errorString());
        return outcome;
    }
    QByteArray bytes;
    QElapsedTimer clock;
    clock.start();
    qint64 doneAt = -1;
    while (!process.waitForFinished(50)) {
        bytes += process.readAllStandardOutput();
        if (doneAt < 0 && (bytes.startsWith("WPTDONE") || bytes.contains("\nWPTDONE")))
            doneAt = clock.elapsed();
        const bool stuck = doneAt >= 0 && clock.elapsed() - doneAt > 3000;
        if (stuck || clock.elapsed() > timeoutMs) {
            process.kill();
            process.waitForFinished();
            outcome.exitedByItself = false;
            outcome.detail = stuck ? QStringLiteral("did not exit 3 s after the harness finished")
                                   : QStringLiteral("timed out after %1 s").arg(timeoutMs / 1000);
            break;
        }
    }
    bytes += process.readAllStandardOutput();
    *stdoutText = QString::fromUtf8(bytes);
    if (outcome.exitedByItself) {
        outcome.exitCode = process.exitStatus() == QProcess::CrashExit ? -1 : process.exitCode();
        const QStringList err = QString::fromUtf8(process.readAllStandardError())
                                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        outcome.detail = err.mid(std::max(0, int(err.size()) - 3)).join(QLatin1String(" | "));
        if (process.exitStatus() == QProcess::CrashExit)
            outcome.detail.prepend(QStringLiteral("crashed: "));
    }
    return outcome;
}

// `nanojs serve-test --static ROOT...` for the files that fetch their resources: started once
// for the run, stopped (by its own QProcess) when main returns. Returns the server's URL, or
// an empty one with `error` set.
QString startServer(QProcess& server, const QString& nanojs, const QStringList& roots,
                    QString* error)
{
    QStringList arguments{QStringLiteral("serve-test")};
    for (const QString& root : roots)
        arguments << QStringLiteral("--static") << root;
    server.start(nanojs, arguments);
    QByteArray line;
    QElapsedTimer clock;
    clock.start();
    while (!line.contains('\n') && clock.elapsed() < 10000 &&
           server.state() != QProcess::NotRunning) {
        server.waitForReadyRead(100);
        line += server.readAllStandardOutput();
    }
    const QString url = QString::fromUtf8(line.left(line.indexOf('\n'))).trimmed();
    if (!url.startsWith(QLatin1String("http"))) {
        *error = QStringLiteral("nanojs serve-test did not start: %1")
                     .arg(QString::fromUtf8(server.readAllStandardError()));
        return {};
    }
    return url;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Runs the enabled WPT files through nanojs."));
    parser.addHelpOption();
    const QCommandLineOption nanojsOpt(QStringLiteral("nanojs"), QStringLiteral("nanojs binary"),
                                       QStringLiteral("PATH"));
    const QCommandLineOption rootOpt(QStringLiteral("root"),
                                     QStringLiteral("WPT checkout (resources/, META scripts)"),
                                     QStringLiteral("DIR"));
    const QCommandLineOption testsOpt(QStringLiteral("tests-root"),
                                      QStringLiteral("where the test files are (default: --root)"),
                                      QStringLiteral("DIR"));
    const QCommandLineOption harnessOpt(QStringLiteral("harness"),
                                        QStringLiteral("dir with preamble.js and reporter.js"),
                                        QStringLiteral("DIR"));
    const QCommandLineOption manifestOpt(QStringLiteral("manifest"), QStringLiteral("manifest.txt"),
                                         QStringLiteral("FILE"));
    const QCommandLineOption expectOpt(QStringLiteral("expectations"),
                                       QStringLiteral("docs/conformance.md"),
                                       QStringLiteral("FILE"));
    const QCommandLineOption areaOpt(QStringLiteral("area"),
                                     QStringLiteral("only files whose path starts with PREFIX"),
                                     QStringLiteral("PREFIX"));
    const QCommandLineOption checkOpt(
        QStringLiteral("check-areas"),
        QStringLiteral("run nothing: check the manifest and expectations, and that every manifest "
                       "entry starts with one of these comma-separated prefixes"),
        QStringLiteral("PREFIXES"));
    const QCommandLineOption timeoutOpt(
        QStringLiteral("timeout"),
        QStringLiteral("seconds per file (default 30; 90 for timeout=long)"), QStringLiteral("S"),
        QStringLiteral("30"));
    const QCommandLineOption locationOpt(
        QStringLiteral("location-base"),
        QStringLiteral("run each file with --location URL+PATH (fetch's tests resolve relative "
                       "URLs against their own, e.g. https://web-platform.test:8443/)"),
        QStringLiteral("URL"));
    const QCommandLineOption serveOpt(
        QStringLiteral("serve"),
        QStringLiteral("start `nanojs serve-test --static DIR` (repeatable: each DIR, then "
                       "--root) and run each file with --location at its URL there"),
        QStringLiteral("DIR"));
    parser.addOptions({nanojsOpt, rootOpt, testsOpt, harnessOpt, manifestOpt, expectOpt, areaOpt,
                       checkOpt, timeoutOpt, locationOpt, serveOpt});
    parser.process(app);
    const bool checkOnly = parser.isSet(checkOpt);
    for (const QCommandLineOption& required : {rootOpt, manifestOpt, expectOpt}) {
        if (!parser.isSet(required)) {
            out() << "wpt: --" << required.names().first() << " is required" << Qt::endl;
            return 2;
        }
    }
    if (!checkOnly && (!parser.isSet(nanojsOpt) || !parser.isSet(harnessOpt))) {
        out() << "wpt: --nanojs and --harness are required to run files" << Qt::endl;
        return 2;
    }

    QString manifestText, expectationsText, preamble, reporter;
    if (!readFile(parser.value(manifestOpt), &manifestText) ||
        !readFile(parser.value(expectOpt), &expectationsText))
        return 2;
    const Manifest manifest = parseManifest(manifestText, parser.value(manifestOpt));
    const ExpectationsParse expectations =
        parseExpectations(expectationsText, parser.value(expectOpt));
    QStringList errors = manifest.errors + expectations.errors;

    const QString root = parser.value(rootOpt);
    const QString testsRoot = parser.isSet(testsOpt) ? parser.value(testsOpt) : root;
    const QString area = parser.value(areaOpt);
    QSet<QString> inManifest;
    for (const ManifestEntry& entry : manifest.entries)
        inManifest.insert(entry.path);
    for (auto it = expectations.expected.cbegin(); it != expectations.expected.cend(); ++it) {
        if (!inManifest.contains(it.key()) && it.key().startsWith(area))
            errors << QStringLiteral("%1 lists failures of %2, which is not in the manifest")
                          .arg(parser.value(expectOpt), it.key());
    }

    if (checkOnly) {
        const QStringList areas =
            parser.value(checkOpt).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const ManifestEntry& entry : manifest.entries) {
            if (!QFile::exists(QDir(testsRoot).filePath(entry.path)))
                errors << QStringLiteral("missing file: %1 (manifest line %2)")
                              .arg(entry.path)
                              .arg(entry.line);
            if (std::none_of(areas.begin(), areas.end(),
                             [&](const QString& a) { return entry.path.startsWith(a); }))
                errors << QStringLiteral("%1 is in no ctest area (tests/wpt/CMakeLists.txt)")
                              .arg(entry.path);
        }
        for (const QString& error : errors)
            out() << error << Qt::endl;
        out() << "wpt: " << manifest.entries.size() << " files in the manifest, " << errors.size()
              << " problems" << Qt::endl;
        return errors.isEmpty() ? 0 : 1;
    }

    const QString harness = parser.value(harnessOpt);
    if (!readFile(QDir(harness).filePath(QStringLiteral("preamble.js")), &preamble) ||
        !readFile(QDir(harness).filePath(QStringLiteral("reporter.js")), &reporter))
        return 2;
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        out() << "wpt: no temporary directory" << Qt::endl;
        return 2;
    }

    QString locationBase = parser.value(locationOpt);
    QProcess server; // stopped at the end (or killed by its destructor on an early return)
    if (parser.isSet(serveOpt)) {
        QString error;
        const QString url =
            startServer(server, parser.value(nanojsOpt), parser.values(serveOpt) << root, &error);
        if (url.isEmpty()) {
            out() << "wpt: " << error << Qt::endl;
            return 2;
        }
        locationBase = url + QLatin1Char('/');
    }

    const int timeoutS = parser.value(timeoutOpt).toInt();
    int files = 0, subtests = 0, passed = 0, problems = 0;
    for (const QString& error : errors)
        out() << error << Qt::endl;
    problems += int(errors.size());
    for (const ManifestEntry& entry : manifest.entries) {
        if (!entry.enabled || !entry.path.startsWith(area)) continue;
        ++files;
        const QSet<QString> expected = expectations.expected.value(entry.path);
        const ScriptInputs inputs{testsRoot, root, preamble, reporter, timeoutS * 1000};
        const Script script = buildScript(entry.path, inputs);
        QVector<Problem> found;
        for (const QString& missing : script.missing)
            found.push_back({Problem::Kind::MissingFile, entry.path, QString(), missing});
        QString stdoutText;
        FileResult result;
        if (found.isEmpty()) {
            const QString generated = scratch.filePath(
                QString(entry.path).replace(QLatin1Char('/'), QLatin1String("__")));
            QFile file(generated);
            if (!file.open(QIODevice::WriteOnly) || file.write(script.text.toUtf8()) < 0) {
                out() << "wpt: cannot write " << generated << Qt::endl;
                return 2;
            }
            file.close();
            const QString location = locationBase.isEmpty() ? QString() : locationBase + entry.path;
            const RunOutcome outcome = runNanojs(parser.value(nanojsOpt), generated,
                                                 script.timeoutMs, location, &stdoutText);
            result = parseOutput(stdoutText);
            found = compare(entry.path, result, outcome, expected);
        }
        int filePassed = 0;
        for (const Subtest& subtest : result.subtests)
            filePassed += subtest.status == QLatin1String("PASS");
        subtests += int(result.subtests.size());
        passed += filePassed;
        problems += int(found.size());
        out() << (found.isEmpty() ? "ok      " : "PROBLEM ") << filePassed << "/"
              << result.subtests.size() << " passed (" << expected.size() << " listed)  "
              << entry.path << Qt::endl;
        for (const Problem& problem : found)
            out() << "    " << describe(problem) << Qt::endl;
    }
    out() << "wpt: " << files << " files, " << passed << "/" << subtests << " subtests passed, "
          << problems << " problems"
          << (area.isEmpty() ? QString() : QStringLiteral(" (area %1)").arg(area)) << Qt::endl;
    if (server.state() != QProcess::NotRunning) {
        server.terminate(); // serve-test stops cleanly on SIGTERM
        if (!server.waitForFinished(5000)) server.kill();
    }
    return problems == 0 ? 0 : 1;
}
