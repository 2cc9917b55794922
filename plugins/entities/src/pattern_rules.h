// The word lists behind pattern matching (data/patterns.yaml, extendable with the
// `pattern_rules:` setting): name endings per kind, and the stop lists that find where a
// name starts and reject generic mentions.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "entity_kind.h"

namespace YAML {
class Node;
}

namespace reportlens::entities {

struct NameEnding {
  std::string text;  // normalised, e.g. "产业园"
  EntityKind kind;
  // A class noun that never ends a name itself (企业): it only types the items of a list
  // before 等 ("引进甲、乙等龙头企业").
  bool list_only = false;
};

struct PatternRules {
  std::vector<NameEnding> endings;
  // Characters that, right after an ending, show it is not the end of a name (集团化, 公司制).
  std::vector<std::string> ending_breakers;
  // Words a name never starts with or contains as a whole word: verbs (打造, 推进, 新建),
  // prepositions and conjunctions (以, 与, 和), determiners and scope words (各类, 全区).
  std::vector<std::string> stop_words;
  // One-character prepositions that word segmentation glues to the word before them
  // (国投|向 -> 投向): a word ending in one ends the name walk. Not 为/和 (华为, 中和).
  std::vector<std::string> glued_prepositions;
  // One-character stop words that may also be part of a name (retried, see stem()).
  std::vector<std::string> soft_stop_chars;
  // One-character stop words that are the second character of many brands (华为, 中和, 新和成):
  // after a lone character that follows a boundary they are read as part of the name, unless
  // that character is in non_brand_chars (a verb, pronoun or region: 改为, 省和市).
  std::vector<std::string> brand_stop_chars;
  std::vector<std::string> non_brand_chars;
  // Words that are generic inside names (国家开发投资集团) but govern a proper name after them as
  // their object (外商投资开发洋浦经济开发区): followed by a non-generic word, they end the walk.
  std::vector<std::string> object_verbs;
  // Class nouns after "X等" that say X is no firm (株洲电子研究所等一百多个科研单位).
  std::vector<std::string> non_firm_classes;
  // Words right after a gazetteer surface that make it part of a longer noun phrase
  // (中国石油产量: China's oil output, not the firm).
  std::vector<std::string> surface_breakers;
  // Words that only say what class of thing it is (特色, 配套, 口袋, 中试): a stem made only
  // of them is a generic mention, not a name.
  std::vector<std::string> generic_words;
  // A stem starting with one of these is a title or designation (国家…示范基地), not a site.
  std::vector<std::string> designation_prefixes;
  // A stem containing one of these is a designation (示范, 试点, 标杆).
  std::vector<std::string> designation_markers;
  // Counter characters: numeral + counter (4所, 2个, 三户, 四大) before a name ending marks a
  // count of generic things.
  std::vector<std::string> counters;
  // Numeral + date unit (2022年, 5月) before a name: the name starts after it.
  // After a Chinese numeral these date units make a date only when a numeral follows
  // (一月十八日); reports write dates in digits, so 十月稻田 is a brand.
  std::vector<std::string> loose_date_units;
  std::vector<std::string> date_units;
  // Endings for which "A、B等<generic ending>" does NOT make A and B entities.
  std::vector<std::string> list_rule_skips;
  // Characters that, right after a list-only class noun, show it is part of a longer word
  // (企业家, 企业界): no list then.
  std::vector<std::string> list_noun_breakers;
  // Items before 等 + a list-only class noun ending in one of these are not firms (创新中心,
  // 研究院, 大学): skipped.
  std::vector<std::string> non_firm_endings;
  // Canonical names of pattern matches: legal-form endings rewritten to one spelling
  // (有限公司 -> 公司), longest first; see canonical_name().
  std::vector<std::pair<std::string, std::string>> canonical_suffixes;
  // Administrative suffixes of a region name at the start of a pattern name (沈阳市, 铁西区):
  // dropped from the canonical name when a name is left.
  std::vector<std::string> region_suffixes;
  // Names one document defines and then uses in short (document_names.h):
  // markers of a definition in brackets after a name (以下简称 ...),
  std::vector<std::string> short_form_markers;
  // legal and group endings a firm's short form drops (有限公司, 集团),
  std::vector<std::string> short_form_endings;
  // endings of a site named brand + place (比亚迪合肥工厂 -> 比亚迪),
  std::vector<std::string> site_endings;
  // last characters of a place or institution, never a brand before a park (中关村…基地),
  std::vector<std::string> place_suffixes;
  // and endings of public places that name a mall in a commercial clause (万达广场 … 开业).
  std::vector<std::string> commercial_endings;
  std::vector<std::string> commercial_markers;
  // Abbreviations that, standing alone in a local report, name that place's own zone or park
  // (经开区 in a Shenyang report is 沈阳经济技术开发区): surface, kind, full form.
  struct LocalAbbreviation {
    std::string surface;
    EntityKind kind;
    std::string full;
  };
  std::vector<LocalAbbreviation> local_abbreviations;
  // Words right before such an abbreviation that make it a class again (各类高新区, 全市经开区).
  std::vector<std::string> local_qualifiers;
  // Nouns after a brand + generic words (华晨宝马全新动力电池项目), and whether the brand may
  // stand right before it (讯飞总部: yes; 民生项目: no).
  std::vector<std::pair<std::string, bool>> brand_facilities;
  // Nouns that end the last item of a list of firms (甲集团、乙重装产值分别增长): 产值, 分别 ...
  std::vector<std::string> item_predicates;
  // Longest brand taken from before a park name (普洛斯智慧物流仓储产业园 -> 普洛斯).
  std::size_t max_brand_chars = 5;
  // Nouns after which only the items of a list before 等 give brands (甲精细化工、乙铜产业链等
  // 项目 -> 甲, 乙), and a single name before them only in a firm-like context (see below).
  std::vector<std::string> brand_list_facilities;
  // Words around a name that show a firm acting (投产, 签约, 落地 ...): a brand before a
  // project counts when one follows the project, and they raise a name's confidence.
  std::vector<std::string> firm_contexts;
  // Words right after 项目 that make a single brand + product before it a firm (签约, 投产 …).
  std::vector<std::string> project_firm_contexts;
  // An ending that names only with one of its words earlier in the same sentence (片区 of a
  // free trade zone: 自贸试验区 … 大连片区): that is its evidence.
  std::vector<std::pair<std::string, std::vector<std::string>>> ending_contexts;
  // Ranking words right after a base or a bare 园区 that make it a named site (入围, 获评).
  std::vector<std::string> site_rankings;
  // An ending that needs evidence and its full forms (新区: 国家级新区): the document writing the
  // same stem with a full form (甲国家级新区 … 甲新区), or the full form right after the name in
  // its clause (甲新区获批国家级新区), confirms it; a full-form name whose stem already ends in
  // the ending (甲新区国家级新区) is the name + its designation, not a name.
  std::vector<std::pair<std::string, std::vector<std::string>>> ending_full_forms;
  // Words between a brand and 总部 that qualify the headquarters (区域, 华南 ...), not the brand.
  std::vector<std::string> hq_qualifiers;
  // Items before 项目 ending in these are places, not a firm's project (…公园, …枢纽, …立交).
  std::vector<std::string> non_firm_project_tails;
  // A park whose stem ends in one of these is a national designation (…国家湿地公园).
  std::vector<std::string> park_designation_suffixes;
  // Confidence of a pattern candidate by the name ending that fired (基地: 0.4) and by the
  // document-level rule (园区品牌: 0.6); anything else has default_confidence. Evidence from
  // the document adds evidence_bonus (see confidence.h).
  std::vector<std::pair<std::string, double>> ending_confidence;
  std::vector<std::pair<std::string, double>> rule_confidence;
  // Where a name may start and what it may be (`boundaries:` in patterns.yaml, issue 21).
  struct Boundaries {
    // A stem starting with a quantity is a description (百公里环城绿道, 百万蛋种鸡产业园,
    // 5万吨永磁): numerals then one of these units, or two numerals ending in a magnitude.
    std::vector<std::string> quantity_units;
    std::u32string magnitudes;
    // A stem ending in one of these is a class (全龄友好型公园).
    std::vector<std::string> class_suffixes;
    // A zone whose stem ends in one of these is a road through it (滨河路经开区一期).
    std::vector<std::string> road_suffixes;
    // Function characters a name never starts with (与北仑港综合保税区 -> 北仑港综合保税区).
    std::vector<std::string> leading_function_chars;
    // Endings of concepts when the name stands in a quotation (“产业大脑+晨星工厂”, “海天工厂”).
    std::vector<std::string> quoted_concept_endings;
    // What follows a place somewhere in the document (土右旗, 正定片区, 环渤海地区, 莱州港): a
    // brand read off a park or project that the document uses so is a place, not a firm; not
    // when the marker starts a longer word (区域, 市场).
    std::vector<std::string> place_markers;
    std::vector<std::string> place_marker_breakers;
    // Markers of a province or city: firms are named after those (西安奕斯伟), so they make only
    // a whole brand a place, not its start.
    std::vector<std::string> city_markers;
    // A brand whose second or third character is one of these opens with a district (昆区…).
    std::vector<std::string> lead_region_suffixes;
    // After a local abbreviation, actions over every such site: the abbreviation is a class
    // (化工园区整治提升, 高新区全覆盖).
    std::vector<std::string> class_actions;
    // 中德、中俄等园区: China's character and a partner country's name a bilateral park.
    std::string bilateral_lead;
    std::u32string bilateral_partners;
    bool bilateral(std::string_view name) const;
  } boundaries;
  // Words and labels the code refers to by their role (`words:` in patterns.yaml), so that the
  // C++ sources hold no Chinese: the list marker 等, the rule names written to `rule` …
  struct Words {
    std::string etc, particle, ordinal, china, firm, bare_park, park_char, base, comma;
    std::vector<std::string> joints;  // connectors inside a product (与, 和, 及)
    // Suffixes of the document's own place names by level (省; 市; 区 县 市).
    std::vector<std::string> province_suffixes, city_suffixes, district_suffixes;
    std::u32string count_numerals;    // numerals of a count after 等 (等3000余个)
    std::u32string trailing_count_numerals;  // a count after an abbreviation makes it a class (森林公园3个)
    std::u32string numerals;          // Chinese numerals (一 … 十 百 千 万 …)
    std::u32string short_form_openers;  // what may stand between a definition marker and the short form
    std::u32string sentence_ends;       // marks that end a sentence (besides a line break)
    // Labels of the document-level rules (the `rule` attribute).
    std::string definition, short_form, park_in_park, park_brand, base_brand, project_brand, project_list,
        project_single, project_context, descriptive_name, sibling, local_abbreviation, listed_again;
  } words;
  double default_confidence = 0.85;
  double gazetteer_confidence = 0.95;
  double evidence_bonus = 0.3;
  // A found firm vouches for its 、-list siblings only when it is this sure itself.
  double vouch_confidence = 0.85;
  // A name counts as evidence for another (a firm inside a base, a park next to a park) when
  // it is this sure.
  double evidence_confidence = 0.5;
  std::size_t min_stem_chars = 2;
  std::size_t max_stem_chars = 18;
  // A park named only by what it makes (集成电路装备产业园, 高端电子化学品产业园) is generic by its
  // words, but names one site when it is built as a listed project (confidence.cc): these
  // endings give such a stem of at least descriptive_min_chars as a candidate (rule
  // words.descriptive_name, its own low confidence) instead of nothing.
  std::vector<std::string> descriptive_park_endings;
  std::size_t descriptive_min_chars = 5;
  // The same for firms (数字产业发展公司), whose evidence is being founded: a founding_contexts
  // word right after the name, founding_adverbs allowed between (成功组建).
  std::vector<std::string> descriptive_firm_endings;
  std::vector<std::string> founding_contexts;
  std::vector<std::string> founding_adverbs;
  // Words that keep a listed base or park, or a founded firm, from counting (物流, 试验 …).
  std::vector<std::string> listed_site_exclusions;

  // Merges one YAML file into these rules. Throws StageError "file:line: ..." when malformed.
  void load_file(const std::filesystem::path& file);
  // The walk over one file's tree (load_file reads the file).
  void read_rules(const std::string& file, const YAML::Node& root);
};

}  // namespace reportlens::entities
