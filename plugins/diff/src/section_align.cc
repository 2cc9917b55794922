#include "section_align.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "sequence_diff.h"
#include "similarity.h"

namespace reportlens::diff {
namespace {

// A section's sentences, or the preamble's when `section` is -1.
std::vector<std::size_t> own_sentences(const DocView& v, long section) {
  if (section >= 0) return v.sections[static_cast<std::size_t>(section)].sentences;
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < v.sentences.size(); ++i)
    if (v.sentences[i].section < 0) out.push_back(i);
  return out;
}

double section_score(const SectionView& a, const SectionView& b) {
  const double title = dice(a.title_grams, b.title_grams);
  const bool both_empty = a.content_grams.empty() && b.content_grams.empty();
  const double content = both_empty ? title : dice(a.content_grams, b.content_grams);
  double score = a.title_key == b.title_key ? 0.7 + 0.3 * content : 0.45 * title + 0.55 * content;
  if (a.level != b.level) score *= 0.85;
  return score;
}

std::string surface_of(const SentenceView& s, const NumberMention& n) {
  return s.normalized.substr(n.begin, n.end - n.begin + n.unit.size());
}

// Diffs the sentences of one aligned pair into rows.
void diff_sentences(const DocView& base, const DocView& compare, SectionPair& pair,
                    const AlignOptions& options) {
  // -1 means "the preamble" only for the preamble pair; elsewhere it means "no section".
  const auto a = pair.preamble || pair.base >= 0 ? own_sentences(base, pair.base)
                                                 : std::vector<std::size_t>{};
  const auto b = pair.preamble || pair.compare >= 0 ? own_sentences(compare, pair.compare)
                                                    : std::vector<std::size_t>{};
  std::vector<std::uint64_t> ha, hb;
  for (auto i : a) ha.push_back(base.sentences[i].key.value_hash);
  for (auto j : b) hb.push_back(compare.sentences[j].key.value_hash);
  const auto edits = myers_diff(ha, hb);

  std::size_t k = 0;
  while (k < edits.size()) {
    if (edits[k].op == EditOp::kEqual) {
      pair.rows.push_back({RowOp::kSame, static_cast<long>(a[edits[k].a]),
                           static_cast<long>(b[edits[k].b])});
      ++pair.unchanged;
      ++k;
      continue;
    }
    // A gap: consecutive deletions and insertions between two equal anchors.
    std::vector<std::size_t> dels, ins;
    while (k < edits.size() && edits[k].op != EditOp::kEqual) {
      if (edits[k].op == EditOp::kDelete) dels.push_back(a[edits[k].a]);
      else ins.push_back(b[edits[k].b]);
      ++k;
    }
    // Pair deletions with insertions in order (monotone), best match within a window,
    // so a long gap costs O(gap · window), not O(gap²).
    constexpr std::size_t kWindow = 24;
    std::vector<BigramSet> ins_grams(ins.size());
    std::vector<bool> ins_ready(ins.size(), false);
    std::size_t next_ins = 0;
    for (std::size_t d : dels) {
      const SentenceView& sd = base.sentences[d];
      const BigramSet gd = bigrams(sd.key.skeleton);
      long best = -1;
      double best_sim = options.min_sentence_similarity;
      for (std::size_t t = next_ins; t < ins.size() && t < next_ins + kWindow; ++t) {
        const SentenceView& si = compare.sentences[ins[t]];
        double sim;
        if (si.key.shape_hash == sd.key.shape_hash) {
          sim = 1.0;  // same words, only numbers differ
        } else {
          if (!ins_ready[t]) ins_grams[t] = bigrams(si.key.skeleton), ins_ready[t] = true;
          sim = dice(gd, ins_grams[t]);
        }
        if (sim >= best_sim) {
          if (sim > best_sim || best < 0) best = static_cast<long>(t);
          best_sim = sim;
          if (sim == 1.0) break;
        }
      }
      if (best < 0) {
        pair.rows.push_back({RowOp::kRemoved, static_cast<long>(d), -1, 0.0});
        continue;
      }
      for (std::size_t t = next_ins; t < static_cast<std::size_t>(best); ++t)
        pair.rows.push_back({RowOp::kAdded, -1, static_cast<long>(ins[t]), 0.0});
      Row row{RowOp::kChanged, static_cast<long>(d), static_cast<long>(ins[best]), best_sim};
      row.numbers = number_changes(base, sd, compare, compare.sentences[ins[best]]);
      pair.rows.push_back(std::move(row));
      next_ins = static_cast<std::size_t>(best) + 1;
    }
    for (std::size_t t = next_ins; t < ins.size(); ++t)
      pair.rows.push_back({RowOp::kAdded, -1, static_cast<long>(ins[t]), 0.0});
  }
}

// Turns a removal and an addition of the same sentence (by value hash) into a move.
void detect_moves(const DocView& base, const DocView& compare, std::vector<SectionPair>& pairs) {
  std::unordered_map<std::uint64_t, std::vector<std::pair<std::size_t, std::size_t>>> removed;
  for (std::size_t p = 0; p < pairs.size(); ++p)
    for (std::size_t r = 0; r < pairs[p].rows.size(); ++r) {
      const Row& row = pairs[p].rows[r];
      // Very short sentences ("一是", list markers) are too common to call a move.
      if (row.op == RowOp::kRemoved && base.sentences[row.base].key.skeleton.size() >= 12)
        removed[base.sentences[row.base].key.value_hash].emplace_back(p, r);
    }
  for (std::size_t p = 0; p < pairs.size(); ++p)
    for (Row& row : pairs[p].rows) {
      if (row.op != RowOp::kAdded) continue;
      auto it = removed.find(compare.sentences[row.compare].key.value_hash);
      if (it == removed.end() || it->second.empty()) continue;
      const auto [bp, br] = it->second.front();
      it->second.erase(it->second.begin());
      Row& out = pairs[bp].rows[br];
      out.op = RowOp::kMovedOut;
      out.other_pair = static_cast<long>(p);
      out.compare = row.compare;
      row.op = RowOp::kMovedIn;
      row.other_pair = static_cast<long>(bp);
      row.base = out.base;
    }
}

const char* op_name(RowOp op) {
  switch (op) {
    case RowOp::kSame: return "same";
    case RowOp::kChanged: return "changed";
    case RowOp::kRemoved: return "removed";
    case RowOp::kAdded: return "added";
    case RowOp::kMovedOut: return "moved_out";
    case RowOp::kMovedIn: return "moved";
  }
  return "";
}

std::string title_of(const DocView& v, long section, bool preamble) {
  if (preamble) return v.words->labels.text("sections", "preamble");
  if (section < 0) return "";
  const SectionView& s = v.sections[static_cast<std::size_t>(section)];
  return s.title;
}

std::string compact(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\t') out += c;
  return out;
}

}  // namespace

