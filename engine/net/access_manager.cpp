#include "net/access_manager.h"

#include "net/http1_pool.h"
#include "net/http1_reply.h"

#include <QNetworkProxyFactory>

namespace nano::net {

AccessManager::AccessManager(QObject* parent)
    : QNetworkAccessManager(parent)
    , m_pool(new Http1Pool(this))
{}

AccessManager::~AccessManager()
{
    // Replies go before the pool whose connections they use.
    qDeleteAll(findChildren<Http1Reply*>(Qt::FindDirectChildrenOnly));
    delete m_pool;
}

bool AccessManager::isDirect(const QUrl& url)
{
    const QString key = url.scheme() + QLatin1Char('|') + url.host();
    const auto it = m_direct.constFind(key);
    if (it != m_direct.constEnd()) return it.value();
    bool direct = false;
    if (proxy().type() == QNetworkProxy::DefaultProxy) {
        const QList<QNetworkProxy> proxies =
            QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(url));
        direct = proxies.isEmpty() || proxies.first().type() == QNetworkProxy::NoProxy;
    } else {
        direct = proxy().type() == QNetworkProxy::NoProxy;
    }
    m_direct.insert(key, direct);
    return direct;
}

bool AccessManager::usesHttp1Client(const QNetworkRequest& request, QIODevice* outgoingData)
{
    const QUrl url = request.url();
    const QString scheme = url.scheme();
    if (scheme == QLatin1String("http")) return isDirect(url);
    if (scheme != QLatin1String("https")) return false;
    const bool streamed =
        outgoingData && outgoingData->isSequential() && !request.hasRawHeader("Content-Length");
    return streamed && isDirect(url);
}

QNetworkReply* AccessManager::createRequest(Operation op, const QNetworkRequest& request,
                                            QIODevice* outgoingData)
{
    if (usesHttp1Client(request, outgoingData))
        return new Http1Reply(m_pool, op, request, outgoingData, this);
    return QNetworkAccessManager::createRequest(op, request, outgoingData);
}

} // namespace nano::net
