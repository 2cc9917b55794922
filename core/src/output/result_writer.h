// The JSON result of a run (../shared/spec/output-format.md), built deterministically:
// annotations sorted by span, code point offsets, no timestamps.
//
// Two forms with the same content: a Json tree (document_to_json, result_to_json) for code
// that reads results in C++, and JSON text written directly (write_document_json,
// write_result_json), byte for byte the tree's dump, for output files: the text writer
// never builds the tree and streams the result document by document.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "run/errors.h"
#include "output/json_text_writer.h"
#include "reportlens/document.h"

namespace reportlens {

struct DocumentFailure {
  std::string id;
  std::string source;
  std::string stage;    // empty when reading or decoding failed
  std::string message;
  ExitCode code = ExitCode::kStage;
};

// One document as the contract's DOCUMENT object (code point offsets).
Json document_to_json(const Document& document);

// The whole result object.
Json result_to_json(const std::string& pipeline, const Json& provenance,
                    const std::vector<const Document*>& documents, const Json& comparisons,
                    const std::vector<DocumentFailure>& failures);

// An annotation as the DOCUMENT object shows it: code point offsets and its "text", which is
// `shown` followed by an ellipsis when `shortened` (long structural spans).
struct ShownAnnotation {
  const Annotation* annotation;
  std::uint32_t begin, end;
  std::string_view shown;  // a prefix of the document's text between the offsets (all of it unless shortened)
  bool shortened;
};

// Every annotation of `document` in the order document_to_json lists them.
std::vector<ShownAnnotation> shown_annotations(const Document& document);

// Writes the members of the DOCUMENT object (id, source, sha256, meta, annotations) into the
// object open in `writer`, as document_to_json(document) prints them.
void write_document_members(JsonTextWriter& writer, const Document& document);

// The DOCUMENT object as text: document_to_json(document).dump(indent).
std::string document_json_text(const Document& document, int indent = -1);

// The result file written as the run goes: the head (pipeline, provenance) when created,
// each document's object as it is finished (in input order), then comparisons and errors,
// and the file renamed over `path` at finish(): byte for byte
// result_to_json(...).dump(indent) followed by a newline. Memory: one document at a time.
// Destroyed without finish(), it leaves `path` as it was.
class ResultJsonWriter {
 public:
  ResultJsonWriter(const std::filesystem::path& path, int indent, const std::string& pipeline,
                   const Json& provenance);
  ~ResultJsonWriter();
  ResultJsonWriter(const ResultJsonWriter&) = delete;
  ResultJsonWriter& operator=(const ResultJsonWriter&) = delete;

  void add(const Document& document);
  // A document rendered elsewhere (another thread) by result_document_text(document, indent).
  void add_rendered(std::string_view document_text);
  // Comparisons one at a time, after the documents (a run that streams them); finish() then
  // writes `comparisons` after them.
  void add_comparison(const Json& comparison);
  void finish(const Json& comparisons, const std::vector<DocumentFailure>& failures);

 private:
  void open_comparisons();
  bool comparisons_open_ = false;
  void flush_if_large();
  struct File;
  std::unique_ptr<File> file_;
  const int indent_;
  std::string buffer_;
  JsonTextWriter writer_;
};

// One document's object as it appears in the result's "documents" array (indented for that
// depth), for ResultJsonWriter::add_rendered(). Throws as the result's dump would (e.g. a
// file name that is not UTF-8).
std::string result_document_text(const Document& document, int indent);

// Writes the whole result to `path` atomically, document by document, as
// result_to_json(...).dump(indent) followed by a newline.
void write_result_json(const std::filesystem::path& path, int indent, const std::string& pipeline,
                       const Json& provenance, const std::vector<const Document*>& documents,
                       const Json& comparisons, const std::vector<DocumentFailure>& failures);

}  // namespace reportlens
