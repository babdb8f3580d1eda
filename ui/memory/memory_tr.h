#pragma once
// The one translation context of the memory module (see translations/nano_de.ts): every
// user-visible string of ui/memory/ goes through MemoryTr::tr().

#include <QCoreApplication>

namespace nano::ui {
struct MemoryTr {
    Q_DECLARE_TR_FUNCTIONS(Nano::Memory)
};
} // namespace nano::ui
