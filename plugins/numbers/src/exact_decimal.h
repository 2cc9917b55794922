// An exact decimal number: digits × 10^exponent.
//
// Report figures are decimal strings scaled by powers of ten (16.4亿 = 164 × 10^7). Doing
// that in binary floating point gives 1639999999.9999998; keeping the digits and moving the
// exponent gives 1640000000 exactly. Only what numeral composition needs is provided:
// parsing, shifting by a power of ten, addition and comparison.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace reportlens::numbers {

class ExactDecimal {
 public:
  ExactDecimal() = default;  // zero
  static ExactDecimal from_integer(std::uint64_t value);
  // Parses ASCII "1200.2", "1,100.9", "1 200" (thousands separators: ',' or ' ').
  // Returns nullopt for anything else (signs, exponents, empty input).
  static std::optional<ExactDecimal> parse(std::string_view ascii);

  ExactDecimal shifted(int power_of_ten) const;  // × 10^power_of_ten
  ExactDecimal operator+(const ExactDecimal& other) const;
  std::strong_ordering operator<=>(const ExactDecimal& other) const;
  bool operator==(const ExactDecimal& other) const = default;

  bool is_zero() const { return digits_.empty(); }
  bool is_integer() const { return exponent_ >= 0; }
  // Plain decimal notation without exponent: "1640000000", "0.05", "7.5".
  std::string to_string() const;
  // Integral value when it is an integer that fits, else nullopt.
  std::optional<std::uint64_t> to_uint64() const;
  // JSON number: an integer when integral and it fits 64 bits, else the closest double
  // (parsed from the exact string, so 1.5 stays 1.5 and prints back as written).
  nlohmann::ordered_json to_json() const;

 private:
  void normalise();
  std::string digits_;  // most significant first, no leading or trailing zeros; "" = 0
  int exponent_ = 0;
};

}  // namespace reportlens::numbers
