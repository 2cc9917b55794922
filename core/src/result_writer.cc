#include "result_writer.h"

#include <algorithm>

#include "atomic_file.h"
#include "reportlens/text.h"

namespace reportlens {
namespace {

// Long structural spans (sections, paragraphs) carry a shortened text; facts carry theirs whole.
constexpr std::size_t kMaxStructuralText = 120;
constexpr std::string_view kEllipsis = "…";

bool is_structural(const std::string& type) {
  return type == "section" || type == "box" || type == "paragraph" || type == "title_block";
}

// Byte length of the first `max_code_points` characters of `text` (all of it if shorter).
std::size_t prefix_bytes(std::string_view text, std::size_t max_code_points) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && n++ == max_code_points) return i;
  return text.size();
}

// Code point index of any byte offset that starts a character: a count per 64-byte block
// plus a count inside the block. (A uint32 per byte cost more to build than to use.)
class CodePointIndex {
 public:
  explicit CodePointIndex(std::string_view text) : text_(text), blocks_(text.size() / kBlock + 1) {
    std::uint32_t cp = 0;
    for (std::size_t b = 0; b < blocks_.size(); ++b) {
      blocks_[b] = cp;
      cp += count(b * kBlock, std::min(text.size(), (b + 1) * kBlock));
    }
  }
  std::uint32_t at(std::size_t byte) const {
    const std::size_t b = byte / kBlock;
    return blocks_[b] + count(b * kBlock, byte);
  }

 private:
  static constexpr std::size_t kBlock = 64;
  std::uint32_t count(std::size_t from, std::size_t to) const {
    std::uint32_t n = 0;
    for (std::size_t i = from; i < to; ++i) n += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
    return n;
  }
  std::string_view text_;
  std::vector<std::uint32_t> blocks_;
};

// An annotation in output order with its code point span.
struct Placed {
  const Annotation* annotation;
  std::uint32_t begin, end;
};

// Every annotation sorted by begin, longest (enclosing) first, then type, then the order
// stages added them: output does not depend on the order of stages' internals.
std::vector<Placed> placed_annotations(const Document& doc) {
  struct Ref {
    const Annotation* a;
    std::size_t order;
  };
  std::vector<Ref> refs;
  std::size_t order = 0;
  for (const auto& type : doc.annotation_types())
    for (const auto& a : doc.annotations(type)) refs.push_back({&a, order++});
  // `order` makes the comparison total, so an unstable sort gives the stable result.
  std::sort(refs.begin(), refs.end(), [](const Ref& x, const Ref& y) {
    if (x.a->begin != y.a->begin) return x.a->begin < y.a->begin;
    if (x.a->end != y.a->end) return x.a->end > y.a->end;  // enclosing spans first
    if (x.a->type != y.a->type) return x.a->type < y.a->type;
    return x.order < y.order;
  });
  const CodePointIndex cp(doc.text());
  std::vector<Placed> placed;
  placed.reserve(refs.size());
  for (const auto& r : refs) placed.push_back({r.a, cp.at(r.a->begin), cp.at(r.a->end)});
  return placed;
}

// The annotation's "text": its surface, shortened for structural spans. Returns the kept
// prefix of the surface and whether an ellipsis follows it.
std::pair<std::string_view, bool> shown_text(const Document& doc, const Annotation& a) {
  const std::string_view surface = doc.slice(a.begin, a.end);
  if (!is_structural(a.type)) return {surface, false};
  const std::size_t keep = prefix_bytes(surface, kMaxStructuralText);
  return {surface.substr(0, keep), keep < surface.size()};
}

}  // namespace

Json document_to_json(const Document& doc) {
  Json annotations = Json::array();
  for (const Placed& p : placed_annotations(doc)) {
    const Annotation& a = *p.annotation;
    const auto [shown, shortened] = shown_text(doc, a);
    Json j = Json::object();
    j["type"] = a.type;
    j["begin"] = p.begin;
    j["end"] = p.end;
    j["text"] = shortened ? std::string(shown) + std::string(kEllipsis) : std::string(shown);
    j["attrs"] = a.attrs;
    annotations.push_back(std::move(j));
  }
  Json out = Json::object();
  out["id"] = doc.id();
  out["source"] = doc.source();
  out["sha256"] = doc.meta().value("sha256", "");
  Json meta = doc.meta();
  meta.erase("sha256");
  out["meta"] = std::move(meta);
  out["annotations"] = std::move(annotations);
  return out;
}

