// Finished documents kept on disk for the corpus stages, so that a pipeline with corpus
// stages holds no more documents in memory than the stages need at once (run/corpus_pass.h).
//
// The writer thread appends each finished document, in input order, as one line (its id,
// source, text, meta and annotations with byte offsets: everything a stage saw) to a
// temporary file beside the output. The file is unlinked as soon as it is created, so it
// never outlives the run, however the run ends. In memory stays only an index: per
// document its line's place, id, role and its place in each grouped corpus stage.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "reportlens/document.h"
#include "reportlens/stage.h"

namespace reportlens {

// A document's spill line (any thread). Throws what cannot be written (e.g. a string
// that is not UTF-8), like the result writer.
std::string spill_line(const Document& document);

// Places as sent from a worker process, and back.
std::string places_json(const std::vector<GroupPlace>& places);
std::vector<GroupPlace> places_from_json(const std::string& text);

// Lines appended to a temporary file in `dir` (unlinked at once) and read back by place.
class SpillFile {
 public:
  explicit SpillFile(const std::filesystem::path& dir);  // throws HostError(kOutput)
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;
  // Appends `bytes`; returns where they start.
  std::size_t append(const std::string& bytes);
  std::string read(std::size_t offset, std::size_t size) const;

 private:
  int fd_ = -1;
  std::size_t end_ = 0;
};

struct SpilledDocument {
  std::size_t offset = 0, size = 0;  // of its line in the spill file
  std::string id, role;
  std::vector<GroupPlace> places;    // one per grouped corpus stage, in pipeline order
};

class CorpusSpill {
 public:
  // Creates the (already unlinked) file in `dir`. Throws HostError(kOutput) when it cannot.
  // Documents are loaded back with `line_breaks`, the rules the document pass built them with.
  CorpusSpill(const std::filesystem::path& dir, std::shared_ptr<const LineBreakRules> line_breaks)
      : file_(dir), line_breaks_(std::move(line_breaks)) {}

  // Appends one document (writer thread, input order).
  void add(std::string id, std::string role, const std::string& line, std::vector<GroupPlace> places);
  const std::vector<SpilledDocument>& documents() const { return documents_; }
  // The i-th document, read back as the stages left it.
  std::unique_ptr<Document> load(std::size_t i) const;

 private:
  SpillFile file_;
  std::shared_ptr<const LineBreakRules> line_breaks_;
  std::vector<SpilledDocument> documents_;
};

}  // namespace reportlens
