#pragma once
// A parameter declared once, beside the block or file section that uses it: name, type, unit, default, range,
// one-line help and the source of the default. The declaration drives validation, `sdsim blocks`, the JSON
// schema and the docs. Strings are views of literals: a ParamSpec refers to storage that outlives it.
#include <span>
#include <string>
#include <string_view>

namespace sdsim {

enum class ParamType {
  integer,
  number,
  boolean,       // true or false
  text,          // a string; `allowed` lists the accepted values when it is enum-like
  distribution,  // a duration distribution object, {"dist": ...}
  list,
  object,
  routes,  // [{"to": BLOCK, "p": PROBABILITY}, ...]: where a request goes next
};

struct ParamSpec {
  std::string_view name{};
  ParamType type = ParamType::text;
  std::string_view unit{};  // "count", "ms", "requests/s"... empty for none
  double min = 0;           // inclusive range for integer and number
  double max = 0;
  bool required = false;
  double default_value = 0;  // when not required (integer and number)
  // How the default reads in help ("unbounded", "none"); empty: the number. With `no_default`, what absence
  // means.
  std::string_view default_text{};
  std::string_view help{};
  std::string_view source{};  // where the default comes from: an AWS doc URL or "modelling choice: ..."
  std::span<const std::string_view> allowed{};  // text: the accepted values; empty: any string
  bool no_default = false;  // optional, and absent means no value at all (e.g. an unbounded queue)
};

// "1 to 1000000 count" style range text for messages.
std::string describe_range(const ParamSpec& spec);
// The default as help shows it: "1", "unbounded", "1 ms"; empty when the parameter is required.
std::string describe_default(const ParamSpec& spec);
// "an integer", "a string"... for messages.
const char* type_name(ParamType type);
// "integer", "string"... for listings.
const char* short_type_name(ParamType type);
bool is_numeric(ParamType type);

// A number for messages: integers in full (9007199254740991), others with up to 12 significant digits.
std::string number_text(double v);
// The number followed by its unit, leaving out "count": "5 ms", "3".
std::string number_with_unit(double v, std::string_view unit);

}  // namespace sdsim
