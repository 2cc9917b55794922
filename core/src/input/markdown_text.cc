#include "input/markdown_text.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <vector>

#include "run/errors.h"
#include "reportlens/text.h"

namespace reportlens {
namespace {

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) out += next_code_point(s, i);
  return out;
}

std::string to_utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

bool only_of(const std::u32string& line, std::u32string_view chars, std::size_t at_least) {
  std::size_t n = 0;
  for (char32_t c : line) {
    if (c == U' ' || c == U'\t' || c == U'\r') continue;
    if (chars.find(c) == std::u32string_view::npos) return false;
    ++n;
  }
  return n >= at_least;
}

bool blank_line(const std::u32string& line) { return only_of(line, U"", 0); }

void blank(std::u32string& line, std::size_t from, std::size_t to) {
  for (std::size_t k = from; k < to && k < line.size(); ++k)
    if (line[k] != U'\r') line[k] = U' ';
}

std::size_t skip_spaces(const std::u32string& line, std::size_t i) {
  while (i < line.size() && (line[i] == U' ' || line[i] == U'\t')) ++i;
  return i;
}

// Front matter value as JSON: integers stay numbers, other scalars strings, lists and maps
// converted member by member.
Json yaml_value(const YAML::Node& n) {
  if (n.IsSequence()) {
    Json a = Json::array();
    for (const auto& v : n) a.push_back(yaml_value(v));
    return a;
  }
  if (n.IsMap()) {
    Json o = Json::object();
    for (const auto& kv : n) o[kv.first.as<std::string>()] = yaml_value(kv.second);
    return o;
  }
  if (!n.IsScalar()) return nullptr;
  const std::string s = n.Scalar();
  const std::size_t digits = s.find_first_not_of("0123456789", s.starts_with('-') ? 1 : 0);
  const std::size_t sign = s.starts_with('-') ? 1 : 0;
  if (n.Tag() != "!" && digits == std::string::npos && s.size() > sign && s.size() <= 15 + sign) return std::stoll(s);
  return s;
}

// Blanks the front matter (lines [0, end]) and returns its keys; `end` is 0 without any.
Json front_matter(std::vector<std::u32string>& lines, const std::string& file) {
  Json meta = Json::object();
  if (lines.empty() || only_of(lines[0], U"-", 3) == false || lines[0].find(U"---") != 0) return meta;
  std::size_t end = 1;
  while (end < lines.size() && !(lines[end].starts_with(U"---") && only_of(lines[end], U"-", 3)) &&
         !(lines[end].starts_with(U"...") && only_of(lines[end], U".", 3)))
    ++end;
  if (end == lines.size()) return meta;  // no closing line: a thematic break, not front matter
  std::string yaml;
  for (std::size_t k = 1; k < end; ++k) yaml += to_utf8(lines[k]) + "\n";
  YAML::Node node;
  try {
    node = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    throw HostError(ExitCode::kInput, file + ":" + std::to_string(e.mark.line + 2) +
                                          ": front matter is not valid YAML: " + e.msg);
  }
  if (node.IsMap()) {
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>();
      meta[key == "year" ? "report_year" : key] = yaml_value(kv.second);
    }
  } else if (!node.IsNull()) {
    throw HostError(ExitCode::kInput, file + ":2: front matter is not a mapping of keys to values");
  }
  for (std::size_t k = 0; k <= end; ++k) blank(lines[k], 0, lines[k].size());
  return meta;
}

// Paired markers (**, __, ~~, `) on one line, and single * when they pair up: blanked.
void blank_emphasis(std::u32string& line, std::size_t from) {
  for (std::u32string_view mark : {U"**", U"__", U"~~", U"`"}) {
    std::vector<std::size_t> at;
    for (std::size_t k = line.find(mark, from); k != std::u32string::npos; k = line.find(mark, k + mark.size()))
      at.push_back(k);
    for (std::size_t k = 0; k + 1 < at.size(); k += 2) {
      blank(line, at[k], at[k] + mark.size());
      blank(line, at[k + 1], at[k + 1] + mark.size());
    }
  }
  std::vector<std::size_t> stars;
  for (std::size_t k = from; k < line.size(); ++k)
    if (line[k] == U'*') stars.push_back(k);
  if (stars.size() >= 2 && stars.size() % 2 == 0)
    for (std::size_t k : stars) line[k] = U' ';
}

// Links keep their text ([text](url) -> " text       "), images go ([alt](url)), escapes
// lose their backslash, <br> tags are blanked.
void blank_links(std::u32string& line, std::size_t from) {
  for (std::size_t k = from; k < line.size(); ++k) {
    if (line[k] == U'\\' && k + 1 < line.size() && line[k + 1] < 0x80 && std::ispunct(static_cast<int>(line[k + 1]))) {
      line[k] = U' ';
      ++k;
      continue;
    }
    if (line[k] == U'<') {
      const std::size_t close = line.find(U'>', k);
      const std::u32string tag = close == std::u32string::npos ? U"" : line.substr(k, close - k + 1);
      if (tag == U"<br>" || tag == U"<br/>" || tag == U"<br />") blank(line, k, close + 1);
      continue;
    }
    if (line[k] != U'[') continue;
    const std::size_t close = line.find(U"](", k);
    const std::size_t end = close == std::u32string::npos ? close : line.find(U')', close);
    if (end == std::u32string::npos) continue;
    const bool image = k > 0 && line[k - 1] == U'!';
    if (image) blank(line, k - 1, end + 1);
    else {
      blank(line, k, k + 1);
      blank(line, close, end + 1);
    }
    k = end;
  }
}

