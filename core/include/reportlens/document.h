// The document model every stage reads and writes.
//
// A Document holds immutable decoded text (UTF-8), its metadata and the annotations stages
// add. Annotation spans are BYTE offsets into that original text; the JSON writer converts
// them to code point offsets. Never point into a normalised copy: use normalized() and its
// offset map (text.h) to match on clean text and report spans in the original.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "reportlens/text.h"

namespace reportlens {

using Json = nlohmann::ordered_json;

// One typed span of the original text. `attrs` holds type-specific fields; the required
// ones per type are listed in docs/output-format (e.g. quantity: kind, value, unit).
struct Annotation {
  std::string type;
  std::size_t begin = 0;  // byte offset into Document::text(), inclusive
  std::size_t end = 0;    // byte offset, exclusive
  Json attrs = Json::object();
};

class Document {
 public:
  // `text` must be valid UTF-8 (the core's decoder guarantees it). The normalised view is
  // built with `line_breaks` (text.h: the heading and paragraph words of the pipeline's
  // stages, which the runner collects before reading any document); without them, with the
  // script-level rules only.
  Document(std::string id, std::string source, std::string text, Json meta = Json::object());
  Document(std::string id, std::string source, std::string text, Json meta,
           std::shared_ptr<const LineBreakRules> line_breaks);

  const std::string& id() const { return id_; }
  const std::string& source() const { return source_; }
  const std::string& text() const { return text_; }
  std::string_view slice(std::size_t begin, std::size_t end) const;

  // Metadata: title, region, report_year, plan_year, kind, encoding, ... Stages may add keys.
  Json& meta() { return meta_; }
  const Json& meta() const { return meta_; }

  // The normalised view for matching (NFKC digits/punctuation, unified whitespace, no
  // zero-width characters, PDF line breaks inside sentences joined) with its offset map.
  const NormalizedText& normalized() const { return *normalized_; }
  // The rules normalized() was built with: normalise a slice or a title of this document with
  // them (normalize_text(slice, doc.line_break_rules())) to get what the view holds.
  const LineBreakRules& line_break_rules() const;

  // Adds an annotation. Throws std::invalid_argument if the span is out of bounds or not on
  // UTF-8 character boundaries, so a buggy stage is caught where it happens.
  void add(Annotation annotation);
  void add(std::string type, std::size_t begin, std::size_t end, Json attrs = Json::object());

  // Annotations of one type, in the order they were added (empty if none).
  const std::vector<Annotation>& annotations(std::string_view type) const;
  // Mutable access, for a stage that refines annotations another stage produced.
  std::vector<Annotation>& mutable_annotations(std::string_view type);
  // All annotation types present, sorted.
  std::vector<std::string> annotation_types() const;

 private:
  std::string id_;
  std::string source_;
  std::string text_;
  Json meta_;
  std::unique_ptr<NormalizedText> normalized_;
  std::map<std::string, std::vector<Annotation>, std::less<>> by_type_;
  // Appended last (ABI minor 3): the members above keep their places for older plugins.
  std::shared_ptr<const LineBreakRules> line_breaks_;
};

// What a corpus stage sees: every document of the run (in input order), the roles given
// to inputs (base, compare, ...) and the comparisons it appends to.
struct Corpus {
  std::vector<Document*> documents;
  std::map<std::string, Document*> roles;
  Json comparisons = Json::array();
  // Extra top-level output a corpus stage wants written next to the JSON result, keyed by
  // file suffix (e.g. "html" -> report.html beside result.json). Written atomically.
  std::map<std::string, std::string> side_outputs;
};

}  // namespace reportlens
