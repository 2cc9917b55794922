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

// The escape sequence of byte `c` (one that needs escaping) into `esc`; returns its length.
std::size_t escape_sequence(unsigned char c, char* esc) {
  esc[0] = '\\';
  switch (c) {
    case '"': esc[1] = '"'; return 2;
    case '\\': esc[1] = '\\'; return 2;
    case '\b': esc[1] = 'b'; return 2;
    case '\t': esc[1] = 't'; return 2;
    case '\n': esc[1] = 'n'; return 2;
    case '\f': esc[1] = 'f'; return 2;
    case '\r': esc[1] = 'r'; return 2;
    default: {
      static constexpr char kHex[] = "0123456789abcdef";  // nlohmann prints \u%04x
      const char rest[5] = {'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
      std::memcpy(esc + 1, rest, 5);
      return 6;
    }
  }
}

// Walks `s` as nlohmann escapes it, handing `emit` the clean runs and the escape sequences
// in order (so the same walk fills a string or a buffer).
template <typename Emit>
void escape_json(std::string_view s, Emit&& emit) {
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
    if (p != run) emit(run, static_cast<std::size_t>(p - run));
    if (p == end) break;
    char esc[6];
    emit(esc, escape_sequence(static_cast<unsigned char>(*p++), esc));
  }
}

// Spaces for indentation, copied kMaxFastIndent at a time: a fixed-size copy compiles to a
// few vector stores, where memset of the exact width is a library call per key.
constexpr auto kSpaces = [] {
  std::array<char, 64> spaces{};
  spaces.fill(' ');
  return spaces;
}();

}  // namespace

bool is_plain_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (!kPlainKeyByte[c] || c == 0x7F) return false;
  return true;
}

void append_json_escaped(std::string& out, std::string_view s) {
  escape_json(s, [&](const char* bytes, std::size_t n) { out.append(bytes, n); });
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

JsonTextWriter::~JsonTextWriter() {
  // Whatever is complete is in out_ already (flushed at depth 0); a writer destroyed in the
  // middle of a value (an exception left it) hands over what it has, and a destructor must
  // not throw.
  try {
    flush();
  } catch (...) {
  }
}

// --- the stage: small pieces collected, appended to out_ in blocks --------------------------

void JsonTextWriter::flush() {
  if (counting_) [[unlikely]] {
    // What went to out_ directly (long strings, raw values, floats) counts as well.
    counted_ += staged_ + out_.size();
    staged_ = 0;
    out_.clear();
    return;
  }
  if (staged_ == 0) return;
  out_.append(stage_, staged_);
  staged_ = 0;
}

// After each value: a complete top-level value is handed over, so a caller that wrote one
// finds it in its string.
void JsonTextWriter::value_done() {
  if (open_.empty()) flush();
}

// Appends the line break and indentation for `level`, after a comma when `comma`.
void JsonTextWriter::newline_and_indent(std::size_t level, bool comma) {
  std::size_t width = level * static_cast<std::size_t>(indent_);
  char* p = room(2 + kMaxFastIndent);
  *p = ',';
  p += comma;
  *p++ = '\n';
  while (width > kMaxFastIndent) {  // deeper than the block of spaces: a block at a time
    std::memcpy(p, kSpaces.data(), kMaxFastIndent);
    staged_to(p + kMaxFastIndent);
    width -= kMaxFastIndent;
    p = room(kMaxFastIndent);
  }
  std::memcpy(p, kSpaces.data(), kMaxFastIndent);
  staged_to(p + width);
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
  else if (comma) put(',');
}

void JsonTextWriter::open(char bracket) {
  before_value();
  put(bracket);
  open_.push_back(0);
}

void JsonTextWriter::close(char bracket) {
  const bool had_members = open_.back() != 0;
  open_.pop_back();
  // An empty container stays "{}" / "[]" as nlohmann prints it.
  if (had_members && indent_ >= 0) newline_and_indent(level(), false);
  put(bracket);
  value_done();
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
        flush();
        serializer().dump(Json(std::string(s)), false, false, 0, 0);
        return;
      }
      break;
    }
  }
  if (s.size() <= kMaxStagedString) {
    // Short (keys' values, units, numerals, most surfaces): escaped into the stage, which
    // has room for the worst case (every byte a six-byte \u00XX).
    static_assert(2 + 6 * kMaxStagedString <= kStageSize);
    char* p = room(2 + 6 * kMaxStagedString);
    *p++ = '"';
    escape_json(s, [&](const char* bytes, std::size_t n) {
      std::memcpy(p, bytes, n);
      p += n;
    });
    *p++ = '"';
    staged_to(p);
    return;
  }
  put('"');
  flush();
  append_json_escaped(out_, s);
  put('"');
}

