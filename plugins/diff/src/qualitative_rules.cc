#include "qualitative_rules.h"

#include <algorithm>
#include <set>
#include <yaml-cpp/yaml.h>

#include "yaml_file.h"

namespace reportlens::diff {
namespace {

// Appends a word list, keeping the list unique and longest first (基本平衡 before 平衡).
void add_words(Words& to, const std::filesystem::path& file, const YAML::Node& node,
               const std::string& what) {
  if (!node) return;
  if (!node.IsSequence()) yaml_fail(file, node, what + " must be a list of strings");
  for (const auto& item : node) {
    if (!item.IsScalar() || item.as<std::string>().empty())
      yaml_fail(file, item, what + " must be a list of non-empty strings");
    const auto w = item.as<std::string>();
    if (std::find(to.begin(), to.end(), w) == to.end()) to.push_back(w);
  }
  std::stable_sort(to.begin(), to.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

const std::set<std::string> kKinds = {"in_step", "faster",   "above_average", "higher_level",
                                      "balanced", "decrease", "improve",       "increase"};

void load_kind(QualitativeRules& rules, const std::filesystem::path& file, const YAML::Node& k) {
  if (!k.IsMap() || !k["kind"]) yaml_fail(file, k, "each entry of kinds needs 'kind'");
  const auto name = k["kind"].as<std::string>();
  if (!kKinds.count(name)) yaml_fail(file, k["kind"], "unknown kind '" + name + "'");
  auto it = std::find_if(rules.kinds.begin(), rules.kinds.end(),
                         [&](const QualitativeKind& q) { return q.kind == name; });
  if (it == rules.kinds.end()) it = rules.kinds.insert(rules.kinds.end(), QualitativeKind{name});
  add_words(it->triggers, file, k["triggers"], name + ".triggers");
  add_words(it->joiners, file, k["joiners"], name + ".joiners");
  add_words(it->scope_words, file, k["scope_words"], name + ".scope_words");
  add_words(it->require_words, file, k["require_words"], name + ".require_words");
  add_words(it->context_words, file, k["context_words"], name + ".context_words");
  add_words(it->strip_words, file, k["strip_words"], name + ".strip_words");
  add_words(it->met_words, file, k["met_words"], name + ".met_words");
  add_words(it->missed_words, file, k["missed_words"], name + ".missed_words");
  if (k["tolerance_points"]) it->tolerance_points = k["tolerance_points"].as<double>();
  if (it->triggers.empty()) yaml_fail(file, k, "kind '" + name + "' needs triggers");
}

}  // namespace

void QualitativeRules::load(const std::filesystem::path& file) {
  const YAML::Node root = load_yaml_file(file, "qualitative targets file");
  if (!root.IsMap()) yaml_fail(file, root, "expected a mapping with 'kinds'");
  static const std::set<std::string> keys = {
      "markers", "marker_followers", "marker_reach", "lead_words", "subject_tail_words",
      "degree_words", "negations", "exclude_words", "span_words", "year_words", "subjects", "kinds",
      "clause_separators", "sentence_ends", "subject_joins"};
  for (const auto& kv : root)
    if (!keys.count(kv.first.as<std::string>()))
      yaml_fail(file, kv.first, "unknown key '" + kv.first.as<std::string>() + "'");
  add_words(markers, file, root["markers"], "markers");
  add_words(marker_followers, file, root["marker_followers"], "marker_followers");
  add_words(lead_words, file, root["lead_words"], "lead_words");
  add_words(subject_tail_words, file, root["subject_tail_words"], "subject_tail_words");
  add_words(degree_words, file, root["degree_words"], "degree_words");
  add_words(negations, file, root["negations"], "negations");
  add_words(exclude_words, file, root["exclude_words"], "exclude_words");
  add_words(span_words, file, root["span_words"], "span_words");
  add_words(year_words, file, root["year_words"], "year_words");
  add_words(clause_separators, file, root["clause_separators"], "clause_separators");
  add_words(sentence_ends, file, root["sentence_ends"], "sentence_ends");
  add_words(subject_joins, file, root["subject_joins"], "subject_joins");
  if (root["marker_reach"]) marker_reach = root["marker_reach"].as<int>();
  if (const auto s = root["subjects"]) {
    if (!s.IsSequence()) yaml_fail(file, s, "subjects must be a list");
    for (const auto& g : s) {
      if (!g.IsMap() || !g["name"]) yaml_fail(file, g, "each subject group needs 'name'");
      const auto name = g["name"].as<std::string>();
      auto it = std::find_if(subjects.begin(), subjects.end(),
                             [&](const SubjectGroup& x) { return x.name == name; });
      if (it == subjects.end()) it = subjects.insert(subjects.end(), SubjectGroup{name});
      add_words(it->words, file, g["words"], name + ".words");
      add_words(it->metric_endings, file, g["metric_endings"], name + ".metric_endings");
    }
  }
  if (const auto k = root["kinds"]) {
    if (!k.IsSequence()) yaml_fail(file, k, "kinds must be a list");
    for (const auto& kind : k) load_kind(*this, file, kind);
  }
}

const SubjectGroup* QualitativeRules::group_of(const std::string& subject) const {
  // The word ending latest names the subject: 单位国内生产总值能耗 is about 能耗, not 生产总值.
  const SubjectGroup* best = nullptr;
  std::size_t best_end = 0;
  for (const auto& g : subjects)
    for (const auto& w : g.words)
      if (const auto at = subject.rfind(w); at != std::string::npos && at + w.size() > best_end)
        best = &g, best_end = at + w.size();
  return best;
}

const QualitativeKind* QualitativeRules::kind(const std::string& name) const {
  for (const auto& k : kinds)
    if (k.kind == name) return &k;
  return nullptr;
}

}  // namespace reportlens::diff
