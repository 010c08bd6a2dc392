// Logging for LayerSlim: spdlog with a rotating file under the app's data
// location (…/LayerSlim/logs/layerslim.log), and stderr for warnings.
#pragma once

#include <QString>

namespace logging {

// Sets up the default logger once; later calls are no-ops. `verbose` lowers
// the stderr level to debug.
void init(const QString &appName, bool verbose = false);
// The log file in use (empty before init()).
[[nodiscard]] QString logFilePath();

} // namespace logging
