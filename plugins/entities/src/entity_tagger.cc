#include "entity_tagger.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "confidence.h"
#include "document_names.h"
#include "span_index.h"
#include "word_breaker.h"

namespace reportlens::entities {

namespace {

bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// A Latin alias (SAP, BMW) must not match inside a longer Latin word (SAPPHIRE).
bool latin_word_boundaries(std::string_view text, std::size_t b, std::size_t e) {
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  if (is_ascii_alnum(at(b)) && b > 0 && is_ascii_alnum(at(b - 1))) return false;
  if (is_ascii_alnum(at(e - 1)) && e < text.size() && is_ascii_alnum(at(e))) return false;
  return true;
}

bool all_ideographs(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (!is_cjk_ideograph(next_code_point(s, i))) return false;
  return !s.empty();
}

// A listed surface whose first or last character belongs to a longer dictionary word around
// it is part of other words: 外国|投资者 holds 国投, 用工|行为 holds 工行, 其中|粮食 holds 中粮.
// The words are found by ICU on the ideographs around the match (a few on each side).
bool splits_words(std::string_view text, std::size_t b, std::size_t e) {
  // Only short surfaces hide inside other words (国投, 工行, 中国银行业); ICU costs ~27,000
  // instructions a call, so longer names (上海浦东新区) are not asked about.
  constexpr std::size_t kMaxChars = 4;
  const std::string_view surface = text.substr(b, e - b);
  if (code_point_count(surface) > kMaxChars || !all_ideographs(surface)) return false;
  constexpr int kContext = 6;
  std::size_t from = b;
  for (int n = 0; n < kContext && from > 0; ++n) {
    std::size_t p = from - 1;
    while (p > 0 && !is_char_boundary(text, p)) --p;
    std::size_t q = p;
    if (!is_cjk_ideograph(next_code_point(text, q))) break;
    from = p;
  }
  std::size_t to = e;
  for (int n = 0; n < kContext && to < text.size(); ++n) {
    std::size_t q = to;
    if (!is_cjk_ideograph(next_code_point(text, q))) break;
    to = q;
  }
  if (from == b && to == e) return false;
  const std::vector<std::size_t> cuts = word_boundaries(text.substr(from, to - from));
  const auto cut = [&](std::size_t at) { return std::binary_search(cuts.begin(), cuts.end(), at - from); };
  return !cut(b) || !cut(e);
}

bool followed_by_any(std::string_view text, std::size_t at, const std::vector<std::string>& words) {
  const std::string_view rest = text.substr(at);
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return rest.starts_with(w); });
}

// At least two occurrences of `needle` (stops at the second).
bool occurs_twice(std::string_view text, std::string_view needle) {
  if (needle.empty()) return false;
  const std::size_t first = text.find(needle);
  return first != std::string_view::npos && text.find(needle, first + needle.size()) != std::string_view::npos;
}

// Is `inner` strictly inside `outer` (a shorter name within its span)?
bool inside(const Candidate& inner, const Candidate& outer) {
  return outer.begin <= inner.begin && inner.end <= outer.end && outer.length() > inner.length();
}

std::string meta_string(const Json& meta, const char* key) {
  const auto it = meta.find(key);
  return it != meta.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Json candidate_json(const Candidate& c, std::string_view text) {
  Json j = Json::object();
  j["text"] = std::string(text.substr(c.begin, c.end - c.begin));
  j["kind"] = std::string(kind_name(c.kind));
  j["canonical"] = c.canonical;
  j["source"] = c.source == Source::kGazetteer ? "gazetteer" : "pattern";
  if (c.entry != nullptr) j["entry"] = c.entry->id;
  return j;
}

}  // namespace

namespace {

// End (original bytes) of the last blank line inside [b, e), or npos. A paragraph break is
// never inside a name, but the normalised view may have joined a title line with the next
// paragraph, and a pattern's left edge must not reach back over it.
std::size_t after_last_blank_line(std::string_view original, std::size_t b, std::size_t e) {
  std::size_t found = std::string_view::npos;
  std::size_t last_newline = std::string_view::npos;
  for (std::size_t i = b; i < e; ++i) {
    const char c = original[i];
    if (c == '\n') {
      if (last_newline != std::string_view::npos) found = i + 1;
      last_newline = i;
    } else if (c != ' ' && c != '\r' && c != '\t') {
      last_newline = std::string_view::npos;
    }
  }
  return found;
}

}  // namespace

EntityTagger::EntityTagger(std::shared_ptr<const Gazetteer> gazetteer,
                           std::shared_ptr<const PatternFinder> patterns, Region region_override,
                           double min_confidence)
    : gazetteer_(std::move(gazetteer)),
      patterns_(std::move(patterns)),
      region_override_(std::move(region_override)),
      min_confidence_(min_confidence) {
  single_pass_ = gazetteer_ && patterns_ && !gazetteer_->extra_keys().empty() &&
                 gazetteer_->extra_keys() == patterns_->ending_texts();
}

