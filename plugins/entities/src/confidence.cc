#include "confidence.h"

#include <algorithm>
#include <map>
#include <string>

#include "reportlens/text.h"

namespace reportlens::entities {

namespace {

bool ends_clause(char32_t cp) {
  return std::u32string_view(U"，。；：！？,.;:!?\n（）()“”").find(cp) != std::u32string_view::npos;
}

// Does a firm_contexts word follow `surface` somewhere in the text within the same clause
// (a few characters of product words may stand between: 鼎际得高端新材料项目签约落地)?
bool acts_like_firm(std::string_view text, std::string_view surface, const std::vector<std::string>& contexts) {
  constexpr int kWindowChars = 14;
  for (std::size_t p = text.find(surface); p != std::string_view::npos; p = text.find(surface, p + 1)) {
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
  constexpr std::string_view kComma = "、";
  const auto next_to = [&](const Candidate& a, const Candidate& b) {
    return (a.end + kComma.size() == b.begin && text.substr(a.end, kComma.size()) == kComma) ||
           (b.end + kComma.size() == a.begin && text.substr(b.end, kComma.size()) == kComma);
  };
  for (int round = 0; round < 4; ++round) {
    bool changed = false;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      Candidate& c = candidates[i];
      if (c.kind != EntityKind::kIndustrialPark || c.confidence >= rules.evidence_confidence) continue;
      if (std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& o) {
            return (o.kind == EntityKind::kIndustrialPark || o.kind == EntityKind::kCompany) &&
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
    if (std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& o) {
          return o.kind == EntityKind::kIndustrialPark && o.begin <= c.begin && c.end < o.end &&
                 o.confidence >= rules.evidence_confidence;
        }))
      c.confidence = std::min(1.0, c.confidence + rules.evidence_bonus);
  }
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
  std::map<std::string, bool, std::less<>> acting;  // once per distinct firm surface
  std::vector<double> base(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) base[i] = base_confidence(rules, candidates[i]);
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
    const bool derived = lookup(rules.rule_confidence, c.rule, -1.0) >= 0.0;
    if (c.kind == EntityKind::kCompany && derived && b < rules.default_confidence && !rules.firm_contexts.empty()) {
      const std::string_view surface = text.substr(c.begin, c.length());
      auto it = acting.find(surface);
      if (it == acting.end()) it = acting.emplace(std::string(surface), acts_like_firm(text, surface, rules.firm_contexts)).first;
      // ... or a sure firm of the document holds it (三一 of 三一集团, 一拖 of 中国一拖集团).
      for (std::size_t j = 0; !it->second && !evidence && j < candidates.size(); ++j) {
        const Candidate& o = candidates[j];
        evidence = o.kind == EntityKind::kCompany && o.length() > c.length() && base[j] >= rules.default_confidence &&
                   text.substr(o.begin, o.length()).find(surface) != std::string_view::npos;
      }
      evidence = evidence || it->second;
    }
    // A bare 园区 after an industry (化工园区) is a park; after a place or a lab it is an area.
    if (!evidence && c.rule == "园区" && c.length() > c.rule.size()) {
      const std::string_view stem = text.substr(c.begin, c.length() - c.rule.size());
      evidence = std::any_of(rules.generic_words.begin(), rules.generic_words.end(),
                             [&](const std::string& w) { return w.size() >= 6 && stem.ends_with(w); });
    }
    c.confidence = std::min(1.0, b + (evidence ? rules.evidence_bonus : 0.0));
  }
  // Pass 2: a name holding a firm that is sure by itself (a firm's base or power plant), a
  // listed name (中关村科技创新基地), or a zone's park named after the zone (…合作区深圳园区). A brand read off this very name
  // is no evidence for it unless it is sure on its own.
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    Candidate& c = candidates[i];
    if (c.source == Source::kGazetteer || base[i] >= rules.default_confidence) continue;
    const bool holds = std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& o) {
      if (&o == &c || o.begin < c.begin || o.end >= c.end || o.confidence < rules.evidence_confidence) return false;
      return o.kind == EntityKind::kCompany || (o.source == Source::kGazetteer && c.kind == EntityKind::kIndustrialPark) ||
             (o.kind == EntityKind::kZone && c.kind == EntityKind::kZone && o.begin == c.begin);
    });
    if (holds) c.confidence = std::min(1.0, std::max(c.confidence, base[i] + rules.evidence_bonus));
  }
  lists_and_brands(text, rules, base, candidates);
}

}  // namespace reportlens::entities
