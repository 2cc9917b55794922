#include "gazetteer_source.h"

#include <yaml-cpp/yaml.h>

#include <set>

#include "reportlens/stage.h"

namespace reportlens::entities {

namespace {

// ---------------------------------------------------------------- fast reader ------------

constexpr std::string_view kSpaces = " ";

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Cuts a trailing comment (" #..."), ignoring '#' inside quotes. Returns false for lines
// whose quoting it cannot follow.
bool strip_comment(std::string_view& line) {
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote != 0) {
      if (c == '\\' && quote == '"') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#' && (i == 0 || line[i - 1] == ' ')) {
      line = line.substr(0, i);
      return true;
    }
  }
  return quote == 0;
}

// Reads one scalar at the start of `s` (after spaces), stopping at one of `stops` (flow
// context) or at the end. Quoted scalars are unquoted. Gives up (false) on YAML features
// outside the subset: anchors, tags, block scalars, nulls, nested collections.
bool read_scalar(std::string_view& s, std::string_view stops, std::string& out) {
  s = s.substr(std::min(s.find_first_not_of(kSpaces), s.size()));
  if (s.empty()) return false;
  const char first = s.front();
  if (first == '"' || first == '\'') {
    out.clear();
    std::size_t i = 1;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (first == '\'' && c == '\'') {
        if (i + 1 < s.size() && s[i + 1] == '\'') {
          out += '\'';
          ++i;
          continue;
        }
        break;
      }
      if (first == '"' && c == '\\') {
        if (i + 1 >= s.size()) return false;
        const char e = s[++i];
        if (e == '"' || e == '\\' || e == '/') out += e;
        else return false;  // other escapes: leave them to yaml-cpp
        continue;
      }
      if (first == '"' && c == '"') break;
      out += c;
    }
    if (i >= s.size()) return false;  // unterminated
    s.remove_prefix(i + 1);
    s = s.substr(std::min(s.find_first_not_of(kSpaces), s.size()));
    return s.empty() || stops.find(s.front()) != std::string_view::npos;
  }
  if (std::string_view("&*!|>%@`{[]},?").find(first) != std::string_view::npos) return false;
  const std::size_t end = stops.empty() ? s.size() : std::min(s.find_first_of(stops), s.size());
  const std::string_view value = trim(s.substr(0, end));
  if (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL") return false;
  // "key: value" inside a plain scalar would be a nested mapping.
  if (value.find(": ") != std::string_view::npos || value.back() == ':') return false;
  out.assign(value);
  s.remove_prefix(end);
  return true;
}

// [a, b, 'c'] at the start of `s`; consumes it.
bool read_flow_list(std::string_view& s, std::vector<std::string>& out) {
  s = s.substr(std::min(s.find_first_not_of(kSpaces), s.size()));
  if (s.empty() || s.front() != '[') return false;
  s.remove_prefix(1);
  s = s.substr(std::min(s.find_first_not_of(kSpaces), s.size()));
  if (!s.empty() && s.front() == ']') {
    s.remove_prefix(1);
    return true;
  }
  while (true) {
    std::string item;
    if (!read_scalar(s, ",]", item)) return false;
    out.push_back(std::move(item));
    if (s.empty()) return false;
    const char c = s.front();
    s.remove_prefix(1);
    if (c == ']') return true;
  }
}

// Sets one entry field from `key` and the value text. Aliases may be a flow list or a
// scalar. Unknown keys become the entry's problem (as with yaml-cpp).
bool set_field(RawEntry& e, std::set<std::string>& seen, const std::string& key, std::string_view& value,
               std::string_view stops) {
  if (!seen.insert(key).second) return false;  // duplicate key: let yaml-cpp decide
  if (key == "aliases") {
    const std::string_view v = value.substr(std::min(value.find_first_not_of(kSpaces), value.size()));
    if (!v.empty() && v.front() == '[') return read_flow_list(value, e.aliases);
    std::string one;
    if (!read_scalar(value, stops, one)) return false;
    e.aliases.push_back(std::move(one));
    return true;
  }
  std::string text;
  if (!read_scalar(value, stops, text)) return false;
  if (key == "canonical") e.canonical = std::move(text);
  else if (key == "kind") e.kind = std::move(text);
  else if (key == "id") e.id = std::move(text);
  else if (key == "region") e.region = std::move(text);
  else if (e.problem.empty()) e.problem = "unknown key '" + key + "'";
  return true;
}

