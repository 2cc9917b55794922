// Where the scanner's candidate pattern can next match, found without running the pattern.
//
// Every candidate holds a "trigger" character near its start: a numeral run starts with a
// digit or a Chinese numeral, the ordinal alternative with 第, a Roman class with I or V, and
// a stop word or fixed expression holds a numeral a few bytes in (统一, 进一步) or else is
// given its own first character as a trigger (半小时). Stop patterns count when their first
// character is a plain literal or a bracket list of literals; any other pattern turns the
// skipping off. So no match starts before (first trigger at or after pos) − lookback, and
// the regex search may begin there instead of at pos: same matches, and the regex no
// longer walks the long stretches of prose between numbers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace reportlens::numbers {

class CandidateStarts {
 public:
  // `numeral_chars`: the characters a numeral run (or the other built-in alternatives)
  // starts with. `words`: stop words and fixed expressions. `patterns`: stop patterns.
  CandidateStarts(std::u32string_view numeral_chars, const std::vector<std::string>& words,
                  const std::vector<std::string>& patterns);

  // The byte from which a search for the next candidate at or after `pos` may start
  // (>= pos, on a character boundary), or text.size() when no candidate can follow.
  std::size_t search_from(std::string_view text, std::size_t pos) const;
  // The same, also giving the trigger's position (text.size() when there is none): every
  // candidate at or after pos starts in [result, trigger] or after the trigger.
  std::size_t search_from(std::string_view text, std::size_t pos, std::size_t* trigger) const;

  // The characters every match of a stop `pattern` starts with; false when that cannot be
  // told from the pattern's text (see the file comment).
  static bool pattern_start_chars(std::u32string_view pattern, std::vector<char32_t>* chars);

  bool enabled() const { return enabled_; }
  std::size_t lookback() const { return lookback_; }

 private:
  void add_trigger(char32_t c);
  bool is_trigger(char32_t c) const;

  bool enabled_ = true;
  std::size_t lookback_ = 0;                // bytes between a match start and its trigger
  std::vector<std::uint64_t> bmp_;          // trigger bits for U+0000..U+FFFF
  std::unordered_set<char32_t> astral_;     // triggers above U+FFFF
};

}  // namespace reportlens::numbers