std::vector<NumberChange> number_changes(const DocView& base, const SentenceView& a, const DocView&,
                                         const SentenceView& b) {
  std::vector<NumberChange> out;
  const auto& na = a.key.numbers;
  const auto& nb = b.key.numbers;
  std::size_t j = 0;
  for (const auto& x : na) {
    std::size_t t = j;
    while (t < nb.size() && nb[t].unit != x.unit) ++t;
    if (t == nb.size()) continue;
    j = t + 1;
    const auto& y = nb[t];
    if (std::abs(x.value - y.value) <= 1e-9 * std::max(std::abs(x.value), 1.0)) continue;
    if (auto c = describe_change(x, y, surface_of(a, x), surface_of(b, y), base.words->labels)) out.push_back(*c);
  }
  return out;
}

std::vector<SectionPair> align_sections(const DocView& base, const DocView& compare,
                                        const AlignOptions& options) {
  // Score every section pair; reports have tens of sections, so this is small.
  struct Candidate {
    double score;
    std::size_t i, j;
  };
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < base.sections.size(); ++i)
    for (std::size_t j = 0; j < compare.sections.size(); ++j) {
      const double s = section_score(base.sections[i], compare.sections[j]);
      if (s >= options.min_section_score) candidates.push_back({s, i, j});
    }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) { return x.score > y.score; });
  std::vector<long> match_of_base(base.sections.size(), -1), match_of_compare(compare.sections.size(), -1);
  std::vector<double> score_of_base(base.sections.size(), 0.0);
  for (const auto& c : candidates) {
    if (match_of_base[c.i] >= 0 || match_of_compare[c.j] >= 0) continue;
    match_of_base[c.i] = static_cast<long>(c.j);
    match_of_compare[c.j] = static_cast<long>(c.i);
    score_of_base[c.i] = c.score;
  }

  // Moved: aligned sections outside the longest run that kept its relative order, or
  // whose parent is now aligned elsewhere.
  std::vector<std::size_t> order, matched_base;
  for (std::size_t i = 0; i < base.sections.size(); ++i)
    if (match_of_base[i] >= 0) order.push_back(static_cast<std::size_t>(match_of_base[i])),
        matched_base.push_back(i);
  std::vector<bool> in_order(base.sections.size(), false);
  for (std::size_t k : longest_increasing_subsequence(order)) in_order[matched_base[k]] = true;

  std::vector<SectionPair> pairs;
  SectionPair preamble;
  preamble.preamble = true;
  preamble.similarity = 1.0;
  pairs.push_back(preamble);
  std::vector<bool> emitted(base.sections.size(), false);
  const auto emit_base_only_before = [&](std::size_t limit) {
    for (std::size_t i = 0; i < limit; ++i)
      if (match_of_base[i] < 0 && !emitted[i]) {
        SectionPair p;
        p.base = static_cast<long>(i);
        pairs.push_back(p);
        emitted[i] = true;
      }
  };
  for (std::size_t j = 0; j < compare.sections.size(); ++j) {
    SectionPair p;
    p.compare = static_cast<long>(j);
    if (const long i = match_of_compare[j]; i >= 0) {
      emit_base_only_before(static_cast<std::size_t>(i));
      const SectionView& bs = base.sections[static_cast<std::size_t>(i)];
      const SectionView& cs = compare.sections[j];
      p.base = i;
      p.similarity = score_of_base[static_cast<std::size_t>(i)];
      p.renumbered = !bs.number.empty() && !cs.number.empty() && compact(bs.number) != compact(cs.number);
      p.retitled = bs.title_key != cs.title_key;
      const long parent_match = bs.parent >= 0 ? match_of_base[static_cast<std::size_t>(bs.parent)] : -1;
      p.moved = !in_order[static_cast<std::size_t>(i)] || (bs.parent >= 0 && parent_match != cs.parent) ||
                (bs.parent < 0 && cs.parent >= 0);
      emitted[static_cast<std::size_t>(i)] = true;
    }
    pairs.push_back(p);
  }
  emit_base_only_before(base.sections.size());

  for (auto& p : pairs) diff_sentences(base, compare, p, options);
  detect_moves(base, compare, pairs);
  return pairs;
}

