#include "word_breaker.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "reportlens/text.h"

namespace reportlens::entities {

namespace {

// Creating an iterator loads rules and dictionaries: do it once per thread, not per call.
icu::BreakIterator& thread_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator;
  if (!iterator) {
    UErrorCode status = U_ZERO_ERROR;
    iterator.reset(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status) || !iterator)
      throw std::runtime_error(std::string("ICU word break iterator: ") + u_errorName(status));
  }
  return *iterator;
}

}  // namespace

std::vector<std::size_t> word_boundaries(std::string_view text) {
  // The pattern finder asks twice for the same clause when it retries a left edge through a
  // soft stop word: remember the last answer (per thread) so ICU segments it once.
  thread_local std::string last_text;
  thread_local std::vector<std::size_t> last_cuts;
  if (!last_cuts.empty() && text == last_text) return last_cuts;

  // UTF-16 index -> UTF-8 byte offset, for every code point start (and the end).
  std::vector<std::size_t> byte_at_utf16;
  byte_at_utf16.reserve(text.size() + 1);
  icu::UnicodeString u;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t cp = next_code_point(text, i);
    byte_at_utf16.push_back(start);
    if (cp > 0xFFFF) byte_at_utf16.push_back(start);  // low surrogate: same character
    u.append(static_cast<UChar32>(cp));
  }
  byte_at_utf16.push_back(text.size());

  icu::BreakIterator& it = thread_iterator();
  it.setText(u);
  std::vector<std::size_t> out;
  for (int32_t b = it.first(); b != icu::BreakIterator::DONE; b = it.next())
    out.push_back(byte_at_utf16[static_cast<std::size_t>(b)]);
  if (out.empty() || out.front() != 0) out.insert(out.begin(), 0);
  if (out.back() != text.size()) out.push_back(text.size());
  last_text.assign(text);
  last_cuts = out;
  return out;
}

}  // namespace reportlens::entities
