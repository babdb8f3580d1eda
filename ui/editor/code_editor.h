#pragma once
// One JavaScript buffer: QScintilla with the JavaScript lexer, line numbers, folding, brace
// matching, auto-indent, colours for the light or dark palette, and an error marker with an
// inline annotation for an uncaught error.
//
// Typing: brackets and quotes close themselves (the caret goes between), typing the closer that
// was inserted so steps over it, and Backspace between an empty pair deletes both; a quote does
// not close itself inside a word, a string or a comment. Completion offers JavaScript keywords,
// the runtime's globals (completion_words.h) and the buffer's identifiers from two typed
// characters on; Ctrl+Space opens it at once.

#include <QString>
#include <Qsci/qsciscintilla.h>

class QKeyEvent;
class QsciAPIs;
class QsciLexerJavaScript;

namespace nano::ui {

class CodeEditor final : public QsciScintilla {
    Q_OBJECT
public:
    explicit CodeEditor(QWidget* parent = nullptr);
    ~CodeEditor() override;
    Q_DISABLE_COPY_MOVE(CodeEditor)

    // The file this buffer was loaded from or saved to; empty for an untitled buffer.
    QString filePath() const { return m_filePath; }
    void setFilePath(const QString& path);
    // "untitled-3.js" for an untitled buffer, else the file name.
    QString displayName() const;
    void setUntitledName(const QString& name) { m_untitledName = name; }
    // The absolute path the engine sees for a saved buffer (a run's entry URL is file://<path>).
    QString sourcePath() const;
    // The URL of this buffer in stack traces: file:///... for a file, untitled:untitled-2.js
    // for an unsaved buffer (a file of that name need not exist).
    QString sourceUrl() const;
    // Stable for the buffer's lifetime; names its autosave file.
    QString bufferId() const { return m_bufferId; }
    void setBufferId(const QString& id) { m_bufferId = id; }

    // Marks `line` (1-based) with an error marker, the message as an inline annotation and,
    // if `column` (1-based) is known, the token there with a squiggle. Markers of other lines
    // stay; editing a marked line removes its marker.
    void showError(int line, const QString& message, int column = 0);
    void clearErrors();
    bool hasErrorMarker() const { return m_hasErrors; }
    QList<int> errorLines() const; // 1-based, where the marked lines are now
    // The marked column range on `line` (1-based, end exclusive), {0, 0} if none.
    QPair<int, int> errorColumns(int line) const;
    // Moves the cursor to a 1-based line and column and makes it visible.
    void goTo(int line, int column);

    void applyTheme();
    void setZoom(int zoom);

    // The auto-completion word list is prepared on a worker thread; true once it is ready.
    bool completionReady() const { return m_completionReady; }

signals:
    void completionPrepared();

protected:
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    QsciLexerJavaScript* m_lexer = nullptr;
    QsciAPIs* m_apis = nullptr;
    QString m_filePath;
    QString m_untitledName;
    QString m_bufferId;
    void onLinesEdited(int position, int length);
    void setUpCompletion();
    bool typePairCharacter(char typed);
    bool deleteEmptyPair();
    bool isInStringOrComment(long position);
    char charAt(long position);
    bool isAutoInserted(long position);

    int m_errorMarker = -1;
    int m_errorIndicator = -1;
    bool m_hasErrors = false;
    int m_autoPairIndicator = -1; // marks the closers that typing an opener inserted
    bool m_completionReady = false;
};

} // namespace nano::ui
