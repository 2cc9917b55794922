#include "pattern_rules.h"

#include <map>
#include <optional>

#include <yaml-cpp/yaml.h>

#include "reportlens/stage.h"
#include "reportlens/text.h"
#include "reportlens/yaml_data.h"

namespace reportlens::entities {

namespace {

[[noreturn]] void fail(const std::string& file, int line, const std::string& message) {
  throw StageError(file + ":" + std::to_string(line) + ": " + message);
}

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

void append_strings(const std::string& file, const std::string& key, const YAML::Node& node,
                    std::vector<std::string>& out) {
  if (!node.IsSequence()) fail(file, line_of(node), key + ": expected a list of strings");
  for (const auto& item : node) {
    if (!item.IsScalar() || item.Scalar().empty())
      fail(file, line_of(item), key + ": expected a non-empty string");
    out.push_back(normalize_text(item.Scalar()).text);
  }
}

std::size_t read_count(const std::string& file, const std::string& key, const YAML::Node& node) {
  try {
    const long v = node.as<long>();
    if (v < 0 || v > 200) fail(file, line_of(node), key + ": expected a number from 0 to 200");
    return static_cast<std::size_t>(v);
  } catch (const YAML::Exception&) {
    fail(file, line_of(node), key + ": expected a number");
  }
}

double read_confidence(const std::string& file, const std::string& key, const YAML::Node& node) {
  try {
    const double v = node.as<double>();
    if (v < 0.0 || v > 1.0) fail(file, line_of(node), key + ": expected a number from 0 to 1");
    return v;
  } catch (const YAML::Exception&) {
    fail(file, line_of(node), key + ": expected a number from 0 to 1");
  }
}

void read_confidences(const std::string& file, const std::string& key, const YAML::Node& node,
                      std::vector<std::pair<std::string, double>>& out) {
  if (!node.IsMap()) fail(file, line_of(node), key + ": expected a mapping name -> confidence");
  for (const auto& kv : node) {
    if (kv.first.Scalar().empty()) fail(file, line_of(kv.first), key + ": expected a non-empty name");
    out.emplace_back(normalize_text(kv.first.Scalar()).text, read_confidence(file, key, kv.second));
  }
}

void read_ending_contexts(const std::string& file, const std::string& key, const YAML::Node& node,
                          std::vector<std::pair<std::string, std::vector<std::string>>>& out) {
  if (!node.IsMap()) fail(file, line_of(node), key + ": expected a mapping ending -> list of words");
  for (const auto& kv : node) {
    if (kv.first.Scalar().empty()) fail(file, line_of(kv.first), key + ": expected a non-empty ending");
    std::vector<std::string> words;
    append_strings(file, key, kv.second, words);
    out.emplace_back(normalize_text(kv.first.Scalar()).text, std::move(words));
  }
}

void read_words(const std::string& file, const std::string& key, const YAML::Node& node, PatternRules::Words& w) {
  if (!node.IsMap()) fail(file, line_of(node), key + ": expected a mapping role -> word");
  const std::map<std::string, std::string*> text{
      {"etc", &w.etc}, {"particle", &w.particle}, {"ordinal", &w.ordinal}, {"china", &w.china}, {"firm", &w.firm},
      {"bare_park", &w.bare_park}, {"park_char", &w.park_char}, {"base", &w.base}, {"comma", &w.comma},
      {"definition", &w.definition}, {"short_form", &w.short_form}, {"park_in_park", &w.park_in_park},
      {"park_brand", &w.park_brand}, {"base_brand", &w.base_brand}, {"project_brand", &w.project_brand},
      {"project_list", &w.project_list}, {"project_single", &w.project_single}, {"project_context", &w.project_context}, {"descriptive_name", &w.descriptive_name}, {"sibling", &w.sibling},
      {"local_abbreviation", &w.local_abbreviation}, {"listed_again", &w.listed_again}};
  const std::map<std::string, std::vector<std::string>*> lists{{"joints", &w.joints},
                                                              {"province_suffixes", &w.province_suffixes},
                                                              {"city_suffixes", &w.city_suffixes},
                                                              {"district_suffixes", &w.district_suffixes}};
  const std::map<std::string, std::u32string*> characters{{"numerals", &w.numerals}, {"count_numerals", &w.count_numerals}, {"sentence_ends", &w.sentence_ends},
                                                           {"trailing_count_numerals", &w.trailing_count_numerals},
                                                           {"short_form_openers", &w.short_form_openers}};
  for (const auto& kv : node) {
    const std::string role = kv.first.Scalar();
    if (const auto l = lists.find(role); l != lists.end()) {
      l->second->clear();
      append_strings(file, key + "." + role, kv.second, *l->second);
    } else if (const auto t = text.find(role); t != text.end() && kv.second.IsScalar()) {
      *t->second = normalize_text(kv.second.Scalar()).text;
    } else if (const auto c = characters.find(role); c != characters.end() && kv.second.IsScalar()) {
      // Read as written: the normaliser would fold full-width characters such as ：.
      const std::string s = kv.second.Scalar();
      c->second->clear();
      for (std::size_t i = 0; i < s.size();) c->second->push_back(next_code_point(s, i));
    } else {
      fail(file, line_of(kv.first), key + ": unknown role or not a string: " + role);
    }
  }
}

void read_boundaries(const std::string& file, const YAML::Node& node, PatternRules::Boundaries& out) {
  if (!node.IsMap()) fail(file, line_of(node), "boundaries: expected a mapping");
  const std::map<std::string, std::vector<std::string>*> lists = {
      {"quantity_units", &out.quantity_units},
      {"class_suffixes", &out.class_suffixes},
      {"road_suffixes", &out.road_suffixes},
      {"leading_function_chars", &out.leading_function_chars},
      {"quoted_concept_endings", &out.quoted_concept_endings},
      {"place_markers", &out.place_markers},
      {"place_marker_breakers", &out.place_marker_breakers},
      {"city_markers", &out.city_markers},
      {"lead_region_suffixes", &out.lead_region_suffixes},
      {"class_actions", &out.class_actions}};
  for (const auto& kv : node) {
    const std::string key = kv.first.Scalar();
    if (key == "magnitudes" || key == "bilateral_partners" || key == "bilateral_lead") {
      if (!kv.second.IsScalar()) fail(file, line_of(kv.second), "boundaries." + key + ": expected a string");
      const std::string chars = normalize_text(kv.second.Scalar()).text;
      if (key == "bilateral_lead") out.bilateral_lead = chars;
      std::u32string& to = key == "magnitudes" ? out.magnitudes : out.bilateral_partners;
      if (key != "bilateral_lead")
        for (std::size_t i = 0; i < chars.size();) to.push_back(next_code_point(chars, i));
      continue;
    }
    const auto it = lists.find(key);
    if (it == lists.end()) fail(file, line_of(kv.first), "boundaries: unknown key '" + key + "'");
    append_strings(file, "boundaries." + key, kv.second, *it->second);
  }
}

}  // namespace

bool PatternRules::Boundaries::bilateral(std::string_view name) const {
  if (bilateral_lead.empty() || !name.starts_with(bilateral_lead) || name.size() == bilateral_lead.size()) return false;
  std::size_t q = bilateral_lead.size();
  const char32_t partner = next_code_point(name, q);
  return q == name.size() && bilateral_partners.find(partner) != std::u32string::npos;
}

void PatternRules::load_file(const std::filesystem::path& path) {
  const std::string file = path.string();
  if (!std::filesystem::is_regular_file(path)) fail(file, 0, "pattern rules file not found");
  // (the fast reader: yaml-cpp's scanner would cost more than tagging a report)
  std::optional<yaml_data::File> yaml;
  try {
    yaml.emplace(path);
  } catch (const YAML::Exception& e) {
    fail(file, e.mark.line + 1, "invalid YAML: " + e.msg);
  }
  yaml->walk([&](const YAML::Node& root) { read_rules(file, root); });
}

void PatternRules::read_rules(const std::string& file, const YAML::Node& root) {
  if (root.IsNull()) return;
  if (!root.IsMap()) fail(file, line_of(root), "expected a mapping of rule lists");
  // Keys whose value is a plain list of words, appended to the member of that name.
  const std::map<std::string_view, std::vector<std::string>*> lists{
      {"non_firm_endings", &non_firm_endings},
      {"list_noun_breakers", &list_noun_breakers},
      {"region_suffixes", &region_suffixes},
      {"ending_breakers", &ending_breakers},
      {"stop_words", &stop_words},
      {"brand_stop_chars", &brand_stop_chars},
      {"non_brand_chars", &non_brand_chars},
      {"object_verbs", &object_verbs},
      {"non_firm_classes", &non_firm_classes},
      {"surface_breakers", &surface_breakers},
      {"glued_prepositions", &glued_prepositions},
      {"generic_words", &generic_words},
      {"designation_prefixes", &designation_prefixes},
      {"designation_markers", &designation_markers},
      {"counters", &counters},
      {"list_rule_skips", &list_rule_skips},
      {"date_units", &date_units},
      {"short_form_markers", &short_form_markers},
      {"short_form_endings", &short_form_endings},
      {"site_endings", &site_endings},
      {"place_suffixes", &place_suffixes},
      {"commercial_endings", &commercial_endings},
      {"commercial_markers", &commercial_markers},
      {"local_qualifiers", &local_qualifiers},
      {"brand_list_facilities", &brand_list_facilities},
      {"park_designation_suffixes", &park_designation_suffixes},
      {"non_firm_project_tails", &non_firm_project_tails},
      {"hq_qualifiers", &hq_qualifiers},
      {"project_firm_contexts", &project_firm_contexts},
      {"firm_contexts", &firm_contexts},
      {"site_rankings", &site_rankings},
      {"loose_date_units", &loose_date_units},
      {"item_predicates", &item_predicates},
      {"descriptive_park_endings", &descriptive_park_endings},
      {"descriptive_firm_endings", &descriptive_firm_endings},
      {"founding_contexts", &founding_contexts},
      {"listed_site_exclusions", &listed_site_exclusions},
      {"founding_adverbs", &founding_adverbs}};
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    const YAML::Node& value = kv.second;
    if (const auto list = lists.find(key); list != lists.end()) {
      append_strings(file, key, value, *list->second);
    } else if (key == "endings") {
      if (!value.IsMap()) fail(file, line_of(value), "endings: expected a mapping kind -> list");
      for (const auto& per_kind : value) {
        const auto kind = parse_kind(per_kind.first.Scalar());
        if (!kind)
          fail(file, line_of(per_kind.first), "endings: unknown kind '" + per_kind.first.Scalar() + "'");
        std::vector<std::string> texts;
        append_strings(file, "endings." + per_kind.first.Scalar(), per_kind.second, texts);
        for (auto& t : texts) endings.push_back({std::move(t), *kind});
      }
    } else if (key == "list_nouns") {
      if (!value.IsMap()) fail(file, line_of(value), "list_nouns: expected a mapping kind -> list");
      for (const auto& per_kind : value) {
        const auto kind = parse_kind(per_kind.first.Scalar());
        if (!kind)
          fail(file, line_of(per_kind.first), "list_nouns: unknown kind '" + per_kind.first.Scalar() + "'");
        std::vector<std::string> texts;
        append_strings(file, "list_nouns." + per_kind.first.Scalar(), per_kind.second, texts);
        for (auto& t : texts) endings.push_back({std::move(t), *kind, true});
      }
    } else if (key == "canonical_suffixes") {
      if (!value.IsSequence()) fail(file, line_of(value), "canonical_suffixes: expected a list of [from, to] pairs");
      for (const auto& pair : value) {
        if (!pair.IsSequence() || pair.size() != 2 || !pair[0].IsScalar() || !pair[1].IsScalar() ||
            pair[0].Scalar().empty())
          fail(file, line_of(pair), "canonical_suffixes: expected a pair [from, to]");
        canonical_suffixes.emplace_back(normalize_text(pair[0].Scalar()).text, normalize_text(pair[1].Scalar()).text);
      }
    } else if (key == "soft_stop_chars" || key == "soft_stop_words") {
      append_strings(file, key, value, soft_stop_chars);
    } else if (key == "local_abbreviations") {
      if (!value.IsMap()) fail(file, line_of(value), "local_abbreviations: expected a mapping kind -> {short: full}");
      for (const auto& per_kind : value) {
        const auto kind = parse_kind(per_kind.first.Scalar());
        if (!kind)
          fail(file, line_of(per_kind.first), "local_abbreviations: unknown kind '" + per_kind.first.Scalar() + "'");
        if (!per_kind.second.IsMap()) fail(file, line_of(per_kind.second), "local_abbreviations: expected {short: full}");
        for (const auto& pair : per_kind.second) {
          if (!pair.second.IsScalar() || pair.first.Scalar().empty() || pair.second.Scalar().empty())
            fail(file, line_of(pair.first), "local_abbreviations: expected short: full");
          local_abbreviations.push_back(
              {normalize_text(pair.first.Scalar()).text, *kind, normalize_text(pair.second.Scalar()).text});
        }
      }
    } else if (key == "brand_facilities" || key == "brand_facilities_alone") {
      std::vector<std::string> texts;
      append_strings(file, key, value, texts);
      for (auto& t : texts) brand_facilities.emplace_back(std::move(t), key == "brand_facilities_alone");
    } else if (key == "words") {
      read_words(file, key, value, words);
    } else if (key == "boundaries") {
      read_boundaries(file, value, boundaries);
    } else if (key == "ending_contexts") {
      read_ending_contexts(file, key, value, ending_contexts);
    } else if (key == "ending_full_forms") {
      read_ending_contexts(file, key, value, ending_full_forms);
    } else if (key == "ending_confidence" || key == "rule_confidence") {
      read_confidences(file, key, value, key == "ending_confidence" ? ending_confidence : rule_confidence);
    } else if (key == "default_confidence") {
      default_confidence = read_confidence(file, key, value);
    } else if (key == "gazetteer_confidence") {
      gazetteer_confidence = read_confidence(file, key, value);
    } else if (key == "evidence_bonus") {
      evidence_bonus = read_confidence(file, key, value);
    } else if (key == "vouch_confidence") {
      vouch_confidence = read_confidence(file, key, value);
    } else if (key == "evidence_confidence") {
      evidence_confidence = read_confidence(file, key, value);
    } else if (key == "max_brand_chars") {
      max_brand_chars = read_count(file, key, value);
    } else if (key == "descriptive_min_chars") {
      descriptive_min_chars = read_count(file, key, value);
    } else if (key == "min_stem_chars") {
      min_stem_chars = read_count(file, key, value);
    } else if (key == "max_stem_chars") {
      max_stem_chars = read_count(file, key, value);
    } else {
      fail(file, line_of(kv.first), "unknown key '" + key + "'");
    }
  }
}

}  // namespace reportlens::entities
