// The normalised view every stage matches on (sdk/text.cc): each original offset must map
// into the normalised text and back inside the original.
#include <cstdlib>

#include "fuzz_support.h"
#include "reportlens/text.h"

namespace {

// The rules the segment stage supplies (segment.yaml), so the fuzzer reaches the word paths
// of the line-joining pass too.
const reportlens::LineBreakRules& report_rules() {
  static const reportlens::LineBreakRules rules = [] {
    reportlens::LineBreakRules r;
    r.numerals = U"〇零一二两三四五六七八九十百";
    r.ordinal_prefixes = {"第"};
    r.ordinal_headings = {"章", "节", "篇", "部分"};
    r.box_labels = {"专栏"};
    r.paragraph_openers = {"各位代表", "各位委员"};
    return r;
  }();
  return rules;
}

void check(const std::string& text, const reportlens::NormalizedText& norm) {
  if (norm.orig_begin.size() != norm.text.size() || norm.orig_end.size() != norm.text.size()) std::abort();
  if (reportlens::find_invalid_utf8(norm.text) != std::string_view::npos) std::abort();
  for (std::size_t b = 0; b <= norm.text.size(); ++b) {
    if (norm.original_begin(b) > text.size() || norm.original_end(b) > text.size()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text;
  if (!reportlens::fuzz::to_text(data, size, text)) return 0;
  check(text, reportlens::normalize_text(text));
  check(text, reportlens::normalize_text(text, report_rules()));
  return 0;
}
