// Every occurrence of many surfaces in one text, found in one Aho–Corasick pass.
//
// The document-level passes ask "where else does this name occur?" for every name they
// derive. Asking string search once per name costs names × text length, and the number of
// names grows with the text, so a long document (a 4 MB report with no line breaks, a
// concatenated batch) took quadratic time. One automaton over all the names costs text
// length + matches; up to 16 names are still searched one by one (memmem is over ten times
// faster a byte than the automaton, and the bound keeps the cost linear).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace reportlens::entities {

// Begin byte offsets of every occurrence of surfaces[i] in `text` (ascending; overlapping
// occurrences included, as repeated string search from p + 1 would find them). An empty
// surface has none.
std::vector<std::vector<std::size_t>> find_all_occurrences(std::string_view text,
                                                           const std::vector<std::string_view>& surfaces);

}  // namespace reportlens::entities
