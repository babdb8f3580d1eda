#pragma once
// The workbench's icons, drawn with QPainter so that they need no image plugin and follow the
// palette (light and dark themes).

#include <QIcon>

namespace nano::ui::icons {

QIcon level(int consoleLevel); // int(ConsoleMessage::Level)
QIcon run();
QIcon stop();
QIcon clear();
QIcon collectGarbage();
QIcon snapshot();
QIcon application();

} // namespace nano::ui::icons
