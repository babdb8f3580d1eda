#pragma once
// The console's REPL input: Return submits the line, Up/Down walk the history of submitted
// lines (the draft being typed is kept while walking).

#include <QLineEdit>
#include <QStringList>

namespace nano::ui {

class ReplLine final : public QLineEdit {
    Q_OBJECT
public:
    explicit ReplLine(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ReplLine)

    QStringList history() const { return m_history; }
    void setHistory(const QStringList& history);

    static constexpr int MaxHistory = 200;

signals:
    void submitted(const QString& code);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    QStringList m_history;
    int m_position = 0; // == m_history.size() while editing the draft
    QString m_draft;
};

} // namespace nano::ui
