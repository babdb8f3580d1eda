#include "core/network_permissions.h"

namespace nano::core {

NetworkPermissions::NetworkPermissions(const NetworkPolicy& policy,
                                       std::function<void(quint64, const QString&)> request)
    : m_policy(policy)
    , m_request(std::move(request))
{
    for (const QString& origin : policy.allowedOrigins)
        m_allowed.insert(origin);
}

NetworkPermissions::Decision NetworkPermissions::check(const QString& origin) const
{
    if (!m_policy.restricted || m_allowed.contains(origin)) return Decision::Allowed;
    if (m_denied.contains(origin) || !m_policy.prompt || !m_request) return Decision::Denied;
    return Decision::Ask;
}

void NetworkPermissions::ask(const QString& origin, Answered answered)
{
    for (auto it = m_questions.begin(); it != m_questions.end(); ++it) {
        if (it->origin == origin) {
            it->waiting.append(std::move(answered));
            return;
        }
    }
    const quint64 id = ++m_nextId;
    m_questions.insert(id, Question{origin, {std::move(answered)}});
    m_request(id, origin);
}

void NetworkPermissions::answer(quint64 id, PermissionAnswer answer)
{
    auto it = m_questions.find(id);
    if (it == m_questions.end()) return;
    const Question question = std::move(*it);
    m_questions.erase(it);
    if (answer == PermissionAnswer::Always) m_allowed.insert(question.origin);
    if (answer == PermissionAnswer::Deny) m_denied.insert(question.origin);
    for (const Answered& answered : question.waiting)
        answered(answer != PermissionAnswer::Deny);
}

QString NetworkPermissions::deniedMessage(const QString& origin) const
{
    // A command-line flag takes the origin ("--allow-net ORIGIN"); the workbench names its
    // prompt instead.
    const QString how = m_policy.grantFlag.startsWith(QLatin1String("--"))
                            ? m_policy.grantFlag + QLatin1Char(' ') + origin
                            : m_policy.grantFlag;
    return QStringLiteral("network access to %1 is not permitted: the script has no permission "
                          "for this origin; grant it with %2")
        .arg(origin, how);
}

} // namespace nano::core
