// Writes JSON text straight into a string, byte for byte as nlohmann::ordered_json::dump()
// would print the same tree, without building the tree.
//
// The result of a run is mostly annotation surfaces and offsets: building an ordered_json
// tree per annotation only to dump and destroy it cost more CPU than most stages. Structure,
// keys, numbers and strings are written here directly (Json values such as attrs are walked
// in place); floats and binary values go through nlohmann's own serializer, so everything is
// formatted exactly as before.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reportlens/document.h"

namespace reportlens {

// A key written in the source (a literal): checked at compile time to be plain ASCII that
// needs no escaping, so JsonTextWriter::plain_key() writes it without looking at it. Its
// quoted form `"name":` is prepared at compile time too, padded to a fixed size: a result
// prints hundreds of thousands of these keys, and a fixed-size copy is a few register moves
// where a copy of the name's own length is a call.
struct PlainKey {
  template <std::size_t N>
  consteval PlainKey(const char (&literal)[N]) : name(literal, N - 1) {
    for (std::size_t i = 0; i + 1 < N; ++i)
      if (literal[i] < 0x20 || literal[i] >= 0x7F || literal[i] == '"' || literal[i] == '\\')
        throw "a PlainKey must be printable ASCII without quote or backslash";
    if (N + 2 > sizeof quoted) return;  // a long key: written from `name`
    quoted[0] = '"';
    for (std::size_t i = 0; i + 1 < N; ++i) quoted[i + 1] = literal[i];
    quoted[N] = '"';
    quoted[N + 1] = ':';
    quoted_size = N + 2;
  }
  std::string_view name;
  char quoted[24] = {};          // "name": followed by padding
  std::size_t quoted_size = 0;   // bytes of `quoted` in use; 0 when the key is too long for it
};

class JsonTextWriter {
 public:
  // indent < 0: compact, as Json::dump(); otherwise pretty, as Json::dump(indent).
  // `handler` is what nlohmann does with invalid UTF-8 in strings (strict throws).
  // `base_level`: values are indented as if nested that deep in an enclosing document, so a
  // piece rendered on its own (one document of a result, on a worker thread) can be spliced
  // in with raw_value().
  explicit JsonTextWriter(std::string& out, int indent = -1,
                          Json::error_handler_t handler = Json::error_handler_t::strict,
                          std::size_t base_level = 0);
  ~JsonTextWriter();
  JsonTextWriter(const JsonTextWriter&) = delete;
  JsonTextWriter& operator=(const JsonTextWriter&) = delete;

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // The key of the next member of the open object.
  void key(std::string_view name);
  void plain_key(const PlainKey& name);  // the same, for keys in the source: w.plain_key("type")

  // Values: a member's value after key(), or an array element.
  void string(std::string_view s);
  // A string known to be valid UTF-8 (a slice of Document::text(), which the decoder
  // guarantees): escaped without validating it again.
  void valid_utf8_string(std::string_view s);
  // A string the caller knows to be printable ASCII without quote or backslash
  // (is_plain_ascii): copied as it is, neither checked nor escaped.
  void plain_string(std::string_view s);
  void number(std::uint64_t n);
  void number(std::int64_t n);
  void value(const Json& v);
  // A value already rendered as JSON text (by a writer with base_level at this depth):
  // written after the separator and indentation, as is.
  void raw_value(std::string_view json);

  // Small pieces (punctuation, line breaks, keys, numbers, short strings) are collected in
  // the writer and appended to the string in blocks: the string holds everything written
  // once a top-level value is complete (depth() back to 0), after raw_value(), and after
  // flush(). A caller that reads the string in the middle of a value calls flush() first.
  void flush();
  // The string written to, flushed (callers may flush it to a file and clear it).
  std::string& out() {
    flush();
    return out_;
  }
  // Open containers (0 between top-level values).
  std::size_t depth() const { return open_.size(); }

