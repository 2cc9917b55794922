// The two kinds of stage a plugin provides.
//
// Write a class deriving from DocumentStage (one document at a time) or CorpusStage (all
// documents of a run), give it a constructor taking `const StageContext&`, and register it
// with REPORTLENS_PLUGIN (plugin.h). Throw reportlens::StageError (or any std::exception)
// to fail; the SDK catches it inside your library and the host reports it with the stage
// name and document.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

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
class DocumentStage {
 public:
  virtual ~DocumentStage() = default;
  virtual void process(Document& document) const = 0;
};

// Sees every document after all document stages ran (e.g. the year-over-year diff).
class CorpusStage {
 public:
  virtual ~CorpusStage() = default;
  virtual void process(Corpus& corpus) const = 0;
};

}  // namespace reportlens
