// One base/compare comparison: the JSON entry plus what the HTML view needs.
#pragma once

#include <vector>

#include "doc_view.h"
#include "section_align.h"

namespace reportlens::diff {

struct Comparison {
  const DocView* base = nullptr;
  const DocView* compare = nullptr;
  std::vector<SectionPair> sections;
  Json json;  // the COMPARISON object of the result contract
};

}  // namespace reportlens::diff
