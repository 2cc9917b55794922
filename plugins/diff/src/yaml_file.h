// Reading the diff's YAML data files with errors that name the file and line.
#pragma once

#include <filesystem>
#include <string>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace reportlens::diff {

// Throws StageError("file:line: message") at `node`.
[[noreturn]] void yaml_fail(const std::filesystem::path& file, const YAML::Node& node,
                            const std::string& message);

// Parses `file`; a syntax error or an unreadable file becomes a StageError naming it
// (`what`: "directions file", …).
YAML::Node load_yaml_file(const std::filesystem::path& file, const std::string& what);

// A list of strings at `node` (absent: empty); anything else is a StageError naming `what`.
std::vector<std::string> string_list(const std::filesystem::path& file, const YAML::Node& node,
                                     const char* what);

}  // namespace reportlens::diff
