#include "core/fatal_error.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace nano::core {

namespace {
std::mutex g_hookMutex;
FatalErrorHook g_hook;
std::atomic<bool> g_dying{false};

[[noreturn]] void die(const char* reason, const char* detail)
{
    if (!g_dying.exchange(true)) {
        FatalErrorHook hook;
        {
            std::lock_guard<std::mutex> lock(g_hookMutex);
            hook = g_hook;
        }
        if (hook) hook(reason);
        std::fflush(stdout);
        std::fprintf(stderr, "\nFatal: %s (%s). The process had to end.\n", reason,
                     detail ? detail : "V8");
        std::fflush(stderr);
    }
    // V8's state is broken: no destructors, no atexit handlers.
    std::_Exit(1);
}

void onOutOfMemory(const char* location, bool isHeapOom)
{
    die(isHeapOom ? "JavaScript heap out of memory: an allocation did not fit even above the "
                    "heap limit"
                  : "out of memory",
        location);
}

void onFatalError(const char* location, const char* message)
{
    die(message ? message : "V8 fatal error", location);
}
} // namespace

void setFatalErrorHook(FatalErrorHook hook)
{
    std::lock_guard<std::mutex> lock(g_hookMutex);
    g_hook = std::move(hook);
}

void installFatalErrorHandlers(v8::Isolate* isolate)
{
    static std::once_flag processWide;
    std::call_once(processWide, [] { v8::V8::SetFatalMemoryErrorCallback(&onOutOfMemory); });
    isolate->SetOOMErrorHandler(&onOutOfMemory);
    isolate->SetFatalErrorHandler(&onFatalError);
}

} // namespace nano::core
