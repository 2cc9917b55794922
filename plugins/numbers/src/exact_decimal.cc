#include "exact_decimal.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace reportlens::numbers {

ExactDecimal ExactDecimal::from_integer(std::uint64_t value) {
  ExactDecimal d;
  d.digits_ = std::to_string(value);
  d.normalise();
  return d;
}

std::optional<ExactDecimal> ExactDecimal::parse(std::string_view s) {
  ExactDecimal d;
  bool seen_point = false;
  bool seen_digit = false;
  int fraction_digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      d.digits_ += c;
      seen_digit = true;
      if (seen_point) ++fraction_digits;
    } else if (c == '.' && !seen_point && seen_digit) {
      seen_point = true;
    } else if ((c == ',' || c == ' ') && !seen_point && seen_digit) {
      continue;  // thousands separator (or a PDF space inside the number)
    } else {
      return std::nullopt;
    }
  }
  if (!seen_digit) return std::nullopt;
  d.exponent_ = -fraction_digits;
  d.normalise();
  return d;
}

void ExactDecimal::normalise() {
  const auto first = digits_.find_first_not_of('0');
  if (first == std::string::npos) {
    digits_.clear();
    exponent_ = 0;
    return;
  }
  digits_.erase(0, first);
  const auto last = digits_.find_last_not_of('0');
  exponent_ += static_cast<int>(digits_.size() - 1 - last);
  digits_.erase(last + 1);
}

ExactDecimal ExactDecimal::shifted(int power_of_ten) const {
  ExactDecimal d = *this;
  if (!d.digits_.empty()) d.exponent_ += power_of_ten;
  return d;
}

namespace {

// Digits of `digits` × 10^(exponent - target), target <= exponent.
std::string aligned(const std::string& digits, int exponent, int target) {
  return digits + std::string(static_cast<std::size_t>(exponent - target), '0');
}

}  // namespace

ExactDecimal ExactDecimal::operator+(const ExactDecimal& other) const {
  if (is_zero()) return other;
  if (other.is_zero()) return *this;
  const int target = std::min(exponent_, other.exponent_);
  const std::string a = aligned(digits_, exponent_, target);
  const std::string b = aligned(other.digits_, other.exponent_, target);
  std::string sum;
  int carry = 0;
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const int x = i < a.size() ? a[a.size() - 1 - i] - '0' : 0;
    const int y = i < b.size() ? b[b.size() - 1 - i] - '0' : 0;
    const int v = x + y + carry;
    sum += static_cast<char>('0' + v % 10);
    carry = v / 10;
  }
  if (carry) sum += static_cast<char>('0' + carry);
  std::reverse(sum.begin(), sum.end());
  ExactDecimal d;
  d.digits_ = std::move(sum);
  d.exponent_ = target;
  d.normalise();
  return d;
}

std::strong_ordering ExactDecimal::operator<=>(const ExactDecimal& other) const {
  if (is_zero() || other.is_zero()) {
    return is_zero() == other.is_zero() ? std::strong_ordering::equal
           : is_zero()                  ? std::strong_ordering::less
                                        : std::strong_ordering::greater;
  }
  // Compare magnitudes by the position of the leading digit, then digit by digit.
  const int lead_a = static_cast<int>(digits_.size()) + exponent_;
  const int lead_b = static_cast<int>(other.digits_.size()) + other.exponent_;
  if (lead_a != lead_b) return lead_a <=> lead_b;
  const std::size_t n = std::max(digits_.size(), other.digits_.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = i < digits_.size() ? digits_[i] : '0';
    const char y = i < other.digits_.size() ? other.digits_[i] : '0';
    if (x != y) return x <=> y;
  }
  return std::strong_ordering::equal;
}

std::string ExactDecimal::to_string() const {
  if (digits_.empty()) return "0";
  if (exponent_ >= 0) return digits_ + std::string(static_cast<std::size_t>(exponent_), '0');
  const std::size_t fraction = static_cast<std::size_t>(-exponent_);
  if (digits_.size() > fraction)
    return digits_.substr(0, digits_.size() - fraction) + "." +
           digits_.substr(digits_.size() - fraction);
  return "0." + std::string(fraction - digits_.size(), '0') + digits_;
}

std::optional<std::uint64_t> ExactDecimal::to_uint64() const {
  if (!is_integer()) return std::nullopt;
  if (digits_.size() + static_cast<std::size_t>(exponent_) > 19) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : to_string()) {
    const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
    if (v > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  return v;
}

nlohmann::ordered_json ExactDecimal::to_json() const {
  if (const auto integral = to_uint64()) {
    if (*integral <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return static_cast<std::int64_t>(*integral);
    return *integral;
  }
  return std::strtod(to_string().c_str(), nullptr);
}

}  // namespace reportlens::numbers
