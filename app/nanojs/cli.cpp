#include "cli.h"

#include "bundle_command.h"
#include "manifest.h"

#include <QUrl>

namespace nano::cli {

QString usage()
{
    return QStringLiteral(
               "Usage:\n"
               "  nanojs run [options] FILE [ARGS...]   run a script (an ES module unless "
               "--classic)\n"
               "  nanojs eval [options] CODE            run CODE as a classic script and print its "
               "value\n"
               "  nanojs run [options] FILE.nanobundle [--allow-net ORIGIN]... [ARGS...]\n"
               "                                        run a bundle (network: its manifest's "
               "origins)\n"
               "%1"
               "  nanojs serve-test [--port N] [--tls] [--static DIR]... [--proxy]\n"
               "                                        serve the local test endpoints on "
               "127.0.0.1\n"
               "  nanojs --version                      print the version\n"
               "  nanojs --help                         print this help\n"
               "\n"
               "Options:\n"
               "  --classic           run a classic script instead of an ES module\n"
               "  --max-heap-mb N     limit the JavaScript heap to N MiB\n"
               "  --timeout SECONDS   stop the script after SECONDS (exit status 124)\n"
               "  --location URL      the base URL of relative URLs in fetch() and "
               "globalThis.location\n"
               "  --trace-streams     print stream snapshots to stderr as JSON lines, up to 10/s\n"
               "  --har FILE          write the run's fetch traffic to FILE as HAR 1.2 when it "
               "ends\n"
               "  --allow-net ORIGIN  a bundle may also fetch from ORIGIN (e.g. "
               "https://example.com)\n"
               "  --port N            serve-test: the port (default: any free one, printed)\n"
               "  --tls               serve-test: HTTPS with a self-signed certificate\n"
               "  --static DIR        serve-test: serve the files under DIR (before the endpoints)\n"
               "  --proxy             serve-test: a forwarding HTTP proxy (CONNECT too) instead\n"
               "\n"
               "Exit status: 0 success, 1 uncaught error or unhandled rejection, 2 usage error,\n"
               "124 time-out; Nano.exit(code) sets its own.\n")
        .arg(bundleUsage());
}

Options parse(const QStringList& arguments)
{
    Options options;
    auto invalid = [&](const QString& why) {
        options.command = Options::Command::Invalid;
        options.error = why;
        return options;
    };
    bool haveCommand = false;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString& arg = arguments.at(i);
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            options.command = Options::Command::Help;
            return options;
        }
        if (arg == QLatin1String("--version") || arg == QLatin1String("-v")) {
            options.command = Options::Command::Version;
            return options;
        }
        if (arg == QLatin1String("--classic")) {
            options.classic = true;
            continue;
        }
        if (arg == QLatin1String("--trace-streams")) {
            options.traceStreams = true;
            continue;
        }
        if (arg == QLatin1String("--har")) {
            if (i + 1 >= arguments.size() || arguments.at(i + 1).isEmpty())
                return invalid(arg + QStringLiteral(" needs a FILE to write"));
            options.harPath = arguments.at(++i);
            continue;
        }
        if (arg == QLatin1String("--allow-net")) {
            if (i + 1 >= arguments.size()) return invalid(arg + QStringLiteral(" needs an ORIGIN"));
            const QString origin = bundle::originOf(arguments.at(++i));
            if (origin.isEmpty())
                return invalid(QStringLiteral("--allow-net takes an http(s) origin such as "
                                              "'https://example.com', not '%1'")
                                   .arg(arguments.at(i)));
            options.allowNet.append(origin);
            continue;
        }
        if (arg == QLatin1String("--tls")) {
            options.tls = true;
            continue;
        }
        if (arg == QLatin1String("--proxy")) {
            options.proxy = true;
            continue;
        }
        if (arg == QLatin1String("--static")) {
            if (i + 1 >= arguments.size() || arguments.at(i + 1).isEmpty())
                return invalid(arg + QStringLiteral(" needs a DIR to serve"));
            options.staticRoots << arguments.at(++i);
            continue;
        }
        if (arg == QLatin1String("--location")) {
            if (i + 1 >= arguments.size()) return invalid(arg + QStringLiteral(" needs a URL"));
            options.location = arguments.at(++i);
            const QUrl url(options.location, QUrl::StrictMode);
            if (!url.isValid() || url.isRelative() ||
                (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
                return invalid(QStringLiteral("--location takes an absolute http: or https: URL, "
                                              "not '%1'")
                                   .arg(options.location));
            continue;
        }
        if (arg == QLatin1String("--port")) {
            bool ok = false;
            options.port = i + 1 < arguments.size() ? arguments.at(++i).toInt(&ok) : 0;
            if (!ok || options.port < 1 || options.port > 65535)
                return invalid(QStringLiteral("--port takes a port number from 1 to 65535"));
            continue;
        }
        if (arg == QLatin1String("--max-heap-mb") || arg == QLatin1String("--timeout")) {
            if (i + 1 >= arguments.size()) return invalid(arg + QStringLiteral(" needs a value"));
            bool ok = false;
            const QString value = arguments.at(++i);
            if (arg == QLatin1String("--max-heap-mb")) {
                options.maxHeapMb = value.toInt(&ok);
                if (!ok || options.maxHeapMb < 16)
                    return invalid(QStringLiteral("--max-heap-mb takes a whole number of MiB "
                                                  "(16 or more), not '%1'")
                                       .arg(value));
            } else {
                options.timeoutSeconds = value.toDouble(&ok);
                if (!ok || options.timeoutSeconds <= 0)
                    return invalid(QStringLiteral("--timeout takes a positive number of "
                                                  "seconds, not '%1'")
                                       .arg(value));
            }
            continue;
        }
        if (arg.startsWith(QLatin1String("--")) && options.target.isEmpty())
            return invalid(QStringLiteral("unknown option '%1'").arg(arg));
        if (!haveCommand) {
            if (arg == QLatin1String("run"))
                options.command = Options::Command::Run;
            else if (arg == QLatin1String("eval"))
                options.command = Options::Command::Eval;
            else if (arg == QLatin1String("serve-test"))
                options.command = Options::Command::ServeTest;
            else
                return invalid(QStringLiteral("unknown command '%1'").arg(arg));
            haveCommand = true;
            continue;
        }
        // The file (or code); everything after it belongs to the script, except that
        // `--allow-net ORIGIN` pairs right after a bundle are still options.
        options.target = arg;
        int next = i + 1;
        if (arg.endsWith(QLatin1String(".nanobundle"))) {
            while (next + 1 < arguments.size() &&
                   arguments.at(next) == QLatin1String("--allow-net")) {
                const QString origin = bundle::originOf(arguments.at(next + 1));
                if (origin.isEmpty())
                    return invalid(QStringLiteral("--allow-net takes an http(s) origin such as "
                                                  "'https://example.com', not '%1'")
                                       .arg(arguments.at(next + 1)));
                options.allowNet.append(origin);
                next += 2;
            }
        }
        options.scriptArgs = arguments.mid(next);
        break;
    }
    if (!haveCommand) return invalid(QStringLiteral("missing command"));
    if (options.traceStreams && options.command != Options::Command::Run)
        return invalid(QStringLiteral("--trace-streams belongs to run"));
    if (!options.harPath.isEmpty() && options.command != Options::Command::Run)
        return invalid(QStringLiteral("--har belongs to run"));
    if (!options.allowNet.isEmpty() && options.command != Options::Command::Run)
        return invalid(QStringLiteral("--allow-net belongs to run"));
    if (options.command == Options::Command::ServeTest) {
        if (!options.target.isEmpty())
            return invalid(
                QStringLiteral("serve-test takes no file, only --port, --tls, --static, --proxy"));
        if (options.proxy && (options.tls || !options.staticRoots.isEmpty()))
            return invalid(QStringLiteral("--proxy takes neither --tls nor --static"));
        return options;
    }
    if (options.port || options.tls || options.proxy || !options.staticRoots.isEmpty())
        return invalid(QStringLiteral("--port, --tls, --static and --proxy belong to serve-test"));

    if (options.target.isEmpty())
        return invalid(options.command == Options::Command::Run
                           ? QStringLiteral("missing FILE to run")
                           : QStringLiteral("missing CODE to evaluate"));
    return options;
}

} // namespace nano::cli
