#pragma once
// The one translation context of the common module (see translations/nano_de.ts): every
// user-visible string of ui/common/ goes through WorkbenchTr::tr().

#include <QCoreApplication>

namespace nano::ui {
struct WorkbenchTr {
    Q_DECLARE_TR_FUNCTIONS(Nano::Workbench)
};
} // namespace nano::ui
