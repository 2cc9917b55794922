// The CPython interpreter the python stage runs in: the one already running when the
// pipeline is driven from Python (`import reportlens`), else one started on first use.
#pragma once

namespace reportlens::python {

// Makes sure an interpreter is running and that the calling thread may take the GIL with
// pybind11::gil_scoped_acquire. Thread-safe; the interpreter started here stays for the
// process's life (finalizing it while plugins may still hold objects is unsafe).
void ensure_interpreter();

// Gives the calling thread (a worker of the host) one Python thread state for its whole life,
// so taking the GIL per document does not create and destroy one each time (the larger part
// of a python stage's fixed cost per document). No-op on threads Python already knows.
void keep_thread_state();

}  // namespace reportlens::python
