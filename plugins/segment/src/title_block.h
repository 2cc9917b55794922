// The title block that opens many reports:
//
//   铁西区十九届人大 / 二次会议文件                       (header: the session's file label)
//   关于铁西区2022年…计划（草案）的报告（书面）            (title, possibly over several lines)
//   ——2022年12月14日在铁西区第十九届人民代表大会第二次会议上   (the delivery line)
//   铁西区发展和改革局局长  曲建华                        (speaker)
//   各位代表：                                            (salutation: the speech begins)
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "rules.h"

namespace reportlens::segment {

struct TitleBlock {
  std::size_t begin = 0, end = 0;  // original byte span, first title line to speaker line
  std::string header;              // "铁西区十九届人大二次会议文件"
  std::string title;
  std::string date_line;           // "——2022年12月14日在铁西区第十九届人民代表大会第二次会议上"
  std::string speaker;             // "铁西区发展和改革局局长 曲建华"
  std::string meeting_date;        // ISO "2022-12-14", empty when the line has none
};

// Finds the title block at the start of `text` (the original document text).
std::optional<TitleBlock> find_title_block(std::string_view text, const SegmentRules& rules);

// "2022年12月14日" (ASCII, full-width or Chinese digits) → "2022-12-14"; "" when absent.
std::string parse_chinese_date(std::string_view text, const SegmentRules& rules);

// Text with spaces, ideographic spaces and zero-width characters removed, full-width
// digits folded (for titles and comparisons).
std::string compact(std::string_view text, bool keep_single_spaces = false);

}  // namespace reportlens::segment
