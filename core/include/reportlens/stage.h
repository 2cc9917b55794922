// The two kinds of stage a plugin provides.
//
// Write a class deriving from DocumentStage (one document at a time) or CorpusStage (all
// documents of a run), give it a constructor taking `const StageContext&`, and register it
// with REPORTLENS_PLUGIN (plugin.h). Throw reportlens::StageError (or any std::exception)
// to fail; the SDK catches it inside your library and the host reports it with the stage
// name and document.
#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "reportlens/document.h"

namespace reportlens {

// What a stage is created with.
struct StageContext {
  // The stage's `with:` settings, validated against its schema, defaults filled in.
  Json settings = Json::object();
  // Directory of the pipeline YAML: resolve user-given relative paths against it.
  std::filesystem::path pipeline_dir;
  // Directory holding the plugin's shipped data files (units, gazetteers, synonyms...).
  std::filesystem::path data_dir;
  // Resolves a settings path: absolute stays, relative is taken from pipeline_dir.
  std::filesystem::path resolve(const std::string& path) const {
    std::filesystem::path p(path);
    return p.is_absolute() ? p : pipeline_dir / p;
  }
};

// Thrown by stages for a clear, user-facing failure ("units.yaml:12: unknown scale").
class StageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One document at a time. process() is called concurrently on different documents, so it
// must not modify the stage's own state (it is const for that reason).
//
// Optional, for a stage that knows the headings of the reports it reads (document or corpus
// stage, found by plugin.h; ABI minor 3):
//
//   reportlens::LineBreakRules line_break_rules() const;
//
// The runner calls it once on each created stage, before reading any document, merges what
// the stages return in pipeline order, and builds every Document of the run with it, so the
// normaliser keeps line breaks at the stage's heading and paragraph words (text.h,
// LineBreakRules). Return them from the stage's data, not from literals in C++.
class DocumentStage {
 public:
  virtual ~DocumentStage() = default;
  virtual void process(Document& document) const = 0;
};

// Sees every document after all document stages ran. Holds the whole corpus in memory:
// prefer GroupedCorpusStage, which the host can stream. Documents are read-only here (they
// are already written to the outputs when corpus stages run).
class CorpusStage {
 public:
  virtual ~CorpusStage() = default;
  virtual void process(Corpus& corpus) const = 0;
};

// Where a document belongs for a grouped corpus stage (GroupedCorpusStage::place).
struct GroupPlace {
  // Documents with the same group are handed over together; groups are handed over in
  // ascending (byte) order of this string. "" means unknown: see Grouping::unknown_joins_single.
  std::string group;
  // Ascending order within the group; ties are broken by document id.
  long long order = 0;
};

// How a grouped corpus stage wants its groups handed over (GroupedCorpusStage::grouping).
struct Grouping {
  enum class Handover {
    kGroup,  // process_group sees the whole group at once (memory: the largest group)
    kPairs   // process_group sees each two consecutive documents of a group (memory: two)
  };
  Handover handover = Handover::kGroup;
  // Documents placed in group "" join the only other group when there is exactly one;
  // otherwise (and when false) they form the group "" of their own.
  bool unknown_joins_single = true;
};

// What process_group is handed: one group, or (Handover::kPairs) two consecutive documents
// of one group. The documents live only for the call.
struct CorpusGroup {
  std::string key;                          // GroupPlace::group of the group
  std::vector<const Document*> documents;   // in (order, id) order
  std::size_t first = 0;                    // position of documents[0] in its group
  std::size_t group_size = 0;               // documents in the whole group
};

// A corpus stage the host can stream (docs/writing-plugins.md, "Corpus stages"): it says
// where each document belongs, and the host, after the document stages ran on every
// document, loads one group at a time, hands it over and frees it. Only what the stage keeps
// in `corpus` (comparisons, side outputs) lives across groups.
//
// Calls, in order: place() on every finished document (any thread, concurrently), then
// begin(corpus), process_group(group, corpus) for every group in key order, finish(corpus).
// Side outputs are appended to: what a call leaves in corpus.side_outputs[suffix] is added
// to that file and the string is emptied after each call.
class GroupedCorpusStage : public CorpusStage {
 public:
  virtual Grouping grouping() const { return {}; }
  virtual GroupPlace place(const Document& document) const = 0;
  virtual void begin(Corpus& /*corpus*/) const {}
  virtual void process_group(const CorpusGroup& group, Corpus& corpus) const = 0;
  virtual void finish(Corpus& /*corpus*/) const {}
  // The whole-corpus form (runs whose inputs have roles, in-memory callers): the same calls
  // on corpus.documents, grouped here exactly as the host groups them.
  void process(Corpus& corpus) const override;
};

// One document as the host groups it: its place, id and input position.
struct GroupMember {
  GroupPlace place;
  std::string id;
  std::size_t index = 0;  // position in input order (a tie-break that never decides: ids are unique)
};

// The groups of `members` in key order, each as indices into `members` in (order, id) order.
// The host and GroupedCorpusStage::process both group with this, so a streamed run and a
// whole-corpus run hand over the same groups.
inline std::vector<std::pair<std::string, std::vector<std::size_t>>> arrange_groups(
    const std::vector<GroupMember>& members, bool unknown_joins_single) {
  std::map<std::string, std::vector<std::size_t>> groups;
  std::vector<std::size_t> unknown;
  for (std::size_t i = 0; i < members.size(); ++i)
    (members[i].place.group.empty() ? unknown : groups[members[i].place.group]).push_back(i);
  if (!unknown.empty()) {
    auto& joined = unknown_joins_single && groups.size() == 1 ? groups.begin()->second : groups[std::string()];
    joined.insert(joined.end(), unknown.begin(), unknown.end());
  }
  std::vector<std::pair<std::string, std::vector<std::size_t>>> out;
  for (auto& [key, list] : groups) {
    std::sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
      const GroupMember &x = members[a], &y = members[b];
      if (x.place.order != y.place.order) return x.place.order < y.place.order;
      return x.id != y.id ? x.id < y.id : x.index < y.index;
    });
    out.emplace_back(key, std::move(list));
  }
  return out;
}

// The hand-overs of one ordered group of `size` documents, as (first, count): the whole
// group, or every two consecutive documents (none for a group of one).
inline std::vector<std::pair<std::size_t, std::size_t>> handovers(const Grouping& grouping, std::size_t size) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  if (grouping.handover == Grouping::Handover::kGroup) {
    if (size > 0) out.emplace_back(0, size);
  } else {
    for (std::size_t i = 1; i < size; ++i) out.emplace_back(i - 1, 2);
  }
  return out;
}

inline void GroupedCorpusStage::process(Corpus& corpus) const {
  std::vector<GroupMember> members;
  for (std::size_t i = 0; i < corpus.documents.size(); ++i)
    members.push_back({place(*corpus.documents[i]), corpus.documents[i]->id(), i});
  const Grouping how = grouping();
  begin(corpus);
  for (const auto& [key, list] : arrange_groups(members, how.unknown_joins_single)) {
    for (const auto& [first, count] : handovers(how, list.size())) {
      CorpusGroup group{key, {}, first, list.size()};
      for (std::size_t k = first; k < first + count; ++k) group.documents.push_back(corpus.documents[list[k]]);
      process_group(group, corpus);
    }
  }
  finish(corpus);
}

namespace detail {
// What the host passes through the descriptor's `grouped` callback (abi.h).
struct PlaceCall {
  const Document* document = nullptr;
  GroupPlace place;
};
struct GroupCall {
  const CorpusGroup* group = nullptr;
  Corpus* corpus = nullptr;
};
}  // namespace detail

}  // namespace reportlens
