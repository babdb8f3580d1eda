#pragma once
// The one translation context of ui/bundle (see translations/nano_de.ts).

#include <QCoreApplication>

namespace nano::ui {
struct BundleTr {
    Q_DECLARE_TR_FUNCTIONS(Nano::Bundle)
};
} // namespace nano::ui
