#include "output/output_record_keys.h"

#include <nlohmann/json.hpp>

namespace reportlens {
namespace {

// A SAX handler that records top-level string/integer values of interest and stops as
// soon as it has all of them (returning false ends the parse early).
class KeysHandler : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit KeysHandler(RecordKeys& keys) : keys_(keys) {}
  bool null() override { return done_after_value(); }
  bool boolean(bool) override { return done_after_value(); }
  bool number_integer(number_integer_t v) override {
    if (depth_ == 1 && key_ == "seq") keys_.seq = v;
    if (depth_ == 1 && key_ == "exit_code") keys_.exit_code = static_cast<int>(v);
    return done_after_value();
  }
  bool number_unsigned(number_unsigned_t v) override {
    if (depth_ == 1 && key_ == "seq") keys_.seq = static_cast<std::int64_t>(v);
    if (depth_ == 1 && key_ == "exit_code") keys_.exit_code = static_cast<int>(v);
    return done_after_value();
  }
  bool number_float(number_float_t, const string_t&) override { return done_after_value(); }
  bool string(string_t& v) override {
    if (depth_ == 1) {
      if (key_ == "id") keys_.id = v;
      else if (key_ == "pipeline_hash") keys_.pipeline_hash = v;
      else if (key_ == "result_key") keys_.result_key = v;
      else if (key_ == "status") keys_.status = v;
    }
    return done_after_value();
  }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    ++depth_;
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool key(string_t& k) override {
    if (depth_ == 1) key_ = k;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    failed_ = true;
    return false;
  }
  bool failed() const { return failed_; }
  bool started() const { return started_; }

 private:
  bool done_after_value() {
    started_ = true;
    return !(keys_.complete() && !keys_.status.empty() && !keys_.result_key.empty());
  }
  RecordKeys& keys_;
  std::string key_;
  int depth_ = 0;
  bool failed_ = false;
  bool started_ = false;
};

}  // namespace

bool read_record_keys(std::string_view line, RecordKeys& keys) {
  keys = RecordKeys{};
  if (line.empty() || line.front() != '{') return false;
  KeysHandler handler(keys);
  nlohmann::json::sax_parse(line.begin(), line.end(), &handler);
  return keys.complete();
}

}  // namespace reportlens
