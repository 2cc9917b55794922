#include "confidence.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <string>

#include "occurrences.h"
#include "reportlens/text.h"
#include "span_index.h"

namespace reportlens::entities {

namespace {

bool ends_clause(char32_t cp) {
  return std::u32string_view(U"，。；：！？,.;:!?\n（）()“”").find(cp) != std::u32string_view::npos;
}

// Does a firm_contexts word follow `surface` at one of its occurrences `at` within the same
// clause (a few characters of product words may stand between: 鼎际得高端新材料项目签约落地)?
bool acts_like_firm(std::string_view text, std::string_view surface, const std::vector<std::size_t>& at,
                    const std::vector<std::string>& contexts) {
  constexpr int kWindowChars = 14;
  for (const std::size_t p : at) {
    // right before it (建成投产甲半导体基地) ...
    const std::string_view before = text.substr(0, p);
    if (std::any_of(contexts.begin(), contexts.end(), [&](const std::string& w) { return before.ends_with(w); }))
      return true;
    // ... or after it in the same clause
    std::size_t q = p + surface.size();
    for (int n = 0; n < kWindowChars && q < text.size(); ++n) {
      const std::string_view rest = text.substr(q);
      if (std::any_of(contexts.begin(), contexts.end(), [&](const std::string& w) { return rest.starts_with(w); }))
        return true;
      if (ends_clause(next_code_point(text, q))) break;
    }
  }
  return false;
}

bool designated_park(std::string_view text, const PatternRules& rules, const Candidate& c) {
  if (c.kind != EntityKind::kPublicPark && c.kind != EntityKind::kIndustrialPark) return false;
  const std::string_view surface = text.substr(c.begin, c.length());
  if (!surface.ends_with(c.rule)) return false;
  const std::string_view stem = surface.substr(0, surface.size() - c.rule.size());
  return std::any_of(rules.park_designation_suffixes.begin(), rules.park_designation_suffixes.end(),
                     [&](const std::string& d) { return stem.ends_with(d); });
}

double lookup(const std::vector<std::pair<std::string, double>>& table, std::string_view key, double fallback) {
  for (const auto& [name, value] : table)
    if (name == key) return value;
  return fallback;
}

// Pass 3: a park or base listed next to a sure park or firm (甲疫苗生产基地、乙医疗器械基地、丙医药产业园)
// is a named site too; then a brand read off a base that is now sure (甲 of 甲疫苗生产基地)
// is a firm.
void lists_and_brands(std::string_view text, const PatternRules& rules, const std::vector<double>& base,
                      std::vector<Candidate>& candidates) {
  const std::string_view kComma = rules.words.comma;
  const auto next_to = [&](const Candidate& a, const Candidate& b) {
    if (kComma.empty()) return false;
    return (a.end + kComma.size() == b.begin && text.substr(a.end, kComma.size()) == kComma) ||
           (b.end + kComma.size() == a.begin && text.substr(b.end, kComma.size()) == kComma);
  };
  const SpanIndex index(candidates);
  for (int round = 0; round < 4; ++round) {
    bool changed = false;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      Candidate& c = candidates[i];
      // (A park named by its products alone counts only as a listed project: listed_project.)
      if (c.kind != EntityKind::kIndustrialPark || c.confidence >= rules.evidence_confidence ||
          c.rule == rules.words.descriptive_name)
        continue;
      // (The neighbour starts or ends one comma away.)
      const std::size_t from = c.begin > kComma.size() ? c.begin - kComma.size() : 0;
      if (index.any_near(from, c.end + kComma.size() + 1, [&](std::size_t j) {
            const Candidate& o = candidates[j];
            return (o.kind == EntityKind::kIndustrialPark || o.kind == EntityKind::kCompany || o.kind == EntityKind::kZone) &&
                   o.confidence >= rules.evidence_confidence && next_to(c, o);
          })) {
        c.confidence = std::min(1.0, base[i] + rules.evidence_bonus);
        changed = c.confidence >= rules.evidence_confidence || changed;
      }
    }
    if (!changed) break;
  }
  for (Candidate& c : candidates) {
    if (c.kind != EntityKind::kCompany || c.source != Source::kPattern || c.confidence >= rules.evidence_confidence) continue;
    if (index.any_near(c.begin, c.end, [&](std::size_t j) {
          const Candidate& o = candidates[j];
          return o.kind == EntityKind::kIndustrialPark && o.begin <= c.begin && c.end < o.end &&
                 o.confidence >= rules.evidence_confidence;
        }))
      c.confidence = std::min(1.0, c.confidence + rules.evidence_bonus);
  }
}

// The firms whose own context is asked about in pass 1 (names the document implies, below
// the default confidence), each once, with all their occurrences found in one scan.
// (Tried: the same for a base or a bare 园区 by its ending, 甲石化产业基地入围; on the 417 lawtext
// reports it raised 200 programme and service bases, 维修基地, 核酸检测基地, 高产饲草基地.)
bool needs_context(const PatternRules& rules, const Candidate& c, double base) {
  return c.source != Source::kGazetteer && c.kind == EntityKind::kCompany && base < rules.default_confidence &&
         c.rule != rules.words.descriptive_name &&
         !rules.firm_contexts.empty() && lookup(rules.rule_confidence, c.rule, -1.0) >= 0.0;
}

// A site by an ending that needs evidence (a base, a bare 园区) ranked right after its name
// (甲石化产业基地入围“…30强”, site_rankings) is a named site: programmes are not ranked.
bool ranked_site(std::string_view text, const PatternRules& rules, const Candidate& c) {
  if (c.kind != EntityKind::kIndustrialPark || c.source != Source::kPattern) return false;
  const std::string_view after = text.substr(c.end);
  return std::any_of(rules.site_rankings.begin(), rules.site_rankings.end(),
                     [&](const std::string& w) { return after.starts_with(w); });
}

// A base or a bare 园区 listed among the projects of a clause (甲生物药CDMO基地、乙产业园等重点项目;
// 开工建设甲机床关键功能部件基地、乙汽车二期等60个产业项目) is a firm's named site: programme bases
// (实践创新基地, 设施蔬菜基地) are created and approved, not built as listed projects. The list
// is a 、-list that ends in 等 + up to a few name characters (a count, generic words) + a
// brand_list_facilities noun (项目).
bool excluded_site(std::string_view text, const PatternRules& rules, const Candidate& c) {
  const std::string_view surface = text.substr(c.begin, c.length());
  return std::any_of(rules.listed_site_exclusions.begin(), rules.listed_site_exclusions.end(),
                     [&](const std::string& w) { return surface.find(w) != std::string_view::npos; });
}

bool listed_project(std::string_view text, const PatternRules& rules, const Candidate& c, const SpanIndex& index,
                    const std::vector<Candidate>& candidates) {
  const std::string_view comma = rules.words.comma, etc = rules.words.etc;
  if (c.kind != EntityKind::kIndustrialPark || c.source != Source::kPattern || comma.empty() || etc.empty()) return false;
  // Which sites: a park named by its products alone, and a base opening with a brand the
  // document reads off it (基地品牌: 甲 of 甲生物药CDMO基地; a base named by its place or products, 乙冷链物流
  // 基地, 丙风光水火储一体化综合能源基地, is as often a programme: 104 bases on the lawtext reports
  // without this, half of them such).
  const bool descriptive = !rules.words.descriptive_name.empty() && c.rule == rules.words.descriptive_name;
  // (The brand must not open with a generic word: 绿色AI, 北方农机, 东盟应急 of 甲智能产业基地 …)
  const auto generic_lead = [&](std::string_view brand) {
    return std::any_of(rules.generic_words.begin(), rules.generic_words.end(),
                       [&](const std::string& w) { return w.size() >= 6 && w.size() < brand.size() && brand.starts_with(w); });
  };
  const bool branded_base = !rules.words.base.empty() && c.rule == rules.words.base &&
                            index.any_near(c.begin, c.end, [&](std::size_t j) {
                              const Candidate& o = candidates[j];
                              return o.kind == EntityKind::kCompany && o.source == Source::kPattern && o.begin == c.begin &&
                                     o.end < c.end && o.rule == rules.words.base_brand &&
                                     !generic_lead(text.substr(o.begin, o.length()));
                            });
  if ((!descriptive && !branded_base) || excluded_site(text, rules, c)) return false;
  bool listed = text.substr(0, c.begin).ends_with(comma);
  constexpr int kMaxItemChars = 40, kMaxClassChars = 12;
  std::size_t q = c.end;
  for (int n = 0; n < kMaxItemChars && q < text.size(); ++n) {
    const std::string_view rest = text.substr(q);
    if (rest.starts_with(comma)) listed = true;
    if (rest.starts_with(etc)) {
      if (!listed) return false;
      std::size_t r = q + etc.size();
      for (int m = 0; m < kMaxClassChars && r < text.size(); ++m) {
        const std::string_view tail = text.substr(r);
        if (std::any_of(rules.brand_list_facilities.begin(), rules.brand_list_facilities.end(),
                        [&](const std::string& f) { return tail.starts_with(f); }))
          return true;
        const char32_t cp = next_code_point(text, r);
        if (!is_cjk_ideograph(cp) && !(cp >= U'0' && cp <= U'9')) return false;
      }
      return false;
    }
    if (ends_clause(next_code_point(text, q))) return false;
  }
  return false;
}

// 数字产业发展公司成功组建: a firm named by its business alone (rule words.descriptive_name) that the
// document founds (founding_contexts right after it, founding_adverbs between).
bool founded_firm(std::string_view text, const PatternRules& rules, const Candidate& c) {
  if (c.kind != EntityKind::kCompany || c.rule != rules.words.descriptive_name || excluded_site(text, rules, c)) return false;
  std::string_view rest = text.substr(c.end);
  for (bool again = true; again;) {
    again = false;
    for (const std::string& a : rules.founding_adverbs)
      if (!a.empty() && rest.starts_with(a)) {
        rest.remove_prefix(a.size());
        again = true;
      }
  }
  return std::any_of(rules.founding_contexts.begin(), rules.founding_contexts.end(),
                     [&](const std::string& w) { return rest.starts_with(w); });
}

// ending_full_forms (新区: 国家级新区): does the document confirm a name by the ending with a full
// form of the same stem (甲国家级新区 … 甲新区), or does the full form follow it in its clause
// (甲新区获批国家级新区)?
// Where each full form of ending_full_forms occurs (one text scan per full form, only when a
// candidate has the ending: a full-text search per candidate was quadratic on long documents).
using FullFormHits = std::vector<std::vector<std::size_t>>;  // per full form, in rule order
FullFormHits full_form_hits(std::string_view text, const PatternRules& rules, const std::vector<Candidate>& candidates) {
  FullFormHits hits;
  for (const auto& rule : rules.ending_full_forms) {
    // Named members, not a structured binding: clang 14 cannot capture one in a lambda.
    const auto& ending = rule.first;
    const auto& full_forms = rule.second;
    const bool needed = std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& c) { return c.rule == ending; });
    for (const std::string& full : full_forms) {
      std::vector<std::size_t>& at = hits.emplace_back();
      if (!needed || full.empty()) continue;
      for (const char* p = static_cast<const char*>(memmem(text.data(), text.size(), full.data(), full.size()));
           p != nullptr;) {
        const std::size_t pos = static_cast<std::size_t>(p - text.data());
        at.push_back(pos);
        const std::size_t next = pos + full.size();
        p = static_cast<const char*>(memmem(text.data() + next, text.size() - next, full.data(), full.size()));
      }
    }
  }
  return hits;
}

