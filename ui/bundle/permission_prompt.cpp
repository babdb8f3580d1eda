#include "bundle/permission_prompt.h"

#include "bundle/bundle_tr.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace nano::ui {

PermissionPrompt::PermissionPrompt(const QString& origin, const QString& scriptName, bool forBundle,
                                   QWidget* parent)
    : QDialog(parent)
    , m_origin(origin)
{
    setObjectName(QStringLiteral("permissionPrompt"));
    setWindowTitle(BundleTr::tr("Network Permission"));
    setWindowModality(Qt::NonModal);
    setAttribute(Qt::WA_DeleteOnClose);
    auto* question = new QLabel(
        BundleTr::tr("<b>Allow this script to connect to %1?</b>").arg(origin.toHtmlEscaped()));
    auto* detail = new QLabel(
        BundleTr::tr("%1 wants to fetch from %2, which its permissions do not include. The "
                     "request waits for your answer.")
            .arg(scriptName.toHtmlEscaped(), origin.toHtmlEscaped()));
    detail->setWordWrap(true);
    auto* buttons = new QDialogButtonBox;
    m_once = buttons->addButton(BundleTr::tr("&Once"), QDialogButtonBox::AcceptRole);
    m_always = buttons->addButton(forBundle ? BundleTr::tr("&Always for this bundle")
                                            : BundleTr::tr("&Always for this script"),
                                  QDialogButtonBox::AcceptRole);
    m_deny = buttons->addButton(BundleTr::tr("&Deny"), QDialogButtonBox::RejectRole);
    m_deny->setDefault(true); // Enter does not grant anything by accident
    connect(m_once, &QPushButton::clicked, this, [this] { answer(PermissionAnswer::Once); });
    connect(m_always, &QPushButton::clicked, this, [this] { answer(PermissionAnswer::Always); });
    connect(m_deny, &QPushButton::clicked, this, [this] { answer(PermissionAnswer::Deny); });
    auto* icon = new QLabel;
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxQuestion).pixmap(48, 48));
    auto* text = new QVBoxLayout;
    text->addWidget(question);
    text->addWidget(detail);
    auto* row = new QHBoxLayout;
    row->addWidget(icon, 0, Qt::AlignTop);
    row->addLayout(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
}

void PermissionPrompt::reject()
{
    answer(PermissionAnswer::Deny);
}

void PermissionPrompt::answer(PermissionAnswer answer)
{
    if (!m_answered) {
        m_answered = true;
        emit answered(answer);
    }
    QDialog::done(answer == PermissionAnswer::Deny ? Rejected : Accepted);
}

} // namespace nano::ui
