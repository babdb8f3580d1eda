#pragma once
// The local test server (app/test_server, what `nanojs serve-test` runs) on a thread of its
// own, so that a window test's UI thread is not also the server's: the event latency it
// measures is the window's alone.

#include "test_server.h"

#include <QThread>

namespace nano::ui::test {

class ServerThread final {
public:
    ServerThread()
    {
        m_thread.setObjectName(QStringLiteral("test-server"));
        m_server = new testserver::TestServer;
        m_server->moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            m_server,
            [this] {
                QString error;
                m_ok = m_server->start(testserver::TestServer::Options(), &error);
                m_error = error;
            },
            Qt::BlockingQueuedConnection);
    }
    ~ServerThread()
    {
        QMetaObject::invokeMethod(
            m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    ServerThread(const ServerThread&) = delete;
    ServerThread& operator=(const ServerThread&) = delete;

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    QString url() const { return m_server->url().toString(QUrl::StripTrailingSlash); }

private:
    QThread m_thread;
    testserver::TestServer* m_server = nullptr;
    bool m_ok = false;
    QString m_error;
};

} // namespace nano::ui::test
