#pragma once
// A live session's model commands with the simulated times they were applied at, as JSON lines
// (format sdsim.commands/1): a header naming the design, scenario and seed, then one command per line.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.hpp"

namespace sdsim::live {

inline constexpr const char* command_log_format = "sdsim.commands/1";

struct LoggedCommand {
  SimTime at = 0;    // ns on the run's clock (warm-up included)
  std::string line;  // as typed
};

struct CommandLog {
  std::string design;
  std::string scenario;
  std::uint64_t seed = 0;
  std::vector<LoggedCommand> commands;  // in the order applied (times non-decreasing)
};

std::string to_json_lines(const CommandLog& log);
// On error returns nothing and sets `error` (with the line number).
std::optional<CommandLog> read_command_log(const std::string& text, std::string& error);

}  // namespace sdsim::live
