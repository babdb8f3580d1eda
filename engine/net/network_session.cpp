#include "net/network_session.h"

#include "net/access_manager.h"

#include <QIODevice>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>

namespace nano::net {

NetworkSession::NetworkSession(QObject* parent)
    : QObject(parent)
{}

NetworkSession::~NetworkSession()
{
    abortAll();
}

QNetworkAccessManager* NetworkSession::manager()
{
    if (!m_manager) {
        // On Linux the "system configuration" is the proxy environment variables.
        QNetworkProxyFactory::setUseSystemConfiguration(true);
        m_manager = new AccessManager(this);
        m_manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_manager->setAutoDeleteReplies(false);
    }
    return m_manager;
}

std::unique_ptr<HttpTransfer> NetworkSession::start(HttpRequest request)
{
    QNetworkRequest qrequest(request.url);
    for (const auto& [name, value] : request.headers)
        qrequest.setRawHeader(name, value);
    qrequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                          QNetworkRequest::ManualRedirectPolicy);
    qrequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    const auto cookies = request.useCookies ? QNetworkRequest::Automatic : QNetworkRequest::Manual;
    qrequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute, cookies);
    qrequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute, cookies);
    qrequest.setTransferTimeout(0); // fetch has no time-out of its own: signals abort

    QNetworkReply* reply = nullptr;
    if (request.stream) {
        qrequest.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        QIODevice* device = request.stream.release();
        reply = manager()->sendCustomRequest(qrequest, request.method, device);
        device->setParent(reply);
    } else if (request.method == "HEAD") {
        reply = manager()->head(qrequest);
    } else if (!request.body.isEmpty() || request.method != "GET") {
        reply = manager()->sendCustomRequest(qrequest, request.method, request.body);
    } else {
        reply = manager()->get(qrequest);
    }
    return std::make_unique<HttpTransfer>(reply, kReadBufferBytes);
}

void NetworkSession::abortAll()
{
    if (!m_manager) return;
    for (QNetworkReply* reply : m_manager->findChildren<QNetworkReply*>())
        if (reply->isRunning()) reply->abort();
}

} // namespace nano::net
