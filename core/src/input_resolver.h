// Expanding input specs (files, directories, globs) into the documents of a run.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "config_issue.h"
#include "pipeline_config.h"

namespace reportlens {

struct ResolvedInput {
  std::string path;             // where to read it (a string: fs::path costs ~10x the memory)
  std::string id;               // document id (see docs/pipeline-yaml.md, "Document ids")
  std::string source;           // the path as the user would write it
  std::string role;
  Json meta = Json::object();
  std::string encoding;
  bool replace_invalid = false;
};

// Expands `specs`, relative paths taken from `base_dir`. A directory gives its *.txt,
// *.html and *.htm files (recursively, sorted) with ids relative to it; a single file's id
// is "<parent dir>/<file name>"; a glob's matches are treated as single files.
// A manifest (.csv/.jsonl, or an input given as {manifest: FILE}) gives the files it lists,
// with its metadata (batch_manifest.h).
// Inputs matching nothing are reported in `issues` (attributed to `origin`).
std::vector<ResolvedInput> resolve_inputs(const std::vector<InputSpec>& specs,
                                          const std::filesystem::path& base_dir,
                                          const std::string& origin,
                                          std::vector<ConfigIssue>& issues);

}  // namespace reportlens
