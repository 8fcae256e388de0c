#pragma once
// A live session's commands as typed by a client, one per line (the grammar is in command_help); parsing
// checks the shape only, ControlPanel checks names against the design.
#include <optional>
#include <string>
#include <string_view>

#include "sim/design/document.hpp"

namespace sdsim::live {

enum class CommandKind { pause, resume, speed, load, fault, clear, set, status };

struct Command {
  CommandKind kind = CommandKind::status;
  std::string line;    // as typed, trimmed (what a command log records)
  double number = 0;   // speed: the factor; load: requests/s
  std::string flow;    // load
  Json fault;          // fault: the scenario's fault object, without start_s (the session's clock sets it)
  std::size_t id = 0;  // clear: the fault's id in snapshots
  std::string path;    // set: PATH of PATH=VALUE
  std::string value;   // set: VALUE
  // Whether it changes the simulation (and so goes into a command log), rather than only its pacing.
  bool steers_model() const {
    return kind == CommandKind::load || kind == CommandKind::fault || kind == CommandKind::clear ||
           kind == CommandKind::set;
  }
};

struct ParsedCommand {
  std::optional<Command> command;
  std::string error;  // set when command is empty
};

// Longest line a client may send (bytes, newline excluded).
inline constexpr std::size_t max_line_bytes = 4096;

ParsedCommand parse_command(std::string_view line);

extern const char* const command_help;

}  // namespace sdsim::live
