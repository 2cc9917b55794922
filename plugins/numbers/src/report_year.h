// The year a report was delivered, used to complete partial dates (5月下旬 → 2022-05).
#pragma once

#include "reportlens/document.h"

namespace reportlens::numbers {

// meta.report_year when the segment stage set it; else the first plausible year in
// meta.title, then in the document id (file name, e.g. national/2017.txt), then a
// 20xx年 in the first lines of the text. 0 when none is found.
int report_year(const Document& document);

}  // namespace reportlens::numbers
