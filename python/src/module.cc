// _reportlens: the core's host API (runner, stores, decoding) for the `reportlens` package.
// The Python side (reportlens/__init__.py) turns what this returns into DataFrames.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdlib>

#include "pipeline/config_issue.h"
#include "run/errors.h"
#include "json_py.h"
#include "plugins/plugin_registry.h"
#include "reportlens/abi.h"
#include "run/runner.h"
#include "store_reader.h"

namespace py = pybind11;

namespace {

// Raises the reportlens exception for a CLI exit code (reportlens/_errors.py), with the
// message the CLI prints.
[[noreturn]] void raise_error(int code, const std::string& message) {
  py::object error = py::module_::import("reportlens._errors").attr("error_for")(code, message);
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
  throw py::error_already_set();
}

// Runs `fn` without the GIL (stages, including python stages on worker threads, take it
// themselves) and turns the host's errors into Python exceptions.
template <class Fn>
auto without_gil(Fn&& fn) -> decltype(fn()) {
  int code = 0;
  std::string message;
  try {
    py::gil_scoped_release released;
    return fn();
  } catch (const reportlens::ConfigError& e) {
    for (const auto& issue : e.issues()) message += (message.empty() ? "" : "\n") + issue.to_string();
    code = static_cast<int>(e.code());
  } catch (const reportlens::HostError& e) {
    message = e.what();
    code = static_cast<int>(e.code());
  } catch (const std::exception& e) {
    message = std::string("internal error: ") + e.what();
    code = static_cast<int>(reportlens::ExitCode::kInternal);
  }
  raise_error(code, message);
}

py::dict report_dict(const reportlens::RunReport& r) {
  py::dict d;
  d["exit_code"] = static_cast<int>(r.code);
  d["output"] = r.output.string();
  py::list side;
  for (const auto& s : r.side_outputs) side.append(s.string());
  d["side_outputs"] = side;
  d["documents"] = r.documents;
  d["failed"] = r.failed;
  d["skipped"] = r.skipped;
  d["bytes"] = r.bytes;
  d["seconds"] = r.seconds;
  d["failure_lines"] = r.failure_lines;
  d["summary"] = r.summary;
  d["stopped_early"] = r.stopped_early;
  d["not_run"] = r.not_run;
  d["signal"] = r.signal;
  return d;
}

py::dict run(const std::string& pipeline, const std::vector<std::string>& inputs, const std::string& output,
             const std::vector<std::string>& settings, const std::vector<std::string>& plugin_paths,
             unsigned jobs, bool isolate, double doc_timeout, std::size_t doc_memory) {
  reportlens::RunOptions options;
  // Worker isolation as in `pipeline run --isolate` (docs/batch.md): the same core workers,
  // forked from the thread that runs the batch while this one waits without the GIL.
  options.isolate = isolate ? 1 : 0;
  options.doc_timeout_seconds = doc_timeout;
  options.doc_memory_bytes = doc_memory;
  options.pipeline_file = pipeline;
  options.inputs = inputs;
  options.output = output;
  options.settings = settings;
  options.plugin_paths = plugin_paths;
  options.jobs = jobs;
  options.progress = false;
  const reportlens::RunReport report = without_gil([&] { return reportlens::run_pipeline(options); });
  // Ctrl-C stopped the run cleanly (the host had the signal during the run): Python's turn.
  if (report.signal == SIGINT) {
    PyErr_SetNone(PyExc_KeyboardInterrupt);
    throw py::error_already_set();
  }
  return report_dict(report);
}

py::dict read_store(const std::string& path) {
  reportlens::python::StoreContent content = without_gil([&] { return reportlens::python::read_store(path); });
  py::dict d;
  d["pipeline"] = content.identity.pipeline;
  d["pipeline_hash"] = content.identity.pipeline_hash;
  d["provenance"] = reportlens::python::to_python(content.identity.provenance);
  py::list records;
  py::dict texts;
  for (auto& s : content.records) {
    records.append(reportlens::python::to_python(s.record));
    if (s.text) texts[py::str(s.record.value("id", ""))] = py::str(*s.text);
  }
  d["records"] = records;
  d["texts"] = texts;
  return d;
}

py::object recover_text(const std::string& source, const std::string& sha256, const std::string& encoding,
                        const std::string& format) {
  std::optional<std::string> text;
  {
    py::gil_scoped_release released;
    text = reportlens::python::recover_text(source, sha256, encoding, format);
  }
  if (!text) return py::none();
  return py::str(*text);
}

// Warnings and errors of the host go to stderr, as in the CLI (spdlog would print to stdout).
void setup_logging() {
  if (spdlog::get("reportlens") != nullptr) return;
  auto logger = spdlog::stderr_color_mt("reportlens");
  logger->set_pattern("reportlens: %l: %v");
  spdlog::set_default_logger(logger);
  spdlog::level::level_enum level = spdlog::level::warn;
  if (const char* env = std::getenv("REPORTLENS_LOG_LEVEL")) level = spdlog::level::from_str(env);
  spdlog::set_level(level);
}

}  // namespace

PYBIND11_MODULE(_reportlens, m) {
  m.doc() = "reportlens core (runner, stores) for the reportlens package";
  setup_logging();
  m.attr("__version__") = REPORTLENS_VERSION;
  m.attr("build_key") = reportlens::host_build_key();
  m.def("run", &run, py::arg("pipeline"), py::arg("inputs"), py::arg("output"), py::arg("settings"),
        py::arg("plugin_paths"), py::arg("jobs"), py::arg("isolate") = false, py::arg("doc_timeout") = 600.0,
        py::arg("doc_memory") = 0,
        "Runs a pipeline as `pipeline run` does; returns the run report as a dict");
  m.def("read_store", &read_store, py::arg("path"), "Records (and texts) of a .sqlite or .jsonl store");
  m.def("recover_text", &recover_text, py::arg("source"), py::arg("sha256"), py::arg("encoding"),
        py::arg("format"), "A document's decoded text from its source file, if unchanged");
  m.def("set_log_level", [](const std::string& level) { spdlog::set_level(spdlog::level::from_str(level)); });
}
