#include "api/registry.h"

#include "api/console/console.h"
#include "api/global_scope.h"
#include "api/performance.h"
#include "api/structured_clone.h"
#include "api/timers.h"
#include "api/url/url.h"
#include "api/webassembly.h"

namespace nano::api {

std::vector<core::Installer> installers()
{
    return {
        &installGlobalScope, // self, DOMException, reportError, queueMicrotask, navigator, Nano
        &installConsole,
        &installTimers,
        &installPerformance,
        &installStructuredClone,
        &installURL,
        &installWebAssembly,
    };
}

} // namespace nano::api

namespace nano::api {

core::GlobalTemplateFactory globalTemplate()
{
    return nullptr;
}

} // namespace nano::api
