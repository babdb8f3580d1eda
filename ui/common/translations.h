#pragma once
// The user interface language: our translations (translations/nano_*.ts, compiled at build
// time and embedded under :/i18n) plus Qt's and QScintilla's own where installed. The language
// follows the system locale unless the settings name one.

#include <QString>
#include <QStringList>

namespace nano::ui::i18n {

// Languages we ship, as locale names ("en" is the source language).
QStringList availableLanguages();
// Installs the translators for `language` ("" for the system locale), replacing any installed
// before. Returns the language in effect ("en" if there is no translation for it).
QString install(const QString& language);

} // namespace nano::ui::i18n