bool full_form_evidence(std::string_view text, const PatternRules& rules, const FullFormHits& hits, const Candidate& c) {
  const std::string_view surface = text.substr(c.begin, c.length());
  std::size_t k = 0;
  for (const auto& [ending, full_forms] : rules.ending_full_forms) {
    if (c.rule != ending || !surface.ends_with(ending)) {
      k += full_forms.size();
      continue;
    }
    const std::string_view stem = surface.substr(0, surface.size() - ending.size());
    for (const std::string& full : full_forms) {
      for (const std::size_t p : hits[k]) {
        // 甲国家级新区 anywhere confirms 甲新区 ...
        if (!stem.empty() && p >= stem.size() && text.substr(p - stem.size(), stem.size()) == stem) return true;
        // ... and so does the full form a few characters after it in its clause (甲新区获批国家级新区).
        constexpr std::size_t kWindowBytes = 8 * 3;
        if (p >= c.end && p - c.end <= kWindowBytes) {
          bool same_clause = true;
          for (std::size_t q = c.end; q < p && same_clause;) same_clause = !ends_clause(next_code_point(text, q));
          if (same_clause) return true;
        }
      }
      ++k;
    }
  }
  return false;
}

// Does a word that an ending needs (ending_contexts: 自贸试验区 for 片区) stand earlier in the
// candidate's sentence?
bool ending_in_context(std::string_view text, const PatternRules& rules, const Candidate& c) {
  for (const auto& [ending, words] : rules.ending_contexts) {
    if (ending != c.rule) continue;
    constexpr int kMaxChars = 80;
    std::size_t from = c.begin;
    for (int n = 0; n < kMaxChars && from > 0; ++n) {
      std::size_t p = from - 1;
      while (p > 0 && !is_char_boundary(text, p)) --p;
      std::size_t q = p;
      const char32_t cp = next_code_point(text, q);
      if (cp == U'\n' || rules.words.sentence_ends.find(cp) != std::u32string::npos) break;
      from = p;
    }
    // (or inside the name itself: 自贸试验区甲片区)
    const std::string_view before = text.substr(from, c.end - c.rule.size() - from);
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return before.find(w) != std::string_view::npos; });
  }
  return false;
}

