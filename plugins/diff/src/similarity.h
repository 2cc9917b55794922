// Character-bigram similarity, the measure used to pair changed sentences and to align
// sections by content. Bigrams of code points suit Chinese, which has no word spaces.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace reportlens::diff {

// Sorted, de-duplicated hashes of the code point bigrams of `text`.
using BigramSet = std::vector<std::uint64_t>;
BigramSet bigrams(std::string_view text);

// Dice coefficient 2|A∩B| / (|A|+|B|) in [0, 1]; linear merge of the sorted sets.
double dice(const BigramSet& a, const BigramSet& b);

// Convenience: dice(bigrams(a), bigrams(b)).
double text_similarity(std::string_view a, std::string_view b);

}  // namespace reportlens::diff
