// Names one document introduces once and then uses in other forms. A report names a firm in
// full once and in short afterwards, lists firms side by side, and names a park after the
// firm that runs it; none of these short forms has a name ending, and no gazetteer of an
// unseen region lists them. This pass reads them off the document itself:
//
//  1. Definitions: 安徽江淮汽车集团股份有限公司（以下简称江淮汽车） makes 江淮汽车 a name of the
//     same entity (kind and canonical name of the long form).
//  2. Short forms of pattern firms: 沈鼓集团 -> 沈鼓 (legal or group ending dropped),
//     中信重工机械股份有限公司 -> 中信重工 (trailing industry words dropped), 合肥长鑫存储技术
//     有限公司 -> 长鑫存储 (the document's own place name dropped too), 比亚迪合肥工厂 -> 比亚迪
//     (a site named brand + place of this document).
//  3. Brands before a park: 普洛斯智慧物流仓储产业园 -> the firm 普洛斯 (what follows the brand is
//     generic); 中德园新能源汽车产业园 -> the park 中德园.
//     Likewise before a project or a headquarters: 华晨宝马全新动力电池项目 -> 华晨宝马,
//     甲、乙储能与动力电池等项目 -> 甲 and 乙, 讯飞总部 -> 讯飞.
//  4. Malls: a 广场 name in a commercial clause (开业, 商业综合体, 商圈 ...) is a firm, not a
//     public square.
//  5. Siblings in a 、-list: in 赛轮轮胎、顺达重矿、特变沈变 one firm known makes the other
//     name-like items firms.
//  6. Local abbreviations: 经开区, 高新区, 化工园 standing alone in a local report name the
//     place's own zone or park (canonical: city + full form, 沈阳经济技术开发区).
// Every derived surface is then found wherever it occurs in the document. Short forms must
// not be generic, a designation, one dictionary word (市政, 机床, 保安 are common nouns) or a
// place name of the document.
#pragma once

#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "candidate.h"
#include "pattern_finder.h"
#include "region.h"

namespace reportlens::entities {

class DocumentNames {
 public:
  explicit DocumentNames(const PatternFinder& patterns) : patterns_(patterns) {}

  // Adds the candidates the document's own names imply to `candidates` (normalised text,
  // byte offsets) and retypes malls. `region` gives the place names a short form drops.
  void extend(std::string_view text, const Region& region, std::vector<Candidate>& candidates) const;

 private:
  struct Derived {
    std::string surface;
    EntityKind kind;
    std::string canonical;
    std::string rule;
  };
  void definitions(std::string_view text, const std::vector<Candidate>& found, std::vector<Derived>& out) const;
  void short_forms(std::string_view text, const Region& region, const Candidate& c, std::vector<Derived>& out) const;
  // What park_brand asks about the document's names, gathered once (asking every name per
  // park was quadratic in the document's length).
  struct FoundNames {
    std::map<std::string_view, std::set<std::string_view>> by_first_two;  // parks and firms by their first two characters
    std::set<std::string_view> zone_prefixes;  // every prefix of a zone's surface
    std::set<std::string_view> zone_places;    // the first two characters of a zone (深汕 of 深汕特别合作区)
    std::set<std::string_view> firm_bases;     // firms without a legal or group ending
  };
  FoundNames found_names(std::string_view text, const std::vector<Candidate>& found) const;
  void park_brand(std::string_view text, const Region& region, const Candidate& c, const FoundNames& names,
                  std::vector<Derived>& out) const;
  // Where the 等 before a class noun at `noun` ends (等60个产业项目), or npos.
  std::size_t etc_before_class(std::string_view text, std::size_t noun) const;
  // The 、 that opens the list item ending at `item_end` (within a few name characters), or npos.
  std::size_t comma_before_item(std::string_view text, std::size_t item_end) const;
  // Does a project_firm_contexts word (签约, 投产 …) start at `p`?
  bool firm_context_at(std::string_view text, std::size_t p) const;
  void retype_zone_parts(std::vector<Candidate>& candidates) const;
  void retype_malls(std::string_view text, std::vector<Candidate>& candidates) const;
  void facility_brands(std::string_view text, const Region& region, std::vector<Derived>& out) const;
  void facility_brands_before(std::string_view text, const Region& region, std::string_view facility, bool empty_tail_ok,
                              bool list_only, std::vector<Derived>& out) const;
  // The brand at the start of `name` when the rest is generic (a product or an activity).
  std::string_view brand_of(std::string_view name, const Region& region, bool empty_tail_ok) const;
  void local_abbreviations(std::string_view text, const Region& region, std::vector<Candidate>& candidates) const;
  std::vector<bool> places_among(std::string_view text, const std::vector<std::string_view>& brands,
                                 const std::vector<std::vector<std::size_t>>& lead_hits) const;
  bool brand_rule(const std::string& rule) const;
  void siblings(std::string_view text, const std::vector<Candidate>& found, std::vector<Derived>& out) const;
  // The document's place names with their suffixes (words.*_suffixes), longest first.
  std::vector<std::string> place_names(const Region& region) const;
  // Can `name` stand alone as a short name (see above)? `min_chars` for names cut down further.
  bool short_name_ok(std::string_view name, const Region& region, std::size_t min_chars) const;

  const PatternFinder& patterns_;
};

}  // namespace reportlens::entities
