#pragma once

#include "reportlens/document.h"

namespace reportlens::segment {

// Adds `paragraph` and `sentence` annotations to `doc`.
void split_paragraphs_and_sentences(Document& doc);

}  // namespace reportlens::segment
