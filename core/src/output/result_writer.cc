#include "output/result_writer.h"

#include <utility>

#include <algorithm>
#include <cstring>

#include "util/atomic_file.h"
#include "reportlens/text.h"

namespace reportlens {
namespace {

// Long structural spans (sections, paragraphs) carry a shortened text; facts carry theirs whole.
constexpr std::size_t kMaxStructuralText = 120;
constexpr std::string_view kEllipsis = "…";

bool is_structural(const std::string& type) {
  return type == "section" || type == "box" || type == "paragraph" || type == "title_block";
}

// Characters starting in the eight bytes at `p`: bytes that are not UTF-8 continuation
// bytes (10xxxxxx). Bit 7 of each byte is set for a continuation byte (bit 7 set, bit 6
// clear); the multiplication sums those bits into the top byte.
std::uint32_t characters_in_word(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  const std::uint64_t continuation = (v & ~(v << 1) & 0x8080808080808080ull) >> 7;
  return 8 - static_cast<std::uint32_t>((continuation * 0x0101010101010101ull) >> 56);
}

// Byte length of the first `max_code_points` characters of `text` (all of it if shorter).
// Every structural span (paragraphs, sections) is cut this way: whole words are counted
// while they cannot hold the character after the limit (at most eight start in a word).
std::size_t prefix_bytes(std::string_view text, std::size_t max_code_points) {
  std::size_t n = 0, i = 0;
  for (; i + 8 <= text.size() && n + 8 <= max_code_points; i += 8)
    n += characters_in_word(text.data() + i);
  for (; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && n++ == max_code_points) return i;
  return text.size();
}

// Code point index of any byte offset that starts a character: a count per 64-byte block
// plus a count inside the block, eight bytes at a time. (A uint32 per byte cost more to
// build than to use.)
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
  // Characters starting in [from, to): bytes that are not UTF-8 continuation bytes (10xxxxxx).
  std::uint32_t count(std::size_t from, std::size_t to) const {
    std::uint32_t n = 0;
    std::size_t i = from;
    for (; i + 8 <= to; i += 8) n += characters_in_word(text_.data() + i);
    for (; i < to; ++i) n += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
    return n;
  }
  std::string_view text_;
  std::vector<std::uint32_t> blocks_;
};

// An annotation in output order with its code point span.
struct Placed {
  const Annotation* annotation;
  std::uint32_t begin, end;
  bool structural;  // its text is shortened (see shown_text)
};

// Every annotation sorted by begin, longest (enclosing) first, then type, then the order
// stages added them: output does not depend on the order of stages' internals.
//
// Stages mostly add a type's annotations in text order, so this sorts each type on its own
// (nothing to do when already in order) and merges the types pairwise, earlier type first on
// ties: the types come in name order, so ties fall out as the rule above wants them, and a
// merge of k sorted types costs n log k instead of a sort of all n annotations.
std::vector<Placed> placed_annotations(const Document& doc) {
  struct Ref {
    std::uint64_t key;  // begin ascending, then end descending
    const Annotation* a;
    bool structural;
  };
  const auto key_of = [](const Annotation& a) {
    return (static_cast<std::uint64_t>(a.begin) << 32) | (0xFFFFFFFFull - static_cast<std::uint32_t>(a.end));
  };
  const auto by_key = [](const Ref& x, const Ref& y) { return x.key < y.key; };
  std::vector<Ref> refs, merged;
  std::vector<std::size_t> runs{0};  // where each type's annotations start in `refs`
  bool fits = true;                  // every offset fits the 32-bit halves of the key
  for (const auto& type : doc.annotation_types()) {
    const bool structural = is_structural(type);
    const auto& list = doc.annotations(type);
    if (list.empty()) continue;
    for (const auto& a : list) {
      fits = fits && a.begin <= 0xFFFFFFFFull && a.end <= 0xFFFFFFFFull;
      refs.push_back({key_of(a), &a, structural});
    }
    const auto from = refs.begin() + static_cast<std::ptrdiff_t>(runs.back());
    if (!std::is_sorted(from, refs.end(), by_key)) std::stable_sort(from, refs.end(), by_key);
    runs.push_back(refs.size());
  }
  if (!fits) {  // texts over 4 GiB (never, inputs are limited to 512 MiB): one stable sort
    std::stable_sort(refs.begin(), refs.end(), [](const Ref& x, const Ref& y) {
      if (x.a->begin != y.a->begin) return x.a->begin < y.a->begin;
      return x.a->end > y.a->end;
    });
    runs = {0, refs.size()};
  }
  // Pairwise merges of neighbouring runs until one is left (std::merge is stable: on equal
  // keys the earlier run, i.e. the earlier type name, comes first).
  merged.resize(refs.size());
  while (runs.size() > 2) {
    std::vector<std::size_t> next{0};
    for (std::size_t r = 0; r + 1 < runs.size(); r += 2) {
      const auto begin = refs.begin() + static_cast<std::ptrdiff_t>(runs[r]);
      const auto middle = refs.begin() + static_cast<std::ptrdiff_t>(runs[r + 1]);
      const auto end = r + 2 < runs.size() ? refs.begin() + static_cast<std::ptrdiff_t>(runs[r + 2]) : middle;
      std::merge(begin, middle, middle, end, merged.begin() + static_cast<std::ptrdiff_t>(runs[r]), by_key);
      next.push_back(static_cast<std::size_t>(end - refs.begin()));
    }
    refs.swap(merged);
    runs.swap(next);
  }
  const CodePointIndex cp(doc.text());
  std::vector<Placed> placed;
  placed.reserve(refs.size());
  for (const auto& r : refs) placed.push_back({r.a, cp.at(r.a->begin), cp.at(r.a->end), r.structural});
  return placed;
}

// The annotation's "text": its surface, shortened for structural spans. Returns the kept
// prefix of the surface and whether an ellipsis follows it.
std::pair<std::string_view, bool> shown_text(const Document& doc, const Placed& p) {
  const Annotation& a = *p.annotation;
  const std::string_view surface = std::string_view(doc.text()).substr(a.begin, a.end - a.begin);
  if (!p.structural) return {surface, false};
  const std::size_t keep = prefix_bytes(surface, kMaxStructuralText);
  return {surface.substr(0, keep), keep < surface.size()};
}

}  // namespace

