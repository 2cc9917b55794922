// HTML to text (input/html_text.cc) on decoded text.
#include "fuzz_support.h"
#include "input/html_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text;
  if (!reportlens::fuzz::to_text(data, size, text)) return 0;
  (void)reportlens::looks_like_html("fuzz.html", text);
  (void)reportlens::html_to_text(text);
  return 0;
}
