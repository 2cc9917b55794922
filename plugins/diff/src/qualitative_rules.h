// Word lists for targets without a figure (居民收入增长与经济增长同步, 国际收支基本平衡 …),
// loaded from data/qualitative_targets.yaml (plus files named in the stage settings).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace reportlens::diff {

using Words = std::vector<std::string>;

// A subject written in several ways (居民收入 / 城乡居民人均可支配收入).
struct SubjectGroup {
  std::string name;
  Words words;            // a subject belongs when it contains one
  Words metric_endings;   // a figure's metric belongs when it ends with one
};

// One relation kind: in_step, faster, above_average, higher_level, balanced, decrease,
// improve, increase. Which fields matter depends on the kind (see the data file).
struct QualitativeKind {
  std::string kind;
  Words triggers, joiners, scope_words, require_words, context_words, strip_words, met_words,
      missed_words;
  double tolerance_points = 0.5;
};

struct QualitativeRules {
  Words markers, marker_followers, lead_words, subject_tail_words, degree_words, negations,
      exclude_words, span_words, year_words;
  // Punctuation that ends a clause, that ends a sentence, and words joining the parts of a
  // compound subject (节能减排和碳排放强度).
  Words clause_separators, sentence_ends, subject_joins;
  int marker_reach = 8;  // code points after a marker in which a follower must stand
  std::vector<SubjectGroup> subjects;
  std::vector<QualitativeKind> kinds;

  // Reads one file; later files add words to the same kinds and groups.
  // Throws StageError("file:line: ...") on malformed input.
  void load(const std::filesystem::path& file);
  bool empty() const { return kinds.empty(); }
  // The group of a subject: the one whose word ends latest in it; null if none.
  const SubjectGroup* group_of(const std::string& subject) const;
  const QualitativeKind* kind(const std::string& name) const;
};

}  // namespace reportlens::diff
