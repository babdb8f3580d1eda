#pragma once
// nanojs bundle create|inspect|verify.

#include <QStringList>

namespace nano::cli {

// `arguments` are those after "bundle"; returns the exit status (2 for a usage error).
int bundleCommand(const QStringList& arguments);
QString bundleUsage();

} // namespace nano::cli
