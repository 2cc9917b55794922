#include "json_text_writer.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace reportlens {
namespace {

// Bytes nlohmann escapes when ensure_ascii is off: control characters, quote, backslash.
constexpr std::array<bool, 256> kNeedsEscape = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = true;
  t['\\'] = true;
  return t;
}();

}  // namespace

void append_json_escaped(std::string& out, std::string_view s) {
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
    const char* run = p;
    while (p < end && !kNeedsEscape[static_cast<unsigned char>(*p)]) ++p;
    out.append(run, static_cast<std::size_t>(p - run));
    if (p == end) break;
    const unsigned char c = static_cast<unsigned char>(*p++);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";  // nlohmann prints \u%04x
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(esc, 6);
      }
    }
  }
}

// nlohmann's serializer writing into the same string, for values the stages built.
struct JsonTextWriter::Serializer {
  Serializer(std::string& out, Json::error_handler_t handler)
      : impl(nlohmann::detail::output_adapter<char, std::string>(out), ' ', handler) {}
  nlohmann::detail::serializer<Json> impl;
};

JsonTextWriter::JsonTextWriter(std::string& out, int indent, Json::error_handler_t handler)
    : out_(out), indent_(indent), handler_(handler) {}

JsonTextWriter::~JsonTextWriter() = default;

void JsonTextWriter::newline_and_indent(std::size_t level) {
  out_ += '\n';
  out_.append(level * static_cast<std::size_t>(indent_), ' ');
}

// Separator and indentation before a member (key) or an array element.
void JsonTextWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  if (open_.back()) out_ += ',';
  open_.back() = true;
  if (indent_ >= 0) newline_and_indent(open_.size());
}

void JsonTextWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  open_.push_back(false);
}

void JsonTextWriter::close(char bracket) {
  const bool had_members = open_.back();
  open_.pop_back();
  // An empty container stays "{}" / "[]" as nlohmann prints it.
  if (had_members && indent_ >= 0) newline_and_indent(open_.size());
  out_ += bracket;
}

void JsonTextWriter::begin_object() { open('{'); }
void JsonTextWriter::end_object() { close('}'); }
void JsonTextWriter::begin_array() { open('['); }
void JsonTextWriter::end_array() { close(']'); }

void JsonTextWriter::key(std::string_view name) {
  before_value();
  out_ += '"';
  append_json_escaped(out_, name);
  out_ += indent_ >= 0 ? "\": " : "\":";
  after_key_ = true;
}

void JsonTextWriter::string(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) {
      if (find_invalid_utf8(s) != std::string_view::npos) {
        // Let nlohmann decide (throw, replace or skip) exactly as a tree dump would.
        value(Json(std::string(s)));
        return;
      }
      break;
    }
  }
  valid_utf8_string(s);
}

void JsonTextWriter::valid_utf8_string(std::string_view s) {
  before_value();
  out_ += '"';
  append_json_escaped(out_, s);
  out_ += '"';
}

void JsonTextWriter::number(std::uint64_t n) {
  before_value();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, r.ptr);
}

void JsonTextWriter::number(std::int64_t n) {
  before_value();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, r.ptr);
}

void JsonTextWriter::value(const Json& v) {
  before_value();
  if (!serializer_) serializer_ = std::make_unique<Serializer>(out_, handler_);
  serializer_->impl.dump(v, indent_ >= 0, false, indent_ >= 0 ? static_cast<unsigned>(indent_) : 0u,
                         static_cast<unsigned>(open_.size() * static_cast<std::size_t>(std::max(indent_, 0))));
}

}  // namespace reportlens
