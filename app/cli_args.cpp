#include "app/cli_args.hpp"

#include <algorithm>
#include <charconv>
#include <thread>

#include "sim/design/diagnostics.hpp"

namespace sdsim::app {

std::optional<std::string> ParsedArgs::value(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> ParsedArgs::all(const std::string& name) const {
  auto it = repeated.find(name);
  return it == repeated.end() ? std::vector<std::string>{} : it->second;
}

std::optional<std::vector<Override>> parse_overrides(const ParsedArgs& args, std::string& error) {
  std::vector<Override> overrides;
  for (const std::string& text : args.all("set")) {
    auto o = parse_override(text, error);
    if (!o) return std::nullopt;
    overrides.push_back(std::move(*o));
  }
  return overrides;
}

std::optional<ParsedArgs> parse_args(const std::vector<std::string>& args,
                                     const std::vector<OptionSpec>& specs, std::string& error) {
  ParsedArgs out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 3 || arg.rfind("--", 0) != 0) {
      if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
        error = "unknown option '" + arg + "' (options are spelled --name)";
        return std::nullopt;
      }
      out.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    const OptionSpec* spec = nullptr;
    std::vector<std::string> names;
    for (const OptionSpec& s : specs) {
      names.push_back(s.name);
      if (s.name == name) spec = &s;
    }
    if (!spec) {
      std::string guess = closest_match(name, names);
      error = "unknown option '--" + name + "'" + (guess.empty() ? "" : "; did you mean '--" + guess + "'?");
      return std::nullopt;
    }
    if (!spec->takes_value) {
      if (inline_value) {
        error = "option '--" + name + "' takes no value";
        return std::nullopt;
      }
      out.values[name] = "";
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) {
        error = "option '--" + name + "' needs a value";
        return std::nullopt;
      }
      inline_value = args[++i];
    }
    if (!spec->repeatable && out.values.count(name)) {
      error = "option '--" + name + "' is given twice";
      return std::nullopt;
    }
    out.values[name] = *inline_value;
    if (spec->repeatable) out.repeated[name].push_back(*inline_value);
  }
  return out;
}

std::optional<std::uint64_t> parse_count(const std::string& option, const std::string& text,
                                         std::uint64_t min, std::uint64_t max, std::string& error) {
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || v < min || v > max) {
    error = "--" + option + " must be a whole number from " + std::to_string(min) + " to " +
            std::to_string(max) + " (got '" + text + "')";
    return std::nullopt;
  }
  return v;
}

std::optional<unsigned> parse_jobs(const ParsedArgs& args, std::string& error) {
  const auto text = args.value("jobs");
  if (!text) return std::max(1u, std::thread::hardware_concurrency());
  const auto n = parse_count("jobs", *text, 1, 1024, error);
  if (!n) return std::nullopt;
  return static_cast<unsigned>(*n);
}

}  // namespace sdsim::app
