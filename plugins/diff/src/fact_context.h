// The words around an indicator fact inside its clause (惠及|居民1.6万余户, 对|51个老旧小区|实施改造提升),
// used to tell apart different facts that share a vague metric noun (居民, 项目) across years.
#pragma once

#include <cstddef>
#include <string>

#include "diff_words.h"
#include "similarity.h"

namespace reportlens::diff {

struct FactContext {
  std::string left, right;  // up to `window` code points each side, numbers masked as '#'
  BigramSet grams;          // bigrams of left + '|' + right
  bool from_previous_clause = false;  // the fact is a clause of its own: `left` is the one before
  bool empty() const { return left.empty() && right.empty(); }
};

// Clause = the text between the nearest delimiters (words.context_delimiters: ，。；：、 …,
// and line breaks) around [begin, end) (bytes into `text`). When the fact is the whole clause,
// the end of the previous clause of the same sentence (not after a context_sentence_stops
// word) stands in as its left context.
FactContext fact_context(const std::string& text, std::size_t begin, std::size_t end,
                         const DiffWords& words, std::size_t window = 6);

// Overlap coefficient |A∩B| / min(|A|,|B|) of the two contexts' bigrams: 1 when the shorter
// context is wholly inside the longer (实现签约 in 职业培训中心等12个项目实现签约). 0 when either
// side has no context words.
double context_agreement(const FactContext& a, const FactContext& b);

// Number of code points of a UTF-8 string.
std::size_t code_point_count(const std::string& s);

}  // namespace reportlens::diff
