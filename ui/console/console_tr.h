#pragma once
// The one translation context of the console module (see translations/nano_de.ts): every
// user-visible string of ui/console/ goes through ConsoleTr::tr().

#include <QCoreApplication>

namespace nano::ui {
struct ConsoleTr {
    Q_DECLARE_TR_FUNCTIONS(Nano::Console)
};
} // namespace nano::ui
