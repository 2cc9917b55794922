#include "report_calendar.h"

#include <algorithm>
#include <cctype>

#include "reportlens/report_meta.h"
#include "reportlens/text.h"

namespace reportlens::indicators {

namespace {

struct YearMention {
  std::size_t at;  // byte offset of the first digit
  int year;
  std::size_t after;  // byte offset after 年
};

// The numeral ten (U+5341), five (U+4E94): the plan numbers are read from them and the digits.
constexpr char32_t kNumeralTen = 0x5341;
constexpr char32_t kNumeralFive = 0x4E94;

// Every "YYYY年" in `text` (also "2020 年": texts copied from the web have stray spaces).
std::vector<YearMention> years_in(std::string_view text, const Lexicon& lex) {
  std::vector<YearMention> out;
  for (std::size_t i = 0; i + 4 < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) continue;
    if (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) continue;
    bool four = true;
    for (int k = 1; k < 4; ++k) four = four && std::isdigit(static_cast<unsigned char>(text[i + k]));
    if (!four) continue;
    std::size_t word = i + 4;
    while (word < text.size() && text[word] == ' ') ++word;
    const std::size_t nian = lex.year_words.prefix_match(text.substr(word));
    if (nian == 0) continue;
    int year = std::stoi(std::string(text.substr(i, 4)));
    if (year >= 1949 && year <= 2100) out.push_back({i, year, word + nian});
  }
  return out;
}

// Byte offset of the first character of `text` in `set`, npos if none.
std::size_t first_of(std::string_view text, const CharSet& set) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t at = i;
    if (set.has(next_code_point(text, i))) return at;
  }
  return std::string_view::npos;
}

// `text` without leading spaces and an address to the deputies (各位代表！2021年是…): what a
// paragraph's opening says comes after it.
std::string_view after_address(std::string_view text, const Lexicon& lex) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  const std::size_t word = lex.address_openers.prefix_match(text);
  if (word == 0) return text;
  std::size_t next = word;
  if (next >= text.size() || !lex.clause_marks.has(next_code_point(text, next))) return text;
  text.remove_prefix(next);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  return text;
}

// 一 … 九 as 1 … 9 (not 两, 〇, 零: a plan or heading number is written with these), else 0.
int plain_digit(char32_t cp, const Lexicon& lex) {
  return cp != kNumeralTen && lex.heading_numerals.has(cp) ? chinese_digit_value(cp) : 0;
}

// 一、 二、 ... 十二、 at the start of a line
bool is_chinese_numeral_heading(std::string_view line, const Lexicon& lex) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  std::size_t start = i;
  while (std::size_t n = lex.heading_numerals.prefix_match(line.substr(i))) i += n;
  return i > start && lex.list_separators.prefix_match(line.substr(i)) > 0;
}

// The code point at `at` (0 past the end); *next is where the following one starts.
char32_t cp_at(std::string_view text, std::size_t at, std::size_t* next) {
  *next = at;
  if (at >= text.size()) return 0;
  return next_code_point(text, *next);
}

// "今后五年" / "未来三年" at `at`: the number of years, 0 if none.
int years_ahead_at(std::string_view text, std::size_t at, const Lexicon& lex) {
  const std::size_t word = lex.ahead_words.prefix_match(text.substr(at));
  if (word == 0) return 0;
  std::size_t next = 0;
  const char32_t cp = cp_at(text, at + word, &next);
  const int n = cp == kNumeralTen ? 10 : plain_digit(cp, lex);
  return n >= 2 && lex.year_words.prefix_match(text.substr(next)) > 0 ? n : 0;
}

}  // namespace

std::size_t to_normalized(const NormalizedText& norm, std::size_t original) {
  auto it = std::lower_bound(norm.orig_begin.begin(), norm.orig_begin.end(),
                             static_cast<std::uint32_t>(original));
  return static_cast<std::size_t>(it - norm.orig_begin.begin());
}

