#pragma once
// The local HTTP(S) server behind `nanojs serve-test`: httpbin-like endpoints (routes.h) on
// 127.0.0.1, for the tests, the examples and the benchmarks, never needing the internet.
// With TLS it serves a self-signed certificate made at start (for the TLS-error tests; a
// client that should trust it can be given certificatePem()).

#include <QByteArray>
#include <QObject>
#include <QStringList>
#include <QUrl>

class QTcpServer;

namespace nano::testserver {

class TestServer : public QObject {
    Q_OBJECT
public:
    struct Options {
        quint16 port = 0; // 0: any free port
        bool tls = false;
        QStringList staticRoots; // files served before the routes (static_files.h)
    };
    explicit TestServer(QObject* parent = nullptr);
    ~TestServer() override;

    // Listens on 127.0.0.1; false with `error` set when it cannot.
    bool start(const Options& options, QString* error);
    QUrl url() const; // e.g. http://127.0.0.1:41234
    QByteArray certificatePem() const { return m_certificatePem; }

private:
    void accept();

    QTcpServer* m_server = nullptr;
    QUrl m_url;
    QByteArray m_certificatePem;
    QStringList m_staticRoots;
};

// A self-signed certificate for 127.0.0.1 and localhost and its private key, both PEM;
// false if OpenSSL failed.
bool makeSelfSignedCertificate(QByteArray& certificatePem, QByteArray& keyPem);

} // namespace nano::testserver
