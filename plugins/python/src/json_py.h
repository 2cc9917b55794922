// Converting between the host's JSON values (attrs, meta, settings) and Python objects.
#pragma once

#include <pybind11/pybind11.h>

#include "reportlens/document.h"

namespace reportlens::python {

// null -> None, bool, integer -> int, number -> float, string -> str, array -> list,
// object -> dict (keys in order). The GIL must be held.
pybind11::object to_python(const Json& value);

// The reverse: None, bool, int, float, str, list/tuple, dict with str keys; numpy scalars
// and other numbers through __index__/__float__. Throws pybind11::type_error naming `where`
// for anything else (sets, objects, NaN is kept as a float).
Json from_python(const pybind11::handle& value, const std::string& where);

// A plain YAML scalar of an untyped setting ("5", "1.5", "true", "null") as the typed value
// YAML 1.2 reads it; any other string stays a string. The host hands untyped settings
// (python's `settings:`) over as strings; a Python stage expects 5 and True.
Json typed_settings(const Json& value);

}  // namespace reportlens::python
