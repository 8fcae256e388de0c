#pragma once
// What run, compare, viz and live share: the design files and the scenario they run under (--scenario, else
// the first design's "default_scenario"), with --set, --seed and --replications applied and checked.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/cli_args.hpp"
#include "sim/design/design.hpp"
#include "sim/design/scenario.hpp"

namespace sdsim::app {

struct RunInputRules {
  std::string command;                    // named in messages: "sdsim COMMAND: ..."
  std::uint32_t min_replications = 1;     // --replications must lie in [min, max], and the scenario's
  std::uint32_t max_replications = 1000;  // own count is brought into that range
};

struct RunInputs {
  std::vector<Design> designs;  // in the order of their files
  Scenario scenario;
};

// Loads `design_paths` and the scenario. On failure prints every problem found at the step that failed (the
// command line before the files) and returns nothing, with `exit_code` set to exit_usage or exit_bad_input.
std::optional<RunInputs> load_run_inputs(const ParsedArgs& parsed,
                                         const std::vector<std::string>& design_paths,
                                         const RunInputRules& rules, int& exit_code);

}  // namespace sdsim::app
