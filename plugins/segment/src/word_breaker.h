// Word segmentation with ICU's dictionary-based word break iterator (Chinese and Latin),
// with numbers kept whole: 1200.2, 1.5%, 74.4, 3‰ stay one word.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include <unicode/brkiter.h>

namespace reportlens::segment {

struct Word {
  std::size_t begin = 0, end = 0;  // byte offsets into the text given
  bool number = false;
};

class WordBreaker {
 public:
  WordBreaker();  // throws StageError when ICU has no Chinese word break data
  ~WordBreaker();
  // Thread-safe: each call works on its own clone of the prototype iterator.
  std::vector<Word> words(std::string_view utf8) const;

 private:
  std::unique_ptr<icu::BreakIterator> prototype_;
};

}  // namespace reportlens::segment
