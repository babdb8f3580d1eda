// nanojs: runs a script headless and exits with its status.

#include "bundle_command.h"
#include "bundle_reader.h"
#include "cli.h"
#include "engine/controller.h"
#include "har_output.h"
#include "serve_test.h"
#include "trace_streams.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>
#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <unistd.h>

namespace {
constexpr int kStopGraceMs = 2000;

void printError(const QString& text)
{
    std::fprintf(stderr, "nanojs: %s\n", text.toLocal8Bit().constData());
}
} // namespace

int main(int argc, char** argv)
{
    // Pipes and files get a large buffer; a terminal stays line-buffered.
    if (!isatty(STDOUT_FILENO)) std::setvbuf(stdout, nullptr, _IOFBF, 1 << 16);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("nanojs"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NANO_VERSION));

    if (app.arguments().value(1) == QLatin1String("bundle"))
        return nano::cli::bundleCommand(app.arguments().mid(2));
    const nano::cli::Options options = nano::cli::parse(app.arguments().mid(1));
    switch (options.command) {
    case nano::cli::Options::Command::Help:
        std::fputs(nano::cli::usage().toLocal8Bit().constData(), stdout);
        return 0;
    case nano::cli::Options::Command::Version:
        std::printf("nanojs %s (V8 %s)\n", NANO_VERSION, "10.2");
        return 0;
    case nano::cli::Options::Command::Invalid:
        printError(options.error);
        std::fputs("Run 'nanojs --help' for usage.\n", stderr);
        return 2;
    case nano::cli::Options::Command::ServeTest: return nano::cli::serveTest(options);
    default: break;
    }

    nano::RunRequest request;
    request.classic = options.classic;
    request.args = options.scriptArgs;
    request.location = options.location;
    if (options.command == nano::cli::Options::Command::Run) {
        const QFileInfo file(options.target);
        if (!file.exists()) {
            printError(QStringLiteral("cannot find '%1'").arg(options.target));
            return 2;
        }
        if (!file.isFile() || !file.isReadable()) {
            printError(QStringLiteral("'%1' is not a readable file").arg(options.target));
            return 2;
        }
        if (options.target.endsWith(QLatin1String(".nanobundle"))) {
            if (options.classic) {
                printError(QStringLiteral("--classic does not apply to a bundle: its modules "
                                          "are ES modules"));
                return 2;
            }
            // Validated in full, in memory, before anything of it runs.
            QString error;
            std::optional<nano::bundle::Bundle> bundle =
                nano::bundle::readBundleFile(file.absoluteFilePath(), &error);
            if (!bundle) {
                printError(error);
                return 1;
            }
            request.bundle.displayName = file.fileName();
            request.bundle.entry = bundle->manifest.entry;
            request.bundle.files = std::move(bundle->files);
            request.network.restricted = true;
            request.network.allowedOrigins = bundle->manifest.netPermissions + options.allowNet;
        } else if (!options.allowNet.isEmpty()) {
            printError(QStringLiteral("--allow-net is for bundles: a script run from a file has "
                                      "full network access"));
            return 2;
        } else {
            request.filePath = file.absoluteFilePath();
        }
    } else {
        request.source = options.target;
        request.sourceName = QStringLiteral("[eval]");
        request.classic = true; // completion values exist for classic scripts only
        request.printResult = true;
    }

    nano::Controller::Options engineOptions;
    engineOptions.maxHeapMb = options.maxHeapMb;
    engineOptions.directStdio = true;
    nano::Controller controller(engineOptions);
    if (options.traceStreams) nano::cli::traceStreams(controller);
    std::unique_ptr<nano::cli::HarCollector> har;
    if (!options.harPath.isEmpty()) har = std::make_unique<nano::cli::HarCollector>(controller);
    // The HAR is written however the run ends; a file that cannot be written fails the run.
    auto writeHar = [&har, &options](int code) {
        QString error;
        if (!har || har->write(options.harPath, &error)) return code;
        printError(error);
        return code == 0 ? 1 : code;
    };
    int exitCode = 0;
    QObject::connect(&controller, &nano::Controller::runFinished, &app,
                     [&](const nano::RunResult& result) {
                         const bool timedOut = result.status == nano::RunResult::Status::TimedOut;
                         if (result.engineAbandoned) {
                             // The engine thread is still inside its built-in call: leave
                             // without waiting for it (or tearing anything down under it).
                             printError(QStringLiteral("the script %1 and did not stop (it is "
                                                       "inside one long built-in call); exiting")
                                            .arg(timedOut ? QStringLiteral("timed out after %1 s")
                                                                .arg(options.timeoutSeconds)
                                                          : QStringLiteral("was stopped")));
                             const int code = writeHar(result.exitCode);
                             std::fflush(stdout);
                             std::fflush(stderr);
                             std::_Exit(code);
                         }
                         if (timedOut)
                             printError(QStringLiteral("the script timed out after %1 s and was "
                                                       "stopped")
                                            .arg(options.timeoutSeconds));
                         exitCode = writeHar(result.exitCode);
                         app.quit();
                     });
    if (options.timeoutSeconds > 0) {
        // QTimer takes an int of milliseconds: about 24 days at most.
        const double ms = std::min(options.timeoutSeconds * 1000, double(INT_MAX));
        QTimer::singleShot(static_cast<int>(ms), &app, [&controller, &options, &writeHar] {
            controller.stopForTimeout();
            // Termination takes effect at V8's next interrupt check, which one long builtin
            // (filling a huge dictionary-mode array) may not reach for a minute: the time-out
            // holds all the same.
            QTimer::singleShot(kStopGraceMs, [&options, &writeHar] {
                printError(QStringLiteral("the script timed out after %1 s and did not stop "
                                          "within %2 s (it is inside one long built-in call); "
                                          "exiting")
                               .arg(options.timeoutSeconds)
                               .arg(kStopGraceMs / 1000));
                writeHar(124); // what arrived before the engine got stuck
                std::fflush(stdout);
                std::_Exit(124);
            });
        });
    }
    controller.run(request);
    app.exec();
    std::fflush(stdout);
    return exitCode;
}
