#pragma once
// "Allow this script to connect to ORIGIN?" with Once / Always for this bundle / Deny. Not
// modal for the application: the engine keeps running (the fetch waits for the answer), and
// the window stays usable. Closing it (Esc) denies.

#include "engine/inspect/run_request.h"

#include <QDialog>

class QPushButton;

namespace nano::ui {

class PermissionPrompt final : public QDialog {
    Q_OBJECT
public:
    // `alwaysLabel` says what "Always" remembers ("for this bundle", "for this script").
    PermissionPrompt(const QString& origin, const QString& scriptName, bool forBundle,
                     QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(PermissionPrompt)

    QString origin() const { return m_origin; }
    QPushButton* onceButton() const { return m_once; }
    QPushButton* alwaysButton() const { return m_always; }
    QPushButton* denyButton() const { return m_deny; }

signals:
    void answered(nano::PermissionAnswer answer);

protected:
    void reject() override;

private:
    void answer(PermissionAnswer answer);

    QString m_origin;
    QPushButton* m_once = nullptr;
    QPushButton* m_always = nullptr;
    QPushButton* m_deny = nullptr;
    bool m_answered = false;
};

} // namespace nano::ui
