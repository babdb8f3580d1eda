#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <memory>
#include <vector>

namespace nano::ui::i18n {

namespace {
std::vector<std::unique_ptr<QTranslator>>& installed()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}
} // namespace

QStringList availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("de")};
}

QString install(const QString& language)
{
    for (const auto& translator : installed())
        QCoreApplication::removeTranslator(translator.get());
    installed().clear();

    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto ours = std::make_unique<QTranslator>();
    if (!ours->load(locale, QStringLiteral("nano"), QStringLiteral("_"),
                    QStringLiteral(":/i18n"))) {
        // English (the source strings): numbers as in English too, also after German was on.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(ours.get());
    installed().push_back(std::move(ours));
    // Qt's own strings (standard buttons, file dialogs, key names such as Strg+N) and
    // QScintilla's (the editor's context menu), from Qt's translations directory
    // (qt6-translations-l10n and libqscintilla2-qt6-l10n on Debian).
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    for (const QString& catalog : {QStringLiteral("qtbase"), QStringLiteral("qscintilla")}) {
        auto translator = std::make_unique<QTranslator>();
        if (translator->load(locale, catalog, QStringLiteral("_"), qtDir)) {
            QCoreApplication::installTranslator(translator.get());
            installed().push_back(std::move(translator));
        } else {
            qWarning("i18n: no %s translation for %s in %s", qPrintable(catalog),
                     qPrintable(locale.name()), qPrintable(qtDir));
        }
    }
    // Qt's widgets format dates and numbers in the UI language (the engine never looks at it:
    // script output is the same in every locale).
    QLocale::setDefault(locale);
    return QLocale(locale.language()).name().section(u'_', 0, 0);
}

} // namespace nano::ui::i18n
