#include "code_editor.h"

#include "common/theme.h"
#include "editor/completion_words.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QUrl>
#include <QUuid>
#include <Qsci/qsciapis.h>
#include <Qsci/qscilexerjavascript.h>
#include <cstring>

namespace nano::ui {

namespace {
constexpr int ErrorAnnotationStyle = 250; // a style number the JavaScript lexer does not use
}

CodeEditor::CodeEditor(QWidget* parent)
    : QsciScintilla(parent)
{
    m_bufferId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_lexer = new QsciLexerJavaScript(this);
    m_lexer->setFoldCompact(false);
    m_lexer->setFoldComments(true);
    setLexer(m_lexer);
    setUtf8(true);
    setMarginType(0, QsciScintilla::NumberMargin);
    setMarginLineNumbers(0, true);
    setMarginWidth(0, QStringLiteral("00000"));
    setFolding(QsciScintilla::BoxedTreeFoldStyle, 2);
    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setAutoIndent(true);
    setIndentationsUseTabs(false);
    setIndentationWidth(2);
    setTabWidth(2);
    setIndentationGuides(true);
    setCaretLineVisible(true);
    setEolMode(QsciScintilla::EolUnix);
    setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    m_errorMarker = markerDefine(QsciScintilla::RightTriangle);
    m_errorIndicator = indicatorDefine(QsciScintilla::SquiggleIndicator);
    setIndicatorForegroundColor(QColor(0xd0, 0x30, 0x30), m_errorIndicator);
    m_autoPairIndicator = indicatorDefine(QsciScintilla::HiddenIndicator);
    setUpCompletion();
    connect(this, &QsciScintilla::SCN_MODIFIED, this,
            [this](int position, int type, const char*, int length, int, int, int, int, int, int) {
                if (type & (SC_MOD_INSERTTEXT | SC_MOD_DELETETEXT))
                    onLinesEdited(position, (type & SC_MOD_INSERTTEXT) ? length : 0);
            });
    applyTheme();
}

// The word list's preparation thread reads the lexer: it must end (the APIs' destructor waits
// for it) while the lexer is still whole, not from the lexer's QObject clean-up.
CodeEditor::~CodeEditor()
{
    m_lexer->setAPIs(nullptr);
    delete m_apis;
}

void CodeEditor::setUpCompletion()
{
    auto* apis = m_apis = new QsciAPIs(m_lexer);
    for (const QString& word : completion::keywords())
        apis->add(word);
    for (const QString& word : completion::runtimeGlobals())
        apis->add(word);
    connect(apis, &QsciAPIs::apiPreparationFinished, this, [this] {
        m_completionReady = true;
        emit completionPrepared();
    });
    apis->prepare(); // on a worker thread
    setAutoCompletionSource(QsciScintilla::AcsAll);
    setAutoCompletionThreshold(2);
    setAutoCompletionCaseSensitivity(true);
    setAutoCompletionReplaceWord(false);
    setAutoCompletionUseSingle(QsciScintilla::AcusNever);
}

char CodeEditor::charAt(long position)
{
    if (position < 0 || position >= length()) return 0;
    return char(SendScintilla(SCI_GETCHARAT, position));
}

bool CodeEditor::isAutoInserted(long position)
{
    return position >= 0 && position < length() &&
           SendScintilla(SCI_INDICATORVALUEAT, m_autoPairIndicator, position) != 0;
}

// Whether the text at `position` continues a string or a comment (a quote typed there is part
// of it): the character before is in one and the one after is too, or the string is unclosed.
bool CodeEditor::isInStringOrComment(long position)
{
    if (position <= 0) return false;
    const long styled = SendScintilla(SCI_GETENDSTYLED);
    if (styled <= position)
        SendScintilla(SCI_COLOURISE, styled, qMin<long>(position + 1, length()));
    auto styleAt = [this](long pos) { return int(SendScintilla(SCI_GETSTYLEAT, pos)) & 0x3f; };
    using Lexer = QsciLexerJavaScript;
    const int before = styleAt(position - 1);
    switch (before) {
    case Lexer::Comment:
    case Lexer::CommentDoc:
    case Lexer::CommentLine:
    case Lexer::CommentLineDoc:
    case Lexer::UnclosedString: return true;
    case Lexer::DoubleQuotedString:
    case Lexer::SingleQuotedString:
    case Lexer::RawString:
    case Lexer::VerbatimString: return position < length() && styleAt(position) == before;
    default: return false;
    }
}

// Typing an opener, a closer or a quote (see the header); false to type it as usual.
bool CodeEditor::typePairCharacter(char typed)
{
    static const char* const openers = "([{";
    static const char* const closers = ")]}";
    const bool quote = typed == '"' || typed == '\'' || typed == '`';
    const char* opener = std::strchr(openers, typed);
    const bool closer = std::strchr(closers, typed) != nullptr;
    if (!typed || (!quote && !opener && !closer)) return false;
    const long pos = SendScintilla(SCI_GETCURRENTPOS);
    if (!hasSelectedText() && (closer || quote) && charAt(pos) == typed && isAutoInserted(pos)) {
        SendScintilla(SCI_SETINDICATORCURRENT, m_autoPairIndicator);
        SendScintilla(SCI_INDICATORCLEARRANGE, pos, 1);
        SendScintilla(SCI_GOTOPOS, pos + 1);
        return true;
    }
    if (closer) return false;
    const char close = quote ? typed : closers[opener - openers];
    if (hasSelectedText()) {
        // Wraps the selection, as editors do.
        beginUndoAction();
        replaceSelectedText(QLatin1Char(typed) + selectedText() + QLatin1Char(close));
        endUndoAction();
        return true;
    }
    auto isWord = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '$' || (c & 0x80);
    };
    const char next = charAt(pos);
    // Only where a pair makes sense: before a space, a closer, a separator or the line's end.
    if (next && !std::strchr(" \t\r\n)]};,:", next)) return false;
    if (quote && (isWord(charAt(pos - 1)) || isInStringOrComment(pos))) return false;
    const char pair[3] = {typed, close, 0};
    beginUndoAction();
    SendScintilla(SCI_INSERTTEXT, pos, pair);
    SendScintilla(SCI_SETINDICATORCURRENT, m_autoPairIndicator);
    SendScintilla(SCI_INDICATORFILLRANGE, pos + 1, 1);
    SendScintilla(SCI_GOTOPOS, pos + 1);
    endUndoAction();
    return true;
}