// Block markers at the start of a line: quote markers, list bullets, ATX heading marks.
// Returns the heading level (0: none) and the position where the content starts.
std::pair<int, std::size_t> blank_line_start(std::u32string& line) {
  std::size_t i = skip_spaces(line, 0);
  while (i < line.size() && line[i] == U'>') {
    blank(line, i, i + 1);
    i = skip_spaces(line, i + 1);
  }
  if (i + 1 < line.size() && (line[i] == U'-' || line[i] == U'*' || line[i] == U'+') && line[i + 1] == U' ') {
    blank(line, i, i + 1);
    return {0, skip_spaces(line, i + 1)};
  }
  std::size_t hashes = 0;
  while (i + hashes < line.size() && line[i + hashes] == U'#') ++hashes;
  if (hashes == 0 || hashes > 6 || (i + hashes < line.size() && line[i + hashes] != U' ')) return {0, i};
  blank(line, i, i + hashes);
  std::size_t end = line.size();  // a closing run of #s goes too
  while (end > 0 && (line[end - 1] == U' ' || line[end - 1] == U'\r')) --end;
  std::size_t run = end;
  while (run > i + hashes && line[run - 1] == U'#') --run;
  if (run < end && run > i + hashes && line[run - 1] == U' ') blank(line, run, end);
  return {static_cast<int>(hashes), skip_spaces(line, i + hashes)};
}

bool whole_line_bold(const std::u32string& line, std::size_t from) {
  const std::size_t b = skip_spaces(line, from);
  std::size_t e = line.size();
  while (e > b && (line[e - 1] == U' ' || line[e - 1] == U'\r')) --e;
  if (e < b + 5) return false;
  const std::u32string body = line.substr(b, e - b);
  for (std::u32string_view mark : {U"**", U"__"})
    if (body.starts_with(mark) && body.ends_with(mark) && body.find(mark, 2) == body.size() - 2) return true;
  return false;
}

// A table row: pipes become tabs (the cell separator of the other readers), the leading and
// trailing ones spaces; the |---|:---:| row goes.
bool blank_table_row(std::u32string& line) {
  const std::size_t b = skip_spaces(line, 0);
  if (b >= line.size() || line[b] != U'|') return false;
  if (only_of(line, U"|-:", 3)) {
    blank(line, 0, line.size());
    return true;
  }
  std::size_t e = line.size();
  while (e > b && (line[e - 1] == U' ' || line[e - 1] == U'\r')) --e;
  for (std::size_t k = b; k < e; ++k)
    if (line[k] == U'|' && (k == 0 || line[k - 1] != U'\\')) line[k] = (k == b || k + 1 == e) ? U' ' : U'\t';
  return true;
}

void hint(Json& meta, const std::u32string& line, std::size_t line_start, int level) {
  std::size_t b = skip_spaces(line, 0), e = line.size();
  while (e > b && (line[e - 1] == U' ' || line[e - 1] == U'\r' || line[e - 1] == U'\t')) --e;
  if (e > b) add_heading_hint(meta, line_start + b, line_start + e, level, to_utf8(line.substr(b, e - b)));
}

}  // namespace

ExtractedText markdown_to_text(const std::string& text, const std::string& file) {
  std::vector<std::u32string> lines;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(to_u32(std::string_view(text).substr(start, nl - start)));
    start = nl + 1;
  }
  ExtractedText out;
  out.meta = front_matter(lines, file);
  bool fenced = false;
  std::size_t line_start = 0;
  for (std::size_t k = 0; k < lines.size(); line_start += lines[k].size() + 1, ++k) {
    std::u32string& line = lines[k];
    if (blank_line(line)) continue;
    const std::size_t lead = skip_spaces(line, 0);
    if (line.compare(lead, 3, U"```") == 0 || line.compare(lead, 3, U"~~~") == 0) {
      fenced = !fenced;
      blank(line, 0, line.size());
      continue;
    }
    if (fenced) continue;
    const bool underline = k > 0 && !blank_line(lines[k - 1]) && (only_of(line, U"=", 3) || only_of(line, U"-", 2));
    if (underline) {  // setext heading: the line above is the heading
      blank(line, 0, line.size());
      hint(out.meta, lines[k - 1], line_start - lines[k - 1].size() - 1, line.find(U'=') != std::u32string::npos ? 1 : 2);
      continue;
    }
    if (only_of(line, U"-", 3) || only_of(line, U"*", 3) || only_of(line, U"_", 3)) {
      blank(line, 0, line.size());  // thematic break
      continue;
    }
    if (blank_table_row(line)) continue;
    auto [level, from] = blank_line_start(line);
    if (level == 0 && whole_line_bold(line, from)) level = -1;
    blank_links(line, from);
    blank_emphasis(line, from);
    if (level != 0) hint(out.meta, line, line_start, std::max(level, 0));
  }
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (k > 0) out.text += '\n';
    out.text += to_utf8(lines[k]);
  }
  return out;
}

}  // namespace reportlens
