#pragma once
// Syntax highlighting for response bodies shown as text: JSON and JavaScript (strings,
// numbers, keywords), HTML and XML (tags, attributes), CSS (properties). Line by line, with
// the palette's lightness choosing the colours, so a 1 MiB preview highlights as it scrolls.

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace nano::ui {

class BodyHighlighter final : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Language { None, Json, JavaScript, Markup, Css };

    explicit BodyHighlighter(QTextDocument* document);
    void setLanguage(Language language, bool dark);
    Language language() const { return m_language; }
    // The language of a MIME essence ("application/json" → Json).
    static Language languageOf(const QString& mimeEssence);

protected:
    void highlightBlock(const QString& text) override;

private:
    Language m_language = Language::None;
    QTextCharFormat m_string, m_number, m_keyword, m_tag, m_attribute;
};

} // namespace nano::ui
