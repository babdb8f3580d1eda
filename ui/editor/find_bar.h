#pragma once
// Find and replace in the current buffer (Ctrl+F), shown below the editor tabs.

#include <QWidget>
#include <functional>

class QCheckBox;
class QLineEdit;

namespace nano::ui {

class CodeEditor;

class FindBar final : public QWidget {
    Q_OBJECT
public:
    // `editor` returns the buffer to search (the current tab), or nullptr.
    explicit FindBar(std::function<CodeEditor*()> editor, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(FindBar)

    void activate(); // shows the bar with the selection as the search text
    bool findNext(bool forward = true);
    bool replaceCurrent();
    int replaceAll();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    std::function<CodeEditor*()> m_editor;
    QLineEdit* m_find = nullptr;
    QLineEdit* m_replace = nullptr;
    QCheckBox* m_matchCase = nullptr;
};

} // namespace nano::ui
