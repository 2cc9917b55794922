// What a Python stage's process(self, doc) receives: a view of one Document with code point
// offsets, valid only during that call.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>
#include <vector>

#include "reportlens/document.h"

namespace reportlens::python {

class DocView {
 public:
  explicit DocView(Document& document) : doc_(&document) {}

  const std::string& id() const { return doc().id(); }
  const std::string& source() const { return doc().source(); }
  pybind11::str text();            // built once per document
  pybind11::object meta();         // a dict; what the stage changes in it is kept
  std::size_t length();            // the text's length in code points
  pybind11::list annotations(const pybind11::object& type);
  std::vector<std::string> types() const { return doc().annotation_types(); }
  void add(const std::string& type, std::int64_t begin, std::int64_t end, const pybind11::object& attrs);

  // After process(): the changed meta goes back into the document, the view goes dead.
  void commit_meta();
  void close() { doc_ = nullptr; }

 private:
  Document& doc() const;
  const std::vector<std::uint32_t>& starts();  // byte offset of each code point, then the size
  std::size_t code_point_at(std::size_t byte);

  Document* doc_;
  pybind11::object text_, meta_;
  std::vector<std::uint32_t> starts_;
};

// The Python types (reportlens_stage.Doc, reportlens_stage.Annotation), registered once per
// process. The GIL must be held.
void register_doc_types();

}  // namespace reportlens::python