// "key: rest" -> key, rest. Keys are plain words.
bool split_key(std::string_view s, std::string& key, std::string_view& rest) {
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  const std::string_view k = s.substr(0, colon);
  for (const char c : k)
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  if (colon + 1 < s.size() && s[colon + 1] != ' ') return false;
  key.assign(k);
  rest = s.substr(colon + 1);
  return true;
}

// {canonical: X, kind: Y, aliases: [a, b]}
bool read_flow_entry(std::string_view s, RawEntry& e) {
  s.remove_prefix(1);  // '{'
  std::set<std::string> seen;
  while (true) {
    s = s.substr(std::min(s.find_first_not_of(kSpaces), s.size()));
    if (s.empty()) return false;
    if (s.front() == '}') {
      s.remove_prefix(1);
      return trim(s).empty();
    }
    std::string key;
    std::string_view rest;
    const std::size_t colon = s.find(':');
    if (colon == std::string_view::npos) return false;
    if (!split_key(s.substr(0, colon + 1 < s.size() ? colon + 2 : colon + 1), key, rest)) return false;
    s.remove_prefix(colon + 1);
    if (!set_field(e, seen, key, s, ",}")) return false;
    s = s.substr(std::min(s.find_first_not_of(kSpaces), s.size()));
    if (s.empty()) return false;
    if (s.front() == ',') s.remove_prefix(1);
  }
}

}  // namespace

std::optional<RawGazetteer> read_gazetteer_fast(std::string_view content) {
  RawGazetteer out;
  enum class State { kTop, kEntries } state = State::kTop;
  int entry_indent = -1, key_indent = -1, alias_list_indent = -1;
  bool saw_entries = false;
  std::set<std::string> entry_keys, top_keys;
  RawEntry* current = nullptr;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= content.size()) {
    std::size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.find('\t') != std::string_view::npos) return std::nullopt;
    if (!strip_comment(line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;
    if (line == "---" || line == "...") return std::nullopt;
    const int indent = static_cast<int>(line.find_first_not_of(' '));
    std::string_view body = line.substr(static_cast<std::size_t>(indent));

    if (indent == 0 && body.front() != '-') {  // a top-level key
      std::string key;
      std::string_view rest;
      if (!split_key(body, key, rest) || !top_keys.insert(key).second) return std::nullopt;
      current = nullptr;
      if (key == "entries") {
        if (!trim(rest).empty()) {
          if (trim(rest) != "[]") return std::nullopt;
          saw_entries = true;
          state = State::kTop;
          continue;
        }
        saw_entries = true;
        state = State::kEntries;
        entry_indent = -1;
      } else if (key == "region" || key == "name" || key == "description") {
        std::string value;
        if (!read_scalar(rest, "", value)) return std::nullopt;
        if (key == "region") out.region = std::move(value);
        state = State::kTop;
      } else {
        return std::nullopt;  // unknown top-level key: yaml-cpp reports it
      }
      continue;
    }
    if (state != State::kEntries) {
      // A top-level list of entries ("- {...}" at column 0) is allowed too.
      if (indent == 0 && !saw_entries && top_keys.empty()) {
        state = State::kEntries;
        saw_entries = true;
        entry_indent = -1;
      } else {
        return std::nullopt;
      }
    }
    if (body.front() == '-' && (body.size() == 1 || body[1] == ' ')) {
      if (alias_list_indent >= 0 && indent == alias_list_indent) {  // "- alias" item
        std::string_view rest = body.substr(1);
        std::string alias;
        if (current == nullptr || !read_scalar(rest, "", alias)) return std::nullopt;
        current->aliases.push_back(std::move(alias));
        continue;
      }
      alias_list_indent = -1;
      if (entry_indent < 0) entry_indent = indent;
      if (indent != entry_indent) return std::nullopt;
      out.entries.emplace_back();
      current = &out.entries.back();
      current->line = line_no;
      entry_keys.clear();
      std::string_view rest = trim(body.substr(1));
      if (rest.empty()) return std::nullopt;
      if (rest.front() == '{') {
        if (!read_flow_entry(rest, *current)) return std::nullopt;
        current = nullptr;  // complete
        continue;
      }
      key_indent = static_cast<int>(line.find_first_not_of(' ', static_cast<std::size_t>(indent) + 1));
      body = rest;
    } else {
      if (current == nullptr || indent != key_indent) return std::nullopt;
      alias_list_indent = -1;
    }
    std::string key;
    std::string_view rest;
    if (!split_key(body, key, rest)) return std::nullopt;
    if (trim(rest).empty()) {
      if (key != "aliases" || !entry_keys.insert(key).second) return std::nullopt;
      // A block list of aliases follows, indented two more spaces (other layouts: yaml-cpp).
      alias_list_indent = key_indent + 2;
      continue;
    }
    if (!set_field(*current, entry_keys, key, rest, "")) return std::nullopt;
  }
  if (!saw_entries) return std::nullopt;
  return out;
}

