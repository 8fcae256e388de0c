// Comparisons on common random numbers: identical designs differ by exactly nothing, and a real
// improvement is named the clear best with a paired interval tighter than the designs' own.
#include "sim/experiment/comparison.hpp"

#include <catch2/catch.hpp>

using namespace sdsim;

namespace {

std::string station_design(const std::string& name, int servers) {
  return R"({ "name": ")" + name + R"(",
    "blocks": { "api": { "kind": "station", "servers": )" +
         std::to_string(servers) + R"(,
                         "service_time": { "dist": "exponential", "mean_ms": 10 } } },
    "flows": { "get": { "entry": "api" } } })";
}

const char* scenario_text = R"({
  "name": "steady", "duration_s": 60, "warmup_s": 5, "seed": 9, "replications": 5,
  "load": { "get": { "type": "open", "rate_per_s": 350 } }
})";

ExperimentResult run_design(const std::string& name, int servers) {
  auto design = load_design_text(name + ".json", station_design(name, servers));
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  auto scenario = load_scenario_text("steady.json", scenario_text);
  INFO(scenario.diagnostics.format());
  REQUIRE(scenario.value);
  return run_experiment(*design.value, *scenario.value);
}

const ComparedFigure& figure_named(const Comparison& c, const std::string& name) {
  for (const ComparedFigure& f : c.figures) {
    if (f.name == name) return f;
  }
  FAIL("no figure " << name);
  return c.figures.front();
}

}  // namespace

TEST_CASE("Identical designs compare with zero deltas and no clear best", "[compare]") {
  const std::vector<ExperimentResult> results{run_design("a", 4), run_design("b", 4)};
  const Comparison c = compare_results(results);
  REQUIRE(c.designs == std::vector<std::string>{"a", "b"});
  CHECK(c.replications == 5);
  REQUIRE_FALSE(c.figures.empty());
  for (const ComparedFigure& f : c.figures) {
    INFO(f.name);
    REQUIRE(f.values.size() == 2);
    REQUIRE(f.values[0]);
    REQUIRE(f.values[1]);
    CHECK(f.values[0]->mean == f.values[1]->mean);
    CHECK_FALSE(f.deltas[0]);
    REQUIRE(f.deltas[1]);
    CHECK(f.deltas[1]->mean == 0);
    CHECK(f.deltas[1]->half_width == 0);
    CHECK_FALSE(f.best);
  }
}

TEST_CASE("More servers are the clear best on latency, with a paired interval tighter than either",
          "[compare]") {
  // rho = 350 x 10 ms / 4 = 0.875 against 0.7 with five servers: the wait falls a lot.
  const std::vector<ExperimentResult> results{run_design("four", 4), run_design("five", 5)};
  const Comparison c = compare_results(results);
  const ComparedFigure& mean = figure_named(c, "get mean");
  CHECK(mean.unit == "ms");
  REQUIRE(mean.best);
  CHECK(*mean.best == 1);
  REQUIRE(mean.deltas[1]);
  CHECK(mean.deltas[1]->mean < 0);
  CHECK_FALSE(mean.deltas[1]->contains(0));
  // Same arrivals and service times (common random numbers): the difference varies less than each design.
  CHECK(mean.deltas[1]->half_width < mean.values[0]->half_width);
  // Throughput is the arrival stream in both, but for the few requests in flight when the run ends.
  const ComparedFigure& done = figure_named(c, "get done/s");
  CHECK(done.values[1]->mean == Approx(done.values[0]->mean).epsilon(0.001));
  CHECK_FALSE(done.best);
}
