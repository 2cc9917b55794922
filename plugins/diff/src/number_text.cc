#include "number_text.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <functional>

namespace reportlens::diff {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with(std::string_view text, std::size_t at, std::string_view prefix) {
  return text.substr(at, prefix.size()) == prefix;
}

// A unit that begins with the scale word at `at` (千瓦时 after 3): the word is not a scale there.
bool unit_begins_with_scale(std::string_view text, std::size_t at, std::string_view scale,
                            const NumberWords& words) {
  for (const auto& u : words.not_scales)
    if (u.compare(0, scale.size(), scale) == 0 && starts_with(text, at, u)) return true;
  return false;
}

std::uint64_t fnv(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::vector<NumberMention> parse_numbers(std::string_view text, const NumberWords& words) {
  std::vector<NumberMention> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i]) || (i > 0 && (std::isalpha(static_cast<unsigned char>(text[i - 1])) ||
                                         text[i - 1] == '.'))) {
      ++i;
      continue;
    }
    // Digits with optional thousands separators and one decimal part.
    std::size_t j = i;
    std::string digits;
    while (j < text.size()) {
      if (is_digit(text[j])) {
        digits += text[j++];
      } else if (text[j] == ',' && !digits.empty() && j + 3 < text.size() &&
                 is_digit(text[j + 1]) && is_digit(text[j + 2]) && is_digit(text[j + 3]) &&
                 (j + 4 >= text.size() || !is_digit(text[j + 4]))) {
        ++j;  // 1,200.2: a comma followed by exactly three digits groups thousands
      } else {
        break;
      }
    }
    if (j + 1 < text.size() && text[j] == '.' && is_digit(text[j + 1])) {
      digits += text[j++];
      while (j < text.size() && is_digit(text[j])) digits += text[j++];
    }
    // A number glued to Latin letters (5G, i3, PM2.5) is part of a name.
    if (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) {
      i = j;
      continue;
    }
    NumberMention m;
    m.begin = i;
    m.surface = std::strtod(digits.c_str(), nullptr);
    if (digits.size() == 4 && digits.find('.') == std::string::npos && m.surface >= 1900 &&
        m.surface <= 2099 && starts_with(text, j, words.year_suffix)) {
      m.is_year = true;
      m.value = m.surface;
      m.end = j;
      out.push_back(std::move(m));
      i = j;
      continue;
    }
    for (const auto& [word, factor] : words.scales) {
      if (starts_with(text, j, word) && !unit_begins_with_scale(text, j, word, words)) {
        m.scale = factor;
        m.scale_text = word;
        j += word.size();
        break;
      }
    }
    m.value = m.surface * m.scale;
    m.end = j;
    for (const std::string& u : words.units) {
      if (starts_with(text, j, u)) {
        m.unit = u;
        break;
      }
    }
    out.push_back(std::move(m));
    i = j;
  }
  return out;
}

SentenceKey make_sentence_key(std::string_view text, int report_year, const NumberWords& words) {
  SentenceKey key;
  const auto numbers = parse_numbers(text, words);
  std::size_t at = 0;
  std::uint64_t values = 0;
  for (const auto& n : numbers) {
    key.skeleton.append(text.substr(at, n.begin - at));
    if (n.is_year && report_year > 0) {
      const int offset = static_cast<int>(n.value) - report_year;
      key.skeleton += "\x02" + std::to_string(offset);
    } else if (n.is_year) {
      key.skeleton += std::to_string(static_cast<int>(n.value));
    } else {
      key.skeleton += '\x01';
      // 9 significant digits: 1200.2亿 written as 12002000万 is the same value.
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.9g|", n.value);
      values = fnv(buf, values ^ 0x9e3779b97f4a7c15ull);
      key.numbers.push_back(n);
    }
    at = n.end;
  }
  key.skeleton.append(text.substr(at));
  // Whitespace never carries meaning in Chinese running text.
  std::string compact;
  compact.reserve(key.skeleton.size());
  for (char c : key.skeleton)
    if (c != ' ' && c != '\n' && c != '\t') compact += c;
  key.skeleton = std::move(compact);
  key.shape_hash = fnv(key.skeleton);
  key.value_hash = fnv(key.skeleton) ^ (values * 0x100000001b3ull + key.numbers.size());
  return key;
}

std::optional<NumberChange> describe_change(const NumberMention& base,
                                            const NumberMention& compare,
                                            std::string_view base_surface,
                                            std::string_view compare_surface,
                                            const Labels& labels) {
  if (base.unit != compare.unit) return std::nullopt;
  NumberChange c;
  c.base_text = std::string(base_surface);
  c.compare_text = std::string(compare_surface);
  c.delta = compare.value - base.value;
  const bool rate = base.unit == "%" || base.unit == "‰";
  // A rate moves in percentage points; a level in its own unit, shown at the base's scale.
  const double shown = c.delta / base.scale;
  c.delta_text = (shown >= 0 ? "+" : "") + format_number(shown) +
                 (rate ? (base.unit == "%" ? labels.text("figures", "percentage_point") : "‰")
                      : base.scale_text + base.unit);
  if (!rate && base.value != 0)
    c.percent = std::round(c.delta / std::fabs(base.value) * 1000.0) / 10.0;
  return c;
}

}  // namespace reportlens::diff
