#pragma once
// A small command-line parser: positional arguments and --options (with a value or a flag), with clear errors
// for unknown options and missing values. Enough for sdsim's commands; each command declares its options.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/design/overrides.hpp"

namespace sdsim::app {

struct OptionSpec {
  std::string name;         // without the leading dashes
  bool takes_value;         // --name VALUE (or --name=VALUE) versus a flag
  bool repeatable = false;  // may be given several times (all values kept, in order)
};

struct ParsedArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;  // flags map to ""; a repeatable option to its last value
  std::map<std::string, std::vector<std::string>> repeated;  // every value of a repeatable option
  bool has(const std::string& name) const { return values.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  std::vector<std::string> all(const std::string& name) const;
};

// Parses args (without the program and command names). On error returns nothing and sets `error`.
std::optional<ParsedArgs> parse_args(const std::vector<std::string>& args,
                                     const std::vector<OptionSpec>& specs, std::string& error);

// Every --set PATH=VALUE, parsed; on error returns nothing and sets `error`.
std::optional<std::vector<Override>> parse_overrides(const ParsedArgs& args, std::string& error);

// Parses a non-negative integer option value; sets `error` and returns nothing on failure.
std::optional<std::uint64_t> parse_count(const std::string& option, const std::string& text,
                                         std::uint64_t min, std::uint64_t max, std::string& error);

// The --jobs option (threads at once, 1 to 1024), or every core when absent; nothing on error (`error` set).
std::optional<unsigned> parse_jobs(const ParsedArgs& args, std::string& error);

}  // namespace sdsim::app
