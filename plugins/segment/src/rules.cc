#include "rules.h"

#include <yaml-cpp/yaml.h>

#include <optional>

#include "reportlens/stage.h"
#include "reportlens/yaml_data.h"

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
  // yaml_data: the same tree as yaml-cpp at a fraction of its cost (the stage's whole
  // start-up was reading this file); yaml-cpp's own tree names the line of an error.
  std::optional<yaml_data::File> yaml;
  try {
    yaml.emplace(path);
  } catch (const YAML::BadFile&) {
    throw StageError(file + ": cannot read the rules file");
  } catch (const YAML::Exception& e) {
    throw StageError(file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  // Read into a copy: a file with an error adds nothing.
  SegmentRules read = *this;
  yaml->walk([&](const YAML::Node& root) {
    read = *this;
    if (!root.IsMap()) throw StageError(file + ":1: expected a mapping of word lists");
    for (const auto& kv : root) {
      const std::string key = kv.first.as<std::string>();
      if (key != "scope" && key != "kind" && key != "salutation" && key != "national" &&
          key != "region_suffixes" && key != "city_stopwords")
        throw StageError(file + ":" + std::to_string(kv.first.Mark().line + 1) +
                         ": unknown key '" + key +
                         "' (expected scope, kind, national, salutation, region_suffixes, city_stopwords)");
    }
    append(child(child(root, "scope"), "review"), file, "scope.review", read.review_words);
    append(child(child(root, "scope"), "plan"), file, "scope.plan", read.plan_words);
    append(child(child(root, "kind"), "statistical_bulletin"), file, "kind.statistical_bulletin",
           read.bulletin_words);
    append(child(child(root, "kind"), "plan_report"), file, "kind.plan_report", read.plan_report_words);
    append(child(child(root, "kind"), "work_report"), file, "kind.work_report", read.work_report_words);
    append(child(root, "salutation"), file, "salutation", read.salutations);
    append(child(root, "national"), file, "national", read.national_words);
    append(child(root, "region_suffixes"), file, "region_suffixes", read.region_suffixes);
    append(child(root, "city_stopwords"), file, "city_stopwords", read.city_stopwords);
  });
  *this = std::move(read);
}

}  // namespace reportlens::segment
