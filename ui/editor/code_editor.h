#pragma once
// One JavaScript buffer: QScintilla with the JavaScript lexer, line numbers, folding, brace
// matching, auto-indent, colours for the light or dark palette, an error marker with an
// inline annotation for an uncaught error, auto-closed brackets and quotes, and completion of
// keywords, runtime globals and the buffer's identifiers (Ctrl+Space, or after two letters).

#include <QString>
#include <Qsci/qsciscintilla.h>

class QsciLexerJavaScript;
class QsciAPIs;

namespace nano::ui {

class CodeEditor final : public QsciScintilla {
    Q_OBJECT
public:
    explicit CodeEditor(QWidget* parent = nullptr);
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

protected:
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    // Typing an opening bracket or quote inserts its pair; typing the closing one over the
    // pair's end steps over it; Backspace inside an empty pair removes both. True when the
    // key was handled.
    bool handlePairs(QKeyEvent* event);
    QChar charAt(int position) const;
    bool isInStringOrComment(int position) const;

    QsciLexerJavaScript* m_lexer = nullptr;
    QString m_filePath;
    QString m_untitledName;
    QString m_bufferId;
    void onLinesEdited(int position, int length);

    int m_errorMarker = -1;
    int m_errorIndicator = -1;
    bool m_hasErrors = false;
};

} // namespace nano::ui
