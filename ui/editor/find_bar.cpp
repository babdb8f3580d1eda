#include "find_bar.h"

#include "editor/code_editor.h"
#include "editor/editor_tr.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>

namespace nano::ui {

FindBar::FindBar(std::function<CodeEditor*()> editor, QWidget* parent)
    : QWidget(parent)
    , m_editor(std::move(editor))
{
    setObjectName(QStringLiteral("FindBar"));
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setHorizontalSpacing(4);
    layout->setVerticalSpacing(2);
    m_find = new QLineEdit(this);
    m_find->setPlaceholderText(EditorTr::tr("Find"));
    m_replace = new QLineEdit(this);
    m_replace->setPlaceholderText(EditorTr::tr("Replace with"));
    m_matchCase = new QCheckBox(EditorTr::tr("Match case"), this);
    auto* previous = new QPushButton(EditorTr::tr("Previous"), this);
    auto* next = new QPushButton(EditorTr::tr("Next"), this);
    auto* replace = new QPushButton(EditorTr::tr("Replace"), this);
    auto* replaceAllButton = new QPushButton(EditorTr::tr("Replace All"), this);
    m_find->setObjectName(QStringLiteral("findText"));
    m_replace->setObjectName(QStringLiteral("replaceText"));
    m_matchCase->setObjectName(QStringLiteral("matchCase"));
    previous->setObjectName(QStringLiteral("findPreviousButton"));
    next->setObjectName(QStringLiteral("findNextButton"));
    replace->setObjectName(QStringLiteral("replaceButton"));
    replaceAllButton->setObjectName(QStringLiteral("replaceAllButton"));
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("\u2715"));
    close->setToolTip(EditorTr::tr("Close the find bar"));
    close->setAutoRaise(true);
    layout->addWidget(m_find, 0, 0);
    layout->addWidget(previous, 0, 1);
    layout->addWidget(next, 0, 2);
    layout->addWidget(m_matchCase, 0, 3);
    layout->addWidget(close, 0, 4);
    layout->addWidget(m_replace, 1, 0);
    layout->addWidget(replace, 1, 1);
    layout->addWidget(replaceAllButton, 1, 2);
    layout->setColumnStretch(0, 1);

    connect(m_find, &QLineEdit::returnPressed, this, [this] { findNext(true); });
    connect(next, &QPushButton::clicked, this, [this] { findNext(true); });
    connect(previous, &QPushButton::clicked, this, [this] { findNext(false); });
    connect(replace, &QPushButton::clicked, this, &FindBar::replaceCurrent);
    connect(replaceAllButton, &QPushButton::clicked, this, &FindBar::replaceAll);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
}

void FindBar::activate()
{
    if (CodeEditor* editor = m_editor();
        editor && editor->hasSelectedText() && !editor->selectedText().contains(u'\n'))
        m_find->setText(editor->selectedText());
    show();
    m_find->setFocus();
    m_find->selectAll();
}

bool FindBar::findNext(bool forward)
{
    CodeEditor* editor = m_editor();
    if (!editor || m_find->text().isEmpty()) return false;
    int line = 0;
    int index = 0;
    editor->getCursorPosition(&line, &index);
    if (!forward && editor->hasSelectedText()) {
        int lineFrom = 0, indexFrom = 0, lineTo = 0, indexTo = 0;
        editor->getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        line = lineFrom;
        index = indexFrom;
    }
    return editor->findFirst(m_find->text(), false, m_matchCase->isChecked(), false, true, forward,
                             line, index);
}

bool FindBar::replaceCurrent()
{
    CodeEditor* editor = m_editor();
    if (!editor) return false;
    const Qt::CaseSensitivity cs =
        m_matchCase->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive;
    if (editor->hasSelectedText() && editor->selectedText().compare(m_find->text(), cs) == 0)
        editor->replace(m_replace->text());
    return findNext(true);
}

int FindBar::replaceAll()
{
    CodeEditor* editor = m_editor();
    if (!editor || m_find->text().isEmpty()) return 0;
    int replaced = 0;
    editor->beginUndoAction();
    bool found = editor->findFirst(m_find->text(), false, m_matchCase->isChecked(), false, false,
                                   true, 0, 0);
    while (found) {
        editor->replace(m_replace->text());
        ++replaced;
        found = editor->findNext();
    }
    editor->endUndoAction();
    return replaced;
}

void FindBar::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        if (CodeEditor* editor = m_editor()) editor->setFocus();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace nano::ui
