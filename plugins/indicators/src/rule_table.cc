// The reader as an engine: for each number of a sentence, the rules below run in order until
// one drops the number or keeps it as a fact. The order is the reader's grammar: framing,
// exclusions, role and subject, 分别 distribution, metric, value, status and period, merge.
#include <algorithm>
#include <array>

#include "reading.h"

namespace reportlens::indicators {

namespace {

constexpr std::array<ReaderRule, 21> kRules = {
    // framing and exclusions (rules_exclusions.cc)
    non_figure, frame_number, consecutive_years, not_a_measure, noun_phrase_numbers,
    rhetoric_and_denominators, multi_year_figures,
    // role and subject (rules_subject.cc)
    role, subject_before_year, subject_of_target, duration, clean_subject, respective_distribution,
    from_to_subject, milestone_subject,
    // metric and value (rules_metric.cc), status, period and merge (rules_period.cc)
    metric, metric_checks, value, status_and_period, plan_span, merge_or_emit,
};

#define REPORTLENS_RULE_NAME(id, name) std::string_view(name),
constexpr std::string_view kRuleIds[] = {REPORTLENS_INDICATOR_RULES(REPORTLENS_RULE_NAME)};
#undef REPORTLENS_RULE_NAME
#define REPORTLENS_RULE_VALUE(id, name) Rule::id,
constexpr Rule kAllRules[] = {REPORTLENS_INDICATOR_RULES(REPORTLENS_RULE_VALUE)};
#undef REPORTLENS_RULE_VALUE

}  // namespace

std::string_view rule_id(Rule rule) { return kRuleIds[static_cast<std::size_t>(rule)]; }

std::span<const Rule> all_rules() { return kAllRules; }

std::size_t Reading::figures_to_clause_end() const {
  std::size_t figures = 0;
  // (sorted by begin: the mentions from the first one at the clause end on lie past it)
  for (std::size_t k = n.qi; k < quantities.size() && quantities[k].begin < n.clause.end; ++k) {
    const QuantityView& o = quantities[k];
    if (o.kind == "quantity" || o.kind == "percent") ++figures;
  }
  return figures;
}

bool Reading::has_figure_in(std::size_t from, std::size_t to, bool any_kind) const {
  // The mentions sorted by begin: those in [from, to) are one run of them.
  auto o = std::lower_bound(quantities.begin(), quantities.end(), from,
                            [](const QuantityView& q, std::size_t at) { return q.begin < at; });
  for (; o != quantities.end() && o->begin < to; ++o)
    if (any_kind || o->kind == "quantity" || o->kind == "percent") return true;
  return false;
}

std::vector<Fact> read_sentence(std::string_view text, std::size_t begin, std::size_t end,
                                std::span<const QuantityView> quantities, const SentenceContext& context,
                                const Lexicon& lexicon, std::string& carried_metric,
                                std::vector<TraceRecord>* trace) {
  if (quantities.empty()) return {};
  Reading r{text, begin, end, quantities, context, lexicon,
            frame_sentence(text, begin, end, quantities, lexicon), {}, {}, carried_metric, {}};
  r.s.last_kept_end = begin;
  r.s.kept_before_date = begin;
  for (std::size_t qi = 0; qi < quantities.size(); ++qi) {
    r.n = NumberState{};
    r.n.qi = qi;
    for (const ReaderRule rule : kRules) {
      const Step step = rule(r);
      if (step.verdict == Verdict::kNext) continue;
      if (trace) {
        const bool kept = step.verdict == Verdict::kKeep;
        trace->push_back({quantities[qi].begin, quantities[qi].end, step.rule, kept, kept ? r.n.kept_fact : 0,
                          kept ? r.n.kept_facts : 0});
      }
      break;
    }
  }
  if (!r.facts.empty()) carried_metric = r.facts.back().metric;
  return std::move(r.facts);
}

}  // namespace reportlens::indicators
