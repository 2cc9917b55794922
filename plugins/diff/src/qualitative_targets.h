// Targets without a figure: found in the earlier report's target paragraphs and settled
// (met / missed / unclear) from the later report's figures for that year and its wording.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "doc_view.h"
#include "metric_catalog.h"
#include "qualitative_rules.h"

namespace reportlens::diff {

// One qualitative target statement of a report.
struct QualitativeStatement {
  const QualitativeKind* kind = nullptr;
  std::string subject;    // 居民收入, 国际收支, 节能减排 (for higher_level: the topic, may be "")
  std::string reference;  // in_step / faster: the other side (经济增长)
  std::size_t begin = 0, end = 0;  // the clause, bytes in the original text
};

// Earliest occurrence of any of `words` at or after `from` (npos if none); `len` gets the
// length of the word found.
std::size_t find_any(const std::string& s, const Words& words, std::size_t from = 0,
                     std::size_t* len = nullptr);

// Clauses of text[begin, end): split at the rules' clause_separators (，；。：！？ and line
// breaks), whitespace trimmed.
std::vector<std::pair<std::size_t, std::size_t>> clauses(const std::string& text, std::size_t begin,
                                                         std::size_t end, const QualitativeRules& rules);

// Byte ranges of the lines that state a year's targets (主要预期目标是：…).
std::vector<std::pair<std::size_t, std::size_t>> target_paragraphs(const std::string& text,
                                                                   const QualitativeRules& rules);

// Parses one clause (no digits) into a statement, if one kind's words fit.
std::optional<QualitativeStatement> parse_statement(const std::string& clause,
                                                    const QualitativeRules& rules);

// Every qualitative statement in the target paragraphs of `doc`.
std::vector<QualitativeStatement> find_statements(const DocView& doc, const QualitativeRules& rules);

// Entries (`kind: qualitative`) for the statements of `base`, decided from `compare`.
Json check_qualitative_targets(const DocView& base, const DocView& compare,
                               const MetricCatalog& catalog, const QualitativeRules& rules);

}  // namespace reportlens::diff
