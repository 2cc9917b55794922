// Expanding input specs (files, directories, globs, manifests) into the documents of a run,
// lazily: a batch over a million files holds one input at a time (plus the sorted names of
// the directories on the current path), so memory does not grow with the corpus.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/config_issue.h"
#include "pipeline/pipeline_config.h"

namespace reportlens {

struct ResolvedInput {
  std::string path;             // where to read it (a string: fs::path costs ~10x the memory)
  std::string id;               // document id (see docs/pipeline-yaml.md, "Document ids")
  std::string source;           // the path as the user would write it
  std::string role;
  Json meta = Json::object();
  std::string encoding;
  std::string format;  // empty: detect (input_format.h)
  bool replace_invalid = false;
};

// Walks `specs` in order, relative paths taken from `base_dir`. A directory gives its
// documents (is_document_file in input_format.h: .txt, .html, .pdf, .docx, Markdown with front
// matter, PDFs and DOCX under other names; recursively; each directory's entries sorted by
// name, i.e. paths in component-wise order) with ids relative to it; the other files it holds
// are counted and named in one warning per directory input (by check_inputs); a single file's id is
// "<parent dir>/<file name>"; a glob's matches (same order) are treated as single files.
// A manifest (.csv/.jsonl, or an input given as {manifest: FILE}) gives the files it lists,
// in its order, with its metadata (batch_manifest.h).
// The same specs always give the same inputs in the same order (while the files stay put).
class InputWalk {
 public:
  InputWalk(const std::vector<InputSpec>& specs, std::filesystem::path base_dir, std::string origin);
  ~InputWalk();
  InputWalk(const InputWalk&) = delete;
  InputWalk& operator=(const InputWalk&) = delete;

  // The next input's location and id only (cheap: no display path, no metadata).
  // Inputs matching nothing and manifest problems are appended to `issues` if not null.
  bool next_id(std::string& id, std::vector<ConfigIssue>* issues = nullptr);
  // The next input, complete.
  bool next(ResolvedInput& out, std::vector<ConfigIssue>* issues = nullptr);
  // The last input (after next_id), complete.
  void current(ResolvedInput& out) const;
  // The spec the last input came from.
  const InputSpec& current_spec() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The inputs a run keeps (`keep(id)`), handed out by position to worker threads that ask
// for positions 0, 1, 2... in roughly increasing order (each once): reads ahead in one walk,
// holding only the inputs asked for out of order. Thread-safe.
class InputFeed {
 public:
  InputFeed(const std::vector<InputSpec>& specs, std::filesystem::path base_dir, std::string origin,
            std::function<bool(const std::string&)> keep);
  ~InputFeed();
  // The i-th kept input and its position among all inputs (`seq`); false if the inputs
  // changed since they were counted and there is no i-th one any more.
  bool take(std::size_t i, ResolvedInput& out, std::size_t& seq);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Walks the inputs once to check them: inputs matching nothing, manifest problems and
// duplicate document ids are appended to `issues` (attributed to `origin`). Returns how many
// inputs there are, and in `kept` how many of them `keep(id)` accepts (a shard's share).
// Memory: 8 bytes per input (a hash of each id, for the duplicate check).
std::size_t check_inputs(const std::vector<InputSpec>& specs, const std::filesystem::path& base_dir,
                         const std::string& origin, const std::function<bool(const std::string&)>& keep,
                         std::size_t& kept, std::vector<ConfigIssue>& issues);

// Every input at once (runs that hold every document anyway), problems into `issues`.
std::vector<ResolvedInput> resolve_inputs(const std::vector<InputSpec>& specs,
                                          const std::filesystem::path& base_dir,
                                          const std::string& origin,
                                          std::vector<ConfigIssue>& issues);

}  // namespace reportlens
