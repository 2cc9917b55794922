#include "sentence_splitter.h"

namespace reportlens::segment {

void split_paragraphs_and_sentences(Document& doc) {
  const std::string& t = doc.text();
  std::size_t line_begin = 0;
  while (line_begin < t.size()) {
    std::size_t line_end = t.find('\n', line_begin);
    if (line_end == std::string::npos) line_end = t.size();
    std::size_t b = line_begin;
    while (b < line_end && (t[b] == ' ' || t[b] == '\r')) ++b;
    if (b < line_end) {
      doc.add("paragraph", b, line_end);
      std::size_t s = b;
      for (std::size_t i = b; i < line_end;) {
        const char32_t cp = next_code_point(t, i);
        if (cp == U'。' || cp == U'！' || cp == U'？') {
          doc.add("sentence", s, i);
          s = i;
        }
      }
      if (s < line_end) doc.add("sentence", s, line_end);
    }
    line_begin = line_end + 1;
  }
}

}  // namespace reportlens::segment
