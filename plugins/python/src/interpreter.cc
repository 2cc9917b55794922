#include "interpreter.h"

#include <Python.h>
#include <dlfcn.h>

#include <mutex>
#include <stdexcept>
#include <string>

namespace reportlens::python {

namespace {

// The plugin is loaded with RTLD_LOCAL, and so is the libpython it links: C extension
// modules (_ctypes, numpy, ...) link no libpython and expect its symbols in the global scope.
void make_libpython_global() {
#ifdef REPORTLENS_LIBPYTHON_SONAME
  const std::string soname = REPORTLENS_LIBPYTHON_SONAME;
  if (!soname.empty()) dlopen(soname.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL);
#endif
}

void start_interpreter() {
  make_libpython_global();
  PyConfig config;
  PyConfig_InitPythonConfig(&config);
  // The host owns SIGINT/SIGTERM (a clean stop of the run); print() output is not lost
  // although the interpreter is never finalized; argv is the CLI's, not Python's.
  config.install_signal_handlers = 0;
  config.buffered_stdio = 0;
  config.parse_argv = 0;
  PyStatus status = PyStatus_Ok();
#ifdef REPORTLENS_PYTHON_EXECUTABLE
  // The interpreter this library was built for, not whatever `python3` comes first on PATH:
  // sys.prefix, sys.executable (subprocess, multiprocessing) and site-packages follow from it.
  status = PyConfig_SetBytesString(&config, &config.program_name, REPORTLENS_PYTHON_EXECUTABLE);
  if (!PyStatus_Exception(status))
    status = PyConfig_SetBytesString(&config, &config.executable, REPORTLENS_PYTHON_EXECUTABLE);
  if (!PyStatus_Exception(status))
#endif
    status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status))
    throw std::runtime_error(std::string("cannot start Python: ") +
                             (status.err_msg != nullptr ? status.err_msg : "unknown error"));
  // Release the GIL taken by initialization: worker threads take it per document.
  PyEval_SaveThread();
}

// Deletes the thread state when its thread ends (the host's workers end with each run).
struct ThreadStateHolder {
  PyThreadState* state = nullptr;
  ~ThreadStateHolder() {
    if (state == nullptr || !Py_IsInitialized()) return;
    PyEval_RestoreThread(state);
    PyThreadState_Clear(state);
    PyThreadState_DeleteCurrent();
  }
};
thread_local ThreadStateHolder t_thread_state;

}  // namespace

void keep_thread_state() {
  if (t_thread_state.state != nullptr || PyGILState_GetThisThreadState() != nullptr) return;
  // Also registered for PyGILState_*, which pybind11's gil_scoped_acquire then finds and reuses.
  t_thread_state.state = PyThreadState_New(PyInterpreterState_Main());
}

void ensure_interpreter() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!Py_IsInitialized()) start_interpreter();
  });
}

}  // namespace reportlens::python
