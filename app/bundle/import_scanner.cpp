#include "import_scanner.h"

#include <QSet>

namespace nano::bundle {

namespace {

struct Token {
    enum class Kind { Ident, String, Punct, Template, Regex } kind;
    QString text; // the identifier, the string's value, or the punctuator
    int line = 0;
};

bool isIdentStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char('$') || c.unicode() > 0x7f;
}

bool isIdentPart(QChar c)
{
    return isIdentStart(c) || c.isDigit();
}

// Whether a '/' after `prev` starts a regular expression literal rather than a division.
bool regexAllowedAfter(const Token* prev)
{
    if (!prev) return true;
    if (prev->kind == Token::Kind::Punct)
        return prev->text != QLatin1String(")") && prev->text != QLatin1String("]");
    if (prev->kind == Token::Kind::Ident) {
        static const QSet<QString> keywords = {
            QStringLiteral("return"), QStringLiteral("typeof"),    QStringLiteral("case"),
            QStringLiteral("do"),     QStringLiteral("else"),      QStringLiteral("in"),
            QStringLiteral("of"),     QStringLiteral("new"),       QStringLiteral("delete"),
            QStringLiteral("void"),   QStringLiteral("throw"),     QStringLiteral("yield"),
            QStringLiteral("await"),  QStringLiteral("instanceof")};
        return keywords.contains(prev->text);
    }
    return false;
}

class Tokenizer {
public:
    explicit Tokenizer(const QString& source)
        : m_s(source)
    {}

    QVector<Token> run()
    {
        QVector<Token> tokens;
        while (m_i < m_s.size()) {
            const QChar c = m_s.at(m_i);
            if (c == QLatin1Char('\n')) {
                ++m_line;
                ++m_i;
            } else if (c.isSpace()) {
                ++m_i;
            } else if (c == QLatin1Char('/') && peek(1) == QLatin1Char('/')) {
                while (m_i < m_s.size() && m_s.at(m_i) != QLatin1Char('\n'))
                    ++m_i;
            } else if (c == QLatin1Char('/') && peek(1) == QLatin1Char('*')) {
                m_i += 2;
                while (m_i < m_s.size() &&
                       !(m_s.at(m_i) == QLatin1Char('*') && peek(1) == QLatin1Char('/')))
                    advance();
                m_i += 2;
            } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
                const int line = m_line;
                tokens.append({Token::Kind::String, readString(c), line});
            } else if (c == QLatin1Char('`')) {
                const int line = m_line;
                skipTemplate();
                tokens.append({Token::Kind::Template, QString(), line});
            } else if (c == QLatin1Char('/') &&
                       regexAllowedAfter(tokens.isEmpty() ? nullptr : &tokens.last())) {
                const int line = m_line;
                skipRegex();
                tokens.append({Token::Kind::Regex, QString(), line});
            } else if (isIdentStart(c)) {
                const int start = m_i;
                while (m_i < m_s.size() && isIdentPart(m_s.at(m_i)))
                    ++m_i;
                tokens.append({Token::Kind::Ident, m_s.mid(start, m_i - start), m_line});
            } else if (c.isDigit()) {
                while (m_i < m_s.size() && (isIdentPart(m_s.at(m_i)) || m_s.at(m_i) == '.'))
                    ++m_i;
                tokens.append({Token::Kind::Ident, QStringLiteral("0"), m_line});
            } else {
                tokens.append({Token::Kind::Punct, QString(c), m_line});
                ++m_i;
            }
        }
        return tokens;
    }

private:
    QChar peek(int ahead) const { return m_i + ahead < m_s.size() ? m_s.at(m_i + ahead) : QChar(); }
    void advance()
    {
        if (m_s.at(m_i) == QLatin1Char('\n')) ++m_line;
        ++m_i;
    }
    QString readString(QChar quote)
    {
        QString value;
        ++m_i;
        while (m_i < m_s.size() && m_s.at(m_i) != quote && m_s.at(m_i) != QLatin1Char('\n')) {
            if (m_s.at(m_i) == QLatin1Char('\\') && m_i + 1 < m_s.size()) {
                ++m_i; // an escape: the specifiers we follow are plain, so keep the character
                if (m_s.at(m_i) == QLatin1Char('\n')) ++m_line;
            }
            value += m_s.at(m_i++);
        }
        ++m_i;
        return value;
    }
    void skipTemplate()
    {
        ++m_i;
        while (m_i < m_s.size() && m_s.at(m_i) != QLatin1Char('`')) {
            if (m_s.at(m_i) == QLatin1Char('\\')) {
                m_i += 2;
                continue;
            }
            if (m_s.at(m_i) == QLatin1Char('$') && peek(1) == QLatin1Char('{')) {
                // A substitution: skip to its matching brace (strings inside it included).
                m_i += 2;
                int depth = 1;
                while (m_i < m_s.size() && depth > 0) {
                    const QChar c = m_s.at(m_i);
                    if (c == QLatin1Char('{')) ++depth;
                    if (c == QLatin1Char('}')) --depth;
                    if (c == QLatin1Char('`')) {
                        skipTemplate();
                        continue;
                    }
                    if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
                        readString(c);
                        continue;
                    }
                    advance();
                }
                continue;
            }
            advance();
        }
        ++m_i;
    }
    void skipRegex()
    {
        ++m_i;
        bool inClass = false;
        while (m_i < m_s.size() && m_s.at(m_i) != QLatin1Char('\n')) {
            const QChar c = m_s.at(m_i);
            if (c == QLatin1Char('\\')) {
                m_i += 2;
                continue;
            }
            if (c == QLatin1Char('[')) inClass = true;
            if (c == QLatin1Char(']')) inClass = false;
            ++m_i;
            if (c == QLatin1Char('/') && !inClass) break;
        }
        while (m_i < m_s.size() && isIdentPart(m_s.at(m_i)))
            ++m_i; // flags
    }

    const QString& m_s;
    int m_i = 0;
    int m_line = 1;
};

