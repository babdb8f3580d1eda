#pragma once
// The one translation context of the streams module (see translations/nano_de.ts): every
// user-visible string of ui/streams/ goes through StreamsTr::tr().

#include <QCoreApplication>

namespace nano::ui {
struct StreamsTr {
    Q_DECLARE_TR_FUNCTIONS(Nano::Streams)
};
} // namespace nano::ui
