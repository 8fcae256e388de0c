#include "sim/catalog/param_spec.hpp"

#include <cmath>
#include <sstream>

namespace sdsim {

std::string number_text(double v) {
  if (std::floor(v) == v && std::abs(v) < 1e17) return std::to_string(static_cast<long long>(v));
  std::ostringstream out;
  out.precision(12);
  out << v;
  return out.str();
}

std::string number_with_unit(double v, std::string_view unit) {
  std::string s = number_text(v);
  if (!unit.empty() && unit != "count") s += " " + std::string(unit);
  return s;
}

bool is_numeric(ParamType type) {
  return type == ParamType::integer || type == ParamType::number;
}

const char* type_name(ParamType type) {
  switch (type) {
    case ParamType::integer:
      return "an integer";
    case ParamType::number:
      return "a number";
    case ParamType::boolean:
      return "true or false";
    case ParamType::text:
      return "a string";
    case ParamType::distribution:
      return "a distribution object";
    case ParamType::list:
    case ParamType::routes:
      return "an array";
    case ParamType::object:
      return "an object";
  }
  return "a value";
}

const char* short_type_name(ParamType type) {
  switch (type) {
    case ParamType::integer:
      return "integer";
    case ParamType::number:
      return "number";
    case ParamType::boolean:
      return "boolean";
    case ParamType::text:
      return "string";
    case ParamType::distribution:
      return "distribution";
    case ParamType::list:
      return "array";
    case ParamType::object:
      return "object";
    case ParamType::routes:
      return "routes";
  }
  return "value";
}

std::string describe_range(const ParamSpec& spec) {
  return number_with_unit(spec.min, {}) + " to " + number_with_unit(spec.max, spec.unit);
}

std::string describe_default(const ParamSpec& spec) {
  if (spec.required) return {};
  if (!spec.default_text.empty()) return std::string(spec.default_text);
  if (is_numeric(spec.type)) return number_with_unit(spec.default_value, spec.unit);
  return "none";
}

}  // namespace sdsim
