#pragma once
// Shared by the validation tests: run a design given as JSON text, and compare an estimate with theory.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/experiment/experiment.hpp"
#include "sim/metrics/confidence.hpp"
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

// One check on its own (a test case making several uses CheckFamily below). The theory value must lie inside
// the 95% confidence interval of the simulation, widened only by a stated, known measurement error (the
// histogram's bucket error for percentiles). The interval must also be tight (within `max_relative_width` of
// the value), so that the check cannot pass by being vague.
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

// The confidence level of the intervals an experiment reports (summary.hpp), and of the estimates tests make.
inline constexpr double reported_confidence = 0.95;

// Several checks made together in one test case, at one stated family-wise confidence level. With k
// independent checks each at 95%, the chance that at least one fails by bad luck alone is 1 - 0.95^k (23% for
// k = 5), so a fixed seed may pass only by its choice. Bonferroni's inequality bounds that chance by
// 1 - family_confidence when each check is made at 1 - (1 - family_confidence) / k: its interval is the
// reported 95% one widened by t_{1 - a/(2k), n-1} / t_{0.975, n-1}, with a = 1 - family_confidence and n - 1
// the replications' degrees of freedom. The tightness condition stays on the reported interval, so a
// check still cannot pass by being vague. Declare k as the most checks one run of the test case makes (one
// path through its sections); making more is an error, fewer only makes the family more conservative.
class CheckFamily {
 public:
  explicit CheckFamily(std::size_t checks, double family_confidence = 0.95)
      : checks_(checks), family_confidence_(family_confidence) {}

  // As check_agrees, at this family's level.
  void agrees(const char* what, const Estimate& simulated, double theory, double measurement_error = 0,
              double max_relative_width = 0.05) {
    ++made_;
    REQUIRE(made_ <= checks_);
    REQUIRE(simulated.samples >= 5);
    double half_width = simulated.half_width * widening(simulated.samples);
    INFO(what << ": simulated " << simulated.mean << " ± " << simulated.half_width << " (95%), ± "
              << half_width << " (each of " << checks_ << " checks at a family-wise "
              << 100 * family_confidence_ << "%; " << simulated.samples << " replications), theory "
              << theory);
    REQUIRE(std::abs(simulated.mean - theory) <= half_width + measurement_error * std::abs(theory));
    REQUIRE(simulated.half_width <= max_relative_width * std::abs(theory));
  }

  // As check_percentile, at this family's level.
  void percentile(const char* what, const Estimate& simulated, double theory) {
    agrees(what, simulated, theory, Histogram::max_relative_error);
  }

  // The factor from a reported 95% half-width to one check's Bonferroni half-width.
  double widening(std::uint32_t samples) const {
    double alpha = (1 - family_confidence_) / static_cast<double>(checks_);
    std::uint32_t degrees_of_freedom = samples - 1;
    return student_t_quantile(1 - alpha / 2, degrees_of_freedom) /
           student_t_quantile(0.5 * (1 + reported_confidence), degrees_of_freedom);
  }

 private:
  std::size_t checks_;
  double family_confidence_;
  std::size_t made_ = 0;
};

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