Region EntityTagger::document_region(const Json& meta) const {
  if (!region_override_.empty() || region_override_.national) return region_override_;
  // "region" may be a full path (辽宁省沈阳市铁西区) or one level (铁西区) completed by "city"
  // and "province" (the segment stage sets region + city).
  Region r = parse_region(meta_string(meta, "region"));
  for (const char* key : {"city", "province", "district"}) {
    const std::string value = meta_string(meta, key);
    if (value.empty()) continue;
    Region more = parse_region(value);
    // A bare name ("沈阳") parses as a city; under "province"/"district" it is that level.
    if (std::string_view(key) == "province" && more.province.empty()) std::swap(more.province, more.city);
    if (std::string_view(key) == "district" && more.district.empty()) std::swap(more.district, more.city);
    r = merge_regions(r, more);
  }
  return r;
}

bool EntityTagger::entry_applies(const GazetteerEntry& entry, const Region& region, std::string_view text,
                                 PlaceCounts& named_twice) const {
  switch (region_fit(entry.region, region)) {
    case RegionFit::kYes: return true;
    case RegionFit::kNo: return false;
    case RegionFit::kUnknown: break;
  }
  // The document does not say (all of) its region: accept the entry only when the text
  // itself keeps naming the city and district the entry is limited to (a Shenyang report
  // says 沈阳 often; a national report naming 铁西 once does not qualify). The province is
  // implied by the city and not required.
  const auto named = [&](const std::string& want, const std::string& have) {
    if (want.empty() || !have.empty()) return true;
    auto it = named_twice.find(want);
    if (it == named_twice.end()) it = named_twice.emplace(want, occurs_twice(text, want)).first;
    return it->second;
  };
  // An entry limited to a province alone (a province's report confirmed it) needs the
  // province: named by the document or twice by its text (a 沈阳 report names 辽宁).
  if (entry.region.city.empty() && entry.region.district.empty() && !named(entry.region.province, region.province))
    return false;
  return named(entry.region.city, region.city) && named(entry.region.district, region.district);
}

