// Writing the chart pages as one set: every file goes into a temporary folder beside the
// target, the file system is synced once, and the folder then replaces the target in one
// rename (an exchange when the target exists), so a reader sees the old set or the new one,
// never a mix, and a thousand pages cost one sync instead of one fsync each.
#pragma once

#include <filesystem>

#include "panel_charts.h"

namespace reportlens::panel {

// Publishes `files` (name -> content) as the folder `dir`, replacing a previous folder there.
// Throws StageError when `dir` is an existing file or a write fails (the temporary folder is
// removed then, and `dir` is left as it was).
void publish_chart_folder(const std::filesystem::path& dir, const ChartFiles& files);

}  // namespace reportlens::panel
