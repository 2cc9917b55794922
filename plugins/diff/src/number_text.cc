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

struct Scale {
  std::string_view text;
  double factor;
};
// Longest first, so 万亿 wins over 万.
constexpr std::array<Scale, 4> kScales{{{"万亿", 1e12}, {"亿", 1e8}, {"万", 1e4}, {"千", 1e3}}};

// Units a number may carry, longest first where one is a prefix of another. The list only
// has to keep the unit next to its number in the skeleton; unknown counters are simply
// left in the skeleton text, which is equally correct for equality.
constexpr std::array<std::string_view, 40> kUnits{
    "个百分点", "百分点", "平方公里", "平方米", "千瓦时", "千伏", "美元", "欧元", "元",
    "%", "‰", "倍", "人次", "户次", "人", "名", "位", "户", "公里", "千米", "米", "亩",
    "公顷", "吨", "斤", "个", "家", "项", "座", "所", "套", "台", "辆", "件", "场", "处",
    "条", "天", "小时", "㎡"};

std::uint64_t fnv(std::string_view s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::vector<NumberMention> parse_numbers(std::string_view text) {
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
        m.surface <= 2099 && starts_with(text, j, "年")) {
      m.is_year = true;
      m.value = m.surface;
      m.end = j;
      out.push_back(std::move(m));
      i = j;
      continue;
    }
    for (const auto& s : kScales) {
      // 千 only scales when a unit follows that is not 千瓦时/千伏/千米 itself.
      if (starts_with(text, j, s.text) &&
          !(s.text == "千" && (starts_with(text, j, "千瓦") || starts_with(text, j, "千伏") ||
                               starts_with(text, j, "千米")))) {
        m.scale = s.factor;
        m.scale_text = std::string(s.text);
        j += s.text.size();
        break;
      }
    }
    m.value = m.surface * m.scale;
    m.end = j;
    for (std::string_view u : kUnits) {
      if (starts_with(text, j, u)) {
        m.unit = std::string(u);
        break;
      }
    }
    out.push_back(std::move(m));
    i = j;
  }
  return out;
}

SentenceKey make_sentence_key(std::string_view text, int report_year) {
  SentenceKey key;
  const auto numbers = parse_numbers(text);
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

std::string format_number(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s(buf);
  if (s.find('.') != std::string::npos) {
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::optional<NumberChange> describe_change(const NumberMention& base,
                                            const NumberMention& compare,
                                            std::string_view base_surface,
                                            std::string_view compare_surface) {
  if (base.unit != compare.unit) return std::nullopt;
  NumberChange c;
  c.base_text = std::string(base_surface);
  c.compare_text = std::string(compare_surface);
  c.delta = compare.value - base.value;
  const bool rate = base.unit == "%" || base.unit == "‰";
  // A rate moves in percentage points; a level in its own unit, shown at the base's scale.
  const double shown = c.delta / base.scale;
  c.delta_text = (shown >= 0 ? "+" : "") + format_number(shown) +
                 (rate ? (base.unit == "%" ? "个百分点" : "‰") : base.scale_text + base.unit);
  if (!rate && base.value != 0)
    c.percent = std::round(c.delta / std::fabs(base.value) * 1000.0) / 10.0;
  return c;
}

}  // namespace reportlens::diff
