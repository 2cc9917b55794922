// Turns a document's sentences and quantity annotations into `indicator` annotations.
#pragma once

#include "lexicon.h"
#include "reportlens/document.h"

namespace reportlens::indicators {

// Adds one `indicator` annotation per fact (attrs: metric, canonical, period, status,
// level, growth, qualifier, evidence). A fact about a whole multi-year span (a yearly
// average, a sum or a change over the span, a level held every year) is a
// `multi_year_indicator` instead: the same attrs with period [first, last] (and
// average: true for a yearly average). Reads `sentence`, `quantity` and, when present,
// `section` annotations and the metadata; never changes them.
//
// With `trace`, every number the reader looked at also gets a `trace` annotation over the
// number (attrs: rule, decision kept|dropped, reason; for a kept number the first fact's
// metric, period, status, qualifier, and facts when it made several). Off, the output is as
// without it.
void extract_indicators(Document& doc, const Lexicon& lexicon, bool trace = false);

}  // namespace reportlens::indicators
