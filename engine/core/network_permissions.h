#pragma once
// The origins one run's fetch may reach. Fetch asks check() before every request and every
// redirect hop (engine/api/fetch/fetch_controller.cpp, main fetch). An unrestricted policy
// (scripts from the editor or the CLI) allows everything; a bundle's allows its manifest's
// origins and --allow-net's. With NetworkPolicy::prompt, an origin neither allowed nor denied
// yet is asked about: the question goes to the embedder (RuntimeHost::onPermissionRequest)
// and the fetch waits for the answer without blocking the engine thread.

#include "inspect/run_request.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <functional>

namespace nano::core {

class NetworkPermissions final {
public:
    enum class Decision { Allowed, Denied, Ask };
    using Answered = std::function<void(bool allowed)>;
    // `request` is how a question reaches the embedder (id, origin).
    NetworkPermissions(const NetworkPolicy& policy,
                       std::function<void(quint64 id, const QString& origin)> request);

    bool isRestricted() const { return m_policy.restricted; }
    Decision check(const QString& origin) const;
    // Asks the embedder about `origin`; `answered` runs once, on the engine thread, when the
    // answer comes (answer()), never if the run ends first.
    void ask(const QString& origin, Answered answered);
    // Engine thread: the embedder's answer to question `id`. Always allows the origin for the
    // rest of the run, Deny denies it for the rest of the run, Once allows this request only.
    void answer(quint64 id, PermissionAnswer answer);
    // The message of the TypeError's cause when `origin` is denied.
    QString deniedMessage(const QString& origin) const;

private:
    struct Question {
        QString origin;
        QVector<Answered> waiting; // fetches asking about the same origin share one question
    };
    NetworkPolicy m_policy;
    std::function<void(quint64, const QString&)> m_request;
    QSet<QString> m_allowed;
    QSet<QString> m_denied;
    QHash<quint64, Question> m_questions;
    quint64 m_nextId = 0;
};

} // namespace nano::core
