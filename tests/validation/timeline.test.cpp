// The timeline of a whole run: its windows add up to the run's totals, recording it changes no result, and an
// M/M/1 station's per-window utilization averages to rho.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/metrics/confidence.hpp"
#include "validation_support.hpp"

using namespace sdsim;

namespace {

const char* mm1_design = R"({
  "name": "mm1",
  "blocks": { "server": { "kind": "station", "servers": 1,
                          "service_time": { "dist": "exponential", "mean_ms": 10 },
                          "queue_capacity": 20 } },
  "flows": { "requests": { "entry": "server" } }
})";

// rho = 80/s x 10 ms = 0.8; 1,000 s after 50 s of warm-up.
const char* mm1_scenario = R"({
  "name": "rho-0.8", "duration_s": 1000, "warmup_s": 50, "seed": 11, "replications": 1,
  "load": { "requests": { "type": "open", "rate_per_s": 80 } }
})";

struct Inputs {
  Design design;
  Scenario scenario;
};

Inputs load(const char* design_json, const char* scenario_json) {
  auto design = load_design_text("design.json", design_json);
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  auto scenario = load_scenario_text("scenario.json", scenario_json);
  INFO(scenario.diagnostics.format());
  REQUIRE(scenario.value);
  return {*design.value, *scenario.value};
}

}  // namespace

TEST_CASE("A run's timeline adds up to its totals and changes nothing", "[timeline]") {
  const Inputs in = load(mm1_design, mm1_scenario);
  RunOptions options;
  options.timeline_window_s = timeline_window_s(in.scenario.duration_s);
  options.fingerprint = true;
  const ExperimentResult with = run_experiment(in.design, in.scenario, {}, options);
  options.timeline_window_s = 0;
  const ExperimentResult without = run_experiment(in.design, in.scenario, {}, options);
  REQUIRE(with.timeline);
  CHECK_FALSE(without.timeline);
  const TimelineSeries& t = *with.timeline;
  const RunSummary& run = with.replications[0];

  SECTION("recording it leaves the event stream as it was") {
    CHECK(with.event_fingerprints == without.event_fingerprints);
  }
  SECTION("windows cover the measured period") {
    REQUIRE(t.window_end_s.size() == 200);  // 5 s windows
    CHECK(t.window_s == 5);
    CHECK(t.start_s == 50);
    CHECK(t.window_end_s.back() == 1050);
  }
  SECTION("the flow's windows sum to its totals") {
    double completed = 0, failed = 0;
    for (const FlowWindow& w : t.flows[0]) {
      completed += static_cast<double>(w.completed);
      failed += static_cast<double>(w.failed());
    }
    CHECK(completed == run.flows[0].completed);
    CHECK(failed == run.flows[0].failed);
    CHECK(failed > 0);  // the bounded queue turns some away
  }
  SECTION("the station's windows sum to its totals") {
    std::size_t b = 0;
    while (b < t.block_names.size() && t.block_names[b] != "server")
      ++b;
    REQUIRE(b < t.block_names.size());
    double arrivals = 0, completions = 0, rejections = 0, busy = 0;
    for (const BlockWindow& w : t.blocks[b]) {
      arrivals += static_cast<double>(w.arrivals);
      completions += static_cast<double>(w.completions);
      rejections += static_cast<double>(w.rejections);
      busy += w.utilization;
    }
    const auto& figures = run.blocks[b];
    CHECK(arrivals == figures.arrivals);
    CHECK(completions == figures.completions);
    CHECK(rejections == figures.rejections);
    // Equal windows: the mean of the windows' utilization is the run's.
    CHECK(busy / static_cast<double>(t.window_end_s.size()) == Approx(figures.utilization).epsilon(1e-9));
  }
}

TEST_CASE("An M/M/1 station's per-window utilization averages to rho", "[timeline]") {
  const Inputs in = load(R"({
    "name": "mm1",
    "blocks": { "server": { "kind": "station", "servers": 1,
                            "service_time": { "dist": "exponential", "mean_ms": 10 } } },
    "flows": { "requests": { "entry": "server" } }
  })",
                         mm1_scenario);
  RunOptions options;
  options.timeline_window_s = 10;
  const ExperimentResult result = run_experiment(in.design, in.scenario, {}, options);
  REQUIRE(result.timeline);
  const TimelineSeries& t = *result.timeline;
  std::size_t b = 0;
  while (b < t.block_names.size() && t.block_names[b] != "server")
    ++b;
  REQUIRE(b < t.block_names.size());
  // Batch means: 10 s windows span about 1,000 services, far longer than the queue's relaxation time
  // (1 / (mu (1 - sqrt rho)^2), about 0.9 s), so they are close to independent.
  std::vector<double> samples;
  for (const BlockWindow& w : t.blocks[b])
    samples.push_back(w.utilization);
  const Estimate utilization = estimate_mean(samples);
  REQUIRE(utilization.samples == 100);
  INFO("utilization " << utilization.mean << " ± " << utilization.half_width);
  CHECK(std::abs(utilization.mean - 0.8) <= utilization.half_width);
  CHECK(utilization.half_width < 0.02);
}