std::map<std::string, bool, std::less<>> firms_in_context(std::string_view text, const PatternRules& rules,
                                                          const std::vector<Candidate>& candidates,
                                                          const std::vector<double>& base) {
  std::map<std::string, bool, std::less<>> acting;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (needs_context(rules, candidates[i], base[i]))
      acting.emplace(std::string(text.substr(candidates[i].begin, candidates[i].length())), false);
  std::vector<std::string_view> surfaces;
  for (const auto& entry : acting) surfaces.push_back(entry.first);
  const std::vector<std::vector<std::size_t>> at = find_all_occurrences(text, surfaces);
  // ... or a sure firm of the document holds it (三一 of 三一集团, 一拖 of 中国一拖集团): one of its
  // occurrences lies inside such a firm's span.
  const SpanIndex index(candidates);
  const auto held = [&](std::size_t p, std::size_t e) {
    return index.any_near(p, e, [&](std::size_t j) {
      const Candidate& o = candidates[j];
      return o.kind == EntityKind::kCompany && o.length() > e - p && base[j] >= rules.default_confidence &&
             o.begin <= p && e <= o.end;
    });
  };
  std::size_t k = 0;
  for (auto& [surface, evidence] : acting) {
    evidence = acts_like_firm(text, surface, at[k], rules.firm_contexts) ||
               std::any_of(at[k].begin(), at[k].end(), [&, n = surface.size()](std::size_t p) { return held(p, p + n); });
    ++k;
  }
  return acting;
}

