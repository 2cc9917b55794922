#include "lexicon.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include <yaml-cpp/yaml.h>

#include "reportlens/stage.h"
#include "reportlens/text.h"
#include "reportlens/yaml_data.h"
#include "utf8_decode.h"

namespace reportlens::indicators {

namespace {

bool longer_first(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() > b.size() : a < b;
}

[[noreturn]] void fail(const std::filesystem::path& file, const YAML::Node& node,
                       const std::string& message) {
  throw StageError(file.string() + ":" + std::to_string(node.Mark().line + 1) + ": " + message);
}

// The first / last character of `text` (0 when empty). Any valid UTF-8 word that `text`
// starts (ends) with has the same first (last) character, whatever `text` holds.
char32_t first_char(std::string_view text) {
  if (text.empty()) return 0;
  std::size_t n = 0;
  return decode_at(text, 0, &n);
}

char32_t last_char(std::string_view text) {
  if (text.empty()) return 0;
  std::size_t i = text.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  std::size_t n = 0;
  return decode_at(text, i, &n);
}

}  // namespace

std::span<const std::uint32_t> WordIndex::ByChar::find(char32_t c) const {
  for (std::size_t i = bucket_start[c & 255], end = bucket_start[(c & 255) + 1]; i < end; ++i)
    if (entries[i].c == c) return entries[i].words;
  return {};
}

void WordIndex::ByChar::add(char32_t c, std::uint32_t index) {
  const auto order = [](const Entry& e, char32_t key) {
    return (e.c & 255) != (key & 255) ? (e.c & 255) < (key & 255) : e.c < key;
  };
  auto it = std::lower_bound(entries.begin(), entries.end(), c, order);
  if (it == entries.end() || it->c != c) {
    it = entries.insert(it, Entry{c, {}});
    for (std::size_t b = (c & 255) + 1; b < bucket_start.size(); ++b) ++bucket_start[b];
  }
  it->words.insert(std::lower_bound(it->words.begin(), it->words.end(), index), index);
}

void WordIndex::rebuild(const std::vector<std::string_view>& words) {
  by_first_.clear();
  by_last_.clear();
  first_low12_.fill(0);
  for (std::uint32_t k = 0; k < words.size(); ++k) {
    note_first(first_char(words[k]));
    by_first_.add(first_char(words[k]), k);
    by_last_.add(last_char(words[k]), k);
  }
}

void WordIndex::inserted(std::string_view word, std::uint32_t position) {
  for (auto* side : {&by_first_, &by_last_})
    for (auto& entry : side->entries)
      for (auto& k : entry.words)
        if (k >= position) ++k;
  note_first(first_char(word));
  by_first_.add(first_char(word), position);
  by_last_.add(last_char(word), position);
}

std::span<const std::uint32_t> WordIndex::starting_like(std::string_view text) const {
  if (text.empty()) return {};
  const char32_t c = first_char(text);
  if (!may_start_with(c)) return {};  // (one bit: most characters start no word of a list)
  return by_first_.find(c);
}

std::span<const std::uint32_t> WordIndex::ending_like(std::string_view text) const {
  if (text.empty()) return {};
  return by_last_.find(last_char(text));
}

void CharSet::add(std::string_view chars) {
  for (std::size_t i = 0, n = 0; i < chars.size(); i += n) {
    const char32_t c = decode_at(chars, i, &n);
    const auto at = std::lower_bound(chars_.begin(), chars_.end(), c);
    if (at == chars_.end() || *at != c) chars_.insert(at, c);
    if (c < kBmp) bits_[c >> 6] |= std::uint64_t{1} << (c & 63);
  }
}

std::size_t CharSet::prefix_match(std::string_view text) const {
  if (text.empty()) return 0;
  std::size_t n = 0;
  return has(decode_at(text, 0, &n)) ? n : 0;
}

std::size_t CharSet::suffix_match(std::string_view text) const {
  if (text.empty()) return 0;
  std::size_t i = text.size() - 1;
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  std::size_t n = 0;
  return has(decode_at(text, i, &n)) ? n : 0;
}

void WordList::add(std::string word) {
  if (word.empty() || contains(word)) return;
  auto at = std::lower_bound(words_.begin(), words_.end(), word, longer_first);
  as_written_.push_back(word);
  at = words_.insert(at, std::move(word));
  index_.inserted(*at, static_cast<std::uint32_t>(at - words_.begin()));
  const std::string& w = *at;
  if ((static_cast<unsigned char>(w[0]) & 0xF0) != 0xE0 || w.size() < 3) {
    scan_only_ = true;
    return;
  }
  const std::array<char, 3> first{w[0], w[1], w[2]};
  if (std::find(firsts_.begin(), firsts_.end(), first) == firsts_.end()) firsts_.push_back(first);
  if (firsts_.size() > kMaxFirsts) scan_only_ = true;
}

bool WordList::contains(std::string_view word) const {
  for (std::uint32_t k : index_.starting_like(word))
    if (words_[k] == word) return true;
  return false;
}

std::size_t WordList::prefix_match(std::string_view text) const {
  for (std::uint32_t k : index_.starting_like(text))
    if (text.starts_with(words_[k])) return words_[k].size();
  return 0;
}

std::size_t WordList::suffix_match(std::string_view text) const {
  for (std::uint32_t k : index_.ending_like(text))
    if (text.ends_with(words_[k])) return words_[k].size();
  return 0;
}

std::size_t WordList::find_first(std::string_view text, std::size_t* length) const {
  if (!scan_only_ && !firsts_.empty()) return find_first_by_firsts(text, length);
  return find_first_scanning(text, length);
}

std::size_t WordList::find_first_by_firsts(std::string_view text, std::size_t* length) const {
  // The earliest start, and there the longest word: for each first character, its earliest
  // place before the best so far where a word matches. memchr finds the character's last
  // byte; the two before it must be its first two, and a lead byte always starts a character
  // of valid UTF-8 (the normalised text), so the start is one the scan below would try.
  std::size_t best = std::string_view::npos, best_len = 0;
  const char* const data = text.data();
  for (const std::array<char, 3>& f : firsts_) {
    const std::size_t end = best == std::string_view::npos ? text.size() : best + 2;  // starts < best
    for (std::size_t j = 2; j < end;) {
      const void* hit = std::memchr(data + j, f[2], end - j);
      if (hit == nullptr) break;
      j = static_cast<std::size_t>(static_cast<const char*>(hit) - data);
      if (data[j - 2] == f[0] && data[j - 1] == f[1])
        if (const std::size_t n = prefix_match(text.substr(j - 2)); n > 0) {
          best = j - 2;
          best_len = n;
          break;
        }
      ++j;
    }
  }
  if (length) *length = best_len;
  return best;
}

bool ClauseWordSearch::occurs(const WordList& list, std::string_view text, std::size_t clause,
                              std::size_t end) {
  if (list_ != &list || clause_ != clause) {
    list_ = &list;
    clause_ = clause;
    searched_to_ = clause;
    found_end_ = std::string_view::npos;
  }
  if (found_end_ != std::string_view::npos && found_end_ <= end) return true;
  if (end <= searched_to_) return false;
  // A word not in text[clause, searched_to_) ends after searched_to_, so it starts less than a
  // longest word before it; the window opens on a character start.
  const std::size_t reach = list.max_length();
  std::size_t from = searched_to_ > clause + reach ? searched_to_ - reach : clause;
  while (from > clause && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
  std::size_t length = 0;
  if (const std::size_t at = list.find_first(text.substr(from, end - from), &length);
      at != std::string_view::npos) {
    found_end_ = from + at + length;
    return true;
  }
  searched_to_ = end;
  return false;
}

std::size_t WordList::find_first_scanning(std::string_view text, std::size_t* length) const {
  // The earliest start, and there the longest word. A word starts on a character, so
  // only character starts are tried, and only those a word may start with.
  std::size_t best = std::string_view::npos, best_len = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0, n = 0; i < text.size(); i += n) {
    // The filter looks at a character's low twelve bits only: for ASCII and the three-byte
    // form (nearly every character) they come straight from the bytes, no decoding.
    const unsigned char lead = bytes[i];
    char32_t low12 = 0;
    if (lead < 0x80) {
      low12 = lead;
      n = 1;
    } else if ((lead & 0xF0) == 0xE0 && i + 2 < text.size()) {
      low12 = ((bytes[i + 1] & 0x3Fu) << 6) | (bytes[i + 2] & 0x3Fu);
      n = 3;
    } else {
      low12 = decode_at(text, i, &n) & 0xFFF;
    }
    if (!index_.may_start_with(low12)) continue;
    if (std::size_t length = prefix_match(text.substr(i)); length > 0) {
      best = i;
      best_len = length;
      break;
    }
  }
  if (length) *length = best_len;
  return best;
}

void SignedWords::set(const std::string& word, int sign) {
  for (auto& [w, s] : words_)
    if (w == word) {
      s = sign;
      return;
    }
  words_.emplace_back(word, sign);
  std::stable_sort(words_.begin(), words_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::vector<std::string_view> views;
  for (const auto& [w, s] : words_) views.push_back(w);
  index_.rebuild(views);
}

std::size_t SignedWords::suffix_match(std::string_view text, int* sign) const {
  for (std::uint32_t k : index_.ending_like(text))
    if (text.ends_with(words_[k].first)) {
      if (sign) *sign = words_[k].second;
      return words_[k].first.size();
    }
  return 0;
}

std::size_t SignedWords::prefix_match(std::string_view text, int* sign) const {
  for (std::uint32_t k : index_.starting_like(text))
    if (text.starts_with(words_[k].first)) {
      if (sign) *sign = words_[k].second;
      return words_[k].first.size();
    }
  return 0;
}

namespace {

// A data file, or a StageError naming file:line when it is not valid YAML. Read by the
// fast reader when it can: yaml-cpp's scanner would cost more than reading a report.
yaml_data::File load_yaml(const std::filesystem::path& file) {
  try {
    return yaml_data::File(file);
  } catch (const YAML::Exception& e) {
    throw StageError(file.string() + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

}  // namespace

void Lexicon::load_words(const std::filesystem::path& file) {
  load_yaml(file).walk([&](const YAML::Node& root) { read_words(file, root); });
}

void Lexicon::read_words(const std::filesystem::path& file, const YAML::Node& root) {
  if (!root || root.IsNull()) return;
  if (!root.IsMap()) fail(file, root, "expected a map of word lists");
  const std::map<std::string, WordList*> lists = {
      {"absolute_change_verbs", &absolute_change_verbs}, {"to_markers", &to_markers},
      {"from_markers", &from_markers}, {"from_period_words", &from_period_words},
      {"predicate_verbs", &predicate_verbs}, {"scope_words", &scope_words},
      {"trailing_modifiers", &trailing_modifiers},
      {"qualifier_words", &qualifier_words}, {"connectors", &connectors},
      {"target_cues", &target_cues}, {"review_target_cues", &review_target_cues},
      {"sentence_target_cues", &sentence_target_cues}, {"estimate_cues", &estimate_cues},
      {"average_cues", &average_cues}, {"generic_heads", &generic_heads},
      {"metric_heads", &metric_heads}, {"noun_stops", &noun_stops},
      {"compound_words", &compound_words}, {"nominal_verbs", &nominal_verbs},
      {"time_suffixes", &time_suffixes}, {"time_prepositions", &time_prepositions},
      {"inner_light_verbs", &inner_light_verbs}, {"milestone_verbs", &milestone_verbs},
      {"milestone_nouns", &milestone_nouns}, {"successive_words", &successive_words}, {"kept_region_words", &kept_region_words},
      {"programme_heads", &programme_heads}, {"attribute_units", &attribute_units}, {"exclusion_cues", &exclusion_cues},
      {"designator_suffixes", &designator_suffixes},
      {"comparison_cues", &comparison_cues},
      {"count_units", &count_units}, {"person_heads", &person_heads},
      {"money_heads", &money_heads}, {"household_heads", &household_heads},
      {"physical_counters", &physical_counters},
      {"review_openers", &review_openers}, {"single_year_openers", &single_year_openers},
      {"reviewed_year_openers", &reviewed_year_openers}, {"address_openers", &address_openers},
      {"estimate_notes", &estimate_notes}, {"estimate_scope_words", &estimate_scope_words},
      {"adjustment_ends", &adjustment_ends}, {"result_heads", &result_heads},
      {"adverbial_openers", &adverbial_openers},
      {"adverbial_closers", &adverbial_closers}, {"whole_year_words", &whole_year_words},
      {"multi_year_openers", &multi_year_openers},
      {"review_heading_words", &review_heading_words},
      {"plan_heading_words", &plan_heading_words},
      {"year_words", &year_words}, {"ahead_words", &ahead_words}, {"plan_name_words", &plan_name_words},
      {"duration_tails", &duration_tails}, {"looking_back_tails", &looking_back_tails},
      {"plan_period_tails", &plan_period_tails}, {"attributive_particles", &attributive_particles},
      {"dating_markers", &dating_markers}, {"etc_words", &etc_words}, {"ordinal_prefixes", &ordinal_prefixes},
      {"ordinal_heads", &ordinal_heads}, {"per_prefixes", &per_prefixes}, {"list_separators", &list_separators},
      {"list_joiners", &list_joiners}, {"list_marks", &list_marks}, {"pair_joiners", &pair_joiners},
      {"dashes", &dashes}, {"comparison_bases", &comparison_bases}, {"clause_commas", &clause_commas},
      {"year_span_words", &year_span_words}, {"horizon_markers", &horizon_markers},
      {"consecutive_words", &consecutive_words}, {"slogan_counters", &slogan_counters},
      {"person_counters", &person_counters}, {"population_tails", &population_tails},
      {"threshold_words", &threshold_words}, {"age_units", &age_units}, {"respective_words", &respective_words},
      {"plan_share_cues", &plan_share_cues}, {"plan_completion_metric", &plan_completion_metric},
      {"share_verbs", &share_verbs}, {"share_heads", &share_heads}, {"share_metric_suffix", &share_metric_suffix},
      {"share_ratio_suffix", &share_ratio_suffix}, {"bracket_opens", &bracket_opens},
      {"bracket_closes", &bracket_closes}, {"comparison_openers", &comparison_openers},
      {"period_words", &period_words}, {"reach_words", &reach_words}, {"hold_words", &hold_words},
      {"cumulative_words", &cumulative_words}, {"opening_ends", &opening_ends},
      {"opening_commas", &opening_commas}, {"plan_hint_words", &plan_hint_words},
      {"looking_back_words", &looking_back_words}, {"year_range_words", &year_range_words},
      {"execution_words", &execution_words}, {"this_year_words", &this_year_words},
      {"review_span_words", &review_span_words}};
  const std::map<std::string, CharSet*> char_sets = {
      {"clause_marks", &clause_marks}, {"magnitude_chars", &magnitude_chars},
      {"nominal_marks", &nominal_marks}, {"open_quotes", &open_quotes}, {"close_quotes", &close_quotes},
      {"sentence_ends", &sentence_ends}, {"terminal_marks", &terminal_marks}, {"denominator_magnitudes", &denominator_magnitudes},
      {"heading_numerals", &heading_numerals}};
  const std::map<std::string, SignedWords*> signed_lists = {{"growth_verbs", &growth_verbs},
                                                            {"rate_suffixes", &rate_suffixes}};
  for (const auto& entry : root) {
    const auto key = entry.first.as<std::string>();
    const YAML::Node& value = entry.second;
    if (auto it = lists.find(key); it != lists.end()) {
      if (!value.IsSequence()) fail(file, value, key + ": expected a list of words");
      for (const auto& item : value) {
        if (!item.IsScalar()) fail(file, item, key + ": expected a word");
        it->second->add(item.as<std::string>());
      }
    } else if (auto sit = signed_lists.find(key); sit != signed_lists.end()) {
      if (!value.IsMap()) fail(file, value, key + ": expected word: sign");
      for (const auto& item : value) {
        int sign = 0;
        try {
          sign = item.second.as<int>();
        } catch (const YAML::Exception&) {
          fail(file, item.second, key + ": sign must be 1 or -1");
        }
        if (sign != 1 && sign != -1) fail(file, item.second, key + ": sign must be 1 or -1");
        sit->second->set(item.first.as<std::string>(), sign);
      }
    } else if (auto cit = char_sets.find(key); cit != char_sets.end()) {
      if (!value.IsSequence()) fail(file, value, key + ": expected a list of characters");
      for (const auto& item : value) {
        if (!item.IsScalar()) fail(file, item, key + ": expected a character");
        cit->second->add(item.as<std::string>());
      }
    } else if (key == "rule_reasons") {
      if (!value.IsMap()) fail(file, value, key + ": expected rule: reason");
      for (const auto& item : value) {
        if (!item.second.IsScalar()) fail(file, item.second, key + ": expected a one-line reason");
        rule_reasons[item.first.as<std::string>()] = item.second.as<std::string>();
      }
    } else if (key == "partial_periods") {
      if (!value.IsMap()) fail(file, value, key + ": expected word: label");
      for (const auto& item : value) {
        if (!item.second.IsScalar()) fail(file, item.second, key + ": expected a label such as Q1-Q3");
        partial_period_of[item.first.as<std::string>()] = item.second.as<std::string>();
        partial_period_words.add(item.first.as<std::string>());
      }
    } else if (key == "coordinated_prefixes") {
      if (!value.IsMap()) fail(file, value, key + ": expected prefix: [groups]");
      for (const auto& item : value) {
        const auto prefix = item.first.as<std::string>();
        if (!item.second.IsSequence() || item.second.size() < 2)
          fail(file, item.second, key + ": " + prefix + ": expected a list of two groups or more");
        std::vector<std::string> groups;
        for (const auto& group : item.second) {
          if (!group.IsScalar()) fail(file, group, key + ": expected a group word");
          groups.push_back(group.as<std::string>());
        }
        std::erase_if(coordinated_prefixes, [&](const auto& p) { return p.first == prefix; });
        coordinated_prefixes.emplace_back(prefix, std::move(groups));
      }
      std::stable_sort(coordinated_prefixes.begin(), coordinated_prefixes.end(),
                       [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    } else {
      fail(file, entry.first, "unknown list '" + key + "'");
    }
  }
}

void Lexicon::load_synonyms(const std::filesystem::path& file) {
  load_yaml(file).walk([&](const YAML::Node& root) { read_synonyms(file, root); });
}

void Lexicon::read_synonyms(const std::filesystem::path& file, const YAML::Node& root) {
  if (!root || root.IsNull()) return;
  if (!root.IsMap()) fail(file, root, "expected canonical: [aliases]");
  for (const auto& entry : root) {
    const auto canonical_name = entry.first.as<std::string>();
    if (!entry.second.IsSequence())
      fail(file, entry.second, canonical_name + ": expected a list of aliases");
    canonical_of[canonical_name] = canonical_name;
    for (const auto& alias : entry.second) {
      if (!alias.IsScalar()) fail(file, alias, canonical_name + ": expected an alias");
      canonical_of[alias.as<std::string>()] = canonical_name;
    }
  }
}

namespace {

struct Bracketed {
  std::size_t open, close_end;  // byte span of "（…）" / "(…)"
  std::string_view inside;
};

// The bracketed groups of `key`, outermost only, in order.
std::vector<Bracketed> bracketed_groups(std::string_view key) {
  std::vector<Bracketed> groups;
  std::size_t depth = 0, open = 0, inside_begin = 0;
  for (std::size_t i = 0, n = 0; i < key.size(); i += n) {
    const char32_t cp = decode_at(key, i, &n);
    if (cp == U'（' || cp == U'(') {
      if (depth++ == 0) open = i, inside_begin = i + n;
    } else if ((cp == U'）' || cp == U')') && depth > 0 && --depth == 0) {
      groups.push_back({open, i + n, key.substr(inside_begin, i - inside_begin)});
    }
  }
  return groups;
}

// An abbreviation restating the name before it: GDP, PM2.5, CPI.
bool is_abbreviation(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
  });
}

}  // namespace

std::string Lexicon::canonical(std::string_view metric) const {
  std::string key(metric);
  // Quotes and spaces vary between copies of the same report.
  for (std::string_view junk : {"“", "”", "\"", " "}) {
    for (auto at = key.find(junk); at != std::string::npos; at = key.find(junk))
      key.erase(at, junk.size());
  }
  auto known = [this](std::string_view name) -> const std::string* {
    if (auto it = canonical_of.find(name); it != canonical_of.end()) return &it->second;
    if (const catalogue::Indicator* ind = catalogue.find(name)) return &ind->name;
    return nullptr;
  };
  auto lookup = [&](std::string_view name) -> const std::string* {
    if (const std::string* found = known(name)) return found;
    // A scope word in front (全区地区生产总值) does not change the metric.
    if (std::size_t n = scope_words.prefix_match(name); n > 0 && n < name.size())
      return known(name.substr(n));
    return nullptr;
  };
  if (const std::string* found = lookup(key)) return *found;
  // 地区生产总值（GDP）: an abbreviation in brackets restates the name, and a note in brackets
  // at the end (（不含农户）) narrows it; either way the name is looked up without them.
  // Only a name the table knows replaces the metric as written.
  const auto groups = bracketed_groups(key);
  if (!groups.empty()) {
    std::string reduced;
    std::size_t from = 0;
    for (const Bracketed& g : groups) {
      const bool trailing = g.close_end == key.size();
      if (!trailing && !is_abbreviation(g.inside)) continue;
      reduced += key.substr(from, g.open - from);
      from = g.close_end;
    }
    reduced += key.substr(from);
    if (!reduced.empty() && reduced != key)
      if (const std::string* found = lookup(reduced)) return *found;
  }
  // Words the reader kept around a standard indicator's name (预计…, …有望): only a
  // catalogue name found this way replaces the metric.
  if (const std::string bare = catalogue.without_noise(key); bare != key)
    if (const std::string* found = lookup(bare))
      if (catalogue.find(*found)) return *found;
  return key;
}

std::string Lexicon::standard_indicator(std::string_view canonical) const {
  const catalogue::Indicator* ind = catalogue.find(canonical);
  return ind && ind->name == canonical ? ind->name : std::string();
}

}  // namespace reportlens::indicators
