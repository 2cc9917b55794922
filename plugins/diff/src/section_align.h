// Aligning the sections of two reports and diffing the sentences inside aligned sections.
//
// Sections are paired by title and content similarity (so renumbered, retitled and moved
// sections are found), then each pair's own sentences are diffed with Myers on
// value-aware sentence hashes; deleted/inserted runs are paired into "changed" sentences by
// bigram similarity, and a sentence deleted in one place and inserted in another is "moved".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "doc_view.h"
#include "number_text.h"

namespace reportlens::diff {

enum class RowOp { kSame, kChanged, kRemoved, kAdded, kMovedOut, kMovedIn };

// One row of the side-by-side view: a base sentence, a compare sentence, or both.
struct Row {
  RowOp op = RowOp::kSame;
  long base = -1;     // sentence index in the base DocView
  long compare = -1;  // sentence index in the compare DocView
  double similarity = 1.0;
  std::vector<NumberChange> numbers;  // for kChanged
  long other_pair = -1;  // for moves: the pair index holding the other end
};

struct SectionPair {
  long base = -1;     // section index in base (-1: preamble or no counterpart)
  long compare = -1;
  bool preamble = false;      // the text before the first heading
  double similarity = 0;      // alignment score in [0, 1]
  bool renumbered = false, retitled = false, moved = false;
  std::vector<Row> rows;
  std::size_t unchanged = 0;
};

struct AlignOptions {
  double min_section_score = 0.3;
  double min_sentence_similarity = 0.5;
};

// Pairs in display order (by compare position, unmatched base sections after their
// predecessor).
std::vector<SectionPair> align_sections(const DocView& base, const DocView& compare,
                                        const AlignOptions& options = {});

// The JSON "sections" entries of a comparison.
Json sections_json(const DocView& base, const DocView& compare,
                   const std::vector<SectionPair>& pairs);

// Numbers that changed between two sentences (pairs by unit, in order).
std::vector<NumberChange> number_changes(const DocView& base, const SentenceView& a,
                                         const DocView& compare, const SentenceView& b);

}  // namespace reportlens::diff
