// Clause framing: what the reader knows of a sentence before it looks at any figure — its
// clauses, quoted stretches, where estimates start, the parts of the year it names, a
// sentence-wide target cue and the years that date its clauses.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon.h"
#include "sentence_reader.h"

namespace reportlens::indicators {

struct Span {
  std::size_t begin, end;
};

struct PartialMark {
  std::size_t at;
  std::string label;  // "" : the whole year again
};

// An explicit year that dates what follows: "2023年，…", "刚刚过去的2017年，…", "到2025年…".
struct YearCue {
  std::size_t at;
  int year;
};

struct SentenceFrame {
  std::size_t begin = 0, end = 0;
  std::vector<Span> marks;   // byte span of each clause mark
  std::vector<Span> quotes;  // quoted stretches
  std::size_t estimate_at = std::string_view::npos;         // figures after it are estimates
  std::size_t sentence_target_at = std::string_view::npos;  // 主要预期目标是：…
  std::vector<PartialMark> partials;
  std::vector<YearCue> year_cues;

  // The clause holding byte `at`.
  Span clause_of(std::size_t at) const;
  bool quoted(std::size_t at) const;
};

SentenceFrame frame_sentence(std::string_view text, std::size_t begin, std::size_t end,
                             std::span<const QuantityView> quantities, const Lexicon& lex);

}  // namespace reportlens::indicators