std::size_t OffsetsToNormalized::at(std::size_t original) {
  const auto& starts = norm_.orig_begin;
  const auto target = static_cast<std::uint32_t>(original);
  // First guess: the previous answer's shift between the texts still holds (normalising
  // changes a text in few places), which touches one spot of the map instead of several.
  if (last_ < starts.size()) {
    const auto shift = static_cast<std::int64_t>(starts[last_]) - static_cast<std::int64_t>(last_);
    const std::int64_t guess = static_cast<std::int64_t>(target) - shift;
    if (guess >= 0 && guess <= static_cast<std::int64_t>(starts.size())) {
      const auto g = static_cast<std::size_t>(guess);
      if ((g == 0 || starts[g - 1] < target) && (g == starts.size() || starts[g] >= target))
        return last_ = g;
      last_ = g;  // the search below starts from there
    }
  }
  // The answer is the first index whose start is >= target. Gallop from the previous
  // answer towards it, then binary-search the bracket found.
  std::size_t low = 0, high = starts.size();
  if (last_ < starts.size() && starts[last_] < target) {
    low = last_ + 1;
    for (std::size_t step = 1; low + step <= starts.size(); step *= 2) {
      if (starts[low + step - 1] >= target) {
        high = low + step - 1;
        break;
      }
      low += step;
    }
  } else {
    high = std::min(last_, starts.size());
    for (std::size_t step = 1; high >= step; step *= 2) {
      if (starts[high - step] < target) {
        low = high - step + 1;
        break;
      }
      high -= step;
    }
  }
  last_ = static_cast<std::size_t>(
      std::lower_bound(starts.begin() + static_cast<std::ptrdiff_t>(low),
                       starts.begin() + static_cast<std::ptrdiff_t>(high), target) -
      starts.begin());
  return last_;
}

YearSpan five_year_plan_at(std::string_view text, std::size_t at, std::size_t* length, const Lexicon& lex) {
  // The plan number: 三 … 九 (3rd … 9th), 十 (10th), 十一 … 十九 (11th … 19th), then 五.
  std::size_t next = 0;
  const char32_t first = cp_at(text, at, &next);
  int number = 0;
  if (first == kNumeralTen) {
    const std::size_t after_ten = next;
    const int unit = plain_digit(cp_at(text, after_ten, &next), lex);
    std::size_t after_unit = 0;
    // (十五五 is the fifteenth plan, 2026–2030; 十五 alone the tenth)
    if (unit > 0 && (unit != 5 || cp_at(text, next, &after_unit) == kNumeralFive)) {
      number = 10 + unit;
    } else {
      number = 10;
      next = after_ten;
    }
  } else {
    number = plain_digit(first, lex);
  }
  // The plans run in five-year steps from the third (1966–1970) on.
  if (number < 3) return {};
  std::size_t end = 0;
  if (cp_at(text, next, &end) != kNumeralFive) return {};
  // Not inside a longer numeral (二十五, 第十五) and not a plain number (十五条措施): quoted,
  // or named as a plan period.
  char32_t prev = 0;
  if (at > 0) {
    std::size_t before = at - 1;
    while (before > 0 && (static_cast<unsigned char>(text[before]) & 0xC0) == 0x80) --before;
    std::size_t unused = 0;
    prev = cp_at(text, before, &unused);
  }
  // (a digit, 十, 两 or 第 before it: part of a longer numeral or an ordinal)
  if (chinese_digit_value(prev) > 0 || prev == kNumeralTen || lex.ordinal_prefixes.suffix_match(text.substr(0, at)) > 0)
    return {};
  const std::string_view rest = text.substr(end);
  const bool quoted = lex.open_quotes.has(prev) || prev == U'"' || lex.close_quotes.prefix_match(rest) > 0 ||
                      rest.starts_with("\"");
  const bool named = lex.plan_period_tails.prefix_match(rest) > 0 || lex.plan_name_words.prefix_match(rest) > 0;
  if (!quoted && !named) return {};
  *length = end - at;
  const int start = 1966 + 5 * (number - 3);
  return {start, start + 4};
}

