#include "input/html_text.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "reportlens/text.h"

namespace reportlens {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_block_tag(const std::string& name) {
  static const char* kBlocks[] = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                                  "table", "section", "article", "blockquote", "pre", "ul", "ol",
                                  "header", "footer", "dd", "dt", "dl", "td", "th", "hr",
                                  "body", "main", "aside", "nav", "figure", "figcaption", "center"};
  return std::any_of(std::begin(kBlocks), std::end(kBlocks),
                     [&](const char* b) { return name == b; });
}

// Elements whose content is not text.
bool is_skipped_element(const std::string& name) {
  return name == "script" || name == "style" || name == "head" || name == "noscript" ||
         name == "template";
}

struct NamedEntity {
  const char* name;
  char32_t cp;
};

constexpr NamedEntity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},    {"ensp", 0x2002},  {"emsp", 0x2003},  {"thinsp", 0x2009}, {"ldquo", 0x201C},
    {"rdquo", 0x201D}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"mdash", 0x2014}, {"ndash", 0x2013},
    {"hellip", 0x2026}, {"middot", 0xB7}, {"times", 0xD7},   {"divide", 0xF7},  {"yen", 0xA5},
    {"deg", 0xB0},     {"plusmn", 0xB1},  {"permil", 0x2030}, {"copy", 0xA9},   {"reg", 0xAE},
    {"bull", 0x2022},  {"laquo", 0xAB},   {"raquo", 0xBB},   {"zwj", 0x200D},   {"zwnj", 0x200C},
    {"shy", 0xAD},     {"sup2", 0xB2},    {"sup3", 0xB3},    {"le", 0x2264},    {"ge", 0x2265},
};

// Decodes one entity starting at `s[i] == '&'`; returns the bytes consumed (0 if none).
std::size_t decode_entity(std::string_view s, std::size_t i, std::string& out) {
  const std::size_t semi = s.find(';', i);
  if (semi == std::string_view::npos || semi - i > 10) return 0;
  const std::string_view name = s.substr(i + 1, semi - i - 1);
  char32_t cp = 0;
  if (!name.empty() && name[0] == '#') {
    try {
      cp = (name.size() > 1 && (name[1] == 'x' || name[1] == 'X'))
               ? static_cast<char32_t>(std::stoul(std::string(name.substr(2)), nullptr, 16))
               : static_cast<char32_t>(std::stoul(std::string(name.substr(1))));
    } catch (...) {
      return 0;
    }
  } else {
    for (const auto& e : kEntities)
      if (name == e.name) cp = e.cp;
    if (cp == 0) return 0;
  }
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  append_utf8(out, cp);
  return semi - i + 1;
}

bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

bool looks_like_html(std::string_view path, std::string_view text) {
  const std::string p = lower(path);
  if (p.ends_with(".html") || p.ends_with(".htm") || p.ends_with(".xhtml")) return true;
  const std::string head = lower(text.substr(0, 512));
  return head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos;
}

std::string html_to_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool block_start = true;  // whitespace right after a block boundary is layout, not text
  auto paragraph_break = [&] {
    while (!out.empty() && is_html_space(out.back())) out.pop_back();
    if (!out.empty()) out += "\n\n";
    block_start = true;
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '<') {
      if (s.substr(i, 4) == "<!--") {
        const std::size_t end = s.find("-->", i + 4);
        i = end == std::string_view::npos ? s.size() : end + 3;
        continue;
      }
      const std::size_t end = s.find('>', i + 1);
      if (end == std::string_view::npos) break;
      std::size_t k = i + 1;
      const bool closing = k < end && s[k] == '/';
      if (closing) ++k;
      std::size_t n = k;
      while (n < end && std::isalnum(static_cast<unsigned char>(s[n]))) ++n;
      const std::string name = lower(s.substr(k, n - k));
      i = end + 1;
      if (!closing && is_skipped_element(name) && s[end - 1] != '/') {
        const std::size_t close = lower(s.substr(i)).find("</" + name);
        if (close == std::string::npos) {
          i = s.size();
        } else {
          const std::size_t gt = s.find('>', i + close);
          i = gt == std::string_view::npos ? s.size() : gt + 1;
        }
        continue;
      }
      if (name == "br") {
        out += '\n';
        block_start = true;
      } else if (is_block_tag(name) || name == "title") {
        paragraph_break();
      }
      continue;
    }
    if (block_start && is_html_space(c)) {
      ++i;
      continue;
    }
    block_start = false;
    if (c == '&') {
      const std::size_t used = decode_entity(s, i, out);
      if (used > 0) {
        i += used;
        continue;
      }
    }
    out += c;
    ++i;
  }
  while (!out.empty() && is_html_space(out.back())) out.pop_back();
  return out;
}

}  // namespace reportlens
