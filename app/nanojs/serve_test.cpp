#include "serve_test.h"

#include "proxy_server.h"
#include "test_server.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace nano::cli {

namespace {
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
}
} // namespace

int serveTest(const Options& options)
{
    testserver::TestServer server;
    testserver::ProxyServer proxy;
    QString error;
    testserver::TestServer::Options serverOptions;
    serverOptions.port = static_cast<quint16>(options.port);
    serverOptions.tls = options.tls;
    serverOptions.staticRoots = options.staticRoots;
    const bool started = options.proxy ? proxy.start(serverOptions.port, &error)
                                       : server.start(serverOptions, &error);
    if (!started) {
        std::fprintf(stderr, "nanojs: %s\n", error.toLocal8Bit().constData());
        return 1;
    }
    const QUrl url = options.proxy ? proxy.url() : server.url();
    // Signals reach the event loop through a pipe: a handler may do nothing else safely.
    if (::pipe(g_signalPipe) != 0) return 1;
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, [] { QCoreApplication::quit(); });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    // The first line is the URL alone, for scripts and tests to read.
    std::printf("%s\n", url.toString().toUtf8().constData());
    if (options.tls) {
        const QString certPath =
            QDir::temp().filePath(QStringLiteral("nanojs-serve-test-%1.pem").arg(::getpid()));
        QFile cert(certPath);
        if (cert.open(QIODevice::WriteOnly)) cert.write(server.certificatePem());
        std::printf("self-signed certificate: %s\n", certPath.toLocal8Bit().constData());
    }
    std::printf(options.proxy ? "Forwarding HTTP proxy (GET /__proxy/log lists what it forwarded). "
                                "Ctrl+C stops.\n"
                              : "Serving the test endpoints (GET / lists them). Ctrl+C stops.\n");
    std::fflush(stdout);
    const int status = QCoreApplication::exec();
    if (options.tls)
        QFile::remove(
            QDir::temp().filePath(QStringLiteral("nanojs-serve-test-%1.pem").arg(::getpid())));
    std::printf("stopped\n");
    return status;
}

} // namespace nano::cli