YearSpan ReportCalendar::plan_named_in(std::string_view heading) const {
  // The last plan a heading names is the one it plans (“十三五”时期发展成就和“十四五”时期主要目标);
  // one that ended before the planned year is a review (一、“十一五”时期…的回顾 in 2011).
  YearSpan last;
  for (std::size_t i = 0; i < heading.size();) {
    std::size_t length = 0;
    if (const YearSpan span = five_year_plan_at(heading, i, &length, lexicon_); !span.empty()) {
      last = span;
      i += length;
      continue;
    }
    std::size_t next = i;
    next_code_point(heading, next);
    i = next;
  }
  const int planned = plan_year_ != 0 ? plan_year_ : report_year_ + 1;
  if (last.empty() || planned <= 1 || last.last < planned) return {};
  return last;
}

YearSpan ReportCalendar::opening_horizon(std::string_view text) const {
  // The opening: up to the first comma or full stop, at most 120 bytes.
  const std::size_t comma = lexicon_.opening_ends.find_first(text.substr(0, 120));
  const std::string_view head = text.substr(0, std::min(comma, std::size_t{120}));
  // (every sentence asks: most openings name no plan and are done after one search)
  if (lexicon_.plan_hint_words.find_first(head) == std::string_view::npos) return {};
  // “十一五”前四年累计… / “十二五”以来… look back on a running plan: no target.
  if (lexicon_.looking_back_words.find_first(head) != std::string_view::npos) return {};
  const int planned = plan_year_ != 0 ? plan_year_ : report_year_ + 1;
  for (std::size_t i = 0; i < head.size();) {
    std::size_t length = 0;
    if (const YearSpan named = five_year_plan_at(head, i, &length, lexicon_); !named.empty()) {
      if (named.last >= planned) return named;
    } else if (const int n = years_ahead_at(head, i, lexicon_); n > 0 && planned > 1) {
      return {planned, planned + n - 1};
    }
    std::size_t next = i;
    next_code_point(head, next);
    i = next;
  }
  return {};
}

bool ReportCalendar::opens_single_year(std::string_view text, const Lexicon& lexicon) const {
  text = after_address(text, lexicon);
  if (lexicon.single_year_openers.prefix_match(text) > 0) return true;
  const int planned = plan_year_ != 0 ? plan_year_ : report_year_ + 1;
  const auto years = years_in(text.substr(0, std::min<std::size_t>(text.size(), 16)), lexicon);
  if (years.empty() || years.front().at != 0 || years.front().year != planned) return false;
  // (2021年到2025年, 2021年以来, 2021年起 are spans; 2021年1月 a date)
  const std::string_view rest = text.substr(years.front().after);
  if (rest.empty() || std::isdigit(static_cast<unsigned char>(rest.front()))) return false;
  return lexicon.year_range_words.prefix_match(rest) == 0;
}

bool ReportCalendar::opens_reviewed_year(std::string_view text, const Lexicon& lexicon) const {
  text = after_address(text, lexicon);
  std::size_t rest = lexicon.reviewed_year_openers.prefix_match(text);
  if (rest == 0) {
    const auto years = years_in(text.substr(0, std::min<std::size_t>(text.size(), 16)), lexicon);
    if (years.empty() || years.front().at != 0 || years.front().year != report_year_ || report_year_ == 0)
      return false;
    rest = years.front().after;
  }
  // (去年以来, 2021年到2025年 are spans; 2021年1月 a date)
  const std::string_view after = text.substr(rest);
  if (after.empty() || std::isdigit(static_cast<unsigned char>(after.front()))) return false;
  return lexicon.year_range_words.prefix_match(after) == 0;
}

bool ReportCalendar::plans_year_before_target_list(std::string_view sentence, const Lexicon& lexicon) const {
  const std::size_t cue = lexicon.sentence_target_cues.find_first(sentence);
  if (cue == std::string_view::npos) return false;
  const std::string_view before = sentence.substr(0, cue);
  if (lexicon.single_year_openers.find_first(before) != std::string_view::npos) return true;
  const int planned = plan_year_ != 0 ? plan_year_ : report_year_ + 1;
  for (const auto& y : years_in(before, lexicon))
    if (y.year == planned && lexicon.year_range_words.prefix_match(before.substr(y.after)) == 0) return true;
  return false;
}

