#pragma once
// Shared by the validation tests: run a design given as JSON text, and compare an estimate with theory.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "sim/experiment/experiment.hpp"
#include "sim/metrics/histogram.hpp"

namespace sdsim::testing {

inline ExperimentResult run_text(const std::string& design_json, const std::string& scenario_json) {
  auto design = load_design_text("design.json", design_json);
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  auto scenario = load_scenario_text("scenario.json", scenario_json);
  INFO(scenario.diagnostics.format());
  REQUIRE(scenario.value);
  REQUIRE(check_scenario_fits(*scenario.value, *design.value).empty());
  return run_experiment(*design.value, *scenario.value);
}

// The theory value must lie inside the 95% confidence interval of the simulation, widened only by a stated,
// known measurement error (the histogram's bucket error for percentiles). The interval must also be tight
// (within `max_relative_width` of the value), so that the check cannot pass by being vague.
inline void check_agrees(const char* what, const Estimate& simulated, double theory,
                         double measurement_error = 0, double max_relative_width = 0.05) {
  INFO(what << ": simulated " << simulated.mean << " ± " << simulated.half_width << " (" << simulated.samples
            << " replications), theory " << theory);
  REQUIRE(simulated.samples >= 5);
  REQUIRE(std::abs(simulated.mean - theory) <= simulated.half_width + measurement_error * std::abs(theory));
  REQUIRE(simulated.half_width <= max_relative_width * std::abs(theory));
}

inline void check_percentile(const char* what, const Estimate& simulated, double theory) {
  check_agrees(what, simulated, theory, Histogram::max_relative_error);
}

// Little's law, L = lambda W, on every station: the time-averaged number in the station (from its occupancy
// integral) against throughput x mean sojourn (from departures). The two are measured independently and
// differ only by requests in flight at the window's edges, so they agree within their confidence intervals.
inline void check_littles_law(const ExperimentSummary& s) {
  for (const auto& b : s.blocks) {
    if (b.kind != "station") continue;
    INFO("station " << b.name);
    double tolerance = b.mean_in_system.half_width + b.littles_law_l.half_width;
    REQUIRE(std::abs(b.mean_in_system.mean - b.littles_law_l.mean) <= tolerance);
  }
}

}  // namespace sdsim::testing
