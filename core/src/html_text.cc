#include "html_text.h"

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
  static const char* kBlocks[] = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5",
                                  "h6", "table", "section", "article", "blockquote", "pre", "ul",
                                  "ol", "title", "header", "footer"};
  return std::any_of(std::begin(kBlocks), std::end(kBlocks),
                     [&](const char* b) { return name == b; });
}

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
  } else if (name == "amp") {
    cp = '&';
  } else if (name == "lt") {
    cp = '<';
  } else if (name == "gt") {
    cp = '>';
  } else if (name == "quot") {
    cp = '"';
  } else if (name == "apos") {
    cp = '\'';
  } else if (name == "nbsp") {
    cp = 0xA0;
  } else if (name == "ldquo") {
    cp = 0x201C;
  } else if (name == "rdquo") {
    cp = 0x201D;
  } else if (name == "mdash") {
    cp = 0x2014;
  } else {
    return 0;
  }
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  append_utf8(out, cp);
  return semi - i + 1;
}

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
      if (!closing && (name == "script" || name == "style")) {
        const std::size_t close = lower(s.substr(i)).find("</" + name);
        i = close == std::string::npos ? s.size() : i + close;
        continue;
      }
      if (is_block_tag(name) && !out.empty() && out.back() != '\n') out += '\n';
      continue;
    }
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
  return out;
}

}  // namespace reportlens
