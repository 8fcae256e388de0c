// The run's JSON: the consistency section's per-window series (present only when windows were recorded).
#include "sim/experiment/result_json.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/experiment/experiment.hpp"

using namespace sdsim;

namespace {

// A DynamoDB-like table whose copies lag 20 ms: writes and eventually consistent reads of 100 keys, 500/s
// each, for 10 s after 2 s of warm-up. Windows of 1 s when asked for.
ExperimentResult run_table(double window_s) {
  auto design = load_design_text("design.json", R"({"blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0}},
      "db": {"kind": "kv_database", "partitions": 10,
             "replication_lag": {"dist": "exponential", "mean_ms": 20}}},
    "flows": {"put": {"entry": "api", "calls": [{"to": "db", "op": "write"}]},
              "get": {"entry": "api", "calls": [{"to": "db", "op": "read"}]}}})");
  REQUIRE(design.value);
  auto scenario = load_scenario_text("scenario.json", R"({"duration_s": 10, "warmup_s": 2, "seed": 5,
      "replications": 2, "keys": {"count": 100},
      "load": {"put": {"type": "open", "rate_per_s": 500}, "get": {"type": "open", "rate_per_s": 500}}})");
  REQUIRE(scenario.value);
  RunOptions options;
  options.timeline_window_s = window_s;
  return run_experiment(*design.value, *scenario.value, {}, options);
}

}  // namespace

TEST_CASE("The run's JSON holds the consistency series per window when windows were recorded",
          "[result_json][consistency]") {
  SECTION("without windows there is no series") {
    const Json out = Json::parse(result_to_json(run_table(0)));
    REQUIRE(out.contains("consistency"));
    CHECK_FALSE(out["consistency"].contains("windows"));
  }
  SECTION("with windows, each judged flow and block has one value per window, adding up to the first run") {
    const ExperimentResult result = run_table(1);
    const Json out = Json::parse(result_to_json(result));
    const Json& windows = out.at("consistency").at("windows");
    CHECK(windows.at("replication") == 0);
    CHECK(windows.at("window_s") == 1.0);
    const Json& starts = windows.at("start_s");
    REQUIRE(starts.size() == 10);
    CHECK(starts[0] == 2.0);
    CHECK(starts[9] == 11.0);
    // Only the flow and the block that judged reads: "put" only writes, "api" serves no versions.
    REQUIRE(windows.at("flows").size() == 1);
    REQUIRE(windows.at("blocks").size() == 1);
    const Json& get = windows["flows"][0];
    CHECK(get.at("name") == "get");
    CHECK(windows["blocks"][0].at("name") == "db");
    const ConsistencyFigures<double>* first = nullptr;
    for (const ConsistencyFigures<double>& c : result.replications.at(0).read_flows) {
      if (c.name == "get") first = &c;
    }
    REQUIRE(first != nullptr);
    double reads = 0, stale = 0;
    for (std::size_t w = 0; w < starts.size(); ++w) {
      const double n = get.at("reads")[w].get<double>();
      const double pct = get.at("stale_pct")[w].get<double>();
      CHECK(n > 300);
      CHECK(pct > 0);
      CHECK(pct < 100);
      CHECK(get.at("stale_p99_ms")[w].get<double>() > 0);
      CHECK(windows["blocks"][0].at("reads")[w] == get["reads"][w]);
      reads += n;
      stale += n * pct / 100;
    }
    CHECK(reads == first->reads);
    CHECK(stale == Approx(first->stale).margin(0.01));
  }
}
