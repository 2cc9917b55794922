#include "output/json_text_writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

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

// ASCII that a key can carry unescaped (and without a UTF-8 check).
constexpr std::array<bool, 256> kPlainKeyByte = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x80; ++c) t[c] = !kNeedsEscape[c];
  return t;
}();

// True when one of the eight bytes in `v` needs escaping (exact as a yes/no answer; the
// classic "has a byte less than n / equal to c" word tricks).
inline bool word_needs_escape(std::uint64_t v) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const auto has_zero = [&](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  const std::uint64_t below_space = (v - kOnes * 0x20) & ~v & kHigh;
  return (below_space | has_zero(v ^ (kOnes * '"')) | has_zero(v ^ (kOnes * '\\'))) != 0;
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view s) {
  const char* p = s.data();
  const char* const end = p + s.size();
  while (p < end) {
    const char* run = p;
    // Most of the output is CJK surface text: skip clean bytes a word at a time.
    while (end - p >= 8) {
      std::uint64_t v;
      std::memcpy(&v, p, 8);
      if (word_needs_escape(v)) break;
      p += 8;
    }
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

JsonTextWriter::JsonTextWriter(std::string& out, int indent, Json::error_handler_t handler,
                               std::size_t base_level)
    : out_(out), indent_(indent), handler_(handler), base_level_(base_level) {}

JsonTextWriter::~JsonTextWriter() = default;

// Appends the line break and indentation for `level`, after a comma when `comma`.
void JsonTextWriter::newline_and_indent(std::size_t level, bool comma) {
  const std::size_t length = 1 + level * static_cast<std::size_t>(indent_);
  if (line_break_.size() < length + 1) line_break_ = ",\n" + std::string(2 * length, ' ');
  out_.append(line_break_.data() + (comma ? 0 : 1), length + (comma ? 1 : 0));
}

// Separator and indentation before a member (key) or an array element.
void JsonTextWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) return;
  const bool comma = open_.back() != 0;
  open_.back() = 1;
  if (indent_ >= 0) newline_and_indent(level(), comma);
  else if (comma) out_ += ',';
}

void JsonTextWriter::open(char bracket) {
  before_value();
  out_ += bracket;
  open_.push_back(0);
}

void JsonTextWriter::close(char bracket) {
  const bool had_members = open_.back() != 0;
  open_.pop_back();
  // An empty container stays "{}" / "[]" as nlohmann prints it.
  if (had_members && indent_ >= 0) newline_and_indent(level(), false);
  out_ += bracket;
}

void JsonTextWriter::begin_object() { open('{'); }
void JsonTextWriter::end_object() { close('}'); }
void JsonTextWriter::begin_array() { open('['); }
void JsonTextWriter::end_array() { close(']'); }

// Writes `s` quoted and escaped. Invalid UTF-8 goes to nlohmann, which throws, replaces or
// skips exactly as a tree dump would.
void JsonTextWriter::quoted(std::string_view s, bool known_valid) {
  if (!known_valid) {
    for (unsigned char c : s) {
      if (c < 0x80) continue;
      if (find_invalid_utf8(s) != std::string_view::npos) {
        serializer().dump(Json(std::string(s)), false, false, 0, 0);
        return;
      }
      break;
    }
  }
  out_ += '"';
  append_json_escaped(out_, s);
  out_ += '"';
}

nlohmann::detail::serializer<Json>& JsonTextWriter::serializer() {
  if (!serializer_) serializer_ = std::make_unique<Serializer>(out_, handler_);
  return serializer_->impl;
}

namespace {
// Spaces for indentation, copied kMaxFastIndent at a time: a fixed-size copy compiles to a
// few vector stores, where memset of the exact width is a library call per key.
constexpr auto kSpaces = [] {
  std::array<char, 64> spaces{};
  spaces.fill(' ');
  return spaces;
}();
}  // namespace

std::size_t JsonTextWriter::indentation() const {
  return indent_ >= 0 ? level() * static_cast<std::size_t>(indent_) : 0;
}

