#pragma once
// What a run means, in words a candidate can say aloud: per station, queueing theory beside the simulated
// figures with a reason wherever they disagree; and, when something went wrong, the first objective missed,
// the block behind it, the mechanism and the levers that would fix it.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/design/design.hpp"
#include "sim/design/scenario.hpp"
#include "sim/experiment/composed_availability.hpp"
#include "sim/metrics/summary.hpp"
#include "sim/theory/station_theory.hpp"

namespace sdsim {

// One serving block with servers: M/G/c at its measured arrival rate and holding time (sim/theory).
struct StationCheck {
  std::string block;
  std::string kind;
  std::uint32_t servers = 0;
  double arrival_rate_per_s = 0;  // arrivals (refused ones included) over the measured time
  double service_scv = 0;
  theory::StationPrediction theory;
  Estimate p_wait;  // simulated, for each: mean and 95% interval over replications
  Estimate mean_wait_ms;
  Estimate p99_wait_ms;  // the replications' p99 of the waits
  Estimate mean_in_system;
  double littles_law_l = 0;  // throughput x mean sojourn: agrees with mean_in_system when Little's law holds
  bool agrees = true;        // theory's mean wait within the interval, widened by the approximation's error
  std::vector<std::string> reasons;  // this station's reasons theory does not apply or disagrees, in words
};

struct Diagnosis {
  bool healthy = true;       // every objective met, under 0.1% failed, no station at or over 95% busy
  std::string verdict;       // one sentence
  std::string first_breach;  // "checkout first missed its objectives in the window from 35.0 s"; or empty
  std::string bottleneck;    // the block behind it; empty when none stands out
  std::string mechanism;     // what happened there, with figures
  std::vector<std::string> faults;  // the scenario's faults, the likely trigger: "brownout payments at 40 s"
  std::vector<std::string> levers;  // what would fix it
};

struct Explanation {
  std::vector<StationCheck> stations;  // engine order
  std::vector<std::string> caveats;    // why theory can only approximate this scenario, whatever the station
  std::vector<ComposedAvailability> composed;  // per flow: the availability its blocks' SLAs allow
  Diagnosis diagnosis;
};

Explanation explain(const ExperimentSummary& summary, const Scenario& scenario, const Design& design);

// A fault as reports name it: "brownout payments at 40 s for 60 s" (times from the start of the run).
std::string fault_words(const FaultFigures<Estimate>& f);

}  // namespace sdsim
