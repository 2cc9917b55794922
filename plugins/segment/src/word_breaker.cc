#include "word_breaker.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "reportlens/stage.h"
#include "reportlens/text.h"

namespace reportlens::segment {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Extends a number token over what ICU splits off: a decimal part after a lone '.', a
// trailing % or ‰.
std::size_t extend_number(std::string_view t, std::size_t end) {
  for (;;) {
    if (end + 1 < t.size() && t[end] == '.' && is_digit(t[end + 1])) {
      end += 1;
      while (end < t.size() && is_digit(t[end])) ++end;
      continue;
    }
    if (end < t.size() && t[end] == '%') {
      ++end;
      continue;
    }
    if (t.substr(end, 3) == "‰") {
      end += 3;
      continue;
    }
    return end;
  }
}

}  // namespace

WordBreaker::WordBreaker() {
  UErrorCode status = U_ZERO_ERROR;
  prototype_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  if (U_FAILURE(status) || !prototype_)
    throw StageError(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
}

WordBreaker::~WordBreaker() = default;

std::vector<Word> WordBreaker::words(std::string_view t) const {
  std::vector<Word> out;
  std::unique_ptr<icu::BreakIterator> it(prototype_->clone());
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, t.data(), static_cast<int64_t>(t.size()), &status);
  if (U_FAILURE(status)) return out;
  it->setText(ut, status);
  if (U_FAILURE(status)) {
    utext_close(ut);
    return out;
  }
  std::size_t consumed = 0;  // numbers extended past ICU's boundaries
  int32_t begin = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; begin = end, end = it->next()) {
    if (static_cast<std::size_t>(end) <= consumed) continue;
    std::size_t b = std::max<std::size_t>(static_cast<std::size_t>(begin), consumed);
    std::size_t e = static_cast<std::size_t>(end);
    const int32_t status_tag = it->getRuleStatus();
    if (status_tag >= UBRK_WORD_NONE && status_tag < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation
    const bool number = status_tag >= UBRK_WORD_NUMBER && status_tag < UBRK_WORD_NUMBER_LIMIT;
    if (number) e = extend_number(t, e);
    consumed = e;
    out.push_back({b, e, number});
  }
  utext_close(ut);
  return out;
}

}  // namespace reportlens::segment
