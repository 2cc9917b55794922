#include "doc_binding.h"

#include <pybind11/stl.h>

#include <algorithm>
#include <stdexcept>

#include "json_py.h"
#include "reportlens/text.h"

namespace py = pybind11;

namespace reportlens::python {

namespace {

// One annotation as a stage reads it (code point offsets, the text it covers).
struct PyAnnotation {
  std::string type;
  std::size_t begin = 0, end = 0;
  py::object text, attrs;
};

std::string repr(const PyAnnotation& a) {
  return "Annotation(" + a.type + ", " + std::to_string(a.begin) + ", " + std::to_string(a.end) +
         ", " + std::string(py::repr(a.text)) + ", " + std::string(py::repr(a.attrs)) + ")";
}

}  // namespace

Document& DocView::doc() const {
  if (doc_ == nullptr)
    throw std::runtime_error("this doc is no longer valid: process() has returned (copy what you need from it)");
  return *doc_;
}

const std::vector<std::uint32_t>& DocView::starts() {
  if (starts_.empty()) {
    const std::string& t = doc().text();
    starts_.reserve(t.size() / 2 + 1);
    for (std::size_t i = 0; i < t.size();) {
      starts_.push_back(static_cast<std::uint32_t>(i));
      decode_code_point(t, i);
    }
    starts_.push_back(static_cast<std::uint32_t>(t.size()));
  }
  return starts_;
}

std::size_t DocView::code_point_at(std::size_t byte) {
  const auto& s = starts();
  return static_cast<std::size_t>(std::lower_bound(s.begin(), s.end(), byte) - s.begin());
}

std::size_t DocView::length() { return starts().size() - 1; }

py::str DocView::text() {
  if (!text_) text_ = py::str(doc().text());
  return text_;
}

py::object DocView::meta() {
  if (!meta_) meta_ = to_python(doc().meta());
  return meta_;
}

py::list DocView::annotations(const py::object& type) {
  std::vector<std::string> wanted;
  if (type.is_none()) wanted = doc().annotation_types();
  else wanted.push_back(type.cast<std::string>());
  py::list out;
  py::str whole = text();
  for (const auto& t : wanted) {
    for (const Annotation& a : doc().annotations(t)) {
      PyAnnotation p;
      p.type = a.type;
      p.begin = code_point_at(a.begin);
      p.end = code_point_at(a.end);
      p.text = whole[py::slice(static_cast<py::ssize_t>(p.begin), static_cast<py::ssize_t>(p.end), 1)];
      p.attrs = to_python(a.attrs);
      out.append(py::cast(std::move(p)));
    }
  }
  return out;
}

void DocView::add(const std::string& type, std::int64_t begin, std::int64_t end, const py::object& attrs) {
  const auto n = static_cast<std::int64_t>(length());
  const std::string call = "doc.add('" + type + "', " + std::to_string(begin) + ", " + std::to_string(end) + ")";
  if (type.empty()) throw py::value_error(call + ": the type must not be empty");
  if (begin < 0 || end < begin || end > n)
    throw py::index_error(call + ": need 0 <= begin <= end <= len(doc.text) = " + std::to_string(n) +
                          " (offsets are code points)");
  Json a = attrs.is_none() ? Json::object() : from_python(attrs, "attrs");
  if (!a.is_object()) throw py::type_error(call + ": attrs must be a dict");
  const auto& s = starts();
  doc().add(type, s[static_cast<std::size_t>(begin)], s[static_cast<std::size_t>(end)], std::move(a));
}

void DocView::commit_meta() {
  if (meta_ && doc_ != nullptr) {
    Json m = from_python(meta_, "doc.meta");
    if (!m.is_object()) throw py::type_error("doc.meta must stay a dict");
    doc_->meta() = std::move(m);
  }
}

void register_doc_types() {
  static bool done = false;
  if (done) return;
  done = true;
  // A module of its own, so the types have a home (and a stable repr) whoever started Python.
  static PyModuleDef def{};
  py::module_ m = py::module_::create_extension_module(
      "reportlens_stage", "Types a reportlens python stage receives", &def);
  py::class_<PyAnnotation>(m, "Annotation", "An annotation: code point offsets into doc.text")
      .def_readonly("type", &PyAnnotation::type)
      .def_readonly("begin", &PyAnnotation::begin)
      .def_readonly("end", &PyAnnotation::end)
      .def_readonly("text", &PyAnnotation::text)
      .def_readonly("attrs", &PyAnnotation::attrs)
      .def("__repr__", &repr);
  py::class_<DocView>(m, "Doc", "One document, valid during process(); offsets are code points")
      .def_property_readonly("id", &DocView::id)
      .def_property_readonly("source", &DocView::source)
      .def_property_readonly("text", &DocView::text)
      .def_property_readonly("meta", &DocView::meta)
      .def("__len__", &DocView::length)
      .def("types", &DocView::types, "The annotation types present, sorted")
      .def("annotations", &DocView::annotations, py::arg("type") = py::none(),
           "Annotations of one type (all types when None), in the order they were added")
      .def("add", &DocView::add, py::arg("type"), py::arg("begin"), py::arg("end"),
           py::arg("attrs") = py::none(), "Adds an annotation over doc.text[begin:end]")
      .def("__repr__", [](DocView& d) { return "<reportlens doc " + d.id() + ">"; });
  py::module_::import("sys").attr("modules")["reportlens_stage"] = m;
}

}  // namespace reportlens::python