Json sections_json(const DocView& base, const DocView& compare,
                   const std::vector<SectionPair>& pairs) {
  Json out = Json::array();
  for (const auto& p : pairs) {
    Json s = Json::object();
    s["base"] = p.base >= 0 || p.preamble ? Json(title_of(base, p.base, p.preamble)) : Json(nullptr);
    s["compare"] = p.compare >= 0 || p.preamble ? Json(title_of(compare, p.compare, p.preamble)) : Json(nullptr);
    s["similarity"] = std::round(p.similarity * 1000.0) / 1000.0;
    if (p.base >= 0) s["base_number"] = base.sections[p.base].number;
    if (p.compare >= 0) s["compare_number"] = compare.sections[p.compare].number;
    s["status"] = p.preamble ? "aligned"
                  : p.base < 0 ? "added"
                  : p.compare < 0 ? "removed"
                  : "aligned";
    s["renumbered"] = p.renumbered;
    s["retitled"] = p.retitled;
    s["moved"] = p.moved;
    s["unchanged"] = p.unchanged;
    Json changes = Json::array();
    for (const Row& r : p.rows) {
      if (r.op == RowOp::kSame) continue;
      Json c = Json::object();
      c["op"] = op_name(r.op);
      if (r.base >= 0) c["base"] = base.evidence(base.sentences[r.base].begin, base.sentences[r.base].end);
      if (r.compare >= 0)
        c["compare"] = compare.evidence(compare.sentences[r.compare].begin, compare.sentences[r.compare].end);
      if (r.op == RowOp::kChanged) {
        c["similarity"] = std::round(r.similarity * 1000.0) / 1000.0;
        Json nums = Json::array();
        for (const auto& n : r.numbers) {
          Json x = {{"base", n.base_text}, {"compare", n.compare_text}, {"delta", n.delta},
                    {"delta_text", n.delta_text}};
          x["percent"] = n.percent ? Json(*n.percent) : Json(nullptr);
          nums.push_back(std::move(x));
        }
        c["numbers"] = std::move(nums);
      }
      if (r.op == RowOp::kMovedIn && r.other_pair >= 0) {
        const auto& o = pairs[static_cast<std::size_t>(r.other_pair)];
        c["from_section"] = title_of(base, o.base, o.preamble);
      }
      if (r.op == RowOp::kMovedOut && r.other_pair >= 0) {
        const auto& o = pairs[static_cast<std::size_t>(r.other_pair)];
        c["to_section"] = title_of(compare, o.compare, o.preamble);
      }
      changes.push_back(std::move(c));
    }
    s["changes"] = std::move(changes);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace reportlens::diff
