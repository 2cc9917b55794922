#include "title_block.h"

#include <algorithm>
#include <vector>

#include "chinese_numeral.h"
#include "heading.h"
#include "reportlens/text.h"
#include "word_match.h"

namespace reportlens::segment {
namespace {

struct RawLine {
  std::size_t begin, end;  // original bytes, blank characters trimmed
  std::string clean;       // compacted
};

bool is_blank(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\r' || c == 0x3000 || c == 0xA0 || is_zero_width(c);
}

// The next non-blank line from byte `pos` on (advancing `pos` past it), its blank
// characters trimmed; false at the end of the text.
bool next_raw_line(std::string_view text, std::size_t& pos, std::size_t& b, std::size_t& e) {
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    bool seen = false;
    for (std::size_t i = pos; i < eol;) {
      const std::size_t at = i;
      const char32_t c = decode_code_point(text, i);
      if (!is_blank(c)) {
        if (!seen) b = at;
        seen = true;
        e = i;
      }
    }
    pos = eol + 1;
    if (seen) return true;
  }
  return false;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}


// "——2022年12月14日在…会议上", or in brackets "（2023年1月10日在…会议上）".
bool is_dash_line(std::string_view s, const SegmentRules& rules) {
  if (starts_with_any(s, rules.dashes) && contains_any(s, rules.year_words)) return true;
  return starts_with_any(s, rules.brackets) && contains_any(s, rules.year_words) &&
         (contains_any(s, rules.meeting_words) || contains_any(s, rules.month_words));
}

// A line naming the congress and its meeting ("2020年1月5日在三明市第十三届人民代表大会第四次
// 会议上", "——在七台河市…会议上"), not a session's file label ("市十六届人大七次会议文件").
bool is_congress_line(std::string_view s, const SegmentRules& rules) {
  return contains_any(s, rules.congress_words) && contains_any(s, rules.meeting_words) &&
         !contains_any(s, rules.file_labels);
}

// Where the delivery part of a congress line starts when a title comes first on the same line
// ("政府工作报告——2022年…", "政府工作报告（2022年1月24日在…）"): the first dash or bracket
// after a prefix without the congress; 0 when the line is all delivery line.
std::size_t delivery_start(std::string_view s, const SegmentRules& rules) {
  std::size_t at = std::string_view::npos;
  for (const auto& d : rules.dashes) at = std::min(at, s.find(d));
  for (const auto& b : rules.brackets) at = std::min(at, s.find(b));
  if (at == std::string_view::npos || contains_any(s.substr(0, at), rules.congress_words)) return 0;
  return at;
}

// A title without the copy's label and trailing dashes ("原标题：政府工作报告——").
std::string clean_title(std::string title, const SegmentRules& rules) {
  for (const auto& l : rules.title_labels)
    if (starts_with(title, l)) title.erase(0, l.size());
  for (bool trimmed = true; trimmed;) {
    trimmed = false;
    for (const auto& d : rules.dashes)
      if (!title.empty() && ends_with(title, d)) {
        title.resize(title.size() - d.size());
        trimmed = true;
      }
    while (!title.empty() && title.back() == ' ') title.pop_back();
  }
  return title;
}

bool ends_speech_line(std::string_view s, const SegmentRules& rules) {
  return contains_any(s, rules.speech_marks);
}

std::size_t char_count(std::string_view s) { return code_point_count(s); }

}  // namespace

std::string compact(std::string_view text, bool keep_single_spaces) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = decode_code_point(text, i);
    if (c >= 0xFF10 && c <= 0xFF19) c = c - 0xFF10 + U'0';
    if (is_zero_width(c) || c == U'\r' || c == U'\n') continue;
    if (c == U' ' || c == U'\t' || c == 0x3000 || c == 0xA0) {
      pending_space = keep_single_spaces && !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    append_utf8(out, c);
  }
  return out;
}

std::string parse_chinese_date(std::string_view raw) {
  const std::string s = compact(raw);
  std::u32string cs;
  for (std::size_t i = 0; i < s.size();) cs.push_back(decode_code_point(s, i));
  auto is_num = [](char32_t c) { return (c >= U'0' && c <= U'9') || is_chinese_digit(c) || c == U'○'; };
  for (std::size_t y = 0; y < cs.size(); ++y) {
    if (cs[y] != U'年' || y < 4) continue;
    // Year: four digits before 年 (ASCII or 一九八五).
    int year = 0;
    bool ok = true;
    for (std::size_t k = y - 4; k < y; ++k) {
      const char32_t c = cs[k] == U'○' ? U'〇' : cs[k];
      int d = -1;
      if (c >= U'0' && c <= U'9') d = static_cast<int>(c - U'0');
      else if (auto v = parse_numeral(std::u32string(1, c)); v && *v < 10) d = *v;
      else if (c == U'〇' || c == U'零') d = 0;
      if (d < 0) {
        ok = false;
        break;
      }
      year = year * 10 + d;
    }
    if (!ok || year < 1900 || year > 2200) continue;
    auto read_part = [&](std::size_t from, char32_t unit, int& value) -> std::size_t {
      std::size_t k = from;
      while (k < cs.size() && is_num(cs[k])) ++k;
      if (k == from || k >= cs.size() || cs[k] != unit) return 0;
      auto v = parse_numeral(std::u32string_view(cs).substr(from, k - from));
      if (!v) return 0;
      value = *v;
      return k + 1;
    };
    int month = 0, day = 0;
    const std::size_t after_month = read_part(y + 1, U'月', month);
    if (after_month == 0 || month < 1 || month > 12) continue;
    char buf[16];
    if (read_part(after_month, U'日', day) != 0 && day >= 1 && day <= 31) {
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    } else {
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    }
    return buf;
  }
  return "";
}

