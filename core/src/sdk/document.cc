#include "reportlens/document.h"

#include <stdexcept>

namespace reportlens {

namespace {
const std::shared_ptr<const LineBreakRules>& script_level() {
  static const auto kNone = std::make_shared<const LineBreakRules>();
  return kNone;
}
}  // namespace

Document::Document(std::string id, std::string source, std::string text, Json meta)
    : Document(std::move(id), std::move(source), std::move(text), std::move(meta), nullptr) {}

Document::Document(std::string id, std::string source, std::string text, Json meta,
                   std::shared_ptr<const LineBreakRules> line_breaks)
    : id_(std::move(id)),
      source_(std::move(source)),
      text_(std::move(text)),
      meta_(meta.is_object() ? std::move(meta) : Json::object()),
      line_breaks_(line_breaks ? std::move(line_breaks) : script_level()) {
  normalized_ = std::make_unique<NormalizedText>(normalize_text(text_, *line_breaks_));
}

const LineBreakRules& Document::line_break_rules() const { return *line_breaks_; }

std::string_view Document::slice(std::size_t begin, std::size_t end) const {
  if (begin > end || end > text_.size()) throw std::out_of_range("Document::slice out of range");
  return std::string_view(text_).substr(begin, end - begin);
}

void Document::add(Annotation a) {
  if (a.type.empty()) throw std::invalid_argument("annotation without a type");
  if (a.begin > a.end || a.end > text_.size()) {
    throw std::invalid_argument("annotation '" + a.type + "' span [" + std::to_string(a.begin) +
                                ", " + std::to_string(a.end) + ") is outside the text (" +
                                std::to_string(text_.size()) + " bytes)");
  }
  if (!is_char_boundary(text_, a.begin) || !is_char_boundary(text_, a.end)) {
    throw std::invalid_argument("annotation '" + a.type + "' span [" + std::to_string(a.begin) +
                                ", " + std::to_string(a.end) +
                                ") does not fall on UTF-8 character boundaries");
  }
  auto it = by_type_.find(a.type);
  if (it == by_type_.end()) it = by_type_.emplace(a.type, std::vector<Annotation>{}).first;
  it->second.push_back(std::move(a));
}

void Document::add(std::string type, std::size_t begin, std::size_t end, Json attrs) {
  add(Annotation{std::move(type), begin, end, std::move(attrs)});
}

const std::vector<Annotation>& Document::annotations(std::string_view type) const {
  static const std::vector<Annotation> kNone;
  auto it = by_type_.find(type);
  return it == by_type_.end() ? kNone : it->second;
}

std::vector<Annotation>& Document::mutable_annotations(std::string_view type) {
  auto it = by_type_.find(type);
  if (it == by_type_.end()) it = by_type_.emplace(std::string(type), std::vector<Annotation>{}).first;
  return it->second;
}

std::vector<std::string> Document::annotation_types() const {
  std::vector<std::string> types;
  for (const auto& [type, list] : by_type_)
    if (!list.empty()) types.push_back(type);
  return types;
}

}  // namespace reportlens
