#include "document_names.h"

#include "confidence.h"

#include <algorithm>
#include <cstring>
#include <set>

#include "byte_match.h"
#include "occurrences.h"
#include "reportlens/text.h"
#include "span_index.h"
#include "word_breaker.h"

namespace reportlens::entities {

namespace {

bool is_name_char(char32_t cp) {
  if (is_cjk_ideograph(cp)) return true;
  if ((cp >= U'0' && cp <= U'9') || (cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z')) return true;
  return cp == U'·' || cp == U'•';
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool starts_with(std::string_view s, std::string_view p) { return bytes_start_with(s, p); }
bool ends_with(std::string_view s, std::string_view p) { return bytes_end_with(s, p); }
bool contains(const std::vector<std::string>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Next occurrence of `needle` at or after `from` (npos if none). glibc's memmem is several
// times faster than string_view::find on Chinese text, whose lead bytes are all alike.
std::size_t find_from(std::string_view text, std::string_view needle, std::size_t from) {
  if (from > text.size() || needle.empty()) return std::string_view::npos;
  const void* hit = memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
  return hit == nullptr ? std::string_view::npos : static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
}

std::size_t char_before(std::string_view text, std::size_t at) {
  std::size_t b = at - 1;
  while (b > 0 && !is_char_boundary(text, b)) --b;
  return b;
}

// Byte offsets of the characters of `s`, plus s.size().
std::vector<std::size_t> char_offsets(std::string_view s) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < s.size();) {
    at.push_back(i);
    next_code_point(s, i);
  }
  at.push_back(s.size());
  return at;
}

bool all_name_chars(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (!is_name_char(next_code_point(s, i))) return false;
  return !s.empty();
}

bool all_ideographs(std::string_view s) {
  for (std::size_t i = 0; i < s.size();)
    if (!is_cjk_ideograph(next_code_point(s, i))) return false;
  return true;
}

// Is the clause around [b, e) about shopping (开业, 商业综合体, 商圈 ...)?
bool in_commercial_clause(std::string_view text, std::size_t b, std::size_t e, const std::vector<std::string>& markers) {
  static constexpr std::u32string_view kClauseEnds = U"，。；！？：\n,;";
  std::size_t from = b;
  while (from > 0) {
    const std::size_t p = char_before(text, from);
    std::size_t q = p;
    if (kClauseEnds.find(next_code_point(text, q)) != std::u32string_view::npos) break;
    from = p;
  }
  std::size_t to = e;
  while (to < text.size()) {
    std::size_t q = to;
    if (kClauseEnds.find(next_code_point(text, q)) != std::u32string_view::npos) break;
    to = q;
  }
  const std::string_view clause = text.substr(from, to - from);
  return std::any_of(markers.begin(), markers.end(),
                     [&](const std::string& m) { return clause.find(m) != std::string_view::npos; });
}

}  // namespace

// The document's place names, longest first: 合肥市, 合肥, 蜀山区, 蜀山 ...
std::vector<std::string> DocumentNames::place_names(const Region& region) const {
  const PatternRules::Words& w = patterns_.rules().words;
  std::vector<std::string> out;
  const auto add = [&](const std::string& name, const std::vector<std::string>& suffixes) {
    if (name.empty()) return;
    for (const std::string& s : suffixes) out.push_back(name + s);
    out.push_back(name);
  };
  add(region.province, w.province_suffixes);
  add(region.city, w.city_suffixes);
  add(region.district, w.district_suffixes);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return out;
}

bool DocumentNames::short_name_ok(std::string_view name, const Region& region, std::size_t min_chars) const {
  const std::size_t n = code_point_count(name);
  if (n < min_chars || n > 12 || !all_name_chars(name)) return false;
  // A year or a number (2022中国生物医药园区) names nothing.
  if (std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  if (patterns_.verdict(name) != StemVerdict::kName) return false;
  const PatternRules& rules = patterns_.rules();
  if (contains(rules.stop_words, name)) return false;
  for (const std::string& place : place_names(region))
    if (name == place) return false;
  // One dictionary word is a common noun (市政, 机床, 保安, 上海), not a brand (沈|鼓, 普|洛|斯).
  if (all_ideographs(name) && word_boundaries(name).size() <= 2) return false;
  return true;
}

void DocumentNames::definitions(std::string_view text, const std::vector<Candidate>& found,
                                std::vector<Derived>& out) const {
  const PatternRules& rules = patterns_.rules();
  std::vector<std::string> markers = rules.short_form_markers;
  std::stable_sort(markers.begin(), markers.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  // A definition follows a found name: an opening bracket right after it, then a marker. So
  // only the ends of the candidates are looked at, and the text is not scanned.
  const SpanIndex index(found);
  for (const Candidate& c : found) {
    {
      if (c.end >= text.size()) continue;
      std::size_t q = c.end;
      const char32_t open = next_code_point(text, q);
      if (open != U'（' && open != U'(') continue;
      // The longest name ending at the bracket is the long form.
      if (index.any_near(c.begin, c.end, [&](std::size_t i) { return found[i].end == c.end && found[i].length() > c.length(); }))
        continue;
      const Candidate* long_form = &c;
      const std::string_view after_bracket = text.substr(q);
      std::size_t marker_size = 0;
      for (const std::string& m : markers)
        if (starts_with(after_bracket, m)) {
          marker_size = m.size();
          break;
        }
      if (marker_size == 0) continue;
      const std::size_t p = q;
      // The short form: optional 为/：/quote, then a run of name characters, then the end
      // of the definition (closing quote or bracket, comma).
      std::size_t s = p + marker_size;
      for (const char32_t skip : rules.words.short_form_openers) {
        std::size_t r = s;
        if (r < text.size() && next_code_point(text, r) == skip) s = r;
      }
      std::size_t e = s;
      while (e < text.size()) {
        std::size_t r = e;
        if (!is_name_char(next_code_point(text, r))) break;
        e = r;
      }
      if (e == s || e >= text.size()) continue;
      std::size_t r = e;
      const char32_t after = next_code_point(text, r);
      static constexpr std::u32string_view kEnds = U"）)”\"」，、；,";
      if (kEnds.find(after) == std::u32string_view::npos) continue;
      const std::string_view short_form = text.substr(s, e - s);
      const std::size_t n = code_point_count(short_form);
      if (n < 2 || n > 12) continue;
      if (short_form == text.substr(long_form->begin, long_form->length())) continue;
      out.push_back({std::string(short_form), long_form->kind, long_form->canonical, rules.words.definition});
    }
  }
}

void DocumentNames::short_forms(std::string_view text, const Region& region, const Candidate& c,
                                std::vector<Derived>& out) const {
  const PatternRules& rules = patterns_.rules();
  const std::string_view surface = text.substr(c.begin, c.length());
  const std::vector<std::string> places = place_names(region);
  const auto add = [&](std::string_view name, std::size_t min_chars) {
    if (name.size() < surface.size() && short_name_ok(name, region, min_chars))
      out.push_back({std::string(name), c.kind, c.canonical, rules.words.short_form});
  };
  // A site named brand + place of this document: 比亚迪合肥工厂 -> 比亚迪, 宝马铁西工厂 -> 宝马.
  for (const std::string& ending : rules.site_endings) {
    if (!ends_with(surface, ending)) continue;
    const std::string_view base = surface.substr(0, surface.size() - ending.size());
    for (const std::string& place : places)
      if (base.size() > place.size() && ends_with(base, place)) {
        add(base.substr(0, base.size() - place.size()), 2);
        return;
      }
    return;
  }
  // A firm without its legal or group ending (沈鼓集团 -> 沈鼓) ...
  std::size_t longest = 0;
  for (const std::string& ending : rules.short_form_endings)
    if (surface.size() > ending.size() && ends_with(surface, ending)) longest = std::max(longest, ending.size());
  if (longest == 0) return;
  std::string_view base = surface.substr(0, surface.size() - longest);
  // A bracketed place before the legal form is no part of the short name: 久泰能源（准格尔）有限
  // 公司 -> 久泰能源, 恒力石化（大连）有限公司 -> 恒力石化.
  for (const std::string_view close : {std::string_view("）"), std::string_view(")")})
    if (ends_with(base, close)) {
      const std::size_t open = std::min(base.rfind("（"), base.rfind("("));
      if (open != std::string_view::npos && open > 0) base = base.substr(0, open);
      break;
    }
  add(base, 2);
  // ... without the document's own place name before it (合肥长鑫存储技术 -> 长鑫存储技术) ...
  std::vector<std::string_view> variants{base};
  for (const std::string& place : places)
    if (base.size() > place.size() && starts_with(base, place)) {
      variants.push_back(base.substr(place.size()));
      add(variants.back(), 3);
      break;
    }
  // ... and without trailing industry words (中信重工机械 -> 中信重工, 长鑫存储技术 -> 长鑫存储).
  // The longest generic tail that leaves a name (山河智能装备: 山河 is too short, 山河智能 is it).
  for (const std::string_view v : variants) {
    const std::vector<std::size_t> at = char_offsets(v);
    for (std::size_t k = 3; k + 1 < at.size(); ++k)
      if (patterns_.is_generic(v.substr(at[k])) && short_name_ok(v.substr(0, at[k]), region, 3)) {
        add(v.substr(0, at[k]), 3);
        break;
      }
  }
}

std::string_view DocumentNames::brand_of(std::string_view name, const Region& region, bool empty_tail_ok) const {
  const PatternRules& rules = patterns_.rules();
  const std::vector<std::size_t> at = char_offsets(name);
  const std::size_t n = at.size() - 1;
  // The longest generic tail (connectors 与/和/及 allowed inside it: 储能与动力电池).
  const auto generic_tail = [&](std::string_view tail) {
    // An ordinal numbers the site (蔚来第二先进制造基地): skip 第 + numerals.
    const std::string& ordinal = rules.words.ordinal;
    if (!ordinal.empty() && starts_with(tail, ordinal)) {
      std::size_t i = ordinal.size();
      while (i < tail.size()) {
        std::size_t q = i;
        const char32_t cp = next_code_point(tail, q);
        if (!((cp >= U'0' && cp <= U'9') || rules.words.numerals.find(cp) != std::u32string::npos)) break;
        i = q;
      }
      if (i > ordinal.size()) tail.remove_prefix(i);
    }
    std::string kept;
    for (std::size_t i = 0; i < tail.size();) {
      const std::size_t start = i;
      const char32_t cp = next_code_point(tail, i);
      if (!contains(rules.words.joints, tail.substr(start, i - start))) kept.append(tail.substr(start, i - start));
    }
    return !kept.empty() && patterns_.is_generic(kept);
  };
  // A place of the document may stand between the brand and the generic words: 比亚迪襄阳产业园,
  // 吉利汽车长兴基地, 华为江西数字经济产业园 (a site of the brand in this place).
  const std::vector<std::string> places = place_names(region);
  const auto tail_ok = [&](std::string_view tail) {
    if (generic_tail(tail)) return true;
    for (const std::string& place : places)
      if (starts_with(tail, place)) return tail.size() == place.size() || generic_tail(tail.substr(place.size()));
    // ... and so may a part of the country (明阳东北风电高端装备制造 -> 明阳).
    for (const std::string& part : rules.hq_qualifiers)
      if (starts_with(tail, part) && tail.size() > part.size() && generic_tail(tail.substr(part.size()))) return true;
    return false;
  };
  // Before a headquarters the whole name is the brand (丘钛科技总部 -> 丘钛科技, not 丘钛).
  std::size_t k = empty_tail_ok ? n : 2;
  while (k < n && !tail_ok(name.substr(at[k]))) ++k;
  if (k >= n && !(empty_tail_ok && n >= 2)) return {};
  k = std::min(k, n);
  const std::string_view brand = name.substr(0, at[k]);
  const std::string last(brand.substr(at[k - 1]));
  // 中关村科技创新基地, 东北大学科技园: a place or an institution, not a firm. A brand is short
  // and not the document's own place (中国·沈阳人力资源服务产业园, 沈阳海外人才…基地).
  if (contains(rules.place_suffixes, last) || k > rules.max_brand_chars ||
      (!rules.words.china.empty() && starts_with(brand, rules.words.china)))
    return {};
  if (std::any_of(rules.non_firm_endings.begin(), rules.non_firm_endings.end(),
                  [&](const std::string& e) { return ends_with(brand, e); }))
    return {};
  for (const std::string& place : place_names(region))
    if (starts_with(brand, place)) return {};
  if (!short_name_ok(brand, region, 2)) return {};
  return brand;
}

DocumentNames::FoundNames DocumentNames::found_names(std::string_view text, const std::vector<Candidate>& found) const {
  FoundNames names;
  for (const Candidate& o : found) {
    const std::string_view surface = text.substr(o.begin, o.length());
    const std::vector<std::size_t> at = char_offsets(surface);
    if (o.kind == EntityKind::kIndustrialPark || o.kind == EntityKind::kCompany)
      if (at.size() > 3) names.by_first_two[surface.substr(0, at[2])].insert(surface);
    if (o.kind == EntityKind::kZone) {
      for (std::size_t k = 1; k < at.size(); ++k) names.zone_prefixes.insert(surface.substr(0, at[k]));
      names.zone_places.insert(surface.substr(0, at.size() > 2 ? at[2] : surface.size()));
    }
    if (o.kind == EntityKind::kCompany) {  // 美的集团股份有限公司 -> 美的
      std::string_view base = surface;
      for (const std::string& e : patterns_.rules().short_form_endings)
        if (surface.size() > e.size() && ends_with(surface, e)) {
          base = surface.substr(0, surface.size() - e.size());
          break;
        }
      names.firm_bases.insert(base);
    }
  }
  return names;
}

void DocumentNames::park_brand(std::string_view text, const Region& region, const Candidate& c,
                               const FoundNames& names, std::vector<Derived>& out) const {
  const std::string_view surface = text.substr(c.begin, c.length());
  if (c.rule.empty() || !ends_with(surface, c.rule)) return;  // list items (rule 等…) have no ending
  const std::string_view stem = surface.substr(0, surface.size() - c.rule.size());
  const std::vector<std::size_t> at = char_offsets(stem);
  // A park inside a park: 中德园新能源汽车产业园 -> 中德园.
  for (std::size_t k = 3; k + 1 < at.size(); ++k)
    if (stem.substr(at[k - 1], at[k] - at[k - 1]) == patterns_.rules().words.park_char && patterns_.is_generic(stem.substr(at[k]))) {
      if (short_name_ok(stem.substr(0, at[k]), region, 3))
        out.push_back({std::string(stem.substr(0, at[k])), EntityKind::kIndustrialPark, std::string(stem.substr(0, at[k])),
                       patterns_.rules().words.park_in_park});
      return;
    }
  const std::string_view brand = brand_of(stem, region, false);
  if (brand.empty()) return;
  // Two characters before a park are as often a town (北滘智能制造产业园, 容桂家电产业园) as a brand:
  // take them when they start another park of the document too (腾讯数字产业基地 … 腾讯数字经济
  // 产业园) or a firm of it (华为技术有限公司 … 华为江西数字经济产业园), or the park is a base, a
  // firm's site (伟嘉兽药生产基地).
  const PatternRules::Words& words = patterns_.rules().words;
  const bool base = !words.base.empty() && ends_with(c.rule, words.base);
  if (code_point_count(brand) == 2 && !base) {
    const auto it = names.by_first_two.find(brand);
    if (it == names.by_first_two.end() ||
        std::none_of(it->second.begin(), it->second.end(), [&](std::string_view other) {
          // (Not the same park with a shorter ending: 蒙西高新技术工业园 of 蒙西高新技术工业园区.)
          return !starts_with(surface, other) && !starts_with(other, surface) && other.size() > brand.size();
        }))
      return;
  }
  // A brand made of a firm of the document and more (美的库卡智能制造科技园: 美的 + 库卡) is not
  // one firm; nor a place before a firm (深汕比亚迪汽车工业园: 深汕 + 比亚迪), nor what starts or
  // ends with the place that opens a zone of the document (深汕 of 深汕特别合作区).
  if (names.zone_prefixes.contains(brand)) return;
  const std::vector<std::size_t> cuts = char_offsets(brand);
  for (std::size_t k = 1; k + 1 < cuts.size(); ++k) {
    const std::string_view head = brand.substr(0, cuts[k]), tail = brand.substr(cuts[k]);
    if (names.zone_places.contains(head) || names.zone_places.contains(tail) || names.firm_bases.contains(head) ||
        names.firm_bases.contains(tail))
      return;
  }
  if (names.zone_places.contains(brand)) return;
  // A base (基地) is as often a programme as a firm's site: its brand needs a firm_contexts word.
  out.push_back({std::string(brand), EntityKind::kCompany, patterns_.canonical_name(brand),
                 base ? words.base_brand : words.park_brand});
}

void DocumentNames::facility_brands(std::string_view text, const Region& region, std::vector<Derived>& out) const {
  const PatternRules& rules = patterns_.rules();
  for (const auto& [facility, empty_tail_ok] : rules.brand_facilities) facility_brands_before(text, region, facility, empty_tail_ok, false, out);
  for (const std::string& facility : rules.brand_list_facilities) facility_brands_before(text, region, facility, false, true, out);
}

void DocumentNames::facility_brands_before(std::string_view text, const Region& region, std::string_view facility,
                                           bool empty_tail_ok, bool list_only, std::vector<Derived>& out) const {
  const PatternRules::Words& words = patterns_.rules().words;
  const std::string_view kComma = words.comma;
  for (std::size_t p = find_from(text, facility, 0); p != std::string_view::npos;
       p = find_from(text, facility, p + facility.size())) {
    // Before 项目 only lists count (a single brand would score below any useful threshold):
    // the cheap look for 等 comes before word segmentation, which 项目, frequent in local
    // reports, would otherwise cost at every occurrence.
    const std::size_t list_etc = list_only ? etc_before_class(text, p) : std::string_view::npos;
    // A single brand + product before 项目 counts when the project acts like a firm's right
    // after it (甲高端新材料项目签约落地, 乙电池项目投产: firm_contexts); it is cut like a list item.
    const bool acting = list_only && list_etc == std::string_view::npos && !words.project_context.empty() &&
                        firm_context_at(text, p + facility.size());
    if (list_only && list_etc == std::string_view::npos && !acting) continue;
    const PatternFinder::Stem stem = list_only && !acting ? PatternFinder::Stem{} : patterns_.stem(text, p);
    // Before 总部: 项目品牌; items of a list of projects (甲X、乙Y等项目, evidence itself): 项目列举;
    // a single project acting like a firm's: 项目动态.
    const std::string& rule = acting ? words.project_context : list_only ? words.project_list : words.project_brand;
    const auto add = [&](std::string_view name, bool tail_ok) {
      // Before a headquarters the whole name is the brand (丘钛科技总部), without the words that
      // qualify the headquarters (甲区域总部, 乙华南总部: hq_qualifiers).
      if (!list_only)
        for (bool again = true; again;) {
          again = false;
          for (const std::string& q : patterns_.rules().hq_qualifiers)
            if (name.size() > q.size() && ends_with(name, q)) {
              name.remove_suffix(q.size());
              again = true;
            }
        }
      std::string_view brand = brand_of(name, region, tail_ok && !list_only);
      const bool generic_end = std::any_of(patterns_.rules().generic_words.begin(), patterns_.rules().generic_words.end(),
                                           [&](const std::string& w) { return w.size() >= 6 && ends_with(name, w); });
      std::string how = rule;
      // A product of two characters after the brand is as often the brand's own last word
      // (甲技术超|材料, 乙液流|电池): such an item is only a single brand (项目单项).
      constexpr std::size_t kMinTailChars = 3;
      if (list_only && !brand.empty() && code_point_count(name.substr(brand.size())) < kMinTailChars) how = words.project_single;
      // A park, a hub or a road is no firm's project (前海石公园、平湖南国际综合物流枢纽等项目).
      const auto& tails = patterns_.rules().non_firm_project_tails;
      if (std::any_of(tails.begin(), tails.end(), [&](const std::string& t) { return ends_with(name, t); })) return;
      // A list item that is a brand alone (中粮油脂等项目) is as often a road or a venue
      // (盐港东立交): only a single brand (项目单项), when no generic tail follows a shorter one.
      if (brand.empty() && tail_ok && list_only && !generic_end) {
        brand = brand_of(name, region, true);
        how = words.project_single;
      }
      if (brand.empty()) return;
      // The brand must end where a word of the item ends (光启技术|超材料 gives no 光启技术超).
      if (brand.size() < name.size() && all_ideographs(name)) {
        const std::vector<std::size_t> cuts = word_boundaries(name);
        if (!std::binary_search(cuts.begin(), cuts.end(), brand.size())) return;
      }
      out.push_back({std::string(brand), EntityKind::kCompany, patterns_.canonical_name(brand), how});
    };
    // The items of a 、-list, from the one ending at `item_end` backwards: each a brand +
    // generic words, or (when `first_alone`) a brand alone.
    const auto add_items = [&](std::size_t item_end, bool first_alone) {
      const std::size_t derived_before = out.size();
      for (int items = 0; items < 8 && item_end > 0; ++items) {
        PatternFinder::Stem item = patterns_.stem(text, item_end);
        // A product joined by a connector (乙储能与动力电池): the walk stopped at 与.
        for (const std::string_view joint : words.joints)
          if (item.verdict != StemVerdict::kName && item.begin >= joint.size() &&
              text.substr(item.begin - joint.size(), joint.size()) == joint) {
            const PatternFinder::Stem before = patterns_.stem(text, item.begin - joint.size());
            if (before.verdict == StemVerdict::kName) item = {before.begin, StemVerdict::kName, false};
          }
        if (item.verdict != StemVerdict::kName) {
          // An item that is no brand + product (甲核电1号机组: a count cut it) is passed over when
          // the 、 before it is near and an item after it gave a firm: the list goes on (乙精细化工、甲核电1号机组、丙全新动力电池等项目).
          // (Only in a list that already gave a firm's project: others are lists of works.)
          const std::size_t comma = out.size() > derived_before ? comma_before_item(text, item_end) : std::string_view::npos;
          if (comma == std::string_view::npos) break;
          first_alone = list_only;
          item_end = comma;
          continue;
        }
        add(text.substr(item.begin, item_end - item.begin), first_alone);
        first_alone = list_only;
        if (item.begin < kComma.size() || text.substr(item.begin - kComma.size(), kComma.size()) != kComma) break;
        item_end = item.begin - kComma.size();
      }
    };
    if (acting) {
      // (The brand must stand alone as a name: not a count, a place or one dictionary word.)
      // (Nor what a list or a qualifier describes: 等一批营收超百亿元项目签约落地.)
      const std::string_view before = text.substr(0, stem.begin);
      const auto& qualifiers = patterns_.rules().local_qualifiers;
      const bool described = ends_with(before, words.etc) || std::any_of(qualifiers.begin(), qualifiers.end(), [&](const std::string& q) {
                               return ends_with(before, q);
                             });
      if (stem.verdict == StemVerdict::kName && !described) {
        const std::string_view name = text.substr(stem.begin, p - stem.begin);
        const std::string_view brand = brand_of(name, region, false);
        if (!brand.empty() && short_name_ok(brand, region, 2) && !patterns_.starts_with_numeral(brand)) add(name, false);
      }
      continue;
    }
    if (!list_only && stem.verdict == StemVerdict::kName) {
      add(text.substr(stem.begin, p - stem.begin), empty_tail_ok);
      continue;
    }
    // 甲全新动力电池、乙储能与动力电池等项目: the items before 等 (generic words between).
    std::size_t etc = stem.verdict == StemVerdict::kEmpty ? p : stem.begin;
    if (list_only) etc = list_etc;
    const std::size_t n = words.etc.size();
    if (etc == std::string_view::npos || n == 0 || etc < n || text.substr(etc - n, n) != words.etc) continue;
    add_items(etc - n, list_only);
  }
}

std::size_t DocumentNames::comma_before_item(std::string_view text, std::size_t item_end) const {
  const std::string_view comma = patterns_.rules().words.comma;
  constexpr int kMaxItemChars = 16;
  std::size_t b = item_end;
  for (int n = 0; n < kMaxItemChars && b > 0; ++n) {
    const std::size_t p = char_before(text, b);
    if (!comma.empty() && text.substr(p, b - p) == comma) return p;
    std::size_t q = p;
    if (!is_name_char(next_code_point(text, q))) return std::string_view::npos;
    b = p;
  }
  return std::string_view::npos;
}

bool DocumentNames::firm_context_at(std::string_view text, std::size_t p) const {
  const std::string_view rest = text.substr(p);
  const auto& contexts = patterns_.rules().project_firm_contexts;
  return std::any_of(contexts.begin(), contexts.end(), [&](const std::string& w) { return starts_with(rest, w); });
}

std::size_t DocumentNames::etc_before_class(std::string_view text, std::size_t noun) const {
  // 等60个产业项目, 等一批超百亿项目, 等项目: 等, then a count or a qualifier, then generic words.
  const std::string_view kEtc = patterns_.rules().words.etc;
  constexpr std::size_t kMaxChars = 10;
  std::size_t b = noun;
  for (std::size_t n = 0; n < kMaxChars && b > 0; ++n) {
    const std::size_t p = char_before(text, b);
    if (text.substr(p, b - p) == kEtc) break;
    std::size_t q = p;
    if (!is_name_char(next_code_point(text, q))) return std::string_view::npos;
    b = p;
  }
  if (b < kEtc.size() || text.substr(b - kEtc.size(), kEtc.size()) != kEtc) return std::string_view::npos;
  std::string_view between = text.substr(b, noun - b);
  for (const std::string& q : patterns_.rules().local_qualifiers)
    if (q.size() > 3 && starts_with(between, q)) {
      between.remove_prefix(q.size());
      break;
    }
  // A count: numerals and one counter (60个, 3000个, 两个).
  std::size_t i = 0;
  bool numeral = false;
  while (i < between.size()) {
    std::size_t q = i;
    const char32_t cp = next_code_point(between, q);
    if (!((cp >= U'0' && cp <= U'9') || patterns_.rules().words.count_numerals.find(cp) != std::u32string::npos)) break;
    numeral = true;
    i = q;
  }
  if (numeral && i < between.size()) {
    std::size_t q = i;
    next_code_point(between, q);
    const std::string_view counter = between.substr(i, q - i);
    if (contains(patterns_.rules().counters, counter)) between.remove_prefix(q);
  }
  return between.empty() || patterns_.is_generic(between) ? b : std::string_view::npos;
}

void DocumentNames::retype_malls(std::string_view text, std::vector<Candidate>& candidates) const {
  const PatternRules& rules = patterns_.rules();
  for (Candidate& c : candidates) {
    if (c.source != Source::kPattern || c.kind != EntityKind::kPublicPark) continue;
    const std::string_view surface = text.substr(c.begin, c.length());
    if (!std::any_of(rules.commercial_endings.begin(), rules.commercial_endings.end(),
                     [&](const std::string& e) { return ends_with(surface, e); }))
      continue;
    if (in_commercial_clause(text, c.begin, c.end, rules.commercial_markers)) c.kind = EntityKind::kCompany;
  }
}

void DocumentNames::siblings(std::string_view text, const std::vector<Candidate>& found, std::vector<Derived>& out) const {
  const PatternRules& rules = patterns_.rules();
  const std::string_view kComma = rules.words.comma;
  const Region none;
  const auto non_firm = [&](std::string_view item) {
    return std::any_of(rules.non_firm_endings.begin(), rules.non_firm_endings.end(),
                       [&](const std::string& e) { return ends_with(item, e); });
  };
  const auto item_ok = [&](std::string_view item) {
    return !non_firm(item) && short_name_ok(item, none, 2) && code_point_count(item) <= 8;
  };
  // An item already found, or overlapping a found name, is left alone; but a found name that
  // ends the item after a brand (准能 of 准能集团 in 神华准能) is part of it. A guess below
  // evidence_confidence (a brand alone before 项目, 项目单项) covers nothing: the sure firm
  // of the list is better evidence for it.
  const SpanIndex index(found);
  const auto covered = [&](std::size_t b, std::size_t e) {
    return index.any_near(b, e, [&](std::size_t i) {
      const Candidate& c = found[i];
      return c.begin < e && b < c.end && !(b < c.begin && c.end == e) && c.confidence >= rules.evidence_confidence;
    });
  };
  // An item that names a place, a body or a product (甲集团、乙数谷、丙、丁等重点项目: non_firm_endings)
  // is no sibling, but the list goes on past it.
  enum class Item { kAdded, kPassed, kStop };
  const auto add = [&](std::size_t b, std::size_t e) {
    const std::string_view item = text.substr(b, e - b);
    if (covered(b, e)) return Item::kStop;
    if (!item_ok(item)) return non_firm(item) && code_point_count(item) <= 8 && all_name_chars(item) ? Item::kPassed : Item::kStop;
    out.push_back({std::string(item), EntityKind::kCompany, patterns_.canonical_name(item), rules.words.sibling});
    return Item::kAdded;
  };
  for (const Candidate& c : found) {
    if (c.kind != EntityKind::kCompany || c.confidence < rules.vouch_confidence) continue;
    // Items after it: each ends at the next 、; the last one at 等, punctuation, a verb (a stop
    // word of two or more characters: 成为, 搭建) or a predicate noun (`item_predicates`:
    // 甲集团、乙重装产值 -> 乙重装). One that runs on into something else is left alone.
    for (std::size_t pos = c.end; starts_with(text.substr(pos), kComma);) {
      const std::size_t b = pos + kComma.size();
      std::size_t e = b;
      bool list_goes_on = false, ended = false;
      for (std::size_t n = 0; n <= 8 && e < text.size(); ++n) {
        const std::string_view rest = text.substr(e);
        if (n >= 2) {
          list_goes_on = starts_with(rest, kComma);
          // A verb after the item is trusted only for a short item (up to 5 characters): a short
          // form (三一重装成为, 中煤鄂能化扩大), not a name running into a noun (金石重工业务拓展).
          ended = list_goes_on || (!rules.words.etc.empty() && starts_with(rest, rules.words.etc)) ||
                  std::any_of(rules.item_predicates.begin(), rules.item_predicates.end(),
                              [&](const std::string& w) { return starts_with(rest, w); }) ||
                  (n <= 5 && std::any_of(rules.stop_words.begin(), rules.stop_words.end(), [&](const std::string& w) {
                     return w.size() > 3 && starts_with(rest, w);
                   }));
        }
        std::size_t r = e;
        if (!is_name_char(next_code_point(text, r))) {
          ended = n >= 2;
          break;
        }
        if (ended) break;
        e = r;
      }
      if (!ended && e >= text.size() && e - b >= 6) ended = true;  // the text ends after the item
      if (!ended) break;
      // The last item may run into the clause's verb (推进甲银行、乙银行改革，): it ends before it.
      if (!list_goes_on)
        for (const std::string& w : rules.stop_words)
          if (w.size() > 3 && e - b > w.size() + 3 && ends_with(text.substr(b, e - b), w)) {
            e -= w.size();
            break;
          }
      if (add(b, e) == Item::kStop) break;
      if (!list_goes_on) break;
      pos = e;
    }
    // Items before it: the left edge of the first one is found like a pattern name's.
    for (std::size_t pos = c.begin; pos >= kComma.size() && text.substr(pos - kComma.size(), kComma.size()) == kComma;) {
      const std::size_t e = pos - kComma.size();
      const PatternFinder::Stem item = patterns_.stem(text, e);
      if (item.verdict != StemVerdict::kName || item.begin >= e) break;
      if (add(item.begin, e) == Item::kStop) break;
      pos = item.begin;
    }
  }
}

void DocumentNames::local_abbreviations(std::string_view text, const Region& region,
                                        std::vector<Candidate>& candidates) const {
  if (region.national || region.empty()) return;
  const std::string place = !region.city.empty() ? region.city : !region.district.empty() ? region.district : region.province;
  SpanIndex index(candidates);
  for (const auto& abbreviation : patterns_.rules().local_abbreviations) {
    const std::string& surface = abbreviation.surface;
    for (std::size_t p = find_from(text, surface, 0); p != std::string_view::npos;
         p = find_from(text, surface, p + surface.size())) {
      const std::size_t e = p + surface.size();
      if (index.any_near(p, e, [&](std::size_t i) { return candidates[i].begin < e && p < candidates[i].end; })) continue;
      // 化工园|区: the start of a longer abbreviation (taken or not) is not this one.
      const auto& all = patterns_.rules().local_abbreviations;
      if (std::any_of(all.begin(), all.end(), [&](const auto& longer) {
            return longer.surface.size() > surface.size() && text.substr(p).starts_with(longer.surface);
          }))
        continue;
      // Alone: nothing name-like before it (punctuation or a stop word), so not 2个化工园,
      // 国家级经开区 or 各类高新区.
      if (patterns_.stem(text, p).verdict != StemVerdict::kEmpty) continue;
      // Followed by a count (森林公园3个, 湿地公园等4个) it is a class again.
      {
        std::size_t r = e;
        const std::string& etc = patterns_.rules().words.etc;
        if (!etc.empty() && text.substr(r, etc.size()) == etc) r += etc.size();
        if (r < text.size()) {
          const char32_t next = next_code_point(text, r);
          if ((next >= U'0' && next <= U'9') || patterns_.rules().words.trailing_count_numerals.find(next) != std::u32string::npos)
            continue;
        }
      }
      const std::string_view before = text.substr(0, p);
      const auto& rules = patterns_.rules();
      // 化工园区整治提升, 高新区全覆盖: what is done to every such site makes it a class.
      if (std::any_of(rules.boundaries.class_actions.begin(), rules.boundaries.class_actions.end(),
                      [&](const std::string& a) { return text.substr(e).starts_with(a); }))
        continue;
      if (std::any_of(rules.local_qualifiers.begin(), rules.local_qualifiers.end(),
                      [&](const std::string& q) { return ends_with(before, q); }) ||
          std::any_of(rules.designation_prefixes.begin(), rules.designation_prefixes.end(),
                      [&](const std::string& q) { return ends_with(before, q); }))
        continue;
      Candidate c;
      c.begin = p;
      c.end = e;
      c.kind = abbreviation.kind;
      c.source = Source::kPattern;
      // A park belongs to the district that reports on it (铁西森林公园), a zone to the city.
      const bool district_level = abbreviation.kind == EntityKind::kPublicPark && !region.district.empty();
      c.canonical = (district_level ? region.district : place) + abbreviation.full;
      c.rule = patterns_.rules().words.local_abbreviation;
      index.add(candidates.size(), c);
      candidates.push_back(std::move(c));
    }
  }
}

void DocumentNames::retype_zone_parts(std::vector<Candidate>& candidates) const {
  // A bare 园区 named after the zone it lies in (…合作区深圳园区) is that zone's part: a zone
  // (not 昆山高新区机器人产业园, a park in the zone).
  std::vector<std::size_t> parts;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (c.source != Source::kPattern || c.kind != EntityKind::kIndustrialPark || c.rule != patterns_.rules().words.bare_park) continue;
    if (std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& o) {
          return o.kind == EntityKind::kZone && o.begin == c.begin && o.end < c.end;
        }))
      parts.push_back(i);
  }
  for (std::size_t i : parts) candidates[i].kind = EntityKind::kZone;
}

// 土右旗, 正定片区, 环渤海地区, 宁海段, 京东（正定）: a brand read off a park, base or project
// whose start the document also writes before a place marker, or in brackets, is a place.
// `lead_hits[k]` are the occurrences of the first two characters of brands[k].
std::vector<bool> DocumentNames::places_among(std::string_view text, const std::vector<std::string_view>& brands,
                                              const std::vector<std::vector<std::size_t>>& lead_hits) const {
  const PatternRules& rules = patterns_.rules();
  // A brand that merely starts with a province or city (西安奕斯伟, 山西电机) is still a firm:
  // those markers count for the whole brand only.
  const auto marked_place = [&](std::size_t p, std::string_view name, bool whole) {
    const std::string_view rest = text.substr(p + name.size());
    const std::string_view before = text.substr(0, p);
    if (whole && ((before.ends_with("\uFF08") && rest.starts_with("\uFF09")) || (before.ends_with("(") && rest.starts_with(")"))))
      return true;
    for (const std::string& b : rules.boundaries.place_marker_breakers)
      if (rest.starts_with(b)) return false;
    return std::any_of(rules.boundaries.place_markers.begin(), rules.boundaries.place_markers.end(),
                       [&](const std::string& m) {
                         return rest.starts_with(m) && (whole || !contains(rules.boundaries.city_markers, m));
                       });
  };
  std::vector<bool> place(brands.size(), false);
  for (std::size_t k = 0; k < brands.size(); ++k) {
    const std::vector<std::size_t> at = char_offsets(brands[k]);
    // 昆区金属深…: a brand that opens with a district name (a character or two + 区/县/旗; not
    // 州 or 市: 杭州富芯 is a firm).
    for (std::size_t n = 1; n <= 2 && n + 1 < at.size(); ++n)
      if (contains(rules.boundaries.lead_region_suffixes, brands[k].substr(at[n], at[n + 1] - at[n]))) place[k] = true;
    for (const std::size_t p : lead_hits[k]) {
      for (std::size_t n = 2; n < at.size() && !place[k]; ++n) {
        const std::string_view prefix = brands[k].substr(0, at[n]);
        if (text.substr(p, prefix.size()) != prefix) break;
        place[k] = marked_place(p, prefix, n + 1 == at.size());
      }
      if (place[k]) break;
    }
  }
  return place;
}

bool DocumentNames::brand_rule(const std::string& rule) const {
  const PatternRules::Words& w = patterns_.rules().words;
  return rule == w.park_brand || rule == w.base_brand || rule == w.project_brand || rule == w.project_list ||
         rule == w.project_single || rule == w.project_context;
}

void DocumentNames::extend(std::string_view text, const Region& region, std::vector<Candidate>& candidates) const {
  retype_zone_parts(candidates);
  retype_malls(text, candidates);
  local_abbreviations(text, region, candidates);
  std::vector<Derived> derived;
  definitions(text, candidates, derived);
  SpanIndex index(candidates);
  const FoundNames found = found_names(text, candidates);
  for (const Candidate& c : candidates) {
    if (c.source != Source::kPattern || c.rule.empty()) continue;
    const PatternRules::Words& words = patterns_.rules().words;
    // A name made of generic words (数字产业发展公司) has no brand or short form in it.
    if (c.rule == words.descriptive_name) continue;
    if (!words.etc.empty() && starts_with(c.rule, words.etc)) {  // a list item (特变沈变等企业) is that firm wherever it is named
      derived.push_back({std::string(text.substr(c.begin, c.length())), c.kind, c.canonical, words.listed_again});
      continue;
    }
    // Only from the longest name at a place (山河智能装备股份有限公司, not its 山河智能装备股份).
    if (index.any_near(c.begin, c.end, [&](std::size_t i) {
          const Candidate& o = candidates[i];
          return o.kind == c.kind && o.begin <= c.begin && o.end >= c.end && o.length() > c.length();
        }))
      continue;
    if (c.kind == EntityKind::kCompany) short_forms(text, region, c, derived);
    if (c.kind == EntityKind::kIndustrialPark) park_brand(text, region, c, found, derived);
  }

  // Every occurrence of a derived name, unless a candidate of the same kind already covers it
  // (沈鼓 inside 沈鼓集团). A candidate on exactly that span takes the defined canonical name.
  // The first name derived for a surface wins; all surfaces are found in one scan.
  const auto place_all = [&](const std::vector<Derived>& names, bool check_places) {
    // One scan finds every derived surface and, for the brands, their first two characters
    // (places_among).
    std::map<std::string_view, std::size_t> slot;
    std::vector<std::string_view> surfaces;
    for (const Derived& d : names)
      if (slot.emplace(d.surface, surfaces.size()).second) surfaces.push_back(d.surface);
    const std::size_t n_surfaces = surfaces.size();
    std::vector<std::string_view> brands;
    std::vector<std::size_t> brand_of_slot(n_surfaces, SIZE_MAX), lead_slots;
    if (check_places)
      for (const Derived& d : names) {
        const std::size_t k = slot.at(d.surface);
        if (!brand_rule(d.rule) || brand_of_slot[k] != SIZE_MAX || code_point_count(d.surface) < 2) continue;
        brand_of_slot[k] = brands.size();
        brands.push_back(d.surface);
        // (a lead that is itself a derived surface, 土右, is searched once)
        const std::string_view lead = std::string_view(d.surface).substr(0, char_offsets(d.surface)[2]);
        const auto [it, added] = slot.emplace(lead, surfaces.size());
        if (added) surfaces.push_back(lead);
        lead_slots.push_back(it->second);
      }
    const std::vector<std::vector<std::size_t>> occurrences = find_all_occurrences(text, surfaces);
    std::vector<std::vector<std::size_t>> lead_hits;
    for (const std::size_t k : lead_slots) lead_hits.push_back(occurrences[k]);
    const std::vector<bool> place = places_among(text, brands, lead_hits);
    // Of several rules deriving one surface, the surest wins (a brand before 总部 over the same
    // brand read off a base); among equals the first. A brand that is a place derives nothing.
    const auto sureness = [&](const Derived& d) {
      Candidate c;
      c.kind = d.kind;
      c.source = Source::kPattern;
      c.rule = d.rule;
      return base_confidence(patterns_.rules(), c);
    };
    std::vector<const Derived*> firsts(n_surfaces, nullptr);
    for (const Derived& d : names) {
      const std::size_t k = slot.at(d.surface);
      if (brand_rule(d.rule) && brand_of_slot[k] != SIZE_MAX && place[brand_of_slot[k]]) continue;
      if (firsts[k] == nullptr || sureness(d) > sureness(*firsts[k])) firsts[k] = &d;
    }
    for (std::size_t k = 0; k < firsts.size(); ++k) {
      if (firsts[k] == nullptr) continue;
      const Derived& d = *firsts[k];
      const double sure = sureness(d);
      for (const std::size_t p : occurrences[k]) {
        const std::size_t e = p + d.surface.size();
        if (is_ascii_alnum(d.surface.front()) && p > 0 && is_ascii_alnum(text[p - 1])) continue;
        if (is_ascii_alnum(d.surface.back()) && e < text.size() && is_ascii_alnum(text[e])) continue;
        bool skip = false;
        index.near(p, e, [&](std::size_t i) {
          Candidate& c = candidates[i];
          if (c.kind != d.kind || c.begin > p || c.end < e) return;
          if (c.begin == p && c.end == e && c.source == Source::kPattern && d.rule == patterns_.rules().words.definition) c.canonical = d.canonical;
          // A guess on the same span below evidence_confidence (a brand alone before 项目) takes
          // the surer rule that derived it again (its sibling in a list of firms: 、列举).
          if (c.begin == p && c.end == e && c.source == Source::kPattern && c.confidence < patterns_.rules().evidence_confidence &&
              sure > c.confidence && brand_rule(c.rule)) {
            c.rule = d.rule;
            c.canonical = d.canonical;
            c.confidence = sure;
          }
          skip = true;
        });
        if (skip) continue;
        Candidate c;
        c.begin = p;
        c.end = e;
        c.kind = d.kind;
        c.source = Source::kPattern;
        c.canonical = d.canonical;
        c.rule = d.rule;
        c.confidence = base_confidence(patterns_.rules(), c);  // before evidence (confidence.h)
        index.add(candidates.size(), c);
        candidates.push_back(std::move(c));
      }
    }
  };
  facility_brands(text, region, derived);
  place_all(derived, true);
  std::vector<Derived> listed;
  siblings(text, candidates, listed);
  place_all(listed, false);
}

}  // namespace reportlens::entities