// 中德、中俄、中日等园区: an item of a list of parks made of China's and a partner country's
// characters names a bilateral park (中德产业园, 中韩产业园), not a place.
bool bilateral_park(std::string_view text, const PatternRules& rules, const Candidate& c) {
  return c.kind == EntityKind::kIndustrialPark && c.rule.starts_with(rules.words.etc) &&
         rules.boundaries.bilateral(text.substr(c.begin, c.length()));
}

}  // namespace

double base_confidence(const PatternRules& rules, const Candidate& c) {
  if (c.source == Source::kGazetteer) return rules.gazetteer_confidence;
  const double b = lookup(rules.rule_confidence, c.rule, -1.0);
  if (b >= 0.0) return b;
  // An ending's confidence is for the kind it gives: a 广场 retyped as a mall (a firm) is sure.
  const bool retyped = std::any_of(rules.endings.begin(), rules.endings.end(),
                                   [&](const NameEnding& e) { return e.text == c.rule && e.kind != c.kind; });
  return retyped ? rules.default_confidence : lookup(rules.ending_confidence, c.rule, rules.default_confidence);
}

void score_confidence(std::string_view text, const PatternRules& rules, std::vector<Candidate>& candidates) {
  // Pass 1: the base and the firm's own context.
  std::vector<double> base(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) base[i] = base_confidence(rules, candidates[i]);
  const std::map<std::string, bool, std::less<>> acting = firms_in_context(text, rules, candidates, base);
  const SpanIndex first_index(candidates);
  const FullFormHits full_hits = full_form_hits(text, rules, candidates);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    Candidate& c = candidates[i];
    const double b = c.confidence = base[i];
    if (c.source == Source::kGazetteer) continue;
    if (designated_park(text, rules, c)) {
      base[i] = c.confidence = 0.0;
      continue;
    }
    bool evidence = false;
    // (Only for names the document implies: a plant by its ending, 妈湾电厂, needs a firm inside.)
    if (needs_context(rules, c, b)) evidence = acting.find(text.substr(c.begin, c.length()))->second;
    evidence = evidence || ending_in_context(text, rules, c) || ranked_site(text, rules, c) || bilateral_park(text, rules, c) ||
               (b < rules.default_confidence && listed_project(text, rules, c, first_index, candidates)) ||
               founded_firm(text, rules, c);
    evidence = evidence || (!rules.ending_full_forms.empty() && full_form_evidence(text, rules, full_hits, c));
    // A bare 园区 after an industry (化工园区) is a park; after a place or a lab it is an area.
    if (!evidence && !rules.words.bare_park.empty() && c.rule == rules.words.bare_park && c.length() > c.rule.size()) {
      const std::string_view stem = text.substr(c.begin, c.length() - c.rule.size());
      evidence = std::any_of(rules.generic_words.begin(), rules.generic_words.end(),
                             [&](const std::string& w) { return w.size() >= 6 && stem.ends_with(w); });
    }
    c.confidence = std::min(1.0, b + (evidence ? rules.evidence_bonus : 0.0));
  }
  // Pass 2: a name holding a firm that is sure by itself (a firm's base or power plant), a
  // listed name (中关村科技创新基地), or a zone's park named after the zone (…合作区深圳园区). A brand read off this very name
  // is no evidence for it unless it is sure on its own.
  const SpanIndex index(candidates);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    Candidate& c = candidates[i];
    if (c.source == Source::kGazetteer || base[i] >= rules.default_confidence) continue;
    const bool holds = index.any_near(c.begin, c.end, [&](std::size_t j) {
      const Candidate& o = candidates[j];
      if (&o == &c || o.begin < c.begin || o.end >= c.end || o.confidence < rules.evidence_confidence) return false;
      return o.kind == EntityKind::kCompany || (o.source == Source::kGazetteer && c.kind == EntityKind::kIndustrialPark) ||
             (o.kind == EntityKind::kZone && c.kind == EntityKind::kZone && o.begin == c.begin);
    });
    if (holds) c.confidence = std::min(1.0, std::max(c.confidence, base[i] + rules.evidence_bonus));
  }
  lists_and_brands(text, rules, base, candidates);
}

}  // namespace reportlens::entities
