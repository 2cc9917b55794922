// A record rendered for a store, as bytes: how a worker process (isolation, docs/batch.md)
// hands the rendered record to the writer instead of the record's JSON, which the parent would
// parse and render again. Length-prefixed fields in a fixed order; read back in the same order.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace reportlens {

class BytePacker {
 public:
  explicit BytePacker(std::string& out) : out_(out) {}
  void integer(long long v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void real(double v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void text(std::string_view s) {
    integer(static_cast<long long>(s.size()));
    out_.append(s);
  }
  void optional_integer(const std::optional<long long>& v) {
    integer(v ? 1 : 0);
    if (v) integer(*v);
  }

 private:
  std::string& out_;
};

class ByteUnpacker {
 public:
  explicit ByteUnpacker(std::string_view in) : in_(in) {}
  long long integer() {
    long long v;
    std::memcpy(&v, take(sizeof v).data(), sizeof v);
    return v;
  }
  double real() {
    double v;
    std::memcpy(&v, take(sizeof v).data(), sizeof v);
    return v;
  }
  std::string text() {
    const long long n = integer();
    if (n < 0) throw std::runtime_error("damaged rendered record (negative length)");
    return std::string(take(static_cast<std::size_t>(n)));
  }
  std::optional<long long> optional_integer() {
    if (integer() == 0) return std::nullopt;
    return integer();
  }
  bool done() const { return at_ == in_.size(); }

 private:
  std::string_view take(std::size_t n) {
    if (n > in_.size() - at_) throw std::runtime_error("damaged rendered record (truncated)");
    const std::string_view part = in_.substr(at_, n);
    at_ += n;
    return part;
  }
  std::string_view in_;
  std::size_t at_ = 0;
};

}  // namespace reportlens
