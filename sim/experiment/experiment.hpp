#pragma once
// Runs a scenario against a design: warm-up, measurement, and independent replications with derived seeds,
// aggregated into means with 95% confidence intervals.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/design/design.hpp"
#include "sim/design/scenario.hpp"
#include "sim/experiment/explanation.hpp"
#include "sim/experiment/steering.hpp"
#include "sim/metrics/summary.hpp"
#include "sim/metrics/timeline.hpp"

namespace sdsim {

struct ExperimentResult {
  std::string design_name;
  std::string scenario_name;
  std::uint64_t seed = 0;
  std::vector<std::uint64_t> replication_seeds;
  std::vector<RunSummary> replications;
  std::vector<std::string> event_fingerprints;  // per replication, when asked for
  std::optional<TimelineSeries> timeline;       // the first replication's per-window series, when asked for
  ExperimentSummary summary;
  Explanation explanation;  // theory beside the simulation, and why it failed
};

// Called now and then with the fraction of the whole experiment done, in [0, 1]. Not per event.
using ProgressFn = std::function<void(double)>;

// Each flow's objectives (by position in `flow_names`; nullopt: none), and the window they are judged over
// (s): the scenario's window_s, or one chosen from its duration.
std::vector<std::optional<SloTarget>> slo_targets(const Scenario& scenario,
                                                  const std::vector<std::string>& flow_names);
double slo_window_s(const Scenario& scenario);

// The seed of replication r: independent streams for every replication, derived from the scenario seed.
std::uint64_t replication_seed(std::uint64_t seed, std::uint32_t replication);

struct RunOptions {
  bool fingerprint = false;      // hash the event stream of every replication (one extra call per event)
  double timeline_window_s = 0;  // s; > 0: record the first replication's per-window series
  Steering* steering = nullptr;  // steers the first replication (a live session or its replay); outlives it
  // Replications run at once, each on its own thread (the results do not depend on it); 0: one per core.
  // Steered experiments run their replications one after another.
  unsigned jobs = 0;
};

// `fingerprint`, when given, receives the hex fingerprint of the run's event stream; `timeline`, when given,
// records the measured period window by window (the run stops at each window's end; results are unchanged);
// `steering`, when given, acts on the model at the times it asks for.
RunSummary run_once(const Design& design, const Scenario& scenario, std::uint64_t replication_seed,
                    const ProgressFn& progress = {}, std::string* fingerprint = nullptr,
                    Timeline* timeline = nullptr, Steering* steering = nullptr);
ExperimentResult run_experiment(const Design& design, const Scenario& scenario,
                                const ProgressFn& progress = {}, RunOptions options = {});

}  // namespace sdsim
