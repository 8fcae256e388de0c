// A sweep's JSON reads back as the sweep that was written, so that merging shards reproduces the bytes of
// an unsharded run; anything that is not a sweep file is refused.
#include "sim/experiment/sweep_json.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace sdsim;

namespace {

ExperimentResult short_run() {
  auto design = load_design_text("d.json", R"({ "name": "d",
    "blocks": { "api": { "kind": "station", "servers": 2,
                         "service_time": { "dist": "exponential", "mean_ms": 10 } } },
    "flows": { "get": { "entry": "api" } } })");
  REQUIRE(design.value);
  auto scenario = load_scenario_text("s.json", R"({ "name": "s", "duration_s": 20, "warmup_s": 2, "seed": 3,
    "replications": 3, "load": { "get": { "type": "open", "rate_per_s": 120 } } })");
  REQUIRE(scenario.value);
  return run_experiment(*design.value, *scenario.value);
}

}  // namespace

TEST_CASE("A sweep's JSON reads back to the same bytes", "[sweep]") {
  const ExperimentResult result = short_run();
  Sweep sweep;
  sweep.design = "d";
  sweep.design_digest = content_digest("design bytes");
  sweep.scenario = "s";
  sweep.scenario_digest = content_digest("scenario bytes");
  sweep.seed = 3;
  sweep.replications = 3;
  sweep.grid.fixed = {"duration_s=20"};
  sweep.grid.axes.push_back({"blocks/api/servers", {"2", "3"}});
  sweep.pareto_flow = "get";
  sweep.points = {summarize_point(0, result), summarize_point(1, result)};
  mark_frontiers(sweep);
  const std::string json = sweep_to_json(sweep);
  std::string error;
  auto back = sweep_from_json(json, error);
  INFO(error);
  REQUIRE(back);
  REQUIRE(sweep_to_json(*back) == json);
  REQUIRE(sweep_to_csv(*back) == sweep_to_csv(sweep));
  REQUIRE(back->points.at(1).flows.at(0).p99_ms.mean == sweep.points[1].flows[0].p99_ms.mean);

  sweep.shard = SweepShard{2, 2};
  auto shard = sweep_from_json(sweep_to_json(sweep), error);
  REQUIRE(shard);
  REQUIRE(shard->shard);
  REQUIRE(shard->shard->number == 2);
}

TEST_CASE("The CSV has a row per point with the swept values and units in the header", "[sweep]") {
  const ExperimentResult result = short_run();
  Sweep sweep;
  sweep.grid.axes.push_back({"blocks/api/servers", {"2", "3"}});
  sweep.pareto_flow = "get";
  sweep.points = {summarize_point(0, result), summarize_point(1, result)};
  mark_frontiers(sweep);
  const std::string csv = sweep_to_csv(sweep);
  REQUIRE(csv.rfind("index,blocks/api/servers,get throughput_per_s,get throughput_per_s_ci95,get success_pct",
                    0) == 0);
  REQUIRE(csv.find("\n1,3,") != std::string::npos);
  REQUIRE(std::count(csv.begin(), csv.end(), '\n') == 3);
  // Identical figures: both points are on both frontiers.
  REQUIRE(csv.find(",yes,yes\n1,3,") != std::string::npos);
}

TEST_CASE("Files that are not sweeps are refused", "[sweep]") {
  std::string error;
  REQUIRE_FALSE(sweep_from_json("{", error));
  REQUIRE(error == "not JSON");
  REQUIRE_FALSE(sweep_from_json(R"({"format": "sdsim.result/1"})", error));
  REQUIRE(error.find("not an sdsim sweep file") != std::string::npos);
  REQUIRE_FALSE(sweep_from_json(R"({"format": "sdsim.sweep/1", "design": {}})", error));
  REQUIRE(error.find("damaged") != std::string::npos);
}