std::optional<TitleBlock> find_title_block(std::string_view text, const SegmentRules& rules) {
  // The head of the document, up to 40 lines: the block ends where the speech starts (the
  // salutation, or the first line of prose), so lines are read only up to that one.
  constexpr std::size_t kMaxHeadLines = 40;
  std::vector<RawLine> lines;
  std::size_t stop = 0;
  for (std::size_t pos = 0, b = 0, e = 0;
       stop < kMaxHeadLines && next_raw_line(text, pos, b, e); ++stop) {
    const std::string_view raw = text.substr(b, e - b);
    if (ends_speech_line(raw, rules)) break;  // compacting keeps 。 and ；: no need to
    std::string s = compact(raw, true);
    bool salutation = false;
    for (const auto& w : rules.salutations) salutation = salutation || starts_with(s, w);
    if (salutation || char_count(s) > 60 || parse_numbered_heading(s)) break;
    lines.push_back({b, e, std::move(s)});
  }
  if (stop == 0) return std::nullopt;

  std::size_t dash = stop;
  for (std::size_t i = 0; i < stop; ++i)
    if (is_dash_line(lines[i].clean, rules)) {
      dash = i;
      break;
    }
  std::string title_on_dash_line;  // "政府工作报告" of "政府工作报告——2022年…"
  if (dash == stop)
    for (std::size_t i = 0; i < stop; ++i) {
      // The meeting may be on the next line ("…在乌鲁木齐市第十六届人民代表大会" / "第五次会议上").
      const bool congress = is_congress_line(lines[i].clean, rules) ||
                            (i + 1 < stop && is_congress_line(lines[i].clean + lines[i + 1].clean, rules) &&
                             contains_any(lines[i].clean, rules.congress_words));
      if (!congress) continue;
      dash = i;
      const std::size_t cut = delivery_start(lines[i].clean, rules);
      title_on_dash_line = lines[i].clean.substr(0, cut);
      lines[i].clean.erase(0, cut);
      // Cut before the congress: "2021年2月21日在宁波市" / "第十五届人民代表大会…".
      if (cut == 0 && i > 0 && !contains_any(lines[i].clean, rules.year_words) &&
          contains_any(lines[i - 1].clean, rules.year_words) &&
          contains_any(lines[i - 1].clean, rules.month_words)) {
        dash = i - 1;
        lines[dash].clean += lines[i].clean;
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
        --stop;
      }
      break;
    }

  TitleBlock block;
  std::size_t title_end = dash;  // title lines: [first, title_end)
  std::size_t last = dash;       // last line of the block
  if (dash < stop) {
    // The delivery line may be cut ("…第十九届" / "人民代表大会第二次会议上").
    block.date_line = lines[dash].clean;
    while (last + 1 < stop && !ends_with_any(block.date_line, rules.line_ends) && last - dash < 3) {
      ++last;
      block.date_line += lines[last].clean;
    }
    block.meeting_date = parse_chinese_date(block.date_line);
    // Speaker: up to two short lines ("国务院总理" / "李克强"). A date line there is the
    // meeting date of a delivery line without one ("——在七台河市…会议上" / "李兵" / "2021年1月14日").
    std::string speaker;
    std::size_t taken = 0;
    while (last + 1 < stop && taken < 2 && char_count(lines[last + 1].clean) <= 30) {
      ++last;
      ++taken;
      if (const std::string date = parse_chinese_date(lines[last].clean);
          block.meeting_date.empty() && !date.empty() && char_count(lines[last].clean) <= 16) {
        block.meeting_date = date;
        continue;
      }
      if (!speaker.empty()) speaker += ' ';
      speaker += lines[last].clean;
      if (char_count(speaker) > 8 && contains(speaker, " ")) break;  // "职务 姓名" complete
    }
    block.speaker = compact(speaker, true);
  } else {
    // No delivery line: a title only when the head names the document (…报告, …公报).
    // The title runs to the line that names it; a short line after it is the issuer
    // (沈阳市统计局).
    std::string joined;
    title_end = stop;
    for (std::size_t i = 0; i < stop; ++i) {
      joined += lines[i].clean;
      if (contains_any(joined, rules.document_names)) {
        title_end = i + 1;
        break;
      }
    }
    if (title_end == stop && !contains_any(joined, rules.document_names)) return std::nullopt;
    last = title_end - 1;
    if (last + 1 < stop && char_count(lines[last + 1].clean) <= 30) {
      ++last;
      block.speaker = compact(lines[last].clean, true);
    }
  }
  // Header: the leading lines up to one ending in 文件 ("…人大" / "二次会议文件").
  std::size_t first_title = 0;
  {
    std::string joined;
    for (std::size_t i = 0; i < title_end && i < 3; ++i) {
      joined += lines[i].clean;
      if (ends_with_any(joined, rules.file_labels)) {
        block.header = compact(joined);
        first_title = i + 1;
        break;
      }
    }
  }
  for (std::size_t i = first_title; i < title_end; ++i) block.title += compact(lines[i].clean);
  block.title = clean_title(block.title + compact(title_on_dash_line), rules);
  if (block.title.empty() && block.date_line.empty()) return std::nullopt;
  block.begin = lines[0].begin;
  block.end = lines[last].end;
  return block;
}

}  // namespace reportlens::segment
