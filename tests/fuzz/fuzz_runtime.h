#pragma once
// A runtime for the fuzzers that need V8: the engine's real isolate and context with every web
// API installed (api/registry), made on first use and kept for the process, as a fuzzer runs
// millions of inputs and an isolate per input would spend the time making isolates.

#include "api/registry.h"
#include "core/platform.h"
#include "core/runtime.h"

#include <QCoreApplication>
#include <memory>

namespace nano::fuzz {

class FuzzRuntime {
public:
    FuzzRuntime()
    {
        core::Platform::initialize();
        core::RuntimeOptions options;
        options.installers = api::installers();
        options.globalTemplate = api::globalTemplate();
        options.consoleLocations = false;
        m_runtime = std::make_unique<core::Runtime>(m_host, options, 1, RunRequest());
    }

    core::Runtime& runtime() { return *m_runtime; }
    v8::Isolate* isolate() const { return m_runtime->isolate(); }

    // The Qt objects the engine makes (timers, the event loop) want an application object.
    static void ensureApplication()
    {
        static int argc = 1;
        static char name[] = "fuzz";
        static char* argv[] = {name, nullptr};
        if (!QCoreApplication::instance()) new QCoreApplication(argc, argv);
    }

private:
    class NullHost final : public core::RuntimeHost {
    public:
        void onConsoleMessage(ConsoleMessage&&) override {}
        void onRunFinished(const RunResult&) override {}
    };

    NullHost m_host;
    std::unique_ptr<core::Runtime> m_runtime;
};

} // namespace nano::fuzz
