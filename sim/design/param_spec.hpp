#pragma once
// A parameter declared once, beside the block or file section that uses it: name, type, unit, default, range,
// one-line help and the source of the default. The declaration drives validation and the help text.
#include <string>
#include <string_view>

namespace sdsim {

enum class ParamType { integer, number, text, distribution, list, object };

struct ParamSpec {
  std::string_view name;
  ParamType type;
  std::string_view unit;  // "count", "ms", "requests/s"... empty for none
  double min = 0;         // inclusive range for integer and number
  double max = 0;
  bool required = false;
  double default_value = 0;       // when not required (integer and number)
  std::string_view default_text;  // how the default reads in help ("unbounded", "none"); empty: the number
  std::string_view help;
  std::string_view source;  // where the default comes from
};

// "1 to 1000000 count" style range text for messages.
std::string describe_range(const ParamSpec& spec);
const char* type_name(ParamType type);

}  // namespace sdsim
