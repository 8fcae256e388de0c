#pragma once
// Applies a live session's model commands (load, fault, clear, set) to a running model at the engine's
// clock, checked against the design with the scenario files' own validation. The live run and its offline
// replay both go through it, so the same commands at the same times give the same run.
#include <map>
#include <string>
#include <vector>

#include "live/command.hpp"
#include "sim/design/design.hpp"
#include "sim/design/scenario.hpp"
#include "sim/experiment/model_builder.hpp"

namespace sdsim::live {

struct Reply {
  bool ok = false;
  std::string message;  // what was done, or what is wrong and how to fix it
};

// A fault the run has seen, scheduled or injected; `id` is its index (clear ID).
struct FaultEntry {
  std::size_t id = 0;
  FaultSpec spec;  // as resolved: start_s is when it began
  bool active = false;
  bool recent = false;  // a one-off (no duration) that happened within the span faults() was asked about
};

class ControlPanel {
 public:
  // Both must outlive the panel.
  ControlPanel(const Design& design, const Scenario& scenario);

  // The model of the run, from its start; `end` (ns) is when the run ends.
  void attach(BuiltModel& model, SimTime end);
  // Applies a model command now (Command::steers_model()); other commands are refused.
  Reply apply(const Command& command);
  // Every fault so far, with whether it is in force now, or for a one-off whether it happened within the
  // last `recent_span` (ns) of simulated time.
  std::vector<FaultEntry> faults(SimTime recent_span = 0) const;

 private:
  Reply load(const std::string& flow, double rate_per_s);
  Reply inject(const Json& fault);
  Reply clear(std::size_t id);
  Reply set(const std::string& path, const std::string& value);
  Reply set_block(const std::vector<std::string>& path, const Json& value, const std::string& text);
  Reply set_call(const std::vector<std::string>& path, const Json& value, const std::string& text);

  const Design& design_;
  const Scenario& scenario_;
  BuiltModel* model_ = nullptr;
  SimTime end_ = 0;
  std::vector<FaultSpec> specs_;               // by fault id: the scenario's, then the injected ones
  std::vector<BlockParams> params_;            // by design block: as built, then as changed by set
  std::map<std::uint32_t, CallGuard> guards_;  // by plan node: the resilience set changed
};

}  // namespace sdsim::live
