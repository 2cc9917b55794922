// The PDF reader of libreportlens-readers.so (pdf_text.h says what it reads, binary_readers.h
// why it is a library of its own).
#include "input/binary_readers.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "run/errors.h"
#include "reportlens/text.h"

namespace reportlens {
namespace {

struct PdfLine {
  std::string text;
  double left = 0, right = 0, top = 0, bottom = 0;
  double char_width = 0;  // average width of one character (the line's height if unknown)
  bool running = false;   // a header, footer or page number: left out of the text
};

struct PdfPage {
  std::vector<PdfLine> lines;
  double height = 0;
  std::string label;  // the printed page number, if any
};

// Set when poppler lacks the character collection a CID font needs (Debian's poppler-data):
// that font's text is then missing from the text layer. Per thread: poppler reports on the
// thread that reads the document.
thread_local bool missing_language_pack = false;

// Poppler reports every repaired damage on stderr; the reader's own errors say what matters.
void quiet(const std::string& message, void*) {
  if (message.find("Missing language pack") != std::string::npos) missing_language_pack = true;
}

std::string utf8_of(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Poppler's words (in its reading order) grouped into lines: a word starts a new line when
// it does not overlap the current line vertically or when it goes back to the left.
std::vector<PdfLine> page_lines(const poppler::page& page) {
  std::vector<PdfLine> lines;
  bool space_pending = false;
  std::size_t chars = 0;
  for (const poppler::text_box& box : page.text_list()) {
    const poppler::rectf r = box.bbox();
    const std::string word = utf8_of(box.text());
    if (word.empty()) continue;
    const double mid = r.y() + r.height() / 2;
    const bool same_line = !lines.empty() && mid > lines.back().top && mid < lines.back().bottom &&
                           r.x() >= lines.back().right - lines.back().char_width;
    if (!same_line) {
      if (!lines.empty()) lines.back().char_width = (lines.back().right - lines.back().left) / std::max<std::size_t>(chars, 1);
      lines.push_back({"", r.x(), r.right(), r.y(), r.bottom(), r.height(), false});
      chars = 0;
    } else {
      if (space_pending) lines.back().text += ' ';
      lines.back().right = std::max(lines.back().right, r.right());
      lines.back().top = std::min(lines.back().top, r.y());
      lines.back().bottom = std::max(lines.back().bottom, r.bottom());
    }
    lines.back().text += word;
    chars += code_point_count(word) + (space_pending && same_line ? 1 : 0);
    space_pending = box.has_space_after();
  }
  if (!lines.empty()) lines.back().char_width = (lines.back().right - lines.back().left) / std::max<std::size_t>(chars, 1);
  return lines;
}

bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }

// A page number as printed: digits with decoration around them (- 3 -, — 3 —, 第3页,
// 第 3 页 共 12 页, 3/12, Page 3 of 12), nothing else.
bool is_page_number(std::string_view line) {
  static const std::u32string kDecoration = U" \t-—–－·•_|/／()（）[]第页共之PpageofOF";
  std::size_t i = 0, digits = 0, chars = 0;
  while (i < line.size()) {
    const char32_t c = next_code_point(line, i);
    ++chars;
    if (is_digit(c)) ++digits;
    else if (kDecoration.find(c) == std::u32string::npos) return false;
  }
  return digits > 0 && chars <= 24;
}

// The line with its digits masked and its spaces dropped, so "2022年报告 3" on every page
// counts as one header, and so do "- 9 -" and "-10-" (spacing varies with the digits).
std::string digits_masked(std::string_view line) {
  std::string out;
  std::size_t i = 0;
  while (i < line.size()) {
    const char32_t c = next_code_point(line, i);
    if (c == U' ' || c == U'\t' || c == U'\u3000') continue;
    if (is_digit(c)) {
      if (out.empty() || out.back() != '#') out += '#';
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

// Lines within the top or bottom tenth of the page, where running heads and page numbers
// sit (wherever poppler's reading order put them).
std::vector<std::size_t> edge_lines(const PdfPage& page) {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < page.lines.size(); ++k)
    if (page.lines[k].bottom < page.height * 0.1 || page.lines[k].top > page.height * 0.9) out.push_back(k);
  return out;
}

// Marks page numbers, and edge lines whose masked text recurs at the edges of at least half
// of the pages (two at least), as running lines.
void mark_running_lines(std::vector<PdfPage>& pages) {
  std::map<std::string, std::set<std::size_t>> seen;  // masked text -> pages
  for (std::size_t p = 0; p < pages.size(); ++p)
    for (std::size_t k : edge_lines(pages[p])) seen[digits_masked(pages[p].lines[k].text)].insert(p);
  const std::size_t needed = std::max<std::size_t>(2, (pages.size() + 1) / 2);
  for (std::size_t p = 0; p < pages.size(); ++p) {
    for (std::size_t k : edge_lines(pages[p])) {
      PdfLine& line = pages[p].lines[k];
      const bool number = is_page_number(line.text);
      if (number || seen[digits_masked(line.text)].size() >= needed) line.running = true;
      if (number && pages[p].label.empty()) {
        for (std::size_t i = 0; i < line.text.size();) {
          const std::size_t at = i;
          const char32_t c = next_code_point(line.text, i);
          if (is_digit(c)) pages[p].label += line.text.substr(at, i - at);
          else if (!pages[p].label.empty()) break;
        }
      }
    }
  }
}

// The page's body margins: the leftmost start and rightmost end of its text lines.
std::pair<double, double> margins(const PdfPage& page) {
  double left = 1e9, right = -1e9;
  for (const PdfLine& l : page.lines) {
    if (l.running) continue;
    left = std::min(left, l.left);
    right = std::max(right, l.right);
  }
  return {left, right};
}

struct BodyLine {
  const PdfLine* line;
  double left_margin, right_margin;
};

// A paragraph probably ends after `a`: it stops short of the right margin, or `b` starts
// indented (or `b` is a line of another kind: a title, a centred line).
bool paragraph_break(const BodyLine& a, const BodyLine& b) {
  const double w = std::max(a.line->char_width, 1.0);
  if (a.line->right < a.right_margin - 2 * w) return true;
  return b.line->left > b.left_margin + 1.0 * std::max(b.line->char_width, 1.0);
}

ExtractedText assemble(const std::vector<PdfPage>& pages) {
  ExtractedText out;
  Json starts = Json::array(), labels = Json::array(), running = Json::array();
  std::vector<BodyLine> body;
  std::vector<std::size_t> first_of_page;
  for (const PdfPage& page : pages) {
    const auto [left, right] = margins(page);
    first_of_page.push_back(body.size());
    for (const PdfLine& l : page.lines) {
      if (l.running) {
        if (std::find(running.begin(), running.end(), digits_masked(l.text)) == running.end())
          running.push_back(digits_masked(l.text));
        continue;
      }
      body.push_back({&l, left, right});
    }
    labels.push_back(page.label);
  }
  std::size_t code_points = 0, page = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    while (page < pages.size() && first_of_page[page] == i) {
      starts.push_back(code_points);
      ++page;
    }
    if (i > 0) {
      const std::string sep = paragraph_break(body[i - 1], body[i]) ? "\n\n" : "\n";
      out.text += sep;
      code_points += sep.size();
    }
    out.text += body[i].line->text;
    code_points += code_point_count(body[i].line->text);
  }
  for (; page < pages.size(); ++page) starts.push_back(code_points);  // trailing empty pages
  out.meta["pages"] = pages.size();
  out.meta["page_starts"] = std::move(starts);
  out.meta["page_labels"] = std::move(labels);
  out.meta["running_lines"] = std::move(running);
  return out;
}

}  // namespace

ExtractedText binary_readers::pdf_text(const std::string& bytes, const std::string& file) {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(quiet, nullptr); });
  missing_language_pack = false;
  if (bytes.size() > static_cast<std::size_t>(INT_MAX))
    throw HostError(ExitCode::kInput, file + ": PDF too large for the PDF reader");
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc)
    throw HostError(ExitCode::kInput, file + ": damaged PDF: it cannot be parsed (truncated or corrupt file)");
  if (doc->is_locked())
    throw HostError(ExitCode::kInput, file + ": encrypted PDF: it needs a password to open; "
                                              "save an unprotected copy to read it");
  if (doc->pages() <= 0)
    throw HostError(ExitCode::kInput, file + ": damaged PDF: no page could be read (truncated or corrupt file)");
  std::vector<PdfPage> pages;
  bool any_text = false;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    PdfPage p;
    if (page) {
      p.height = page->page_rect().height();  // the crop box, as the words are placed
      p.lines = page_lines(*page);
    }
    any_text = any_text || !p.lines.empty();
    pages.push_back(std::move(p));
  }
  if (missing_language_pack)  // its CID fonts' text would be missing, silently
    throw HostError(ExitCode::kInput, file + ": PDF text in CID fonts could not be mapped to Unicode "
                                              "(install Debian's poppler-data, which holds the Chinese "
                                              "character collections)");
  if (!any_text)
    throw HostError(ExitCode::kInput, file + ": PDF has no text layer (" + std::to_string(pages.size()) +
                                          " page(s) of images only, e.g. a scan); this tool does no OCR: "
                                          "run OCR first or use a text version");
  mark_running_lines(pages);
  return assemble(pages);
}

}  // namespace reportlens
