#include "yaml_file.h"

#include "reportlens/stage.h"

namespace reportlens::diff {

void yaml_fail(const std::filesystem::path& file, const YAML::Node& node, const std::string& message) {
  const int line = node.Mark().line >= 0 ? node.Mark().line + 1 : 0;
  throw StageError(file.string() + ":" + std::to_string(line) + ": " + message);
}

YAML::Node load_yaml_file(const std::filesystem::path& file, const std::string& what) {
  try {
    return YAML::LoadFile(file.string());
  } catch (const YAML::ParserException& e) {
    throw StageError(file.string() + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  } catch (const YAML::BadFile&) {
    throw StageError(file.string() + ": cannot read " + what);
  }
}

std::vector<std::string> string_list(const std::filesystem::path& file, const YAML::Node& node,
                                     const char* what) {
  std::vector<std::string> out;
  if (!node) return out;
  if (!node.IsSequence()) yaml_fail(file, node, std::string(what) + " must be a list of strings");
  for (const auto& item : node) {
    if (!item.IsScalar()) yaml_fail(file, item, std::string(what) + " must be a list of strings");
    out.push_back(item.as<std::string>());
  }
  return out;
}

}  // namespace reportlens::diff