nlohmann::detail::serializer<Json>& JsonTextWriter::serializer() {
  if (!serializer_) serializer_ = std::make_unique<Serializer>(out_, handler_);
  return serializer_->impl;
}

std::size_t JsonTextWriter::indentation() const {
  return indent_ >= 0 ? level() * static_cast<std::size_t>(indent_) : 0;
}

// Keys are short plain ASCII ("type", "begin", ...) and come in the hundreds of thousands:
// separator, indentation, quoted key and ": " are written into the stage in one go. The fast
// path takes a member's key (not a second key in a row, not outside an object) at an
// indentation the block of spaces covers.
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
  char* p = member_prefix(room(2 + kMaxFastIndent + 2 + kMaxFastKey + 2), width);
  *p++ = '"';
  std::memcpy(p, name.data(), name.size());
  p += name.size();
  *p++ = '"';
  *p++ = ':';
  if (indent_ >= 0) *p++ = ' ';
  staged_to(p);
  after_key_ = true;
  return true;
}

void JsonTextWriter::slow_key(std::string_view name) {
  before_value();
  quoted(name, false);
  put(':');
  if (indent_ >= 0) put(' ');
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
  char* p = member_prefix(room(2 + kMaxFastIndent + sizeof key.quoted + 1), width);
  std::memcpy(p, key.quoted, sizeof key.quoted);
  p += key.quoted_size;
  if (indent_ >= 0) *p++ = ' ';
  staged_to(p);
  after_key_ = true;
}

void JsonTextWriter::string(std::string_view s) {
  before_value();
  quoted(s, false);
  value_done();
}

void JsonTextWriter::valid_utf8_string(std::string_view s) {
  before_value();
  quoted(s, true);
  value_done();
}

void JsonTextWriter::plain_string(std::string_view s) {
  before_value();
  if (s.size() > kMaxStagedString) {
    quoted(s, true);
  } else {
    char* p = room(s.size() + 2);
    *p++ = '"';
    std::memcpy(p, s.data(), s.size());
    p += s.size();
    *p++ = '"';
    staged_to(p);
  }
  value_done();
}

void JsonTextWriter::number(std::uint64_t n) {
  before_value();
  char* p = room(24);
  staged_to(std::to_chars(p, p + 24, n).ptr);
  value_done();
}

void JsonTextWriter::number(std::int64_t n) {
  before_value();
  char* p = room(24);
  staged_to(std::to_chars(p, p + 24, n).ptr);
  value_done();
}

void JsonTextWriter::raw_value(std::string_view json) {
  before_value();
  flush();
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
    case Json::value_t::boolean: {
      before_value();
      const std::string_view word = v.get<bool>() ? "true" : "false";
      std::memcpy(room(word.size()), word.data(), word.size());
      staged_ += word.size();
      value_done();
      return;
    }
    case Json::value_t::null:
      before_value();
      std::memcpy(room(4), "null", 4);
      staged_ += 4;
      value_done();
      return;
    default:  // floats (nlohmann's shortest round-trip form), binary, discarded
      before_value();
      flush();
      serializer().dump(v, indent_ >= 0, false, indent_ >= 0 ? static_cast<unsigned>(indent_) : 0u,
                        static_cast<unsigned>(level() * static_cast<std::size_t>(std::max(indent_, 0))));
      value_done();
  }
}

}  // namespace reportlens
