#include "rules.h"

#include <yaml-cpp/yaml.h>

#include "reportlens/stage.h"

namespace reportlens::segment {
namespace {

void append(const YAML::Node& node, const std::string& file, const char* key,
            std::vector<std::string>& into) {
  if (!node || node.IsNull()) return;
  if (!node.IsSequence())
    throw StageError(file + ":" + std::to_string(node.Mark().line + 1) + ": '" + key +
                     "' must be a list of strings");
  for (const auto& item : node) {
    if (!item.IsScalar() || item.as<std::string>().empty())
      throw StageError(file + ":" + std::to_string(item.Mark().line + 1) + ": '" + key +
                       "' entries must be non-empty strings");
    into.push_back(item.as<std::string>());
  }
}

// node[key] without creating or throwing on missing levels.
YAML::Node child(const YAML::Node& node, const char* key) {
  if (!node || !node.IsMap()) return YAML::Node();
  for (const auto& kv : node)
    if (kv.first.as<std::string>() == key) return kv.second;
  return YAML::Node();
}

}  // namespace

void SegmentRules::load(const std::filesystem::path& path) {
  const std::string file = path.string();
  YAML::Node root;
  try {
    root = YAML::LoadFile(file);
  } catch (const YAML::BadFile&) {
    throw StageError(file + ": cannot read the rules file");
  } catch (const YAML::Exception& e) {
    throw StageError(file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!root.IsMap()) throw StageError(file + ":1: expected a mapping of word lists");
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    if (key != "scope" && key != "kind" && key != "salutation" && key != "national" && key != "region_suffixes" &&
        key != "city_stopwords")
      throw StageError(file + ":" + std::to_string(kv.first.Mark().line + 1) +
                       ": unknown key '" + key +
                       "' (expected scope, kind, national, salutation, region_suffixes, city_stopwords)");
  }
  append(child(child(root, "scope"), "review"), file, "scope.review", review_words);
  append(child(child(root, "scope"), "plan"), file, "scope.plan", plan_words);
  append(child(child(root, "kind"), "statistical_bulletin"), file, "kind.statistical_bulletin", bulletin_words);
  append(child(child(root, "kind"), "plan_report"), file, "kind.plan_report", plan_report_words);
  append(child(child(root, "kind"), "work_report"), file, "kind.work_report", work_report_words);
  append(child(root, "salutation"), file, "salutation", salutations);
  append(child(root, "national"), file, "national", national_words);
  append(child(root, "region_suffixes"), file, "region_suffixes", region_suffixes);
  append(child(root, "city_stopwords"), file, "city_stopwords", city_stopwords);
}

}  // namespace reportlens::segment
