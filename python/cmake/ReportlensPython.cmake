# Finds the Python the reportlens package and the python stage plugin are built for — Debian's
# /usr/bin/python3 unless -DPython3_EXECUTABLE=... says otherwise (a pyenv or conda `python3` on
# PATH is another interpreter) — with its headers (python3-dev) and pybind11 (pybind11-dev).
# Sets REPORTLENS_PYTHON_FOUND; included by python/ and plugins/python/ (each directory needs
# the imported targets in its own scope).
include_guard(DIRECTORY)
set(REPORTLENS_PYTHON_FOUND FALSE)
# A sanitizer build leaves Python out: /usr/bin/python3 is not built with AddressSanitizer, so
# neither the module nor the embedded interpreter could load its runtime.
if(REPORTLENS_SANITIZE)
  return()
endif()
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python the reportlens module and the python stage are built for")
endif()
find_package(Python3 3.9 COMPONENTS Interpreter Development.Module Development.Embed)
set(REPORTLENS_PYTHON_FOUND FALSE)
if(Python3_FOUND)  # interpreter and both development components: else pybind11 falls back to its own search and fails
  find_package(pybind11 2.6 CONFIG QUIET
    HINTS /usr/lib/cmake/pybind11 /usr/lib/python3/dist-packages/pybind11/share/cmake/pybind11)
  if(pybind11_FOUND)
    set(REPORTLENS_PYTHON_FOUND TRUE)
  endif()
endif()