// Backspace between a pair that typing inserted ("(|)") deletes both.
bool CodeEditor::deleteEmptyPair()
{
    if (hasSelectedText()) return false;
    const long pos = SendScintilla(SCI_GETCURRENTPOS);
    if (!isAutoInserted(pos)) return false;
    const char open = charAt(pos - 1);
    const char close = charAt(pos);
    const bool pair = (open == '(' && close == ')') || (open == '[' && close == ']') ||
                      (open == '{' && close == '}') ||
                      (open == close && (open == '"' || open == '\'' || open == '`'));
    if (!pair) return false;
    SendScintilla(SCI_DELETERANGE, pos - 1, 2);
    return true;
}

void CodeEditor::keyPressEvent(QKeyEvent* event)
{
    const Qt::KeyboardModifiers mods = event->modifiers() & ~Qt::KeypadModifier;
    if (event->key() == Qt::Key_Space && mods == Qt::ControlModifier) {
        autoCompleteFromAll();
        return;
    }
    if (!isReadOnly() && !(mods & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))) {
        if (event->key() == Qt::Key_Backspace && mods == Qt::NoModifier && deleteEmptyPair())
            return;
        const QString text = event->text();
        if (text.size() == 1 && text.at(0).unicode() < 0x80) {
            if (isListActive() && QStringLiteral("([{\"'`").contains(text)) cancelList();
            if (typePairCharacter(char(text.at(0).unicode()))) return;
        }
    }
    QsciScintilla::keyPressEvent(event);
}

