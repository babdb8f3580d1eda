#include "network/body_highlighter.h"

#include <QRegularExpression>

namespace nano::ui {

BodyHighlighter::BodyHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{}

BodyHighlighter::Language BodyHighlighter::languageOf(const QString& essence)
{
    if (essence.endsWith(QLatin1String("json"))) return Language::Json;
    if (essence.endsWith(QLatin1String("javascript"))) return Language::JavaScript;
    if (essence.endsWith(QLatin1String("html")) || essence.endsWith(QLatin1String("xml")) ||
        essence.endsWith(QLatin1String("svg+xml")))
        return Language::Markup;
    if (essence.endsWith(QLatin1String("css"))) return Language::Css;
    return Language::None;
}

void BodyHighlighter::setLanguage(Language language, bool dark)
{
    m_language = language;
    m_string.setForeground(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
    m_number.setForeground(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
    m_keyword.setForeground(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xff));
    m_tag.setForeground(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x80, 0x00, 0x00));
    m_attribute.setForeground(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0xe5, 0x00, 0x00));
    rehighlight();
}

void BodyHighlighter::highlightBlock(const QString& text)
{
    auto apply = [this, &text](const QRegularExpression& pattern, const QTextCharFormat& format,
                               int group = 0) {
        for (auto it = pattern.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            setFormat(int(match.capturedStart(group)), int(match.capturedLength(group)), format);
        }
    };
    static const QRegularExpression number(
        QStringLiteral("\\b-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?\\b"));
    static const QRegularExpression string(
        QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'"));
    static const QRegularExpression jsonWord(QStringLiteral("\\b(true|false|null)\\b"));
    static const QRegularExpression jsWord(QStringLiteral(
        "\\b(const|let|var|function|return|if|else|for|while|new|class|import|export|await|"
        "async|true|false|null|undefined|this|typeof)\\b"));
    static const QRegularExpression tag(QStringLiteral("</?[A-Za-z][\\w:-]*|/?>"));
    static const QRegularExpression attribute(QStringLiteral("\\s([A-Za-z_:][\\w:.-]*)="));
    static const QRegularExpression property(QStringLiteral("([\\w-]+)\\s*:"));
    switch (m_language) {
    case Language::None: return;
    case Language::Json:
        apply(number, m_number);
        apply(jsonWord, m_keyword);
        apply(string, m_string);
        return;
    case Language::JavaScript:
        apply(number, m_number);
        apply(jsWord, m_keyword);
        apply(string, m_string);
        return;
    case Language::Markup:
        apply(tag, m_tag);
        apply(attribute, m_attribute, 1);
        apply(string, m_string);
        return;
    case Language::Css:
        apply(property, m_attribute, 1);
        apply(number, m_number);
        apply(string, m_string);
        return;
    }
}

} // namespace nano::ui
