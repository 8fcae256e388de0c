#include "live/replay_steering.hpp"

namespace sdsim::live {

ReplaySteering::ReplaySteering(const Design& design, const Scenario& scenario, CommandLog log)
    : panel_(design, scenario), log_(std::move(log)) {}

void ReplaySteering::attach(BuiltModel& model, SimTime end) {
  panel_.attach(model, end);
}

SimTime ReplaySteering::next_stop() const {
  return next_ < log_.commands.size() ? log_.commands[next_].at : time_never;
}

void ReplaySteering::at_stop(BuiltModel&) {
  const SimTime at = next_stop();
  while (next_ < log_.commands.size() && log_.commands[next_].at == at) {
    const LoggedCommand& c = log_.commands[next_++];
    ParsedCommand parsed = parse_command(c.line);
    Reply reply = parsed.command ? panel_.apply(*parsed.command) : Reply{false, parsed.error};
    if (!reply.ok)
      problems_.push_back("at " + std::to_string(to_s(at)) + " s, '" + c.line + "': " + reply.message);
  }
}

}  // namespace sdsim::live
