// The year a report was delivered, used to complete partial dates (5月下旬 → 2022-05).
#pragma once

#include "reportlens/document.h"

namespace reportlens::numbers {

// The calendar year "今年" means: meta.delivery_year when the segment stage set it (a
// national report delivered in March 2022 reviews 2021, but its 6月底 is June 2022), else
// meta.report_year; else the first plausible year in
// meta.title, then in the document id (file name, e.g. national/2017.txt), then a
// 20xx年 in the first lines of the text. 0 when none is found.
int report_year(const Document& document);

}  // namespace reportlens::numbers
