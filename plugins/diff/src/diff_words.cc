#include "diff_words.h"

#include <yaml-cpp/yaml.h>

#include "yaml_file.h"

namespace reportlens::diff {
namespace {

std::vector<std::string> word_list(const std::filesystem::path& file, const YAML::Node& node,
                                   const std::string& what) {
  if (!node || !node.IsSequence() || node.size() == 0)
    yaml_fail(file, node, what + " must be a non-empty list of strings");
  std::vector<std::string> out;
  for (const auto& item : node) {
    if (!item.IsScalar() || item.as<std::string>().empty())
      yaml_fail(file, item, what + " must be a list of non-empty strings");
    out.push_back(item.as<std::string>());
  }
  return out;
}

NumberWords number_words(const std::filesystem::path& file, const YAML::Node& n) {
  if (!n || !n.IsMap()) yaml_fail(file, n, "numbers must be a mapping");
  NumberWords out;
  const YAML::Node scales = n["scales"];
  if (!scales || !scales.IsSequence()) yaml_fail(file, n, "numbers.scales must be a list");
  for (const auto& s : scales) {
    if (!s.IsMap() || !s["word"] || !s["factor"] || s["factor"].as<double>() <= 1)
      yaml_fail(file, s, "each of numbers.scales needs a word and a factor above 1");
    out.scales.emplace_back(s["word"].as<std::string>(), s["factor"].as<double>());
  }
  out.not_scales = n["not_scales"] ? word_list(file, n["not_scales"], "numbers.not_scales")
                                   : std::vector<std::string>{};
  out.units = word_list(file, n["units"], "numbers.units");
  if (!n["year_suffix"] || !n["year_suffix"].IsScalar())
    yaml_fail(file, n, "numbers.year_suffix must be a string");
  out.year_suffix = n["year_suffix"].as<std::string>();
  return out;
}

}  // namespace

void DiffWords::load(const std::filesystem::path& words, const std::filesystem::path& labels_file) {
  const YAML::Node root = load_yaml_file(words, "words file");
  if (!root.IsMap()) yaml_fail(words, root, "expected a mapping");
  numbers = number_words(words, root["numbers"]);
  sentence_ends = word_list(words, root["sentence_ends"], "sentence_ends");
  last_year_words = word_list(words, root["last_year_words"], "last_year_words");
  clause_group_ends = word_list(words, root["clause_group_ends"], "clause_group_ends");
  context_delimiters = word_list(words, root["context_delimiters"], "context_delimiters");
  context_sentence_stops = word_list(words, root["context_sentence_stops"], "context_sentence_stops");
  labels.load(labels_file);
}

DiffWords DiffWords::from_data_dir(const std::filesystem::path& dir) {
  DiffWords w;
  w.load(dir / "words.yaml", dir / "labels.yaml");
  return w;
}

}  // namespace reportlens::diff
