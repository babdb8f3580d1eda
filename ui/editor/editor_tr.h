#pragma once
// The one translation context of the editor module (see translations/nano_de.ts): every
// user-visible string of ui/editor/ goes through EditorTr::tr().

#include <QCoreApplication>

namespace nano::ui {
struct EditorTr {
    Q_DECLARE_TR_FUNCTIONS(Nano::Editor)
};
} // namespace nano::ui
