#include "metadata.h"

#include <algorithm>
#include <map>

#include "region.h"
#include "reportlens/text.h"
#include "word_match.h"

namespace reportlens::segment {
namespace {

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

// The first year of a level-1 heading with words of `words` ("一、2024年工作回顾").
std::optional<int> heading_year(const std::vector<Heading>& headings, const std::vector<std::string>& words) {
  for (const auto& h : headings) {
    if (h.level != 1 || !contains_any(h.title, words)) continue;
    const auto ys = years_in(h.title);
    if (!ys.empty()) return ys.front();
  }
  return std::nullopt;
}

// The year of the first level-1 heading after the review that has one ("二、2022年工作安排",
// "二、2022年经济社会发展的目标要求"): the plan year.
std::optional<int> plan_heading_year(const std::vector<Heading>& headings, const SegmentRules& rules) {
  if (const auto y = heading_year(headings, rules.plan_words)) return y;
  bool first = true;
  for (const auto& h : headings) {
    if (h.level != 1) continue;
    const bool skip = first || contains_any(h.title, rules.review_words);
    first = false;
    if (skip) continue;
    const auto ys = years_in(h.title);
    if (!ys.empty()) return ys.front();
  }
  return std::nullopt;
}

// A short line near the top naming the review and its year that the outline did not take for a
// heading ("2024年工作回顾" standing alone; read on the original lines, which the normalised
// view may have joined with the paragraph after).
std::optional<int> review_line_year(std::string_view text, const SegmentRules& rules) {
  const std::string_view head = text.substr(0, std::min<std::size_t>(text.size(), 6000));
  for (std::size_t b = 0; b < head.size();) {
    std::size_t e = head.find('\n', b);
    if (e == std::string_view::npos) e = head.size();
    const std::string_view line = head.substr(b, e - b);
    b = e + 1;
    if (code_point_count(line) > 30 || contains_any(line, rules.not_heading_marks) ||
        !contains_any(line, rules.review_words)) continue;
    const auto ys = years_in(line);
    if (!ys.empty()) return ys.front();
  }
  return std::nullopt;
}

// The years, from the most to the least direct evidence: the title ("2022年…执行情况及2023年
// …计划"), the meeting date (a work or plan report reviews the year before it is delivered, or
// the delivery year itself when delivered in a `next_year_months` month, 2022-12-30 → plan
// 2023), a review heading's year, a year in the file name (national/2019.txt; kept before the
// weaker text cues so that file-named collections read as before), a short review line, a
// later heading's plan year.
ReportYears infer_years(const Document& doc, const std::optional<TitleBlock>& block,
                        const std::vector<Heading>& headings, const std::string& kind,
                        const SegmentRules& rules) {
  const std::string title = block ? block->title : "";
  const bool review_then_plan = kind == "work_report" || kind == "plan_report";
  ReportYears y;
  std::optional<int> month;
  if (block && !block->meeting_date.empty()) {
    y.delivery_year = std::stoi(block->meeting_date.substr(0, 4));
    if (block->meeting_date.size() >= 7) month = std::stoi(block->meeting_date.substr(5, 2));
  }
  if (!title.empty()) {
    y.report_year = year_before(title, rules.review_words);
    const auto ys = years_in(title);
    if (kind == "statistical_bulletin" && !ys.empty()) y.report_year = ys.front();
    if (y.report_year)
      for (int v : ys)
        if (v > *y.report_year) {
          y.plan_year = v;
          break;
        }
  }
  if (!y.report_year && y.delivery_year && month && review_then_plan) {
    const bool late = std::find(rules.next_year_months.begin(), rules.next_year_months.end(), *month) !=
                      rules.next_year_months.end();
    y.report_year = late ? *y.delivery_year : *y.delivery_year - 1;
  }
  if (!y.report_year) y.report_year = heading_year(headings, rules.review_words);
  if (!y.delivery_year) y.delivery_year = year_from_name(doc.id());
  if (!y.delivery_year) y.delivery_year = year_from_name(doc.source());
  // A work report reviews the year before it is delivered ("过去一年").
  if (!y.report_year && y.delivery_year && review_then_plan) y.report_year = *y.delivery_year - 1;
  // Nothing dated: a review line the outline missed, a later heading's plan year.
  if (!y.report_year) y.report_year = review_line_year(doc.text(), rules);
  if (!y.report_year && review_then_plan)
    if (const auto plan = plan_heading_year(headings, rules)) y.report_year = *plan - 1;
  if (!y.plan_year && y.report_year && kind != "statistical_bulletin") y.plan_year = *y.report_year + 1;
  if (!y.delivery_year && kind == "work_report" && y.report_year) y.delivery_year = *y.report_year + 1;
  return y;
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
  // Neither says it: the head of government speaking to the congress gives its work report.
  if (kind == "other" && block && !block->date_line.empty() &&
      contains_any(block->speaker, rules.work_report_speakers))
    kind = "work_report";

  const ReportYears y = infer_years(doc, block, headings, kind, rules);

  // Region.
  std::string region = find_region(block, text, rules);
  if (region.empty() &&
      (contains_any(opening, rules.national_words) ||
       (block && contains_any(block->speaker, rules.national_speakers))))
    region = rules.national_name;

  if (!title.empty()) set_missing(meta, "title", title);
  if (!region.empty()) set_missing(meta, "region", region);
  if (!region.empty() && region != rules.national_name && !meta.contains("city")) {
    const bool below_city = ends_with_any(region, rules.below_city_suffixes);
    if (below_city && !ends_with_any(region, rules.not_below_city_suffixes)) {
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
