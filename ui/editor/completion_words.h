#pragma once
// The words the editor completes besides the buffer's own identifiers: JavaScript's keywords and
// the globals this runtime provides. The globals are a static list (asking the engine at start
// would need a context before the first run); tests/ui/tst_editor.cpp compares it with
// Object.getOwnPropertyNames(globalThis) of a real run, so an API that adds a global must add
// it here too.

#include <QStringList>

namespace nano::ui::completion {

QStringList keywords();
QStringList runtimeGlobals();

} // namespace nano::ui::completion
