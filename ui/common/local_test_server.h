#pragma once
// `nanojs serve-test` on demand, for the examples that fetch (Run → Use the Local Test
// Server): start() runs `<nanojs> serve-test` as a child process, which picks a free port of
// 127.0.0.1 and prints its URL as its first line; ready() then gives that URL, which the
// window passes to its runs as their location (RunRequest::location), so relative fetch()
// URLs reach the server. The process is stopped (SIGTERM, then kill) by stop() or with this
// object. Nothing here blocks the UI thread except stop()'s short wait for the child to exit.

#include <QObject>
#include <QProcess>
#include <QUrl>

namespace nano::ui {

class LocalTestServer final : public QObject {
    Q_OBJECT
public:
    // `program`: the nanojs binary; empty means the one next to this executable.
    explicit LocalTestServer(const QString& program = QString(), QObject* parent = nullptr);
    ~LocalTestServer() override;
    Q_DISABLE_COPY_MOVE(LocalTestServer)

    static QString defaultProgram();

    // Starts the server unless it runs or is starting; ready() or failed() follows.
    void start();
    void stop();
    bool isReady() const { return m_url.isValid(); }
    bool isStarting() const { return m_process && !isReady(); }
    QUrl url() const { return m_url; }
    QString program() const { return m_program; }

signals:
    void ready(const QUrl& url);
    // The binary is missing, the server could not listen, or it ended early.
    void failed(const QString& reason);

private:
    void onOutput();
    void fail(const QString& reason);

    QString m_program;
    QProcess* m_process = nullptr;
    QByteArray m_firstLine;
    QUrl m_url;
};

} // namespace nano::ui
