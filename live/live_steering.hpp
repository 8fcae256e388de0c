#pragma once
// Paces a run to the wall clock times a speed and applies clients' commands between slices: the engine
// advances in slices of about 10 ms of wall time, sleeps the rest, then applies the queued commands at the
// simulated time it stands at (model commands go through ControlPanel and into the command log) and
// publishes a snapshot when one is due. Lives on the engine's thread; submit() and request_stop() may be
// called from any thread.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "live/command.hpp"
#include "live/command_log.hpp"
#include "live/control_panel.hpp"
#include "live/snapshot_builder.hpp"
#include "live/window_meter.hpp"
#include "sim/experiment/steering.hpp"

namespace sdsim::live {

struct PacingOptions {
  double speed = 1;             // simulated seconds per wall second, in [0.01, 1000]
  double snapshots_per_s = 10;  // wall-clock rate of snapshots
  double slice_s = 0.01;        // wall seconds the engine runs between looks at its commands
};

// Thrown out of the run by at_stop() once request_stop() was called: the run ends early, without a summary.
class RunStopped : public std::runtime_error {
 public:
  RunStopped() : std::runtime_error("the live run was stopped") {}
};

class LiveSteering final : public Steering {
 public:
  using Publish = std::function<void(const std::string& line)>;  // called on the engine's thread
  using ReplyTo = std::function<void(const Reply& reply)>;       // called on the engine's thread

  // Design and scenario must outlive the run; `publish` receives every snapshot as a JSON line.
  LiveSteering(const Design& design, const Scenario& scenario, PacingOptions options, Publish publish);

  void attach(BuiltModel& model, SimTime end) override;
  SimTime next_stop() const override;
  void at_stop(BuiltModel& model) override;

  // Queues a command; `reply` hears how it went once the engine reaches its next stop (or at once, when the
  // run is over).
  void submit(Command command, ReplyTo reply);
  void request_stop();
  // The model commands applied so far with their simulated times (read once the run is over).
  const CommandLog& log() const { return log_; }
  // Snapshots published so far.
  std::uint64_t snapshots() const { return seq_; }

 private:
  using Clock = std::chrono::steady_clock;
  struct Pending {
    Command command;
    ReplyTo reply;
  };
  void apply(Pending& p);
  void drain();
  void publish_snapshot(const char* state);
  // The guarded calls' counts since the last snapshot (counters that went back were reset: counted from 0).
  std::vector<CallSnapshot> take_calls();
  // How long a one-off fault stays listed in snapshots: a few wall seconds, and at least as many simulated
  // ones, so that a watcher sees it at any speed.
  SimTime recent_span() const;
  static constexpr double one_off_visible_s = 5;
  // Wall time at which the simulated clock should read `t`.
  Clock::time_point wall_for(SimTime t) const;
  void rebase();
  // The next stop: a slice of wall time from now, at most the run's end.
  void plan_next_stop();

  const Scenario& scenario_;
  PacingOptions options_;
  Publish publish_;
  ControlPanel panel_;
  BuiltModel* model_ = nullptr;
  SimTime end_ = 0;
  SimTime next_stop_ = time_never;
  WindowMeter* meter_ = nullptr;
  std::vector<std::unique_ptr<WindowMeter>> meters_;  // owned here: the engine holds a reference
  std::vector<std::string> flow_names_;
  std::vector<BlockName> block_names_;
  bool paused_ = false;
  Clock::time_point wall_origin_;
  SimTime sim_origin_ = 0;
  Clock::time_point next_snapshot_;
  std::uint64_t seq_ = 0;
  Snapshot last_;
  SimTime last_time_ = 0;
  CommandLog log_;
  std::vector<GuardCounters> last_guards_;  // by CallPlan::guards index, at the last snapshot

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> inbox_;
  bool stop_requested_ = false;
  bool over_ = false;
};

}  // namespace sdsim::live
