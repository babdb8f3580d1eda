#pragma once
// The one list of web APIs installed into every new context, in order.

#include "core/runtime.h"

#include <vector>

namespace nano::api {

std::vector<core::Installer> installers();
// What every isolate needs before its context is made.
std::vector<core::IsolateSetup> isolateSetups();
// The global object's template (null: V8's plain global object).
core::GlobalTemplateFactory globalTemplate();

} // namespace nano::api
