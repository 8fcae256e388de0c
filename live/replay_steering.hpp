#pragma once
// Replays a command log offline: each command is applied at its recorded simulated time, through the same
// ControlPanel as the live run, so the run matches the live session's.
#include <string>
#include <vector>

#include "live/command_log.hpp"
#include "live/control_panel.hpp"
#include "sim/experiment/steering.hpp"

namespace sdsim::live {

class ReplaySteering final : public Steering {
 public:
  // Design and scenario must outlive the run.
  ReplaySteering(const Design& design, const Scenario& scenario, CommandLog log);

  void attach(BuiltModel& model, SimTime end) override;
  SimTime next_stop() const override;
  void at_stop(BuiltModel& model) override;

  // Commands that could not be applied (a log edited by hand, or for another design), with their times.
  const std::vector<std::string>& problems() const { return problems_; }
  std::size_t applied() const { return next_; }

 private:
  ControlPanel panel_;
  CommandLog log_;
  std::size_t next_ = 0;
  std::vector<std::string> problems_;
};

}  // namespace sdsim::live
