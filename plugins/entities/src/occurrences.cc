#include "occurrences.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "aho_corasick.h"

namespace reportlens::entities {

std::vector<std::vector<std::size_t>> find_all_occurrences(std::string_view text,
                                                           const std::vector<std::string_view>& surfaces) {
  std::vector<std::vector<std::size_t>> out(surfaces.size());
  // A few surfaces (the usual case: about ten a call on lawtext reports) are searched one by
  // one: glibc's memmem skips through Chinese text at under one instruction a byte, the
  // automaton takes about twelve a byte and must be built first. Same offsets either way.
  constexpr std::size_t kMaxSearched = 16;
  if (surfaces.size() <= kMaxSearched) {
    for (std::size_t i = 0; i < surfaces.size(); ++i) {
      const std::string_view s = surfaces[i];
      if (s.empty()) continue;
      // (a surface given twice gets the list found for its first copy)
      if (const auto first = std::find(surfaces.begin(), surfaces.begin() + static_cast<std::ptrdiff_t>(i), s);
          first != surfaces.begin() + static_cast<std::ptrdiff_t>(i)) {
        out[i] = out[static_cast<std::size_t>(first - surfaces.begin())];
        continue;
      }
      for (const char* from = text.data(); from + s.size() <= text.data() + text.size();) {
        const void* hit = memmem(from, static_cast<std::size_t>(text.data() + text.size() - from), s.data(), s.size());
        if (hit == nullptr) break;
        const char* at = static_cast<const char*>(hit);
        out[i].push_back(static_cast<std::size_t>(at - text.data()));
        from = at + 1;
      }
    }
    return out;
  }
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