std::vector<ResolvedEntity> EntityTagger::tag(std::string_view text, const Region& region,
                                              const NormalizedText* norm, std::string_view original) const {
  std::vector<Candidate> candidates;
  std::vector<PatternFinder::EndingHit> ending_hits;
  PlaceCounts named_twice;
  if (gazetteer_) {
    std::map<const GazetteerEntry*, bool> applies;  // region check once per entry
    const auto on_entry = [&](const GazetteerEntry& entry, std::size_t b, std::size_t e) {
      if (!latin_word_boundaries(text, b, e)) return;
      if (patterns_ && followed_by_any(text, e, patterns_->rules().surface_breakers)) return;
      auto it = applies.find(&entry);
      if (it == applies.end()) it = applies.emplace(&entry, entry_applies(entry, region, text, named_twice)).first;
      if (!it->second) return;
      Candidate c;
      c.begin = b;
      c.end = e;
      c.kind = entry.kind;
      c.source = Source::kGazetteer;
      c.canonical = entry.canonical;
      c.entry = &entry;
      candidates.push_back(std::move(c));
    };
    if (single_pass_)
      gazetteer_->scan(text, on_entry, [&](std::size_t ending, std::size_t b, std::size_t e) {
        PatternFinder::add_ending_hit(ending_hits, ending, b, e);
      });
    else
      gazetteer_->for_each_match(text, on_entry);
  }
  if (patterns_) {
    auto found = single_pass_ ? patterns_->find(text, ending_hits) : patterns_->find(text);
    if (norm != nullptr) {
      // Cut a pattern name back to the last paragraph break it reaches over (see above).
      std::vector<Candidate> kept;
      for (Candidate& c : found) {
        const std::size_t cut = after_last_blank_line(original, norm->original_begin(c.begin), norm->original_end(c.end));
        if (cut != std::string_view::npos) {
          std::size_t b = c.begin;
          while (b < c.end && (norm->original_begin(b) < cut || !is_char_boundary(text, b))) ++b;
          if (c.end - b <= c.rule.size()) continue;  // no stem left before the name ending
          c.begin = b;
          c.canonical = std::string(text.substr(b, c.end - b));
        }
        kept.push_back(std::move(c));
      }
      found.swap(kept);
    }
    // A pattern name the gazetteer knows under its derived canonical name (沈阳鼓风机集团有限公司
    // -> 沈阳鼓风机集团, an entry's surface) takes that entry's canonical name.
    // Also tried without a trailing 公司: 三生制药有限公司 -> 三生制药公司 -> 三生制药.
    if (gazetteer_)
      for (Candidate& c : found) {
        const std::string_view kFirm = patterns_->rules().words.firm;
        std::vector<std::string_view> names{c.canonical};
        if (!kFirm.empty() && c.canonical.size() > kFirm.size() + 3 && std::string_view(c.canonical).ends_with(kFirm))
          names.push_back(std::string_view(c.canonical).substr(0, c.canonical.size() - kFirm.size()));
        const GazetteerEntry* best = nullptr;
        for (const std::string_view name : names) {
          gazetteer_->for_each_match(name, [&](const GazetteerEntry& entry, std::size_t b, std::size_t e) {
            if (b != 0 || e != name.size() || entry.kind != c.kind) return;
            if (best != nullptr && (!best->region.empty() || entry.region.empty())) return;  // limited entries first
            if (entry_applies(entry, region, text, named_twice)) best = &entry;
          });
          if (best != nullptr) break;
        }
        if (best != nullptr) c.canonical = best->canonical;
      }
    // A listed surface that cuts through the words around it (外国投资者 -> 国投) is dropped,
    // unless it lies inside a found name, whose words are its own (宝马 in 华晨宝马里达工厂, where
    // ICU reads 宝|马里|达).
    {
      const SpanIndex names(found);
      std::erase_if(candidates, [&](const Candidate& g) {
        return !names.any_near(g.begin, g.end, [&](std::size_t i) { return inside(g, found[i]); }) &&
               splits_words(text, g.begin, g.end);
      });
    }
    candidates.insert(candidates.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    // Short forms, brands and list siblings the document's own names imply (沈鼓集团 … 沈鼓);
    // only names sure enough vouch for their siblings, so they are scored first.
    score_confidence(text, patterns_->rules(), candidates);
    DocumentNames(*patterns_).extend(text, region, candidates);
    // A short form placed wherever it occurs must not cut through the words around it either
    // (沈飞 of 沈飞公司 in 沈|飞机场).
    const auto& derived_rules = patterns_->rules().rule_confidence;
    {
      const SpanIndex all(candidates);
      std::vector<bool> drop(candidates.size(), false);
      for (std::size_t k = 0; k < candidates.size(); ++k) {
        const Candidate& g = candidates[k];
        drop[k] = g.source == Source::kPattern &&
                  std::any_of(derived_rules.begin(), derived_rules.end(), [&](const auto& r) { return r.first == g.rule; }) &&
                  !all.any_near(g.begin, g.end, [&](std::size_t i) { return inside(g, candidates[i]); }) &&
                  splits_words(text, g.begin, g.end);
      }
      std::size_t k = 0;
      std::erase_if(candidates, [&](const Candidate&) { return drop[k++]; });
    }
  }
  if (!patterns_) std::erase_if(candidates, [&](const Candidate& g) { return splits_words(text, g.begin, g.end); });
  static const PatternRules kDefaults;
  score_confidence(text, patterns_ ? patterns_->rules() : kDefaults, candidates);
  std::erase_if(candidates, [&](const Candidate& c) { return c.confidence < min_confidence_; });
  return resolve_overlaps(std::move(candidates));
}

void EntityTagger::annotate(Document& doc) const {
  const NormalizedText& norm = doc.normalized();
  const std::string_view text = norm.text;
  const std::string_view original = doc.text();
  for (const ResolvedEntity& r : tag(text, document_region(doc.meta()), &norm, original)) {
    const Candidate& c = r.entity;
    Json attrs = Json::object();
    attrs["kind"] = std::string(kind_name(c.kind));
    attrs["canonical"] = c.canonical;
    attrs["source"] = c.source == Source::kGazetteer ? "gazetteer" : "pattern";
    attrs["confidence"] = std::round(c.confidence * 100.0) / 100.0;
    if (c.entry != nullptr) {
      attrs["gazetteer"] = c.entry->gazetteer;
      attrs["entry"] = c.entry->id;
      if (!c.entry->region.empty()) attrs["region"] = c.entry->region.to_string();
    } else {
      attrs["rule"] = c.rule;
    }
    if (!r.overlaps.empty()) {
      Json list = Json::array();
      for (const Overlap& o : r.overlaps) {
        Json j = candidate_json(o.candidate, text);
        j["resolution"] = o.kept ? "nested" : "dropped";
        list.push_back(std::move(j));
      }
      attrs["overlaps"] = std::move(list);
    }
    doc.add("entity", norm.original_begin(c.begin), norm.original_end(c.end), std::move(attrs));
  }
}

}  // namespace reportlens::entities
