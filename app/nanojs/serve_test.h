#pragma once
// `nanojs serve-test`: runs the local test server until Ctrl+C (SIGINT) or SIGTERM.

#include "cli.h"

namespace nano::cli {
int serveTest(const Options& options);
}
