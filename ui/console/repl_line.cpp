#include "repl_line.h"

#include "console/console_tr.h"

#include <QKeyEvent>

namespace nano::ui {

ReplLine::ReplLine(QWidget* parent)
    : QLineEdit(parent)
{
    setPlaceholderText(ConsoleTr::tr("Evaluate an expression in the last run's context"));
    setClearButtonEnabled(true);
}

void ReplLine::setHistory(const QStringList& history)
{
    m_history = history.mid(qMax(0, int(history.size()) - MaxHistory));
    m_position = int(m_history.size());
}

void ReplLine::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter: {
        const QString code = text();
        if (code.trimmed().isEmpty()) return;
        if (m_history.isEmpty() || m_history.last() != code) m_history.append(code);
        if (m_history.size() > MaxHistory) m_history.removeFirst();
        m_position = int(m_history.size());
        m_draft.clear();
        clear();
        emit submitted(code);
        return;
    }
    case Qt::Key_Up:
        if (m_position > 0) {
            if (m_position == m_history.size()) m_draft = text();
            setText(m_history.at(--m_position));
        }
        return;
    case Qt::Key_Down:
        if (m_position < m_history.size()) {
            ++m_position;
            setText(m_position == m_history.size() ? m_draft : m_history.at(m_position));
        }
        return;
    default: QLineEdit::keyPressEvent(event);
    }
}

} // namespace nano::ui
