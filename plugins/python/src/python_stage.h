// The `python` document stage: loads `module`.`class` (from `path`), makes one instance with
// `settings`, and calls instance.process(doc) for every document, holding the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

#include "reportlens/stage.h"

namespace reportlens::python {

class PythonStage : public DocumentStage {
 public:
  explicit PythonStage(const StageContext& context);
  ~PythonStage() override;
  PythonStage(const PythonStage&) = delete;
  PythonStage& operator=(const PythonStage&) = delete;

  // Throws StageError with the Python exception's last traceback line and where it was raised.
  void process(Document& document) const override;

 private:
  std::string label_;  // module.Class, for messages
  pybind11::object instance_, process_;
};

// "ValueError: bad input (keyword_count.py:12 in process)" for the exception being handled.
std::string describe(pybind11::error_already_set& error);

}  // namespace reportlens::python