Json document_to_json(const Document& doc) {
  Json annotations = Json::array();
  for (const Placed& p : placed_annotations(doc)) {
    const Annotation& a = *p.annotation;
    const auto [shown, shortened] = shown_text(doc, p);
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

std::vector<ShownAnnotation> shown_annotations(const Document& doc) {
  std::vector<ShownAnnotation> out;
  const std::vector<Placed> placed = placed_annotations(doc);
  out.reserve(placed.size());
  for (const Placed& p : placed) {
    const auto [shown, shortened] = shown_text(doc, p);
    out.push_back({p.annotation, p.begin, p.end, shown, shortened});
  }
  return out;
}

void write_document_members(JsonTextWriter& w, const Document& doc) {
  w.plain_key("id");
  w.string(doc.id());
  w.plain_key("source");
  w.string(doc.source());
  w.plain_key("sha256");
  w.string(doc.meta().value("sha256", ""));
  w.plain_key("meta");
  w.begin_object();
  for (const auto& [k, v] : doc.meta().items()) {
    if (k == "sha256") continue;  // lifted to the top level
    w.key(k);
    w.value(v);
  }
  w.end_object();
  w.plain_key("annotations");
  w.begin_array();
  std::string text;
  // Types are few and repeat: one found plain ASCII (all of them in practice) is written as
  // it is while the next annotations have the same type, instead of checked and escaped.
  const std::string* plain_type = nullptr;
  for (const Placed& p : placed_annotations(doc)) {
    const Annotation& a = *p.annotation;
    w.begin_object();
    w.plain_key("type");
    if ((plain_type != nullptr && *plain_type == a.type) || is_plain_ascii(a.type)) {
      plain_type = &a.type;
      w.plain_string(a.type);
    } else {
      w.string(a.type);
    }
    w.plain_key("begin");
    w.number(std::uint64_t{p.begin});
    w.plain_key("end");
    w.number(std::uint64_t{p.end});
    w.plain_key("text");
    // The document's text is valid UTF-8 and spans fall on character boundaries.
    const auto [shown, shortened] = shown_text(doc, p);
    if (shortened) {
      text.assign(shown);
      text += kEllipsis;
      w.valid_utf8_string(text);
    } else {
      w.valid_utf8_string(shown);
    }
    w.plain_key("attrs");
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
  writer_.plain_key("pipeline");
  writer_.string(pipeline);
  writer_.plain_key("provenance");
  writer_.value(provenance);
  writer_.plain_key("documents");
  writer_.begin_array();
}

ResultJsonWriter::~ResultJsonWriter() = default;

void ResultJsonWriter::flush_if_large() {
  writer_.flush();  // the writer holds back small pieces until a top-level value is complete
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

void ResultJsonWriter::open_comparisons() {
  if (std::exchange(comparisons_open_, true)) return;
  writer_.end_array();
  writer_.plain_key("comparisons");
  writer_.begin_array();
}

void ResultJsonWriter::add_comparison(const Json& comparison) {
  open_comparisons();
  writer_.value(comparison);
  flush_if_large();
}

void ResultJsonWriter::finish(const Json& comparisons, const std::vector<DocumentFailure>& failures) {
  JsonTextWriter& w = writer_;
  open_comparisons();
  for (const auto& c : comparisons) w.value(c);
  w.end_array();
  w.plain_key("errors");
  w.begin_array();
  for (const auto& f : failures) {
    w.begin_object();
    w.plain_key("id");
    w.string(f.id);
    w.plain_key("source");
    w.string(f.source);
    w.plain_key("stage");
    w.string(f.stage);
    w.plain_key("message");
    w.string(f.message);
    w.plain_key("exit_code");
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
  render_json_text(out, indent, Json::error_handler_t::strict, kDocumentLevel, d.text().size(), 0,
                   [&](JsonTextWriter& w) {
                     w.begin_object();
                     write_document_members(w, d);
                     w.end_object();
                   });
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
