#include "live/command_log.hpp"

#include <sstream>

#include "sim/design/document.hpp"

namespace sdsim::live {

std::string to_json_lines(const CommandLog& log) {
  std::string out = Json{{"format", command_log_format},
                         {"design", log.design},
                         {"scenario", log.scenario},
                         {"seed", log.seed}}
                        .dump(-1, ' ', false, Json::error_handler_t::replace) +
                    "\n";
  for (const LoggedCommand& c : log.commands) {
    out += Json{{"at_ns", c.at}, {"command", c.line}}.dump(-1, ' ', false, Json::error_handler_t::replace) +
           "\n";
  }
  return out;
}

std::optional<CommandLog> read_command_log(const std::string& text, std::string& error) {
  std::istringstream in(text);
  CommandLog log;
  std::string line;
  int number = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const Json j = Json::parse(line, nullptr, false);
    const std::string where = "line " + std::to_string(number) + ": ";
    if (!header) {
      if (j.is_discarded() || !j.is_object() || j.value("format", "") != command_log_format) {
        error = where + "not a command log (expected \"format\": \"" + command_log_format +
                "\"; record one with 'sdsim live ... --record LOG')";
        return std::nullopt;
      }
      log.design = j.value("design", "");
      log.scenario = j.value("scenario", "");
      if (j.contains("seed") && j["seed"].is_number_unsigned()) log.seed = j["seed"].get<std::uint64_t>();
      header = true;
      continue;
    }
    if (j.is_discarded() || !j.is_object()) {
      error = where + "not a JSON object";
      return std::nullopt;
    }
    if (!j.contains("at_ns") || !j["at_ns"].is_number_integer() || !j.contains("command") ||
        !j["command"].is_string()) {
      error = where + "a command needs \"at_ns\" (an integer) and \"command\" (a string)";
      return std::nullopt;
    }
    LoggedCommand c{j["at_ns"].get<SimTime>(), j["command"].get<std::string>()};
    if (c.at < 0 || (!log.commands.empty() && c.at < log.commands.back().at)) {
      error = where + "\"at_ns\" must not be negative nor go back in time";
      return std::nullopt;
    }
    log.commands.push_back(std::move(c));
  }
  if (!header) {
    error = "empty command log";
    return std::nullopt;
  }
  return log;
}

}  // namespace sdsim::live
