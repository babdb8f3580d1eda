#include "core/repl_line.h"

#include <QRegularExpression>

namespace nano::core {

namespace {

// Whether `text` holds a ',' or ';' outside brackets, strings, template literals and comments
// (a trailing ';' excepted): then it is more than one expression. A regular expression literal
// with a comma in it is taken for a separator, which only sends the line the safe way (Other).
bool hasTopLevelSeparator(const QString& text)
{
    int depth = 0;
    const int size = int(text.size());
    for (int i = 0; i < size; ++i) {
        const QChar c = text.at(i);
        if (c == u'\'' || c == u'"' || c == u'`') {
            for (++i; i < size && text.at(i) != c; ++i) {
                if (text.at(i) == u'\\') ++i;
            }
        } else if (c == u'/' && i + 1 < size && text.at(i + 1) == u'/') {
            while (i < size && text.at(i) != u'\n')
                ++i;
        } else if (c == u'/' && i + 1 < size && text.at(i + 1) == u'*') {
            const int end = int(text.indexOf(QLatin1String("*/"), i + 2));
            i = end < 0 ? size : end + 1;
        } else if (c == u'(' || c == u'[' || c == u'{') {
            ++depth;
        } else if (c == u')' || c == u']' || c == u'}') {
            --depth;
        } else if (depth == 0 && c == u',') {
            return true;
        } else if (depth == 0 && c == u';') {
            if (!text.mid(i + 1).trimmed().isEmpty()) return true;
        }
    }
    return false;
}

} // namespace

ReplLineShape replLineShape(const QString& code)
{
    static const QRegularExpression keyword(
        QStringLiteral("^\\s*(let|const|var|class|function|async\\s+function)(?![\\w$])"));
    static const QRegularExpression variable(
        QStringLiteral("^\\s*(let|const|var)\\s+([A-Za-z_$][\\w$]*)\\s*=(?![=>])(.*)$"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression named(
        QStringLiteral("^\\s*(?:class|(?:async\\s+)?function\\s*\\*?)\\s*([A-Za-z_$][\\w$]*)"));
    ReplLineShape shape;
    const QRegularExpressionMatch start = keyword.match(code);
    if (!start.hasMatch()) return shape; // Statements
    shape.kind = ReplLineShape::Kind::Other;
    const QString word = start.captured(1);
    if (word == QLatin1String("let") || word == QLatin1String("const") ||
        word == QLatin1String("var")) {
        const QRegularExpressionMatch m = variable.match(code);
        if (!m.hasMatch()) return shape;
        QString expression = m.captured(3).trimmed();
        if (expression.endsWith(u';')) expression.chop(1);
        if (expression.isEmpty() || hasTopLevelSeparator(expression)) return shape;
        shape.kind = ReplLineShape::Kind::Declaration;
        shape.keyword = m.captured(1);
        shape.name = m.captured(2);
        shape.expression = expression;
        return shape;
    }
    const QRegularExpressionMatch m = named.match(code);
    QString body = code.trimmed();
    if (body.endsWith(u';')) body.chop(1);
    if (!m.hasMatch() || hasTopLevelSeparator(body)) return shape;
    shape.kind = ReplLineShape::Kind::Declaration;
    shape.keyword = word == QLatin1String("class") ? QStringLiteral("let") : QStringLiteral("var");
    shape.name = m.captured(1);
    shape.expression = body;
    return shape;
}

} // namespace nano::core
