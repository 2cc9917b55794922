// The CPython interpreter the python stage runs in: the one already running when the
// pipeline is driven from Python (`import reportlens`), else one started on first use.
#pragma once

namespace reportlens::python {

// Makes sure an interpreter is running and that the calling thread may take the GIL with
// pybind11::gil_scoped_acquire. Thread-safe; the interpreter started here stays for the
// process's life (finalizing it while plugins may still hold objects is unsafe).
void ensure_interpreter();

}  // namespace reportlens::python