  // Counting mode: from now on nothing is kept, and counted() is the number of bytes a real
  // writer would have produced. A large document's output is sized exactly with it before it
  // is written: a string grown by doubling holds the old and the new copy while it copies
  // (up to 3x the output at once) and keeps up to half of it as slack.
  void count_only() {
    flush();
    counting_ = true;
  }
  std::size_t counted() {
    flush();
    return counted_;
  }

 private:
  static constexpr std::size_t kStageSize = 4096;
  static constexpr std::size_t kMaxStagedString = 128;  // longer strings go to out_ directly
  static constexpr std::size_t kMaxFastKey = 48;
  static constexpr std::size_t kMaxFastIndent = 64;
  // Where `bytes` (at most kStageSize) can be written; the caller then says how far it wrote
  // with staged_to(). Inline: it is asked for every piece.
  char* room(std::size_t bytes) {
    if (kStageSize - staged_ < bytes) [[unlikely]] flush();
    return stage_ + staged_;
  }
  void staged_to(char* end) { staged_ = static_cast<std::size_t>(end - stage_); }
  void put(char c) {
    *room(1) = c;
    ++staged_;
  }
  void value_done();
  bool fits_fast_key(std::size_t indentation) const;
  char* member_prefix(char* p, std::size_t indentation);
  std::size_t indentation() const;
  bool fast_key(std::string_view name);
  void slow_key(std::string_view name);
  void before_value();
  void newline_and_indent(std::size_t level, bool comma);
  std::size_t level() const { return base_level_ + open_.size(); }
  void open(char bracket);
  void close(char bracket);
  void quoted(std::string_view s, bool known_valid);
  nlohmann::detail::serializer<Json>& serializer();

  struct Serializer;
  std::string& out_;
  const int indent_;
  const Json::error_handler_t handler_;
  const std::size_t base_level_;
  std::unique_ptr<Serializer> serializer_;  // nlohmann's, created when first needed
  std::vector<std::uint8_t> open_;          // per open container: has it members yet?
  bool after_key_ = false;
  // Bytes written but not yet appended to out_: one append per block instead of one per
  // piece (a call and a capacity check each, for pieces of a few bytes).
  std::size_t staged_ = 0;
  bool counting_ = false;   // count_only(): flush() counts and discards
  std::size_t counted_ = 0;
  char stage_[kStageSize];
};

// A document whose text is at least this long has its JSON sized exactly before it is
// written (render_json_text). Its output is tens of times the text (line-rich text: ~30x),
// and a string grown by doubling holds the old and the new copy while it copies. Below it
// (every real report: the largest lawtext report is 100 KB) one pass into a generous reserve
// is cheaper.
constexpr std::size_t kExactSizeFromTextBytes = 256 * 1024;

// Appends to `out` what `write(JsonTextWriter&)` writes, with room for `extra` more bytes
// after it; for a document of `text_bytes` >= kExactSizeFromTextBytes the output is counted
// first (count_only) and reserved exactly: twice the writing for a large document, in
// exchange for never holding its output more than once.
template <typename Write>
void render_json_text(std::string& out, int indent, Json::error_handler_t handler, std::size_t base_level,
                      std::size_t text_bytes, std::size_t extra, Write&& write) {
  // Reports print at ~8.5x their text in the result's indented form: 12x leaves room, and
  // reserved pages that are never written cost no memory.
  std::size_t size = 12 * text_bytes + 4096;
  if (text_bytes >= kExactSizeFromTextBytes) {
    std::string scratch;
    JsonTextWriter counter(scratch, indent, handler, base_level);
    counter.count_only();
    write(counter);
    size = counter.counted();
  }
  out.reserve(out.size() + size + extra);
  JsonTextWriter writer(out, indent, handler, base_level);
  write(writer);
}

// True when `s` is printable ASCII without quote or backslash: JSON text as it is.
bool is_plain_ascii(std::string_view s);

// Appends `s` escaped as nlohmann escapes strings without ensure_ascii (", \, control
// characters; everything else, UTF-8 included, as is). No quotes, no validation.
void append_json_escaped(std::string& out, std::string_view s);

}  // namespace reportlens
