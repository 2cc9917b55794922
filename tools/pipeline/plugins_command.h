// `pipeline plugins` and `pipeline plugins info NAME`.
#pragma once

#include <string>
#include <vector>

namespace reportlens::cli {

// Lists plugins and their stages (and every refused file). Returns the exit code.
int list_plugins(const std::vector<std::string>& plugin_paths);
// Prints one plugin's or stage's descriptor, settings schema with defaults, consumes and
// produces, without creating any stage. Returns the exit code.
int plugin_info(const std::string& name, const std::vector<std::string>& plugin_paths, bool json);

}  // namespace reportlens::cli
