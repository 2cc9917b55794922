#include "metadata.h"

#include <algorithm>
#include <map>

#include "reportlens/text.h"

namespace reportlens::segment {
namespace {

bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }
bool contains_any(std::string_view s, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return contains(s, w); });
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// The year written right before the first occurrence of any of `words` ("2022年…执行情况").
std::optional<int> year_before(std::string_view text, const std::vector<std::string>& words) {
  std::size_t best = std::string_view::npos;
  for (const auto& w : words) best = std::min(best, text.find(w));
  if (best == std::string_view::npos) return std::nullopt;
  const auto ys = years_in(text.substr(0, best));
  if (ys.empty()) return std::nullopt;
  return ys.back();
}

// Region named in the delivery line ("在铁西区第十九届人民代表大会") or the title
// ("关于铁西区2022年…"). "全国人民代表大会" names the country.
std::string find_region(const TitleBlock& b, const SegmentRules& rules) {
  auto with_suffix = [&](std::string_view cand) -> std::string {
    for (const auto& suf : rules.region_suffixes)
      if (ends_with(cand, suf) && cand.size() > suf.size()) return std::string(cand);
    return "";
  };
  if (contains(b.date_line, "全国人民代表大会")) return "全国";
  if (auto at = b.date_line.find("在"); at != std::string::npos) {
    const std::size_t from = at + std::string_view("在").size();
    const std::size_t to = b.date_line.find("第", from);
    if (to != std::string::npos) {
      std::string r = with_suffix(std::string_view(b.date_line).substr(from, to - from));
      if (!r.empty()) return r;
    }
  }
  for (const std::string* src : {&b.title, &b.header}) {
    std::string_view t = *src;
    if (t.substr(0, std::string_view("关于").size()) == "关于") t.remove_prefix(std::string_view("关于").size());
    // Up to the first digit (a year or 十九届): the region name before it.
    std::size_t i = 0, cut = t.size();
    while (i < t.size()) {
      const std::size_t at = i;
      const char32_t c = decode_code_point(t, i);
      if ((c >= U'0' && c <= U'9') || c == U'十' || c == U'第' || c == U'一' || c == U'二' ||
          c == U'三' || c == U'人' || c == U'政') {
        cut = at;
        break;
      }
    }
    std::string r = with_suffix(t.substr(0, cut));
    if (!r.empty() && code_point_count(r) <= 12) return r;
  }
  return "";
}

// The city a district or county belongs to: "沈阳市铁西区" if written, else the "XX市" the
// report names most often (at least twice, XX also used bare, as in 中德（沈阳）).
std::string find_city(std::string_view text, const std::string& region, const SegmentRules& rules) {
  const std::string_view shi = "市";
  std::map<std::string, int> counts;
  for (std::size_t at = text.find(shi); at != std::string_view::npos; at = text.find(shi, at + 1)) {
    if (at < 6) continue;
    const std::string_view name = text.substr(at - 6, 6);  // two CJK characters
    std::size_t i = 0;
    const char32_t a = decode_code_point(name, i);
    const char32_t b = decode_code_point(name, i);
    if (i != 6 || !is_cjk_ideograph(a) || !is_cjk_ideograph(b)) continue;
    const std::string whole = std::string(name) + std::string(shi);
    if (std::find(rules.city_stopwords.begin(), rules.city_stopwords.end(),
                  std::string(name.substr(3)) + std::string(shi)) != rules.city_stopwords.end())
      continue;
    if (std::find(rules.city_stopwords.begin(), rules.city_stopwords.end(), whole) !=
        rules.city_stopwords.end())
      continue;
    if (!region.empty() && text.substr(at + shi.size(), region.size()) == region) return std::string(name);
    ++counts[std::string(name)];
  }
  std::string best;
  int best_count = 1;
  for (const auto& [name, n] : counts) {
    if (n <= best_count) continue;
    // Used bare too (not only as "XX市"): a name, not a word ending in 市.
    std::size_t bare = 0;
    for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1))
      if (text.substr(at + name.size(), shi.size()) != shi) ++bare;
    if (bare == 0) continue;
    best = name;
    best_count = n;
  }
  return best;
}

std::optional<int> year_from_name(std::string_view id) {
  const std::size_t slash = id.find_last_of('/');
  const auto ys = years_in(slash == std::string_view::npos ? id : id.substr(slash + 1));
  if (ys.empty()) return std::nullopt;
  return ys.front();
}

void set_missing(Json& meta, const char* key, const Json& value) {
  if (!meta.contains(key) || meta[key].is_null()) meta[key] = value;
}

