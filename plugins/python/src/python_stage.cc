#include "python_stage.h"

#include <filesystem>

#include "doc_binding.h"
#include "interpreter.h"
#include "json_py.h"

namespace py = pybind11;

namespace reportlens::python {

std::string describe(py::error_already_set& error) {
  std::string last;
  try {
    py::list lines = py::module_::import("traceback").attr("format_exception_only")(error.type(), error.value());
    last = py::str(lines[py::len(lines) - 1]).cast<std::string>();
    while (!last.empty() && (last.back() == '\n' || last.back() == ' ')) last.pop_back();
    // The innermost frame: where in the user's code it was raised.
    py::object tb = error.trace();  // null when raised in C without a Python frame (an import)
    if (tb && !tb.is_none()) {
      while (!tb.attr("tb_next").is_none()) tb = tb.attr("tb_next");
      const std::string file = py::str(tb.attr("tb_frame").attr("f_code").attr("co_filename"));
      last += " (" + std::filesystem::path(file).filename().string() + ":" +
              std::string(py::str(tb.attr("tb_lineno"))) + " in " +
              std::string(py::str(tb.attr("tb_frame").attr("f_code").attr("co_name"))) + ")";
    }
  } catch (const std::exception&) {
    last = error.what();
  }
  // Messages end up on one line in the result's errors and the CLI's report.
  for (char& ch : last)
    if (ch == '\n') ch = ' ';
  return last;
}

namespace {

py::object load_class(const StageContext& context, const std::string& module, const std::string& cls) {
  const std::string dir = context.resolve(context.settings.value("path", ".")).lexically_normal().string();
  py::list path = py::module_::import("sys").attr("path");
  if (!path.contains(py::str(dir))) path.insert(0, py::str(dir));
  py::module_ mod = py::module_::import(module.c_str());
  if (!py::hasattr(mod, cls.c_str()))
    throw StageError("python: module '" + module + "' (" + std::string(py::str(py::getattr(mod, "__file__", py::str("?")))) +
                     ") has no class '" + cls + "'");
  return mod.attr(cls.c_str());
}

}  // namespace

PythonStage::PythonStage(const StageContext& context) {
  const std::string module = context.settings.value("module", "");
  const std::string cls = context.settings.value("class", "");
  if (module.empty() || cls.empty())
    throw StageError("python: 'module' and 'class' are required in with: (e.g. {module: keyword_count, class: KeywordCount})");
  label_ = module + "." + cls;
  ensure_interpreter();
  std::string failure;
  {
    py::gil_scoped_acquire gil;
    try {
      register_doc_types();
      py::object type = load_class(context, module, cls);
      instance_ = type(to_python(typed_settings(context.settings.value("settings", Json::object()))));
      if (!py::hasattr(instance_, "process"))
        throw StageError("python: " + label_ + " has no process(self, doc) method");
      process_ = instance_.attr("process");
    } catch (py::error_already_set& e) {
      failure = "python: cannot create " + label_ + ": " + describe(e);
    } catch (const StageError& e) {
      failure = e.what();
    }
    // The members are released here, under the GIL, not by the unwinding that follows.
    if (!failure.empty()) {
      instance_ = py::object();
      process_ = py::object();
    }
  }
  if (!failure.empty()) throw StageError(failure);
}

PythonStage::~PythonStage() {
  if (!instance_ && !process_) return;
  py::gil_scoped_acquire gil;
  process_ = py::object();
  instance_ = py::object();
}

void PythonStage::process(Document& document) const {
  keep_thread_state();
  std::string failure;
  {
    py::gil_scoped_acquire gil;
    auto* view = new DocView(document);
    py::object handle = py::cast(view, py::return_value_policy::take_ownership);
    try {
      process_(handle);
      view->commit_meta();
    } catch (py::error_already_set& e) {
      failure = describe(e);
    } catch (const std::exception& e) {
      failure = e.what();
    }
    // A doc kept by the stage (e.g. in a list) must not reach a freed document later.
    view->close();
  }
  if (!failure.empty()) throw StageError(failure);
}

}  // namespace reportlens::python