void write_document_members(JsonTextWriter& w, const Document& doc) {
  w.key("id");
  w.string(doc.id());
  w.key("source");
  w.string(doc.source());
  w.key("sha256");
  w.string(doc.meta().value("sha256", ""));
  w.key("meta");
  w.begin_object();
  for (const auto& [k, v] : doc.meta().items()) {
    if (k == "sha256") continue;  // lifted to the top level
    w.key(k);
    w.value(v);
  }
  w.end_object();
  w.key("annotations");
  w.begin_array();
  std::string text;
  for (const Placed& p : placed_annotations(doc)) {
    const Annotation& a = *p.annotation;
    w.begin_object();
    w.key("type");
    w.string(a.type);
    w.key("begin");
    w.number(std::uint64_t{p.begin});
    w.key("end");
    w.number(std::uint64_t{p.end});
    w.key("text");
    // The document's text is valid UTF-8 and spans fall on character boundaries.
    const auto [shown, shortened] = shown_text(doc, a);
    if (shortened) {
      text.assign(shown);
      text += kEllipsis;
      w.valid_utf8_string(text);
    } else {
      w.valid_utf8_string(shown);
    }
    w.key("attrs");
    w.value(a.attrs);
    w.end_object();
  }
  w.end_array();
}

std::string document_json_text(const Document& doc, int indent) {
  std::string out;
  JsonTextWriter w(out, indent);
  w.begin_object();
  write_document_members(w, doc);
  w.end_object();
  return out;
}

Json result_to_json(const std::string& pipeline, const Json& provenance,
                    const std::vector<const Document*>& documents, const Json& comparisons,
                    const std::vector<DocumentFailure>& failures) {
  Json out = Json::object();
  out["pipeline"] = pipeline;
  out["provenance"] = provenance;
  Json docs = Json::array();
  for (const Document* d : documents) docs.push_back(document_to_json(*d));
  out["documents"] = std::move(docs);
  out["comparisons"] = comparisons;
  Json errors = Json::array();
  for (const auto& f : failures) {
    errors.push_back({{"id", f.id}, {"source", f.source}, {"stage", f.stage},
                      {"message", f.message}, {"exit_code", static_cast<int>(f.code)}});
  }
  out["errors"] = std::move(errors);
  return out;
}

// Nesting of a document object in the result: result object > "documents" array > document.
constexpr std::size_t kDocumentLevel = 2;
// Written out whenever this much has accumulated: memory stays bounded by one document.
constexpr std::size_t kFlushBytes = 1u << 20;

struct ResultJsonWriter::File {
  explicit File(const std::filesystem::path& path) : out(path) {}
  AtomicFileWriter out;
};

ResultJsonWriter::ResultJsonWriter(const std::filesystem::path& path, int indent, const std::string& pipeline,
                                   const Json& provenance)
    : file_(std::make_unique<File>(path)), indent_(indent), writer_(buffer_, indent) {
  buffer_.reserve(2 * kFlushBytes);
  writer_.begin_object();
  writer_.key("pipeline");
  writer_.string(pipeline);
  writer_.key("provenance");
  writer_.value(provenance);
  writer_.key("documents");
  writer_.begin_array();
}

ResultJsonWriter::~ResultJsonWriter() = default;

void ResultJsonWriter::flush_if_large() {
  if (buffer_.size() < kFlushBytes) return;
  file_->out.append(buffer_);
  buffer_.clear();
}

void ResultJsonWriter::add(const Document& d) {
  writer_.begin_object();
  write_document_members(writer_, d);
  writer_.end_object();
  flush_if_large();
}

void ResultJsonWriter::add_rendered(std::string_view document_text) {
  if (document_text.size() < kFlushBytes / 4) {
    writer_.raw_value(document_text);
    flush_if_large();
    return;
  }
  // A large document goes to the file as it is, not through the buffer (one copy less).
  writer_.raw_value({});  // the separator and indentation before it
  file_->out.append(buffer_);
  buffer_.clear();
  file_->out.append(document_text);
}

void ResultJsonWriter::finish(const Json& comparisons, const std::vector<DocumentFailure>& failures) {
  JsonTextWriter& w = writer_;
  w.end_array();
  w.key("comparisons");
  w.value(comparisons);
  w.key("errors");
  w.begin_array();
  for (const auto& f : failures) {
    w.begin_object();
    w.key("id");
    w.string(f.id);
    w.key("source");
    w.string(f.source);
    w.key("stage");
    w.string(f.stage);
    w.key("message");
    w.string(f.message);
    w.key("exit_code");
    w.number(std::int64_t{static_cast<int>(f.code)});
    w.end_object();
  }
  w.end_array();
  w.end_object();
  buffer_ += '\n';
  file_->out.append(buffer_);
  buffer_.clear();
  file_->out.commit();
}

std::string result_document_text(const Document& d, int indent) {
  std::string out;
  // The object is several times the size of the text (offsets, attrs, surfaces): reserved
  // once rather than grown by copying. Untouched reserved pages cost no memory.
  out.reserve(4 * d.text().size() + 4096);
  JsonTextWriter w(out, indent, Json::error_handler_t::strict, kDocumentLevel);
  w.begin_object();
  write_document_members(w, d);
  w.end_object();
  return out;
}

void write_result_json(const std::filesystem::path& path, int indent, const std::string& pipeline,
                       const Json& provenance, const std::vector<const Document*>& documents,
                       const Json& comparisons, const std::vector<DocumentFailure>& failures) {
  ResultJsonWriter result(path, indent, pipeline, provenance);
  for (const Document* d : documents) result.add(*d);
  result.finish(comparisons, failures);
}

}  // namespace reportlens