std::optional<int> meta_int(const Json& meta, const char* key) {
  if (!meta.contains(key)) return std::nullopt;
  const Json& v = meta[key];
  if (v.is_number_integer()) return v.get<int>();
  if (v.is_string()) {
    try {
      return std::stoi(v.get<std::string>());
    } catch (...) {
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<int> years_in(std::string_view t) {
  std::vector<int> out;
  for (std::size_t i = 0; i + 4 <= t.size(); ++i) {
    auto d = [&](std::size_t k) { return t[k] >= '0' && t[k] <= '9'; };
    if (!d(i) || (i > 0 && d(i - 1))) continue;
    if (!(d(i + 1) && d(i + 2) && d(i + 3))) continue;
    if (i + 4 < t.size() && d(i + 4)) continue;
    const int y = std::stoi(std::string(t.substr(i, 4)));
    if (y >= 1949 && y <= 2100) out.push_back(y);
    i += 3;
  }
  return out;
}

std::string heading_scope(const std::string& title, const ReportYears& years,
                          const SegmentRules& rules) {
  const bool review = contains_any(title, rules.review_words);
  const bool plan = contains_any(title, rules.plan_words);
  if (review && !plan) return "review";
  if (plan && !review) return "plan";
  const auto ys = years_in(title);
  if (ys.size() == 1 || (ys.size() > 1 && std::all_of(ys.begin(), ys.end(), [&](int y) { return y == ys[0]; }))) {
    if (years.report_year && ys[0] == *years.report_year) return "review";
    if (years.plan_year && ys[0] == *years.plan_year) return "plan";
  }
  return "other";
}

ReportYears fill_metadata(Document& doc, const std::optional<TitleBlock>& block,
                          const std::vector<Heading>& headings, const SegmentRules& rules) {
  Json& meta = doc.meta();
  const std::string_view text = doc.normalized().text;
  const std::string_view opening = text.substr(0, std::min<std::size_t>(text.size(), 3000));
  const std::string title = block ? block->title : "";

  // Kind.
  // The title decides; without one, the opening (where "我代表国务院，向大会作政府工作报告"
  // outweighs a mention of a plan).
  std::string kind = "other";
  if (!title.empty()) {
    if (contains_any(title, rules.bulletin_words)) kind = "statistical_bulletin";
    else if (contains_any(title, rules.plan_report_words)) kind = "plan_report";
    else if (contains_any(title, rules.work_report_words)) kind = "work_report";
  }
  if (kind == "other") {
    if (contains_any(opening, rules.bulletin_words)) kind = "statistical_bulletin";
    else if (contains_any(opening, rules.work_report_words)) kind = "work_report";
    else if (contains_any(opening, rules.plan_report_words)) kind = "plan_report";
  }

  // Years. The delivery year: the meeting date, else a year in the file name.
  ReportYears y;
  if (block && !block->meeting_date.empty()) y.delivery_year = std::stoi(block->meeting_date.substr(0, 4));
  if (!y.delivery_year) y.delivery_year = year_from_name(doc.id());
  if (!y.delivery_year) y.delivery_year = year_from_name(doc.source());
  // The reviewed year: "2022年…执行情况" in the title, else a review heading's year.
  if (!title.empty()) y.report_year = year_before(title, rules.review_words);
  if (!title.empty()) {
    const auto ys = years_in(title);
    if (kind == "statistical_bulletin" && !ys.empty()) y.report_year = ys.front();
    if (y.report_year)
      for (int v : ys)
        if (v > *y.report_year) {
          y.plan_year = v;
          break;
        }
  }
  for (const auto& h : headings) {
    if (y.report_year) break;
    if (h.level != 1 || !contains_any(h.title, rules.review_words)) continue;
    const auto ys = years_in(h.title);
    if (!ys.empty()) y.report_year = ys.front();
  }
  // A work report reviews the year before it is delivered ("过去一年").
  if (!y.report_year && y.delivery_year && (kind == "work_report" || kind == "plan_report"))
    y.report_year = *y.delivery_year - 1;
  if (!y.plan_year && y.report_year && kind != "statistical_bulletin") y.plan_year = *y.report_year + 1;
  if (!y.delivery_year && kind == "work_report" && y.report_year) y.delivery_year = *y.report_year + 1;

  // Region.
  std::string region = block ? find_region(*block, rules) : "";
  if (region.empty() &&
      (contains_any(opening, rules.national_words) || (block && contains(block->speaker, "国务院"))))
    region = "全国";

  if (!title.empty()) set_missing(meta, "title", title);
  if (!region.empty()) set_missing(meta, "region", region);
  if (!region.empty() && region != "全国" && !meta.contains("city")) {
    const bool below_city = ends_with(region, "区") || ends_with(region, "县") || ends_with(region, "旗");
    if (below_city && !ends_with(region, "自治区")) {
      const std::string city = find_city(text, region, rules);
      if (!city.empty()) meta["city"] = city;
    }
  }
  if (y.report_year) set_missing(meta, "report_year", *y.report_year);
  if (y.plan_year) set_missing(meta, "plan_year", *y.plan_year);
  if (y.delivery_year) set_missing(meta, "delivery_year", *y.delivery_year);
  set_missing(meta, "kind", kind);
  if (block && !block->meeting_date.empty()) set_missing(meta, "meeting_date", block->meeting_date);

  // What is in effect now (user values win).
  ReportYears effective;
  effective.report_year = meta_int(meta, "report_year");
  effective.plan_year = meta_int(meta, "plan_year");
  effective.delivery_year = meta_int(meta, "delivery_year");
  if (effective.report_year && !effective.plan_year) effective.plan_year = *effective.report_year + 1;
  return effective;
}

}  // namespace reportlens::segment
