// The normalised view every stage matches on (sdk/text.cc): each original offset must map
// into the normalised text and back inside the original.
#include <cstdlib>

#include "fuzz_support.h"
#include "reportlens/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text;
  if (!reportlens::fuzz::to_text(data, size, text)) return 0;
  const reportlens::NormalizedText norm = reportlens::normalize_text(text);
  if (norm.orig_begin.size() != norm.text.size() || norm.orig_end.size() != norm.text.size()) std::abort();
  if (reportlens::find_invalid_utf8(norm.text) != std::string_view::npos) std::abort();
  for (std::size_t b = 0; b <= norm.text.size(); ++b) {
    if (norm.original_begin(b) > text.size() || norm.original_end(b) > text.size()) std::abort();
  }
  return 0;
}
