#pragma once
// Light and dark themes. "System" follows the palette the platform gives the application;
// "Light" and "Dark" set a palette of their own (on the Fusion style).

#include <QColor>
#include <QString>
#include <QVariant>

namespace nano::ui::theme {

enum class Mode { System, Light, Dark };

Mode modeFromString(const QString& name); // "system", "light", "dark"
QString modeToString(Mode mode);

// Applies `mode` to the application palette, and a style sheet that fills a checked tool
// button with the palette's highlight. Call before creating widgets, or let the widgets
// react to QEvent::PaletteChange.
void apply(Mode mode);

// Whether the current application palette is dark.
bool isDark();

// Console colours for int(ConsoleMessage::Level); invalid QVariant for the default colours.
QVariant levelForeground(int consoleLevel);
QVariant levelBackground(int consoleLevel);

} // namespace nano::ui::theme
