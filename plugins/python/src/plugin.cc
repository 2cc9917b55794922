// The `python` plugin: document stages written in Python (README.md).
#include "python_stage.h"
#include "reportlens/plugin.h"

namespace {

constexpr const char* kSettings = R"json({"type":"object","properties":{
  "module":{"type":"string","default":"",
    "description":"Python module with the stage class (a file MODULE.py in path, or an installed module)"},
  "class":{"type":"string","default":"",
    "description":"The class: CLASS(settings) with process(self, doc)"},
  "path":{"type":"string","default":".",
    "description":"Directory put first on sys.path (relative to the pipeline YAML)"},
  "settings":{"default":{},
    "description":"Passed to the class's constructor as a dict (plain YAML scalars typed: 5, 1.5, true, null)"}
},"additionalProperties":false})json";

}  // namespace

REPORTLENS_PLUGIN("python", "1.0.0", "Document stages written in Python (embedded CPython)",
                  reportlens::document_stage<reportlens::python::PythonStage>(
                      "python", "Runs a Python class's process(self, doc) on every document",
                      /*consumes=*/"", /*produces=*/"", kSettings));
