#pragma once
// What the editor offers to complete: JavaScript's keywords and the globals this runtime
// provides (kept in step with the engine by tests/ui/tst_editor_completion.cpp), beside the
// identifiers of the buffer itself (QScintilla's document source).

#include <QStringList>
#include <Qsci/qsciabstractapis.h>

namespace nano::ui::completion {

QStringList keywords();
QStringList runtimeGlobals();

// The keywords and globals as a lexer's API source: a sorted list searched by prefix, made in
// the constructor (QsciAPIs would prepare it on a worker thread that an editor closed at once
// must not outlive).
class WordList final : public QsciAbstractAPIs {
    Q_OBJECT
public:
    explicit WordList(QsciLexer* lexer);
    void updateAutoCompletionList(const QStringList& context, QStringList& list) override;
    QStringList callTips(const QStringList&, int, QsciScintilla::CallTipsStyle,
                         QList<int>&) override
    {
        return {};
    }

private:
    QStringList m_words; // sorted
};

} // namespace nano::ui::completion
