#pragma once
// A scenario: what happens to a design during a run (load per flow, duration, warm-up, seed, replications),
// as read from a scenario file kept apart from the design.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/distribution.hpp"
#include "sim/core/key_sampler.hpp"
#include "sim/core/rate_profile.hpp"
#include "sim/design/design.hpp"
#include "sim/design/json_locator.hpp"

namespace sdsim {

// A name with its share (of a load's requests: a flow of a mix, a region of the clients), as written.
struct ShareSpec {
  std::string name;
  double share = 0;  // > 0; a list's shares need not sum to 1
  std::string pointer;
};

struct LoadSpec {
  enum class Type { open, closed };
  std::string flow;  // the flow it sends; with a mix, only the load's name
  Type type = Type::open;
  double rate_per_s = 0;  // open: the constant rate (requests/s), or the profile's mean
  RateProfile profile = RateProfile::constant(0);     // open: the Poisson rate over time
  std::shared_ptr<const std::vector<SimTime>> trace;  // open: replayed arrival times (ns) instead
  std::uint32_t users = 0;                            // closed: concurrent users
  Distribution think = Distribution::constant(0);     // closed: between a response and the next request
  std::vector<ShareSpec> mix;                         // flows by share; empty: `flow` alone
  std::vector<ShareSpec> clients;                     // regions by share; empty: the scenario's
  std::string pointer;
};

// A flow's service-level objectives as written (flow "*": every flow's); an absent key is nullopt.
struct SloSpec {
  std::string flow;
  std::optional<double> latency_ms;    // ms
  std::optional<double> percentile;    // %, in (0, 100)
  std::optional<double> availability;  // %, in (0, 100]
  std::string pointer;
};

// A scheduled fault as written (sim/catalog/fault_params.hpp declares the keys of each type); names are
// checked against the design by check_scenario_fits.
struct FaultSpec {
  std::string type;                  // one of format::fault_types
  double start_s = 0;                // s from the start of the run, warm-up included
  double duration_s = 0;             // s; 0 for a one-off fault (termination, failover, node loss)
  std::string block;                 // the block hit (termination, brownout, failover, node loss, reduction)
  std::string zone;                  // az_power_interruption
  std::string region;                // region_isolation
  std::vector<std::string> between;  // two zones or regions (partition, latency, loss)
  std::uint32_t count = 0;           // termination: how many at random (0: `instances` given)
  std::vector<std::uint32_t> instances;  // termination: these instance indices
  std::uint32_t reduce_by = 0;           // capacity_reduction: instances taken away
  std::uint32_t node = 0;                // cache_node_loss
  double latency_ms = 0;                 // added_latency
  double loss = 0;                       // packet_loss
  double slowdown = 1;                   // brownout
  double error_rate = 0;                 // brownout
  std::string pointer;
};

// What a fault hits, as a person names it: its block, zone, region or "a <-> b" path.
inline std::string fault_target(const FaultSpec& f) {
  if (!f.block.empty()) return f.block;
  if (!f.zone.empty()) return f.zone;
  if (!f.region.empty()) return f.region;
  if (f.between.size() == 2) return f.between[0] + " <-> " + f.between[1];
  return "";
}

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  double duration_s = 60;  // measured time, after warm-up
  double warmup_s = 0;     // simulated before measuring, then discarded
  std::uint64_t seed = 1;
  std::uint32_t replications = 1;
  std::vector<LoadSpec> loads;
  KeySampler keys = KeySampler::uniform(1'000'000);
  std::vector<ShareSpec> clients;  // regions by share for loads without their own; empty: the first region
  std::vector<FaultSpec> faults;   // in file order
  std::vector<SloSpec> slos;       // as written, "*" included
  double window_s = 0;             // s, the SLO window; 0: chosen from the duration (default_window_s)
  std::shared_ptr<const JsonLocator> locator;  // for line:column in later cross-checks
};

// `overrides` (from --set) aimed at the scenario are applied before validation.
Loaded<Scenario> load_scenario_file(const std::string& path, const std::vector<Override>& overrides = {});
Loaded<Scenario> load_scenario_text(const std::string& name, std::string text);
// Cross-checks: every load names a flow of the design; the run is not absurdly long.
Diagnostics check_scenario_fits(const Scenario& scenario, const Design& design);
// A flow's objectives: its own keys over those of "*"; nullopt when neither states any.
std::optional<SloSpec> slo_for(const Scenario& scenario, const std::string& flow);

}  // namespace sdsim
