#include "occurrences.h"

#include <cstdint>

#include "aho_corasick.h"

namespace reportlens::entities {

std::vector<std::vector<std::size_t>> find_all_occurrences(std::string_view text,
                                                           const std::vector<std::string_view>& surfaces) {
  std::vector<std::vector<std::size_t>> out(surfaces.size());
  AhoCorasick automaton;
  // Built per document for a few hundred names: a small table of full rows (the first
  // character levels) is cheaper to fill than the gazetteer's 4 MB one.
  automaton.set_dense_budget(std::size_t{1} << 16);
  constexpr std::uint32_t kNoKey = 0xFFFFFFFFu;
  std::vector<std::uint32_t> id_of(surfaces.size(), kNoKey);
  for (std::size_t i = 0; i < surfaces.size(); ++i)
    if (!surfaces[i].empty()) id_of[i] = automaton.add(surfaces[i]);
  if (automaton.key_count() == 0) return out;
  automaton.build();
  // Identical surfaces share one key id: collect per id, then hand each surface its list.
  std::vector<std::vector<std::size_t>> by_id(automaton.key_count());
  // Matches come ordered by end offset; for one key that is also the order of the begins.
  automaton.for_each_match(text, [&](std::uint32_t id, std::size_t b, std::size_t) { by_id[id].push_back(b); });
  for (std::size_t i = 0; i < surfaces.size(); ++i)
    if (id_of[i] != kNoKey) out[i] = by_id[id_of[i]];
  return out;
}

}  // namespace reportlens::entities