// ---------------------------------------------------------------- yaml-cpp reader --------

namespace {

[[noreturn]] void malformed(const std::string& file, int line, const std::string& message) {
  throw StageError(file + ":" + std::to_string(line) + ": " + message);
}

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

bool scalar_string(const YAML::Node& node, std::string& out) {
  if (!node.IsScalar()) return false;
  out = node.Scalar();
  return true;
}

}  // namespace

RawGazetteer read_gazetteer_yaml(const std::filesystem::path& path) {
  const std::string file = path.string();
  YAML::Node root;
  try {
    root = YAML::LoadFile(file);
  } catch (const YAML::Exception& e) {
    malformed(file, e.mark.line + 1, "invalid YAML: " + e.msg);
  }
  RawGazetteer out;
  YAML::Node list;
  if (root.IsMap()) {
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      if (key != "entries" && key != "region" && key != "name" && key != "description")
        malformed(file, line_of(kv.first), "unknown key '" + key + "' (expected name, description, region, entries)");
    }
    if (root["region"]) {
      std::string r;
      if (!scalar_string(root["region"], r)) malformed(file, line_of(root["region"]), "region: expected a string");
      out.region = r;
    }
    list = root["entries"];
    if (!list) malformed(file, 1, "missing 'entries' list");
  } else if (root.IsSequence()) {
    list = root;
  } else if (root.IsNull()) {
    return out;  // an empty file adds nothing
  } else {
    malformed(file, line_of(root), "expected a mapping with 'entries' or a list of entries");
  }
  if (list.IsNull()) return out;
  if (!list.IsSequence()) malformed(file, line_of(list), "entries: expected a list");

  for (const auto& node : list) {
    RawEntry e;
    e.line = line_of(node);
    if (!node.IsMap()) malformed(file, e.line, "an entry must be a mapping (canonical, kind, aliases, region)");
    for (const auto& kv : node) {
      const std::string key = kv.first.Scalar();
      const YAML::Node& value = kv.second;
      std::string text;
      if (key == "aliases") {
        if (value.IsScalar()) {
          e.aliases.push_back(value.Scalar());
        } else if (value.IsSequence()) {
          for (const auto& a : value) {
            if (!a.IsScalar()) {
              e.problem = "aliases: every alias must be a string";
              break;
            }
            e.aliases.push_back(a.Scalar());
          }
        } else if (!value.IsNull()) {
          e.problem = "aliases: expected a list of strings";
        }
      } else if (key == "canonical" || key == "kind" || key == "id" || key == "region") {
        if (!scalar_string(value, text)) {
          e.problem = key + ": expected a string";
        } else {
          (key == "canonical" ? e.canonical : key == "kind" ? e.kind : key == "id" ? e.id : e.region) = text;
        }
      } else {
        e.problem = "unknown key '" + key + "'";
      }
      if (!e.problem.empty()) break;
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

}  // namespace reportlens::entities
