#include "json_py.h"

#include <cmath>
#include <regex>

namespace py = pybind11;

namespace reportlens::python {

py::object to_python(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return py::none();
    case Json::value_t::boolean:
      return py::bool_(value.get<bool>());
    case Json::value_t::number_integer:
      return py::int_(value.get<std::int64_t>());
    case Json::value_t::number_unsigned:
      return py::int_(value.get<std::uint64_t>());
    case Json::value_t::number_float:
      return py::float_(value.get<double>());
    case Json::value_t::string:
      return py::str(value.get_ref<const std::string&>());
    case Json::value_t::array: {
      py::list out(value.size());
      for (std::size_t i = 0; i < value.size(); ++i) out[i] = to_python(value[i]);
      return std::move(out);
    }
    case Json::value_t::object: {
      py::dict out;
      for (const auto& [k, v] : value.items()) out[py::str(k)] = to_python(v);
      return std::move(out);
    }
    default:
      return py::none();
  }
}

Json from_python(const py::handle& value, const std::string& where) {
  if (value.is_none()) return nullptr;
  if (py::isinstance<py::bool_>(value)) return value.cast<bool>();
  if (py::isinstance<py::int_>(value)) {
    try {
      return value.cast<std::int64_t>();
    } catch (const py::cast_error&) {
      return value.cast<double>();  // beyond 64 bits
    }
  }
  if (py::isinstance<py::float_>(value)) return value.cast<double>();
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (py::isinstance<py::dict>(value)) {
    Json out = Json::object();
    for (const auto& [k, v] : value.cast<py::dict>()) {
      if (!py::isinstance<py::str>(k))
        throw py::type_error(where + ": keys must be str, got " + std::string(py::str(py::type::of(k).attr("__name__"))));
      const std::string key = k.cast<std::string>();
      out[key] = from_python(v, where + "." + key);
    }
    return out;
  }
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    Json out = Json::array();
    std::size_t i = 0;
    for (const auto& item : value) out.push_back(from_python(item, where + "[" + std::to_string(i++) + "]"));
    return out;
  }
  // numpy and pandas scalars (numpy.int64, numpy.float64, numpy.bool_) convert like numbers.
  if (py::hasattr(value, "__index__")) return from_python(py::int_(py::reinterpret_borrow<py::object>(value)), where);
  if (py::hasattr(value, "__float__")) return py::float_(py::reinterpret_borrow<py::object>(value)).cast<double>();
  throw py::type_error(where + ": cannot store a value of type " +
                       std::string(py::str(py::type::of(value).attr("__name__"))) +
                       " (use None, bool, int, float, str, list or dict)");
}

Json typed_settings(const Json& value) {
  if (value.is_object()) {
    Json out = Json::object();
    for (const auto& [k, v] : value.items()) out[k] = typed_settings(v);
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto& v : value) out.push_back(typed_settings(v));
    return out;
  }
  if (!value.is_string()) return value;
  // YAML 1.2 core schema for plain scalars.
  static const std::regex kInt("[-+]?[0-9]+");
  static const std::regex kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  const std::string& s = value.get_ref<const std::string&>();
  if (s == "null" || s == "Null" || s == "NULL" || s == "~") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  try {
    if (std::regex_match(s, kInt)) return std::stoll(s);
    if (std::regex_match(s, kFloat)) return std::stod(s);
  } catch (const std::out_of_range&) {
  }
  return value;
}

}  // namespace reportlens::python
