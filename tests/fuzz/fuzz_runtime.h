#pragma once
// A runtime for the fuzzers that need V8: the engine's real isolate and context with every web
// API installed (api/registry), made on first use and kept for the process, as a fuzzer runs
// millions of inputs and an isolate per input would spend the time making isolates.

#include "../engine/test_runtime.h"
#include "api/registry.h"

#include <QCoreApplication>

namespace nano::fuzz {

class FuzzRuntime : public test::TestRuntime {
public:
    FuzzRuntime()
        : TestRuntime(options())
    {}

    // The Qt objects the engine makes (timers, the event loop) want an application object.
    static void ensureApplication()
    {
        static int argc = 1;
        static char name[] = "fuzz";
        static char* argv[] = {name, nullptr};
        if (!QCoreApplication::instance()) new QCoreApplication(argc, argv);
    }

private:
    static core::RuntimeOptions options()
    {
        core::RuntimeOptions options;
        options.installers = api::installers();
        options.isolateSetups = api::isolateSetups();
        options.globalTemplate = api::globalTemplate();
        options.consoleLocations = false;
        return options;
    }
};

} // namespace nano::fuzz
