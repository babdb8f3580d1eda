#pragma once
// The QSettings keys of the workbench, in one place.

#include <QString>

namespace nano::ui::settings {

inline const QString Geometry = QStringLiteral("window/geometry");
inline const QString WindowState = QStringLiteral("window/state");
inline const QString Theme = QStringLiteral("ui/theme");       // system | light | dark
inline const QString Language = QStringLiteral("ui/language"); // "" (system) | en | de
inline const QString Zoom = QStringLiteral("editor/zoom");
inline const QString RecentFiles = QStringLiteral("editor/recentFiles");
inline const QString ReplHistory = QStringLiteral("console/replHistory");
inline const QString ConsoleClearOnRun = QStringLiteral("console/clearOnRun"); // bool, true
// Run → Ask Before Editor Scripts Connect (ui/bundle/bundle_actions.h); bool, false.
inline const QString PromptEditorScripts = QStringLiteral("network/promptEditorScripts");
// + a bundle file or script: the origins "Always" granted it (a string list).
inline const QString GrantedOriginsPrefix = QStringLiteral("network/granted/");

} // namespace nano::ui::settings
