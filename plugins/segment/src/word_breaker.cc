#include "word_breaker.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <cstdint>

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
  // ICU's dictionary engine runs on UTF-16; converting once (with a map back to UTF-8 byte
  // offsets) is faster than iterating a UTF-8 UText.
  thread_local icu::UnicodeString u16;
  thread_local std::vector<std::uint32_t> to_byte;  // UTF-16 index -> byte offset
  u16.remove();
  to_byte.clear();
  for (std::size_t i = 0; i < t.size();) {
    const std::size_t at = i;
    const char32_t cp = next_code_point(t, i);
    u16.append(static_cast<UChar32>(cp));
    to_byte.push_back(static_cast<std::uint32_t>(at));
    if (cp > 0xFFFF) to_byte.push_back(static_cast<std::uint32_t>(at));
  }
  to_byte.push_back(static_cast<std::uint32_t>(t.size()));

  std::unique_ptr<icu::BreakIterator> it(prototype_->clone());
  it->setText(u16);
  std::size_t consumed = 0;  // numbers extended past ICU's boundaries (bytes)
  int32_t begin = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; begin = end, end = it->next()) {
    const std::size_t eb = to_byte[static_cast<std::size_t>(end)];
    if (eb <= consumed) continue;
    const std::size_t b = std::max<std::size_t>(to_byte[static_cast<std::size_t>(begin)], consumed);
    std::size_t e = eb;
    const int32_t tag = it->getRuleStatus();
    if (tag >= UBRK_WORD_NONE && tag < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation
    const bool number = tag >= UBRK_WORD_NUMBER && tag < UBRK_WORD_NUMBER_LIMIT;
    if (number) e = extend_number(t, e);
    consumed = e;
    out.push_back({b, e, number});
  }
  return out;
}

}  // namespace reportlens::segment
