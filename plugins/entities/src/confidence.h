// A confidence per candidate, so that a caller can keep only names it trusts (the stage's
// `min_confidence` setting; the diff's entity section uses confident ones only).
//
// The base is the kind of evidence: a gazetteer entry (gazetteer_confidence), a pattern name
// by the ending that fired (ending_confidence: 基地 and 园区 are as often a programme or a
// class of sites as a named one), a name the document implies by the rule that derived it
// (rule_confidence: a brand read off a park name is less sure than a legal-form ending).
// Evidence from the whole document adds evidence_bonus, once:
//  - a park, zone or base that holds a firm of the document (恒力临海装备制造基地 holds 恒力)
//    is a firm's named site, not a programme;
//  - a firm or short form that the document shows acting like a firm somewhere (a
//    firm_contexts word after it in the same clause: 投产, 签约, 落地, 开工 …).
#pragma once

#include <string_view>
#include <vector>

#include "candidate.h"
#include "pattern_rules.h"

namespace reportlens::entities {

// The confidence a candidate has before any evidence (its source, ending or rule).
double base_confidence(const PatternRules& rules, const Candidate& c);

// Sets `confidence` of every candidate (normalised text, byte offsets).
void score_confidence(std::string_view text, const PatternRules& rules, std::vector<Candidate>& candidates);

}  // namespace reportlens::entities
