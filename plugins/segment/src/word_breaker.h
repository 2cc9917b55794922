// Word segmentation with ICU's dictionary-based Chinese word break, with numbers kept
// whole: 1200.2, 1.5%, 74.4, 3‰ stay one word.
//
// Fast path (same words as the BreakIterator alone, see tests/words_test.cc): a paragraph
// is cut into runs of ideographs and the text between them. Ideographs break from anything
// next to them under Unicode's word rules, so each part can be segmented on its own: the
// runs by HanDictionary (ICU's dictionary and costs, without the iterator's overheads), the
// text between by the BreakIterator, which is skipped where that text is punctuation and
// spaces only. Paragraphs holding what could join an ideograph (kana, combining marks,
// compatibility ideographs...) go to the BreakIterator whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include <unicode/brkiter.h>

#include "han_dictionary.h"

namespace reportlens::segment {

struct Word {
  std::size_t begin = 0, end = 0;  // byte offsets into the text given
  bool number = false;
};

class WordBreaker {
 public:
  enum class Engine { kFast, kBreakIteratorOnly };
  explicit WordBreaker(Engine engine = Engine::kFast);  // throws StageError without ICU data
  ~WordBreaker();
  // The words of one paragraph (valid UTF-8), replacing `out`'s contents. Thread-safe.
  void words(std::string_view utf8, std::vector<Word>& out) const;
  std::vector<Word> words(std::string_view utf8) const;

 private:
  void iterator_words(std::string_view t, std::size_t begin, std::size_t end,
                      std::vector<Word>& out) const;
  std::unique_ptr<icu::BreakIterator> prototype_;
  std::unique_ptr<HanDictionary> dictionary_;  // null: BreakIterator only
};

}  // namespace reportlens::segment
