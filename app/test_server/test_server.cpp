#include "test_server.h"

#include "http_exchange.h"
#include "routes.h"
#include "static_files.h"

#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <memory>

namespace nano::testserver {

namespace {

template <class T, void (*Free)(T*)> struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

QByteArray bioBytes(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(size));
}

bool addExtension(X509* cert, int nid, const char* value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!extension) return false;
    const bool added = X509_add_ext(cert, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

} // namespace

bool makeSelfSignedCertificate(QByteArray& certificatePem, QByteArray& keyPem)
{
    KeyPtr key(EVP_EC_gen("P-256"));
    CertPtr cert(X509_new());
    if (!key || !cert) return false;
    X509_set_version(cert.get(), 2); // v3, for the subjectAltName extension
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 7L * 24 * 3600);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("nanojs serve-test"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    if (X509_set_pubkey(cert.get(), key.get()) != 1 ||
        !addExtension(cert.get(), NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost") ||
        !addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
        X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        return false;
    BioPtr certBio(BIO_new(BIO_s_mem()));
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (!certBio || !keyBio || PEM_write_bio_X509(certBio.get(), cert.get()) != 1 ||
        PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
            1)
        return false;
    certificatePem = bioBytes(certBio.get());
    keyPem = bioBytes(keyBio.get());
    return true;
}

TestServer::TestServer(QObject* parent)
    : QObject(parent)
{}

TestServer::~TestServer() = default;

bool TestServer::start(const Options& options, QString* error)
{
    m_staticRoots = options.staticRoots;
    if (options.tls) {
        QByteArray keyPem;
        if (!makeSelfSignedCertificate(m_certificatePem, keyPem)) {
            *error = QStringLiteral("could not make a self-signed certificate (OpenSSL)");
            return false;
        }
        auto* server = new QSslServer(this);
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(QSslCertificate(m_certificatePem));
        configuration.setPrivateKey(QSslKey(keyPem, QSsl::Ec));
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        configuration.setAllowedNextProtocols({QByteArray(QSslConfiguration::NextProtocolHttp1_1)});
        server->setSslConfiguration(configuration);
        m_server = server;
    } else {
        m_server = new QTcpServer(this);
    }
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &TestServer::accept);
    if (!m_server->listen(QHostAddress::LocalHost, options.port)) {
        *error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2")
                     .arg(options.port)
                     .arg(m_server->errorString());
        return false;
    }
    m_url = QUrl(QStringLiteral("%1://127.0.0.1:%2")
                     .arg(options.tls ? QStringLiteral("https") : QStringLiteral("http"))
                     .arg(m_server->serverPort()));
    return true;
}

QUrl TestServer::url() const
{
    return m_url;
}

void TestServer::accept()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection())
        new Connection(
            socket, m_url,
            [roots = m_staticRoots](const std::shared_ptr<Exchange>& exchange) {
                if (!serveStatic(roots, exchange)) handle(exchange);
            },
            &keepsBody, this);
}

} // namespace nano::testserver
