#include "han_dictionary.h"

#include <unicode/ucharstrie.h>
#include <unicode/udata.h>
#include <unicode/utypes.h>

#include <limits>

namespace reportlens::segment {
namespace {

// ICU's dictionary files ("Dict" format 1): an int32 index block, then the trie. Index 0 is
// the trie's byte offset, index 4 its type (1 = UCharsTrie, | 8 = has values).
constexpr int kIndexTrieOffset = 0;
constexpr int kIndexTrieType = 4;
constexpr int kIndexTransform = 5;
constexpr std::int32_t kTrieTypeMask = 7, kTrieUChars = 1, kTrieHasValues = 8;

// What ICU's engine assumes: words of at most 20 characters, and 255 for a character the
// dictionary does not know on its own.
constexpr std::size_t kMaxWordLength = 20;
constexpr std::uint32_t kUnknownCharacterCost = 255;

UBool is_dictionary_format(void*, const char*, const char*, const UDataInfo* info) {
  return info->size >= 20 && info->isBigEndian == U_IS_BIG_ENDIAN &&
         info->charsetFamily == U_CHARSET_FAMILY && info->dataFormat[0] == 'D' &&
         info->dataFormat[1] == 'i' && info->dataFormat[2] == 'c' && info->dataFormat[3] == 't' &&
         info->formatVersion[0] == 1;
}

}  // namespace

std::unique_ptr<HanDictionary> HanDictionary::open_icu_cjdict() {
  UErrorCode status = U_ZERO_ERROR;
  UDataMemory* data = udata_openChoice(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "dict",
                                       "cjdict", is_dictionary_format, nullptr, &status);
  if (U_FAILURE(status) || data == nullptr) return nullptr;
  const auto* indexes = static_cast<const std::int32_t*>(udata_getMemory(data));
  if ((indexes[kIndexTrieType] & kTrieTypeMask) != kTrieUChars ||
      (indexes[kIndexTrieType] & kTrieHasValues) == 0 || indexes[kIndexTransform] != 0) {
    udata_close(data);
    return nullptr;
  }
  const auto* trie = reinterpret_cast<const char16_t*>(
      reinterpret_cast<const char*>(indexes) + indexes[kIndexTrieOffset]);
  return std::unique_ptr<HanDictionary>(new HanDictionary(data, trie));
}

HanDictionary::HanDictionary(UDataMemory* data, const char16_t* trie) : data_(data), trie_(trie) {
  icu::UCharsTrie walker(trie_);
  first_steps_.resize(kFirstStepEnd - kFirstStepBegin);
  for (char16_t c = kFirstStepBegin; c < kFirstStepEnd; ++c) {
    FirstStep& step = first_steps_[c - kFirstStepBegin];
    const UStringTrieResult r = walker.first(c);
    if (r == USTRINGTRIE_NO_MATCH) continue;
    step.state = walker.getState64();
    if (USTRINGTRIE_HAS_VALUE(r)) step.cost = walker.getValue();
    step.final = r == USTRINGTRIE_FINAL_VALUE;
  }
}

HanDictionary::~HanDictionary() { udata_close(data_); }

void HanDictionary::split(const char16_t* run, std::size_t n,
                          std::vector<std::uint32_t>& ends) const {
  constexpr std::uint32_t kUnreached = std::numeric_limits<std::uint32_t>::max();
  // best[i]: cost of the cheapest split of the first i characters; from[i]: where its last
  // word starts. Per-thread scratch, reused from run to run.
  thread_local std::vector<std::uint32_t> best;
  thread_local std::vector<std::uint32_t> from;
  best.assign(n + 1, kUnreached);
  from.assign(n + 1, 0);
  best[0] = 0;

  icu::UCharsTrie trie(trie_);
  for (std::size_t i = 0; i < n; ++i) {
    if (best[i] == kUnreached) continue;
    auto relax = [&](std::size_t length, std::uint32_t cost) {
      // Strictly cheaper only: on a tie the split found first (the earlier start) stays.
      if (best[i] + cost < best[i + length]) {
        best[i + length] = best[i] + cost;
        from[i + length] = static_cast<std::uint32_t>(i);
      }
    };
    // Every dictionary word that starts at i.
    bool single_known = false;
    std::size_t k = i;
    if (run[i] >= kFirstStepBegin && run[i] < kFirstStepEnd) {
      const FirstStep& step = first_steps_[run[i] - kFirstStepBegin];
      if (step.cost >= 0) {
        single_known = true;
        relax(1, static_cast<std::uint32_t>(step.cost));
      }
      if (step.state == 0 || step.final || kMaxWordLength == 1) k = n;  // no longer word
      else trie.resetToState64(step.state);
      ++k;
    } else {
      trie.reset();
    }
    for (; k < n; ++k) {
      const std::size_t length = k - i + 1;
      const UStringTrieResult r = k == i ? trie.first(run[k]) : trie.next(run[k]);
      if (USTRINGTRIE_HAS_VALUE(r)) {
        if (length == 1) single_known = true;
        relax(length, static_cast<std::uint32_t>(trie.getValue()));
        if (r == USTRINGTRIE_FINAL_VALUE) break;
      } else if (r == USTRINGTRIE_NO_MATCH) {
        break;
      }
      if (length >= kMaxWordLength) break;
    }
    if (!single_known) relax(1, kUnknownCharacterCost);
  }

  ends.clear();
  if (best[n] == kUnreached) {  // cannot happen (every character is a word), but stay whole
    ends.push_back(static_cast<std::uint32_t>(n));
    return;
  }
  for (std::size_t i = n; i > 0; i = from[i]) ends.push_back(static_cast<std::uint32_t>(i));
  for (std::size_t a = 0, b = ends.size(); a + 1 < b; ++a, --b) std::swap(ends[a], ends[b - 1]);
}

}  // namespace reportlens::segment