void CodeEditor::setFilePath(const QString& path)
{
    m_filePath = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

QString CodeEditor::displayName() const
{
    return m_filePath.isEmpty() ? m_untitledName : QFileInfo(m_filePath).fileName();
}

QString CodeEditor::sourcePath() const
{
    return m_filePath.isEmpty() ? QDir::current().absoluteFilePath(m_untitledName) : m_filePath;
}

QString CodeEditor::sourceUrl() const
{
    if (m_filePath.isEmpty()) return QStringLiteral("untitled:") + m_untitledName;
    return QUrl::fromLocalFile(m_filePath).toString(QUrl::FullyEncoded);
}

void CodeEditor::showError(int line, const QString& message, int column)
{
    if (line <= 0 || line > lines()) return;
    m_hasErrors = true;
    markerAdd(line - 1, m_errorMarker);
    annotate(line - 1, message, ErrorAnnotationStyle);
    if (column <= 0) return;
    // The token at the column (an identifier, or one character of anything else).
    const QString text = this->text(line - 1);
    int end = column - 1;
    while (end < text.size() &&
           (text.at(end).isLetterOrNumber() || text.at(end) == u'_' || text.at(end) == u'$'))
        ++end;
    end = qMax(end, qMin(column, int(text.size())));
    fillIndicatorRange(line - 1, column - 1, line - 1, end, m_errorIndicator);
}

QPair<int, int> CodeEditor::errorColumns(int line) const
{
    const long start = positionFromLineIndex(line - 1, 0);
    const long stop = start + lineLength(line - 1);
    int first = 0, last = 0;
    for (long pos = start; pos < stop; ++pos) {
        const bool on = const_cast<CodeEditor*>(this)->SendScintilla(SCI_INDICATORVALUEAT,
                                                                     m_errorIndicator, pos);
        if (on && first == 0) first = int(pos - start) + 1;
        if (on) last = int(pos - start) + 2;
    }
    return {first, last};
}

void CodeEditor::clearErrors()
{
    if (!m_hasErrors) return;
    markerDeleteAll(m_errorMarker);
    clearAnnotations();
    clearIndicatorRange(0, 0, qMax(0, lines() - 1), lineLength(qMax(0, lines() - 1)),
                        m_errorIndicator);
    m_hasErrors = false;
}

QList<int> CodeEditor::errorLines() const
{
    QList<int> found;
    auto* self = const_cast<CodeEditor*>(this);
    for (int line = self->markerFindNext(0, 1 << m_errorMarker); line >= 0;
         line = self->markerFindNext(line + 1, 1 << m_errorMarker))
        found.append(line + 1);
    return found;
}

// An edit on a marked line makes its message stale: the marker, the annotation and the
// squiggle of that line go. (Markers move with their lines, so they are looked up, not kept.)
void CodeEditor::onLinesEdited(int position, int length)
{
    if (!m_hasErrors) return;
    int first = 0, last = 0, index = 0;
    lineIndexFromPosition(position, &first, &index);
    lineIndexFromPosition(position + length, &last, &index);
    for (int line = first; line <= last; ++line) {
        if (!(markersAtLine(line) & (1u << m_errorMarker))) continue;
        markerDelete(line, m_errorMarker);
        clearAnnotations(line);
        clearIndicatorRange(line, 0, line, lineLength(line), m_errorIndicator);
    }
    m_hasErrors = markerFindNext(0, 1 << m_errorMarker) >= 0;
}

void CodeEditor::goTo(int line, int column)
{
    const int l = qBound(0, line - 1, qMax(0, lines() - 1));
    const int c = qMax(0, column - 1);
    setCursorPosition(l, qMin(c, lineLength(l)));
    ensureLineVisible(l);
    setFocus();
}

void CodeEditor::setZoom(int zoom)
{
    zoomTo(zoom);
}

void CodeEditor::applyTheme()
{
    const bool dark = theme::isDark();
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_lexer->setFont(font, -1);
    const QColor paper = dark ? QColor(0x1e, 0x1f, 0x22) : QColor(0xff, 0xff, 0xff);
    const QColor ink = dark ? QColor(0xd4, 0xd6, 0xda) : QColor(0x1f, 0x23, 0x28);
    m_lexer->setPaper(paper, -1);
    m_lexer->setColor(ink, -1);
    m_lexer->setDefaultPaper(paper);
    m_lexer->setDefaultColor(ink);

    struct Style {
        int style;
        QColor light;
        QColor dark;
    };
    const Style styles[] = {
        {QsciLexerJavaScript::Comment, QColor(0x6a, 0x73, 0x7d), QColor(0x7f, 0x84, 0x8e)},
        {QsciLexerJavaScript::CommentLine, QColor(0x6a, 0x73, 0x7d), QColor(0x7f, 0x84, 0x8e)},
        {QsciLexerJavaScript::CommentDoc, QColor(0x6a, 0x73, 0x7d), QColor(0x7f, 0x84, 0x8e)},
        {QsciLexerJavaScript::Number, QColor(0x00, 0x5c, 0xc5), QColor(0x79, 0xc0, 0xff)},
        {QsciLexerJavaScript::Keyword, QColor(0xcf, 0x22, 0x2e), QColor(0xff, 0x7b, 0x72)},
        {QsciLexerJavaScript::DoubleQuotedString, QColor(0x0a, 0x30, 0x69),
         QColor(0xa5, 0xd6, 0xff)},
        {QsciLexerJavaScript::SingleQuotedString, QColor(0x0a, 0x30, 0x69),
         QColor(0xa5, 0xd6, 0xff)},
        {QsciLexerJavaScript::Regex, QColor(0x11, 0x63, 0x29), QColor(0x7e, 0xe7, 0x87)},
        {QsciLexerJavaScript::Operator, QColor(0x1f, 0x23, 0x28), QColor(0xd4, 0xd6, 0xda)},
        {QsciLexerJavaScript::KeywordSet2, QColor(0x82, 0x50, 0xdf), QColor(0xd2, 0xa8, 0xff)},
    };
    for (const Style& style : styles)
        m_lexer->setColor(dark ? style.dark : style.light, style.style);
    QFont bold = font;
    bold.setBold(true);
    m_lexer->setFont(bold, QsciLexerJavaScript::Keyword);

    setMarginsBackgroundColor(dark ? QColor(0x2b, 0x2d, 0x30) : QColor(0xf3, 0xf4, 0xf6));
    setMarginsForegroundColor(dark ? QColor(0x80, 0x84, 0x8c) : QColor(0x8c, 0x95, 0x9f));
    setFoldMarginColors(dark ? QColor(0x2b, 0x2d, 0x30) : QColor(0xf3, 0xf4, 0xf6),
                        dark ? QColor(0x2b, 0x2d, 0x30) : QColor(0xf3, 0xf4, 0xf6));
    setCaretForegroundColor(ink);
    setCaretLineBackgroundColor(dark ? QColor(0x26, 0x28, 0x2c) : QColor(0xf6, 0xf8, 0xfa));
    setSelectionBackgroundColor(dark ? QColor(0x26, 0x4f, 0x78) : QColor(0xb6, 0xd6, 0xfd));
    setMatchedBraceBackgroundColor(dark ? QColor(0x3b, 0x51, 0x4d) : QColor(0xc8, 0xf0, 0xd0));
    setIndentationGuidesForegroundColor(dark ? QColor(0x3a, 0x3d, 0x41) : QColor(0xe1, 0xe4, 0xe8));
    setMarkerBackgroundColor(QColor(0xd0, 0x30, 0x30), m_errorMarker);
    setMarkerForegroundColor(QColor(0xd0, 0x30, 0x30), m_errorMarker);
    // The inline error annotation's own style.
    SendScintilla(SCI_STYLESETBACK, ErrorAnnotationStyle,
                  dark ? QColor(0x4a, 0x22, 0x24) : QColor(0xfd, 0xec, 0xec));
    SendScintilla(SCI_STYLESETFORE, ErrorAnnotationStyle,
                  dark ? QColor(0xff, 0x9a, 0x9a) : QColor(0xa0, 0x10, 0x10));
}

void CodeEditor::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) applyTheme();
    QsciScintilla::changeEvent(event);
}

} // namespace nano::ui
