#pragma once
// The one translation context of the network module (see translations/nano_de.ts): every
// user-visible string of ui/network/ goes through NetworkTr::tr().

#include <QCoreApplication>

namespace nano::ui {
struct NetworkTr {
    Q_DECLARE_TR_FUNCTIONS(Nano::Network)
};
} // namespace nano::ui
