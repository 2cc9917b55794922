// Chinese word segmentation of one run of ideographs with ICU's own Chinese/Japanese
// dictionary (the "cjdict" trie in ICU's break-iterator data) and the cost model ICU's
// dictionary break engine uses: every dictionary word carries a cost, an ideograph the
// dictionary lacks is a one-character word of cost 255, and the cheapest split wins (the
// earliest on a tie). Running this directly on a run of Han characters gives the same
// words as ICU's word BreakIterator without its per-run overheads (rule state machine,
// UText access, normalisation checks, engine look-up, vectors per run): callgrind counted
// about 1,800 instructions per ideograph through the iterator and 300 on this path.
//
// Only runs of BMP ideographs that are already NFKC-normal go through here (word_breaker
// decides); anything else (kana, compatibility ideographs, supplementary planes) stays with
// the BreakIterator, which handles them its own way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

struct UDataMemory;

namespace reportlens::segment {

class HanDictionary {
 public:
  // Null when this ICU build has no cjdict data (callers then use the BreakIterator).
  static std::unique_ptr<HanDictionary> open_icu_cjdict();
  ~HanDictionary();

  // Word boundaries inside `run` (UTF-16 code units, BMP ideographs only): `ends` receives
  // the end index of every word, ascending, the last one n. Thread-safe.
  void split(const char16_t* run, std::size_t n, std::vector<std::uint32_t>& ends) const;

 private:
  HanDictionary(UDataMemory* data, const char16_t* trie);

  // The trie's first step for every character of the CJK blocks, taken once: the root
  // node branches over tens of thousands of characters and a search there costs more
  // than the rest of a word's look-up.
  struct FirstStep {
    std::uint64_t state = 0;  // UCharsTrie::getState64(); 0 when no word starts so
    std::int32_t cost = -1;   // the one-character word's cost, -1 when it is none
    bool final = false;       // no longer word starts so
  };
  static constexpr char16_t kFirstStepBegin = 0x3000, kFirstStepEnd = 0xA000;

  UDataMemory* data_;
  const char16_t* trie_;  // a UCharsTrie; values are word costs
  std::vector<FirstStep> first_steps_;
};

}  // namespace reportlens::segment
