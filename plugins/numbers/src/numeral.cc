#include "numeral.h"

#include "reportlens/text.h"

namespace reportlens::numbers {

int NumeralChars::digit(char32_t cp) const {
  const std::size_t at = digit_chars.find(cp);
  return at == std::u32string::npos ? -1 : digit_values[at];
}

int NumeralChars::scale(char32_t cp) const {
  const std::size_t at = scale_chars.find(cp);
  return at == std::u32string::npos ? 0 : scale_powers[at];
}

std::string NumeralChars::run_chars() const {
  std::string out;
  for (const char32_t c : digit_chars + scale_chars) append_utf8(out, c);
  if (several != 0) append_utf8(out, several);
  return out;
}

namespace {

struct Composer {
  ExactDecimal above_yi;    // finished part, already multiplied by 10^8 (and more)
  ExactDecimal above_wan;   // part of the current 亿-block above 万, multiplied by 10^4
  ExactDecimal section;     // below 万: sum of digit × 十/百/千
  std::optional<ExactDecimal> pending;  // a digit or Arabic number waiting for its scale
  bool pending_is_zero_digit = false;   // 一千零五: 零 only holds a place

  ExactDecimal block() const { return section + pending.value_or(ExactDecimal()); }
  bool block_empty() const { return section.is_zero() && !pending; }
};

// Parses with 几 read as `several_digit`; nullopt when malformed.
std::optional<ParsedNumeral> parse_with(std::string_view run, int several_digit, const NumeralChars& script) {
  const char32_t several = script.several;
  ParsedNumeral out;
  Composer c;
  bool last_was_digit = false;  // the previous piece was a digit or Arabic number
  bool any_scale = false;
  int smallest_scale_in_block = 4;  // the last 十/百/千 seen since the last 万/亿
  int last_big_scale = 0;
  std::size_t i = 0;
  while (i < run.size()) {
    const unsigned char byte = static_cast<unsigned char>(run[i]);
    if (byte < 0x80) {
      // An Arabic piece: digits with separators and a decimal point.
      std::size_t j = i;
      while (j < run.size() && static_cast<unsigned char>(run[j]) < 0x80) ++j;
      if (last_was_digit) return std::nullopt;  // Chinese digit right before Arabic
      auto value = ExactDecimal::parse(run.substr(i, j - i));
      if (!value) return std::nullopt;
      c.pending = *value;
      c.pending_is_zero_digit = false;
      out.has_arabic = out.has_digit = true;
      last_was_digit = true;
      out.trailing_scale.clear();
      i = j;
      continue;
    }
    std::size_t next = i;
    const char32_t cp = next_code_point(run, next);
    int digit = script.digit(cp);
    if (cp == several) {
      digit = several_digit;
      out.is_range = true;
    }
    if (digit >= 0) {
      if (last_was_digit && !c.pending_is_zero_digit) {
        // Two digits in a row: a digit-by-digit reading (二〇二二), valid only alone.
        out.digit_sequence = true;
      }
      out.sequence.push_back(digit);
      c.pending = ExactDecimal::from_integer(static_cast<unsigned>(digit));
      c.pending_is_zero_digit = digit == 0 && cp != several;
      out.has_digit = true;
      last_was_digit = true;
      out.trailing_scale.clear();
      i = next;
      continue;
    }
    if (cp == script.point) {
      // Chinese decimal point: 七点五 = 7.5. The digits after it are the fraction.
      if (!last_was_digit || out.has_arabic) return std::nullopt;
      std::string fraction;
      std::size_t j = next;
      while (j < run.size()) {
        std::size_t k = j;
        const int d = script.digit(next_code_point(run, k));
        if (d < 0) break;
        fraction += static_cast<char>('0' + d);
        j = k;
      }
      if (fraction.empty()) return std::nullopt;
      const auto frac = ExactDecimal::parse("0." + fraction);
      c.pending = c.block() + *frac;
      c.section = ExactDecimal();
      c.pending_is_zero_digit = false;
      last_was_digit = true;
      i = j;
      continue;
    }
    const int scale = script.scale(cp);
    if (scale == 0) return std::nullopt;
    if (out.digit_sequence) return std::nullopt;  // 三四百: not read here
    any_scale = true;
    // Inside a 万-block the small scales fall (千 > 百 > 十): 千千万万 is no number.
    if (scale < 4) {
      if (scale >= smallest_scale_in_block) return std::nullopt;
      smallest_scale_in_block = scale;
    } else {
      if (scale == last_big_scale && c.block_empty()) return std::nullopt;  // 万万, 亿亿
      last_big_scale = scale;
      smallest_scale_in_block = 4;
    }
    if (scale < 4) {
      // 十/百/千 scale the digit before them (or 1: 十九, 百亿).
      const ExactDecimal multiplier = c.pending ? *c.pending : ExactDecimal::from_integer(1);
      c.section = c.section + multiplier.shifted(scale);
      c.pending.reset();
    } else if (scale == 4) {
      ExactDecimal block = c.block_empty() ? ExactDecimal::from_integer(1) : c.block();
      c.above_wan = (c.above_wan + block).shifted(4);
      c.section = ExactDecimal();
      c.pending.reset();
    } else {
      ExactDecimal block = c.above_wan + c.block();
      if (block.is_zero() && c.above_yi.is_zero()) block = ExactDecimal::from_integer(1);
      c.above_yi = (c.above_yi + block).shifted(8);
      c.above_wan = ExactDecimal();
      c.section = ExactDecimal();
      c.pending.reset();
    }
    c.pending_is_zero_digit = false;
    last_was_digit = false;
    out.trailing_scale.append(run.substr(i, next - i));
    i = next;
  }
  if (!out.has_digit && !any_scale) return std::nullopt;
  if (out.digit_sequence) {
    if (any_scale || out.has_arabic) return std::nullopt;
    std::string digits;
    for (int d : out.sequence) digits += static_cast<char>('0' + d);
    out.low = out.high = *ExactDecimal::parse(digits);
    return out;
  }
  out.sequence.clear();
  out.low = out.high = c.above_yi + c.above_wan + c.block();
  return out;
}

}  // namespace

std::optional<ParsedNumeral> parse_numeral(std::string_view run, const NumeralChars& script) {
  // A full-width comma inside a run is a thousands separator (the scanner lets it in only
  // between digit groups: 1，753亿).
  std::string ascii_groups;
  const std::string& comma = script.thousands_comma;
  if (!comma.empty() && run.find(comma) != std::string_view::npos) {
    ascii_groups.assign(run);
    for (std::size_t at; (at = ascii_groups.find(comma)) != std::string::npos;) ascii_groups.replace(at, comma.size(), ",");
    run = ascii_groups;
  }
  const char32_t several = script.several;
  auto low = parse_with(run, 1, script);
  if (!low) return std::nullopt;
  if (!low->is_range) return low;
  // 几 as the leading digit means "several tens" (几十 ≥ 20); after a scale it is 1..9.
  std::size_t k = 0;
  const bool leading = next_code_point(run, k) == several;
  if (leading) low = parse_with(run, 2, script);
  auto high = parse_with(run, 9, script);
  if (!low || !high || low->digit_sequence) return std::nullopt;
  low->high = high->low;
  return low;
}

}  // namespace reportlens::numbers