void ReportCalendar::end_plans_at_year_openings() {
  // 二、“十四五”时期主要目标任务和2021年重点工作: such a section states the plan first, then
  // the year's work. The first paragraph opening with the planned year (今年…, 2021年，…) ends
  // the plan's part; the rest of the section is about that year.
  for (auto& h : section_horizons_)
    for (const auto& p : paragraphs_)
      if (p.begin > h.begin && p.begin < h.end && p.single_year) {
        h.end = p.begin;
        break;
      }
}

YearSpan ReportCalendar::horizon_at(std::size_t at) const {
  const ParagraphContext& paragraph = paragraph_at(at);
  if (paragraph.review_opener || paragraph.multi_year || paragraph.single_year || paragraph.reviewed_year) return {};
  if (!paragraph.horizon.empty()) return paragraph.horizon;
  YearSpan found;  // the innermost: nested sections come after their parent
  for (const auto& h : section_horizons_)
    if (at >= h.begin && at < h.end) found = h.years;
  return found;
}

ReportCalendar::ReportCalendar(const Document& doc, const Lexicon& lexicon) : lexicon_(lexicon) {
  infer_years(doc);
  read_sections(doc, lexicon);
  read_paragraphs(doc.normalized().text, lexicon);
  end_plans_at_year_openings();
}

void ReportCalendar::infer_years(const Document& doc) {
  // The segment stage's metadata is the one owner of the report's years and kind; without it
  // (no segment stage, no `meta:` in the pipeline) the facts are undated (period 0).
  const ReportMeta meta = read_report_meta(doc);
  report_year_ = meta.report_year;
  plan_year_ = meta.plan_year;
  kind_ = meta.kind;
  region_ = meta.region;
  if (plan_year_ == 0 && report_year_ != 0) plan_year_ = report_year_ + 1;
  if (report_year_ == 0 && plan_year_ != 0) report_year_ = plan_year_ - 1;
}

Scope ReportCalendar::classify_heading(const std::string& title, const Lexicon& lexicon) const {
  bool review = lexicon.review_heading_words.find_first(title) != std::string::npos;
  bool plan = lexicon.plan_heading_words.find_first(title) != std::string::npos;
  for (const auto& y : years_in(title, lexicon)) {
    if (y.year == plan_year_ && plan_year_ != report_year_) plan = true;
    if (y.year == report_year_ && !plan) review = review || lexicon.execution_words.find_first(title) != std::string::npos;
  }
  if (lexicon.this_year_words.find_first(title) != std::string::npos) plan = true;
  if (review && !plan) return Scope::kReview;
  if (plan && !review) return Scope::kPlan;
  return Scope::kOther;
}

void ReportCalendar::read_sections(const Document& doc, const Lexicon& lexicon) {
  const auto& norm = doc.normalized();
  const auto& given = doc.annotations("section");
  int top = 1 << 30;
  for (const auto& a : given) {
    if (a.attrs.contains("level") && a.attrs["level"].is_number_integer())
      top = std::min(top, a.attrs["level"].get<int>());
  }
  for (const auto& a : given) {
    // Only a heading that announces goals or tasks (二、“十二五”时期的主要目标和任务): one that
    // merely names the plan may hold a review of the year as well.
    const std::string title = a.attrs.value("title", std::string());
    if (lexicon.plan_heading_words.find_first(title) == std::string::npos) continue;
    if (const YearSpan years = plan_named_in(title); !years.empty())
      section_horizons_.push_back({to_normalized(norm, a.begin), to_normalized(norm, a.end), years});
  }
  for (const auto& a : given) {
    int level = a.attrs.value("level", top);
    if (level != top) continue;
    Scope scope = Scope::kOther;
    std::string declared = a.attrs.contains("scope") && a.attrs["scope"].is_string()
                               ? a.attrs["scope"].get<std::string>()
                               : "";
    if (declared == "review")
      scope = Scope::kReview;
    else if (declared == "plan")
      scope = Scope::kPlan;
    else if (declared.empty())
      scope = classify_heading(a.attrs.value("title", std::string()), lexicon);
    sections_.push_back({to_normalized(norm, a.begin), to_normalized(norm, a.end), scope});
  }
  if (!sections_.empty()) return;
  // No sections from the segment stage: top-level headings are lines "一、…".
  const std::string& text = norm.text;
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string::npos) line_end = text.size();
    std::string_view line(text.data() + line_start, line_end - line_start);
    if (line.size() < 200 && is_chinese_numeral_heading(line, lexicon)) {
      if (!sections_.empty()) sections_.back().end = line_start;
      if (!section_horizons_.empty() && section_horizons_.back().end == text.size())
        section_horizons_.back().end = line_start;
      sections_.push_back({line_start, text.size(), classify_heading(std::string(line), lexicon)});
      if (lexicon.plan_heading_words.find_first(line) != std::string_view::npos)
        if (const YearSpan years = plan_named_in(line); !years.empty())
          section_horizons_.push_back({line_start, text.size(), years});
    }
    line_start = line_end + 1;
  }
}

