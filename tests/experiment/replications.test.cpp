// Replications run at once on several threads: the same results as one after another, progress that only
// grows to 1, and a failing replication's exception reaching the caller.
#include <catch2/catch.hpp>
#include <mutex>
#include <vector>

#include "sim/experiment/experiment.hpp"
#include "sim/experiment/result_json.hpp"

using namespace sdsim;

namespace {

struct Inputs {
  Design design;
  Scenario scenario;
};

// A station calling another under a Poisson load, 5 replications of 20 s after 2 s of warm-up.
Inputs tandem() {
  auto design = load_design_text("tandem.json", R"({"name": "tandem", "blocks": {
      "front": {"kind": "station", "servers": 2, "service_time": {"dist": "exponential", "mean_ms": 4}},
      "back": {"kind": "station", "servers": 1, "service_time": {"dist": "exponential", "mean_ms": 2}}},
    "flows": {"requests": {"entry": "front", "calls": [{"to": "back"}]}}})");
  REQUIRE(design.value);
  auto scenario = load_scenario_text("steady.json", R"({"name": "steady", "duration_s": 20, "warmup_s": 2,
      "seed": 11, "replications": 5, "load": {"requests": {"type": "open", "rate_per_s": 300}}})");
  REQUIRE(scenario.value);
  return {std::move(*design.value), std::move(*scenario.value)};
}

}  // namespace

TEST_CASE("Replications at once give the results of replications one after another", "[experiment]") {
  const Inputs in = tandem();
  RunOptions options{.fingerprint = true, .timeline_window_s = 2};
  options.jobs = 1;
  const ExperimentResult serial = run_experiment(in.design, in.scenario, {}, options);
  options.jobs = 3;
  std::mutex mutex;
  std::vector<double> seen;
  const ExperimentResult parallel = run_experiment(
      in.design, in.scenario,
      [&](double f) {
        std::lock_guard lock(mutex);
        seen.push_back(f);
      },
      options);
  REQUIRE(serial.replications.size() == 5);
  CHECK(result_to_json(parallel) == result_to_json(serial));
  CHECK(parallel.event_fingerprints == serial.event_fingerprints);
  REQUIRE(parallel.timeline);
  CHECK(parallel.timeline->start_s == serial.timeline->start_s);
  // Progress from every replication, summed: it never goes back and ends at 1.
  REQUIRE(seen.size() == 500);  // 100 progress slices per replication
  for (std::size_t i = 1; i < seen.size(); ++i)
    CHECK(seen[i] >= seen[i - 1]);
  CHECK(seen.back() == Approx(1.0));
}

TEST_CASE("A replication's failure reaches the caller when replications run at once", "[experiment]") {
  const Inputs in = tandem();
  int calls = 0;
  std::mutex mutex;
  auto failing = [&](double) {
    std::lock_guard lock(mutex);
    if (++calls == 150) throw std::runtime_error("stopped by the progress callback");
  };
  CHECK_THROWS_WITH(run_experiment(in.design, in.scenario, failing, RunOptions{.jobs = 2}),
                    "stopped by the progress callback");
}
