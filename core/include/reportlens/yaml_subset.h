// A fast reader for the plain YAML that plugin data files are written in, giving the same
// YAML::Node tree yaml-cpp would.
//
// Why: yaml-cpp's scanner costs about 2,000 instructions per byte of plain scalars, so the
// ~40 KB of word lists the stages load cost several milliseconds per run, more than some
// stages spend on a whole report. The files use a small part of YAML: block mappings and
// sequences, flow lists and maps, plain and quoted one-line scalars, comments. This reader
// builds the tree for that part only and gives up (std::nullopt) on anything else
// (anchors, tags, block scalars, multi-line scalars, null values, duplicate keys, tabs,
// documents markers...): yaml-cpp then reads the file as before. yaml-cpp stays the YAML
// library; this is a shortcut into its Node type.
//
// The nodes carry no position (Mark() is null). Use File::walk(): when the walker that
// interprets the tree reports an error, it walks yaml-cpp's own tree again so that the
// message names the line.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace reportlens::yaml_subset {

namespace detail {

class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {}

  std::optional<YAML::Node> document() {
    // A byte order mark, carriage returns (yaml-cpp keeps some inside scalars): not here.
    if (s_.starts_with("\xEF\xBB\xBF") || s_.find('\r') != std::string_view::npos) return std::nullopt;
    const int indent = next_content_line();
    if (indent < 0) return std::nullopt;  // empty: leave null documents to yaml-cpp
    if (indent != 0 || starts_with_at(pos_, "---") || starts_with_at(pos_, "...") || s_[pos_] == '%')
      return std::nullopt;
    YAML::Node root;
    if (!block_node(0, -1, root)) return std::nullopt;
    if (next_content_line() >= 0) return std::nullopt;  // something the grammar did not take
    return root;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;  // always at a line start or inside the current line
  // The indent of the block collection a flow collection sits in: its continuation lines
  // must be indented further (yaml-cpp reads less indented ones in its own way).
  int flow_parent_indent_ = -1;

  bool starts_with_at(std::size_t at, std::string_view w) const { return s_.substr(at).starts_with(w); }
  bool at_end() const { return pos_ >= s_.size(); }
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }
  static bool space_or_end(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\0'; }

  // Moves to the first character of the next line holding content (skipping blank and
  // comment lines) and returns its indent, or -1 at the end (or on a tab: not handled).
  int next_content_line() {
    while (pos_ < s_.size()) {
      std::size_t i = pos_;
      while (i < s_.size() && s_[i] == ' ') ++i;
      if (i < s_.size() && s_[i] == '\t') return -2;
      if (i >= s_.size()) {
        pos_ = i;
        break;
      }
      if (s_[i] == '\n' || s_[i] == '\r' || s_[i] == '#') {
        const std::size_t nl = s_.find('\n', i);
        pos_ = nl == std::string_view::npos ? s_.size() : nl + 1;
        continue;
      }
      pos_ = i;
      return static_cast<int>(i - line_start(i));
    }
    return -1;
  }
  std::size_t line_start(std::size_t at) const {
    const std::size_t nl = at == 0 ? std::string_view::npos : s_.rfind('\n', at - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
  }
  int column() const { return static_cast<int>(pos_ - line_start(pos_)); }

  void skip_spaces() {
    while (peek() == ' ') ++pos_;
  }
  // After a value: only spaces and a comment may follow on the line.
  bool end_of_line() {
    skip_spaces();
    if (peek() == '\t') return false;
    if (peek() == '#') {
      while (!at_end() && peek() != '\n') ++pos_;
    }
    if (peek() == '\r') ++pos_;
    if (at_end()) return true;
    if (peek() != '\n') return false;
    ++pos_;
    return true;
  }

  // A block node whose first line starts at pos_ with the given indent (column), inside a
  // collection at `parent_indent`.
  bool block_node(int indent, int parent_indent, YAML::Node& out) {
    if (peek() == '-' && space_or_end(peek(1))) return block_sequence(indent, out);
    if (peek() == '[' || peek() == '{') {  // key:\n  [a, b]
      flow_parent_indent_ = parent_indent;
      return flow_node(out) && end_of_line();
    }
    return block_mapping(indent, out);
  }

  bool block_sequence(int indent, YAML::Node& out) {
    for (std::size_t index = 0;; ++index) {
      pos_ += 1;  // the dash
      skip_spaces();
      YAML::Node item = out[index];
      if (peek() == '\n' || peek() == '\r' || peek() == '#' || at_end()) {
        if (!end_of_line()) return false;
        const int inner = next_content_line();
        if (inner <= indent) return false;  // an empty item is null: yaml-cpp's business
        if (!block_node(inner, indent, item)) return false;
      } else if (looks_like_key()) {
        if (!block_mapping(column(), item)) return false;  // "- key: value" opens a mapping
      } else {
        flow_parent_indent_ = indent;
        if (!inline_value(item) || !end_of_line()) return false;
      }
      const int next = next_content_line();
      if (next == -2) return false;
      if (next < indent) return true;
      if (next > indent || peek() != '-' || !space_or_end(peek(1))) {
        // A key at the sequence's indent ends a compact sequence (key:\n- a\nother: b).
        return next == indent && peek() != '-';
      }
    }
  }

  // Whether the current line, from pos_, is "key: ..." (a mapping entry).
  bool looks_like_key() {
    const std::size_t save = pos_;
    std::string key;
    const bool ok = scalar_key(key);
    pos_ = save;
    return ok;
  }

  // A key (plain or quoted) and its colon; pos_ after the colon.
  bool scalar_key(std::string& key) {
    if (peek() == '"' || peek() == '\'') {
      if (!quoted(key)) return false;
      skip_spaces();
      if (peek() != ':' || !space_or_end(peek(1))) return false;
      ++pos_;
      return true;
    }
    if (!plain_may_start()) return false;
    const std::size_t begin = pos_;
    while (!at_end() && peek() != '\n') {
      if (peek() == ':' && space_or_end(peek(1))) {
        std::string_view k = s_.substr(begin, pos_ - begin);
        while (!k.empty() && k.back() == ' ') k.remove_suffix(1);
        if (k.empty() || k.find(" #") != std::string_view::npos) return false;
        key.assign(k);
        ++pos_;
        return true;
      }
      if (peek() == '#' && s_[pos_ - 1] == ' ') return false;
      if (peek() == '\t' || peek() == '?') return false;
      ++pos_;
    }
    return false;
  }

  bool block_mapping(int indent, YAML::Node& out) {
    std::set<std::string> keys;
    while (true) {
      std::string key;
      if (!scalar_key(key) || !keys.insert(key).second) return false;
      skip_spaces();
      YAML::Node value = out[key];
      if (peek() == '\n' || peek() == '\r' || peek() == '#' || at_end()) {
        if (!end_of_line()) return false;
        const int inner = next_content_line();
        if (inner > indent) {
          if (!block_node(inner, indent, value)) return false;
        } else if (inner == indent && peek() == '-' && space_or_end(peek(1))) {
          if (!block_sequence(inner, value)) return false;  // key:\n- item (same indent)
        } else {
          return false;  // a null value
        }
      } else {
        flow_parent_indent_ = indent;
        if (!inline_value(value) || !end_of_line()) return false;
      }
      const int next = next_content_line();
      if (next == -2) return false;
      if (next < indent) return true;
      if (next > indent) return false;  // a continuation line of a plain scalar, or worse
      if (peek() == '-') return false;
    }
  }

  bool plain_may_start() const {
    const char c = peek();
    if (c == '\0' || c == ' ' || c == '\n' || c == '\r' || c == '\t') return false;
    if (std::string_view("?:,[]{}#&*!|>'\"%@`").find(c) != std::string_view::npos) return false;
    if (c == '-' && space_or_end(peek(1))) return false;
    return true;
  }

  // The value after "key: " or "- ", on this line.
  bool inline_value(YAML::Node& out) {
    const char c = peek();
    if (c == '[' || c == '{') return flow_node(out);
    std::string text;
    if (c == '"' || c == '\'') {
      if (!quoted(text)) return false;
      out = text;
      return true;
    }
    if (!plain_may_start()) return false;
    const std::size_t begin = pos_;
    while (!at_end() && peek() != '\n' && peek() != '\r') {
      if (peek() == '#' && s_[pos_ - 1] == ' ') break;
      if (peek() == ':' && space_or_end(peek(1))) return false;  // a nested mapping
      if (peek() == '\t' || peek() == '?') return false;
      ++pos_;
    }
    std::string_view v = s_.substr(begin, pos_ - begin);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    if (!plain_value_ok(v)) return false;
    out = std::string(v);
    return true;
  }

  // Plain scalars that yaml-cpp reads as null stay with yaml-cpp.
  static bool plain_value_ok(std::string_view v) {
    return !v.empty() && v != "~" && v != "null" && v != "Null" && v != "NULL";
  }

  // A quoted scalar on one line; only the escapes \" \\ \/ in double quotes.
  bool quoted(std::string& out) {
    const char q = peek();
    ++pos_;
    out.clear();
    while (true) {
      if (at_end() || peek() == '\n' || peek() == '\r') return false;  // multi-line: yaml-cpp
      const char c = peek();
      if (q == '\'' && c == '\'') {
        if (peek(1) == '\'') {
          out += '\'';
          pos_ += 2;
          continue;
        }
        ++pos_;
        return true;
      }
      if (q == '"' && c == '\\') {
        const char e = peek(1);
        if (e != '"' && e != '\\' && e != '/') return false;
        out += e;
        pos_ += 2;
        continue;
      }
      if (q == '"' && c == '"') {
        ++pos_;
        return true;
      }
      out += c;
      ++pos_;
    }
  }

  // Spaces, line breaks and comments inside a flow collection.
  bool flow_space() {
    bool new_line = false;
    while (!at_end()) {
      const char c = peek();
      if (c == '\n') {
        ++pos_;
        new_line = true;
      } else if (c == ' ') {
        ++pos_;
      } else if (c == '#' && (pos_ == 0 || s_[pos_ - 1] == ' ' || s_[pos_ - 1] == '\n')) {
        if (new_line && column() <= flow_parent_indent_) return false;
        while (!at_end() && peek() != '\n') ++pos_;
      } else if (c == '\t') {
        return false;
      } else {
        return !new_line || column() > flow_parent_indent_;
      }
    }
    return true;
  }

  bool flow_node(YAML::Node& out) {
    const char open = peek();
    const char close = open == '[' ? ']' : '}';
    ++pos_;
    std::set<std::string> keys;
    for (std::size_t index = 0;; ++index) {
      if (!flow_space()) return false;
      if (peek() == close) {
        ++pos_;
        // (an empty collection has no entry that would have given it its kind)
        if (index == 0) out = YAML::Node(open == '[' ? YAML::NodeType::Sequence : YAML::NodeType::Map);
        return true;
      }
      if (open == '[') {
        YAML::Node item = out[index];
        if (!flow_item(item)) return false;
      } else {
        std::string key;
        if (peek() == '[' || peek() == '{' || !flow_scalar(key, true)) return false;
        skip_spaces();
        if (peek() != ':') return false;  // (the colon on the key's line)
        ++pos_;
        if (!keys.insert(key).second) return false;
        YAML::Node value = out[key];
        if (!flow_space() || !flow_item(value)) return false;
      }
      if (!flow_space()) return false;
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() != close) return false;
    }
  }

  // One entry of a flow collection (not a key).
  bool flow_item(YAML::Node& out) {
    if (peek() == '[' || peek() == '{') return flow_node(out);
    std::string text;
    if (!flow_scalar(text, false)) return false;
    out = text;
    return true;
  }

  // A scalar in a flow collection; `key`: a mapping key, ended by its colon.
  bool flow_scalar(std::string& out, bool key) {
    const char c = peek();
    if (c == '"' || c == '\'') return quoted(out);
    if (!plain_may_start()) return false;
    const std::size_t begin = pos_;
    while (!at_end()) {
      const char d = peek();
      if (d == ',' || d == ']' || d == '}' || d == '[' || d == '{' || d == '\n' || d == '\r') break;
      if (d == '#' && s_[pos_ - 1] == ' ') break;
      if (d == ':') {
        const char after = peek(1);
        if (!key || !(space_or_end(after) || after == ',' || after == ']' || after == '}')) return false;
        break;
      }
      // (yaml-cpp rejects a '?' inside a flow scalar)
      if (d == '\t' || d == '?') return false;
      ++pos_;
    }
    std::string_view v = s_.substr(begin, pos_ - begin);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    if (!plain_value_ok(v)) return false;
    // A plain scalar ended by a line break goes on only if the next line does not continue it.
    if (peek() == '\n' || peek() == '\r') {
      const std::size_t save = pos_;
      if (!flow_space()) return false;
      const char next = peek();
      if (key || !(next == ',' || next == ']' || next == '}')) return false;
      pos_ = save;
    }
    out.assign(v);
    return true;
  }
};

}  // namespace detail

