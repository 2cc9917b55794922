#include "result_writer.h"

#include <algorithm>
#include <numeric>

#include "reportlens/text.h"

namespace reportlens {
namespace {

// Long structural spans (sections, paragraphs) carry a shortened text; facts carry theirs whole.
constexpr std::size_t kMaxStructuralText = 120;

bool is_structural(const std::string& type) {
  return type == "section" || type == "box" || type == "paragraph" || type == "title_block";
}

std::string shorten(std::string_view text, std::size_t max_code_points) {
  std::size_t i = 0, n = 0;
  while (i < text.size() && n < max_code_points) {
    next_code_point(text, i);
    ++n;
  }
  if (i >= text.size()) return std::string(text);
  return std::string(text.substr(0, i)) + "…";
}

}  // namespace

Json document_to_json(const Document& doc) {
  const std::string& text = doc.text();
  // Code point index of every byte offset that starts a character (and the end).
  std::vector<std::uint32_t> cp_at(text.size() + 1, 0);
  std::uint32_t cp = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    cp_at[i] = cp;
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cp_at[i] = cp++;
  }
  cp_at[text.size()] = cp;

  struct Ref {
    const Annotation* a;
    std::size_t order;
  };
  std::vector<Ref> refs;
  std::size_t order = 0;
  for (const auto& type : doc.annotation_types())
    for (const auto& a : doc.annotations(type)) refs.push_back({&a, order++});
  std::stable_sort(refs.begin(), refs.end(), [](const Ref& x, const Ref& y) {
    if (x.a->begin != y.a->begin) return x.a->begin < y.a->begin;
    if (x.a->end != y.a->end) return x.a->end > y.a->end;  // enclosing spans first
    if (x.a->type != y.a->type) return x.a->type < y.a->type;
    return x.order < y.order;
  });

  Json annotations = Json::array();
  for (const auto& r : refs) {
    const Annotation& a = *r.a;
    const std::string_view surface = doc.slice(a.begin, a.end);
    Json j = Json::object();
    j["type"] = a.type;
    j["begin"] = cp_at[a.begin];
    j["end"] = cp_at[a.end];
    j["text"] = is_structural(a.type) ? shorten(surface, kMaxStructuralText) : std::string(surface);
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

}  // namespace reportlens
