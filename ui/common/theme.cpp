#include "theme.h"

#include "engine/inspect/console_message.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace nano::ui::theme {

namespace {

QPalette& systemPalette()
{
    // The palette the platform gave us, kept so that "System" can be restored after "Dark".
    static QPalette palette = QApplication::palette();
    return palette;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xdf, 0xe1, 0xe5);
    const QColor disabled(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x58, 0xa6, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Mid, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4b));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

// A checkable tool button (the console's level filters) that is on gets a filled, outlined
// background: the styles draw an auto-raised one that is checked nearly like one that is not.
QString checkedToolButtonStyleSheet(const QPalette& palette)
{
    const QColor accent = palette.color(QPalette::Highlight);
    QColor fill = accent;
    fill.setAlpha(isDark() ? 110 : 60);
    return QStringLiteral("QToolButton:checked { background-color: rgba(%1, %2, %3, %4); "
                          "border: 1px solid %5; border-radius: 3px; }")
        .arg(fill.red())
        .arg(fill.green())
        .arg(fill.blue())
        .arg(fill.alpha())
        .arg(accent.name());
}

} // namespace

Mode modeFromString(const QString& name)
{
    if (name == QLatin1String("light")) return Mode::Light;
    if (name == QLatin1String("dark")) return Mode::Dark;
    return Mode::System;
}

QString modeToString(Mode mode)
{
    switch (mode) {
    case Mode::Light: return QStringLiteral("light");
    case Mode::Dark: return QStringLiteral("dark");
    case Mode::System: break;
    }
    return QStringLiteral("system");
}

void apply(Mode mode)
{
    const QPalette system = systemPalette();
    switch (mode) {
    case Mode::System: QApplication::setPalette(system); break;
    case Mode::Light:
        if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
            QApplication::setStyle(fusion);
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    case Mode::Dark:
        if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
            QApplication::setStyle(fusion);
        QApplication::setPalette(darkPalette());
        break;
    }
    qApp->setStyleSheet(checkedToolButtonStyleSheet(QApplication::palette()));
}

bool isDark()
{
    return QApplication::palette().color(QPalette::Base).lightness() < 128;
}

QVariant levelForeground(int consoleLevel)
{
    using Level = ConsoleMessage::Level;
    const bool dark = isDark();
    switch (Level(consoleLevel)) {
    case Level::Error: return dark ? QColor(0xff, 0x80, 0x80) : QColor(0xb0, 0x10, 0x10);
    case Level::Warn: return dark ? QColor(0xf0, 0xc8, 0x60) : QColor(0x7a, 0x55, 0x00);
    case Level::Debug: return dark ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x70, 0x70, 0x70);
    case Level::Log:
    case Level::Info: break;
    }
    return {};
}

QVariant levelBackground(int consoleLevel)
{
    using Level = ConsoleMessage::Level;
    const bool dark = isDark();
    switch (Level(consoleLevel)) {
    case Level::Error: return dark ? QColor(0x4a, 0x22, 0x24) : QColor(0xfd, 0xec, 0xec);
    case Level::Warn: return dark ? QColor(0x41, 0x37, 0x1c) : QColor(0xff, 0xf8, 0xe0);
    default: break;
    }
    return {};
}

} // namespace nano::ui::theme