// The document of `text` when it stays inside the subset, else std::nullopt.
inline std::optional<YAML::Node> parse(std::string_view text) {
  try {
    return detail::Reader(text).document();
  } catch (const YAML::Exception&) {
    return std::nullopt;
  }
}

// A YAML file read for a walker that interprets its tree. The fast reader's tree when the
// file stays inside the subset, else yaml-cpp's (YAML::LoadFile's result).
class File {
 public:
  // Throws what YAML::LoadFile throws (YAML::BadFile, YAML::ParserException).
  explicit File(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      root_ = YAML::LoadFile(file.string());  // throws YAML::BadFile
      return;
    }
    content_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (std::optional<YAML::Node> fast = parse(content_)) {
      root_ = *fast;
      fast_ = true;
    } else {
      root_ = YAML::Load(content_);
    }
  }

  // Calls walk(root). When walk throws on the fast tree, whose nodes carry no line numbers,
  // it walks yaml-cpp's tree so that its error names the line, and rethrows the first
  // error if that walk succeeds: a file is never half accepted. The walker's object is in
  // an unspecified state after an error (callers discard it).
  template <class Walk>
  void walk(Walk&& walk) const {
    if (!fast_) {
      walk(static_cast<const YAML::Node&>(root_));
      return;
    }
    try {
      walk(static_cast<const YAML::Node&>(root_));
    } catch (...) {
      const YAML::Node exact = YAML::Load(content_);
      walk(exact);
      throw;
    }
  }

  bool fast() const { return fast_; }

 private:
  std::string content_;
  YAML::Node root_;
  bool fast_ = false;
};

}  // namespace reportlens::yaml_subset
