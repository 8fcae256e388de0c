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

struct LoadSpec {
  enum class Type { open, closed };
  std::string flow;
  Type type = Type::open;
  double rate_per_s = 0;  // open: the constant rate (requests/s), or the profile's mean
  RateProfile profile = RateProfile::constant(0);     // open: the Poisson rate over time
  std::shared_ptr<const std::vector<SimTime>> trace;  // open: replayed arrival times (ns) instead
  std::uint32_t users = 0;                            // closed: concurrent users
  Distribution think = Distribution::constant(0);     // closed: between a response and the next request
  std::string pointer;
};

struct Scenario {
  std::string file;
  std::string name;
  double duration_s = 60;  // measured time, after warm-up
  double warmup_s = 0;     // simulated before measuring, then discarded
  std::uint64_t seed = 1;
  std::uint32_t replications = 1;
  std::vector<LoadSpec> loads;
  KeySampler keys = KeySampler::uniform(1'000'000);
  std::shared_ptr<const JsonLocator> locator;  // for line:column in later cross-checks
};

// `overrides` (from --set) aimed at the scenario are applied before validation.
Loaded<Scenario> load_scenario_file(const std::string& path, const std::vector<Override>& overrides = {});
Loaded<Scenario> load_scenario_text(const std::string& name, std::string text);
// Cross-checks: every load names a flow of the design; the run is not absurdly long.
Diagnostics check_scenario_fits(const Scenario& scenario, const Design& design);

}  // namespace sdsim