void ReportCalendar::read_paragraphs(const std::string& text, const Lexicon& lexicon) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ParagraphContext p{start, end};
    std::string_view raw(text.data() + start, end - start);
    while (!raw.empty() && (raw.front() == ' ')) raw.remove_prefix(1);
    // (the year an opening is about comes after an address: 各位代表！2022年是…; whether the
    // paragraph reviews several years or opens a plan is read from its first clause as written:
    // 各位代表，在过去五年中，2022年是… is about 2022)
    const std::string_view body = after_address(raw, lexicon);
    // Only a comma inside the first 120 bytes matters: look no further (paragraphs are long).
    std::size_t comma = lexicon.opening_commas.find_first(raw.substr(0, 122));
    std::string_view opening = raw.substr(0, std::min<std::size_t>(comma, 120));
    std::size_t hit = lexicon.review_openers.find_first(opening);
    p.review_opener = hit != std::string_view::npos && hit <= 24;
    // 五年来 / 过去五年 / …以来的五年 open a multi-year review; a plan paragraph that merely
    // names 十四五 does not (it is no review).
    // (去年是…“十三五”规划的收官之年 / 2021年是“十四五”开局之年 name a plan but are about one
    // year; 2015年是“十二五”收官之年。过去五年，… goes on to review the five years)
    p.multi_year = (p.review_opener || lexicon.review_span_words.find_first(opening) != std::string_view::npos) &&
                   lexicon.multi_year_openers.find_first(opening) != std::string_view::npos;
    p.reviewed_year = opens_reviewed_year(body, lexicon);
    if (p.multi_year && p.reviewed_year) {
      const std::size_t first_end = first_of(opening, lexicon.sentence_ends);
      const std::string_view rest = first_end == std::string_view::npos ? std::string_view() : opening.substr(first_end);
      p.multi_year = lexicon.multi_year_openers.find_first(rest) != std::string_view::npos;
    }
    if (p.multi_year) p.reviewed_year = false;
    // “十三五”时期… / 今后五年，… open a paragraph about a multi-year plan.
    // (今年是“十五五”开局之年，… names the plan but is about the year)
    p.single_year = !p.review_opener && !p.multi_year && opens_single_year(body, lexicon);
    if (!p.review_opener && !p.multi_year && !p.single_year && !p.reviewed_year) p.horizon = opening_horizon(raw);
    paragraphs_.push_back(p);
    if (end == text.size()) break;
    start = end + 1;
  }
}

Scope ReportCalendar::scope_at(std::size_t at) const {
  for (const auto& s : sections_)
    if (at >= s.begin && at < s.end) return s.scope;
  return Scope::kOther;
}

const ParagraphContext& ReportCalendar::paragraph_at(std::size_t at) const {
  static const ParagraphContext kNone{};
  auto it = std::upper_bound(paragraphs_.begin(), paragraphs_.end(), at,
                             [](std::size_t v, const ParagraphContext& p) { return v < p.begin; });
  if (it == paragraphs_.begin()) return kNone;
  --it;
  return at <= it->end ? *it : kNone;
}

}  // namespace reportlens::indicators