bool isPunct(const QVector<Token>& t, int i, const char* text)
{
    return i < t.size() && t.at(i).kind == Token::Kind::Punct &&
           t.at(i).text == QLatin1String(text);
}

bool isIdent(const QVector<Token>& t, int i, const char* text)
{
    return i < t.size() && t.at(i).kind == Token::Kind::Ident &&
           t.at(i).text == QLatin1String(text);
}

bool isString(const QVector<Token>& t, int i)
{
    return i < t.size() && t.at(i).kind == Token::Kind::String;
}

// After a static specifier at `i`: `assert { type: "json" }` or `with { type: "json" }`.
bool staticAssertsJson(const QVector<Token>& t, int i)
{
    if (!(isIdent(t, i + 1, "assert") || isIdent(t, i + 1, "with")) || !isPunct(t, i + 2, "{"))
        return false;
    for (int j = i + 3; j < t.size() && !isPunct(t, j, "}"); ++j)
        if (isString(t, j) && t.at(j).text == QLatin1String("json")) return true;
    return false;
}

// The index of the specifier of `... from "x"` starting at `i`, or -1.
int fromSpecifier(const QVector<Token>& t, int i)
{
    for (int j = i; j < t.size() && j < i + 4096; ++j) {
        if (isPunct(t, j, ";")) return -1;
        if (isIdent(t, j, "from") && isString(t, j + 1)) return j + 1;
        if (j > i && (isIdent(t, j, "import") || isIdent(t, j, "export"))) return -1;
    }
    return -1;
}

} // namespace

ScanResult scanImports(const QString& source)
{
    const QVector<Token> t = Tokenizer(source).run();
    ScanResult result;
    for (int i = 0; i < t.size(); ++i) {
        if (i > 0 && isPunct(t, i - 1, ".")) continue; // a property named import/export
        if (isIdent(t, i, "import")) {
            if (isPunct(t, i + 1, "(")) {
                if (isString(t, i + 2) && (isPunct(t, i + 3, ")") || isPunct(t, i + 3, ","))) {
                    ModuleRequest request{t.at(i + 2).text, false, true, t.at(i + 2).line};
                    int depth = 1;
                    for (int j = i + 3; j < t.size() && depth > 0; ++j) {
                        if (isPunct(t, j, "(")) ++depth;
                        if (isPunct(t, j, ")")) --depth;
                        if (isString(t, j) && t.at(j).text == QLatin1String("json"))
                            request.json = true;
                    }
                    result.requests.append(request);
                } else {
                    result.computedDynamicImportLines.append(t.at(i).line);
                }
                continue;
            }
            if (isPunct(t, i + 1, ".")) continue; // import.meta
            const int spec = isString(t, i + 1) ? i + 1 : fromSpecifier(t, i + 1);
            if (spec < 0) continue;
            result.requests.append(
                {t.at(spec).text, staticAssertsJson(t, spec), false, t.at(spec).line});
            i = spec;
        } else if (isIdent(t, i, "export") && (isPunct(t, i + 1, "*") || isPunct(t, i + 1, "{"))) {
            const int spec = fromSpecifier(t, i + 1);
            if (spec < 0) continue;
            result.requests.append(
                {t.at(spec).text, staticAssertsJson(t, spec), false, t.at(spec).line});
            i = spec;
        }
    }
    return result;
}

} // namespace nano::bundle
