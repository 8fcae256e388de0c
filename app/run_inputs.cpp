#include "app/run_inputs.hpp"

#include <algorithm>
#include <iostream>

#include "app/commands.hpp"

namespace sdsim::app {

std::optional<RunInputs> load_run_inputs(const ParsedArgs& parsed,
                                         const std::vector<std::string>& design_paths,
                                         const RunInputRules& rules, int& exit_code) {
  auto fail = [&exit_code](int code) {
    exit_code = code;
    return std::nullopt;
  };
  auto usage = [&](const std::string& message) {
    std::cerr << "sdsim " << rules.command << ": " << message << "\n";
    return fail(exit_usage);
  };
  std::string error;
  std::optional<std::uint64_t> seed, replications;
  if (auto v = parsed.value("seed")) {
    if (!(seed = parse_count("seed", *v, 0, 9007199254740991ull, error))) return usage(error);
  }
  if (auto v = parsed.value("replications")) {
    if (!(replications =
              parse_count("replications", *v, rules.min_replications, rules.max_replications, error)))
      return usage(error);
  }
  auto overrides = parse_overrides(parsed, error);
  if (!overrides) return usage(error);

  RunInputs inputs;
  bool bad = false;
  for (const std::string& path : design_paths) {
    auto design = load_design_file(path, *overrides);
    if (!design.value) {
      std::cerr << design.diagnostics.format();
      bad = true;
      continue;
    }
    inputs.designs.push_back(std::move(*design.value));
  }
  // A bad design still has its named scenario checked, so that both files' problems show at once.
  if (bad && !parsed.value("scenario")) return fail(exit_bad_input);
  std::string scenario_path =
      parsed.value("scenario")
          .value_or(inputs.designs.empty() ? "" : inputs.designs.front().default_scenario);
  if (scenario_path.empty()) {
    return usage(std::string("no scenario: pass --scenario FILE (the ") +
                 (design_paths.size() > 1 ? "first design" : "design") + " names no \"default_scenario\")");
  }
  auto scenario = load_scenario_file(scenario_path, *overrides);
  if (!scenario.value) std::cerr << scenario.diagnostics.format();
  if (bad || !scenario.value) return fail(exit_bad_input);
  inputs.scenario = std::move(*scenario.value);
  if (seed) inputs.scenario.seed = *seed;
  if (replications) inputs.scenario.replications = static_cast<std::uint32_t>(*replications);
  inputs.scenario.replications =
      std::clamp(inputs.scenario.replications, rules.min_replications, rules.max_replications);
  for (const Design& design : inputs.designs) {
    Diagnostics fit = check_scenario_fits(inputs.scenario, design);
    if (!fit.empty()) {
      std::cerr << fit.format();
      bad = true;
    }
  }
  if (bad) return fail(exit_bad_input);
  return inputs;
}

}  // namespace sdsim::app
