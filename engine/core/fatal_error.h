#pragma once
// When V8 must abort the process. Reaching the heap limit normally ends a run cleanly (a
// RangeError, see Runtime); only an allocation that cannot fit even in the headroom above the
// limit makes V8 give up, and V8 cannot go on after that. The handler installed here runs the
// embedder's last words (the workbench flushes its autosave and leaves a note for the next
// start), reports the reason on stderr and ends the process with exit code 1.

#include <functional>
#include <v8.h>

namespace nano::core {

// Process-wide; called on the thread where V8 failed, at most once. Must not use V8.
using FatalErrorHook = std::function<void(const char* reason)>;
void setFatalErrorHook(FatalErrorHook hook);

// Routes V8's out-of-memory and fatal-error callbacks of `isolate` (and the process-wide one)
// to the hook.
void installFatalErrorHandlers(v8::Isolate* isolate);

} // namespace nano::core
