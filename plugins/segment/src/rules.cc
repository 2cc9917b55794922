#include "rules.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <iterator>
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

// Months 1–12 ("delivery.next_year_months").
void append_months(const YAML::Node& node, const std::string& file, std::vector<int>& into) {
  if (!node || node.IsNull()) return;
  auto bad = [&](const YAML::Node& at) {
    return StageError(file + ":" + std::to_string(at.Mark().line + 1) +
                      ": 'delivery.next_year_months' must be a list of months 1-12");
  };
  if (!node.IsSequence()) throw bad(node);
  for (const auto& item : node) {
    int m = 0;
    try {
      m = item.as<int>();
    } catch (const YAML::Exception&) {
      throw bad(item);
    }
    if (m < 1 || m > 12) throw bad(item);
    into.push_back(m);
  }
}

// A mapping of non-empty strings ("provinces": short name → full name), in file order.
void append_pairs(const YAML::Node& node, const std::string& file, const char* key,
                  std::vector<std::pair<std::string, std::string>>& into) {
  if (!node || node.IsNull()) return;
  if (!node.IsMap())
    throw StageError(file + ":" + std::to_string(node.Mark().line + 1) + ": '" + key +
                     "' must map short names to full names");
  for (const auto& kv : node) {
    if (!kv.second.IsScalar() || kv.first.as<std::string>().empty() || kv.second.as<std::string>().empty())
      throw StageError(file + ":" + std::to_string(kv.first.Mark().line + 1) + ": '" + key +
                       "' entries must be non-empty strings");
    into.emplace_back(kv.first.as<std::string>(), kv.second.as<std::string>());
  }
}

constexpr const char* kKeys[] = {"scope",          "kind",     "salutation", "national",
                                  "region_suffixes", "city_stopwords", "delivery", "region",
                                  "provinces"};

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
      if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
        throw StageError(file + ":" + std::to_string(kv.first.Mark().line + 1) +
                         ": unknown key '" + key +
                         "' (expected scope, kind, national, salutation, region_suffixes, "
                         "city_stopwords, delivery, region, provinces)");
    }
    append(child(child(root, "scope"), "review"), file, "scope.review", read.review_words);
    append(child(child(root, "scope"), "plan"), file, "scope.plan", read.plan_words);
    append(child(child(root, "kind"), "statistical_bulletin"), file, "kind.statistical_bulletin",
           read.bulletin_words);
    append(child(child(root, "kind"), "plan_report"), file, "kind.plan_report", read.plan_report_words);
    append(child(child(root, "kind"), "work_report"), file, "kind.work_report", read.work_report_words);
    append(child(child(root, "kind"), "work_report_speaker"), file, "kind.work_report_speaker",
           read.work_report_speakers);
    append(child(root, "salutation"), file, "salutation", read.salutations);
    append(child(root, "national"), file, "national", read.national_words);
    append(child(root, "region_suffixes"), file, "region_suffixes", read.region_suffixes);
    append(child(root, "city_stopwords"), file, "city_stopwords", read.city_stopwords);
    const YAML::Node delivery = child(root, "delivery");
    append(child(delivery, "dashes"), file, "delivery.dashes", read.dashes);
    append(child(delivery, "congress"), file, "delivery.congress", read.congress_words);
    append(child(delivery, "meeting"), file, "delivery.meeting", read.meeting_words);
    append(child(delivery, "title_labels"), file, "delivery.title_labels", read.title_labels);
    append_months(child(delivery, "next_year_months"), file, read.next_year_months);
    append(child(child(root, "region"), "government"), file, "region.government", read.government_words);
    append(child(child(root, "region"), "offices"), file, "region.offices", read.office_words);
    append(child(child(root, "region"), "suffix_words"), file, "region.suffix_words", read.suffix_words);
    append_pairs(child(root, "provinces"), file, "provinces", read.province_names);
  });
  *this = std::move(read);
}

}  // namespace reportlens::segment