// Keys are short plain ASCII ("type", "begin", ...) and come in the hundreds of thousands:
// separator, indentation, quoted key and ": " are put together in a buffer on the stack and
// go out in one append. The fast path takes a member's key (not a second key in a row, not
// outside an object) at an indentation the buffer holds.
bool JsonTextWriter::fits_fast_key(std::size_t indentation) const {
  static_assert(kSpaces.size() == kMaxFastIndent);
  return !after_key_ && !open_.empty() && indentation <= kMaxFastIndent;
}

// Writes the comma (after an earlier member), the line break and the indentation of a
// member into `p`, which has room for 2 + kMaxFastIndent bytes; returns the end.
char* JsonTextWriter::member_prefix(char* p, std::size_t indentation) {
  *p = ',';
  p += open_.back();  // 1 after an earlier member, else the comma is overwritten
  open_.back() = 1;
  if (indent_ >= 0) {
    *p++ = '\n';
    std::memcpy(p, kSpaces.data(), kMaxFastIndent);
    p += indentation;
  }
  return p;
}

bool JsonTextWriter::fast_key(std::string_view name) {
  const std::size_t width = indentation();
  if (name.size() > kMaxFastKey || !fits_fast_key(width)) return false;
  char buffer[2 + kMaxFastIndent + 2 + kMaxFastKey + 2];
  char* p = member_prefix(buffer, width);
  *p++ = '"';
  std::memcpy(p, name.data(), name.size());
  p += name.size();
  *p++ = '"';
  *p++ = ':';
  if (indent_ >= 0) *p++ = ' ';
  out_.append(buffer, static_cast<std::size_t>(p - buffer));
  after_key_ = true;
  return true;
}

void JsonTextWriter::slow_key(std::string_view name) {
  before_value();
  quoted(name, false);
  out_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
}

void JsonTextWriter::key(std::string_view name) {
  if (name.size() <= kMaxFastKey) {
    std::size_t clean = 0;
    while (clean < name.size() && kPlainKeyByte[static_cast<unsigned char>(name[clean])]) ++clean;
    if (clean == name.size() && fast_key(name)) return;
  }
  slow_key(name);
}

void JsonTextWriter::plain_key(const PlainKey& key) {
  const std::size_t width = indentation();
  if (key.quoted_size == 0 || !fits_fast_key(width)) {
    slow_key(key.name);
    return;
  }
  // As fast_key, with the quoted name prepared at compile time (one fixed-size copy).
  char buffer[2 + kMaxFastIndent + sizeof key.quoted + 1];
  char* p = member_prefix(buffer, width);
  std::memcpy(p, key.quoted, sizeof key.quoted);
  p += key.quoted_size;
  if (indent_ >= 0) *p++ = ' ';
  out_.append(buffer, static_cast<std::size_t>(p - buffer));
  after_key_ = true;
}

void JsonTextWriter::string(std::string_view s) {
  before_value();
  quoted(s, false);
}

void JsonTextWriter::valid_utf8_string(std::string_view s) {
  before_value();
  quoted(s, true);
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

void JsonTextWriter::raw_value(std::string_view json) {
  before_value();
  out_.append(json);
}

// Walks the value with this writer (nlohmann validates every string byte by byte, which
// dominated the attrs); floats and anything unusual are printed by nlohmann itself.
void JsonTextWriter::value(const Json& v) {
  switch (v.type()) {
    case Json::value_t::object:
      begin_object();
      for (const auto& [k, member] : v.get_ref<const Json::object_t&>()) {
        key(k);
        value(member);
      }
      end_object();
      return;
    case Json::value_t::array:
      begin_array();
      for (const auto& element : v.get_ref<const Json::array_t&>()) value(element);
      end_array();
      return;
    case Json::value_t::string:
      string(v.get_ref<const std::string&>());
      return;
    case Json::value_t::number_integer:
      number(v.get<std::int64_t>());
      return;
    case Json::value_t::number_unsigned:
      number(v.get<std::uint64_t>());
      return;
    case Json::value_t::boolean:
      before_value();
      out_ += v.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::null:
      before_value();
      out_ += "null";
      return;
    default:  // floats (nlohmann's shortest round-trip form), binary, discarded
      before_value();
      serializer().dump(v, indent_ >= 0, false, indent_ >= 0 ? static_cast<unsigned>(indent_) : 0u,
                        static_cast<unsigned>(level() * static_cast<std::size_t>(std::max(indent_, 0))));
  }
}

}  // namespace reportlens
