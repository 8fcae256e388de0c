// The cost of a run, checked against a hand calculation from the list prices and the run's own counts.
#include <catch2/catch.hpp>

#include "sim/experiment/experiment.hpp"

using namespace sdsim;

namespace {

constexpr double seconds_per_month = 730.0 * 3600;

const char* shop_design = R"({
  "name": "priced",
  "blocks": {
    "alb": { "kind": "load_balancer", "preset": "aws.alb", "target": "api" },
    "api": { "kind": "compute", "preset": "aws.ec2.c5.large", "instances": 4,
             "service_time": { "dist": "exponential", "mean_ms": 2 } },
    "items": { "kind": "kv_database", "preset": "aws.dynamodb.on_demand", "item_kb": 1 },
    "thumbs": { "kind": "function", "memory_mb": 1024,
                "cold_start": { "dist": "constant", "value_ms": 0 },
                "duration": { "dist": "constant", "value_ms": 50 } }
  },
  "flows": {
    "view": { "entry": "alb", "calls": [ { "to": "api", "calls": [ { "to": "items", "op": "read" } ] } ] },
    "edit": { "entry": "alb", "calls": [ { "to": "api", "calls": [
      { "to": "items", "op": "write" }, { "to": "thumbs" } ] } ] }
  }
})";

const char* shop_scenario = R"({
  "name": "steady", "duration_s": 60, "warmup_s": 0, "seed": 3, "replications": 1,
  "load": { "view": { "type": "open", "rate_per_s": 400 }, "edit": { "type": "open", "rate_per_s": 40 } }
})";

const BlockFigures<Estimate>& block_named(const ExperimentSummary& s, const std::string& name) {
  for (const auto& b : s.blocks) {
    if (b.name == name) return b;
  }
  FAIL("no block " << name);
  return s.blocks.front();
}

}  // namespace

TEST_CASE("A run's cost is its blocks' usage at their list prices", "[cost]") {
  auto design = load_design_text("priced.json", shop_design);
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  auto scenario = load_scenario_text("steady.json", shop_scenario);
  INFO(scenario.diagnostics.format());
  REQUIRE(scenario.value);
  const ExperimentResult result = run_experiment(*design.value, *scenario.value);
  const ExperimentSummary& s = result.summary;
  const double month_over_run = seconds_per_month / s.measured_s;

  SECTION("instances and balancers bill by the hour") {
    // Four c5.large instances all month at $0.085/h; one ALB at $0.0225/h (LCUs not modelled).
    CHECK(block_named(s, "api").usd_per_month.mean == Approx(4 * 0.085 * 730).epsilon(1e-12));
    CHECK(block_named(s, "alb").usd_per_month.mean == Approx(0.0225 * 730).epsilon(1e-12));
  }
  SECTION("an on-demand table bills the request units it consumed") {
    // A 1 KB item: an eventually consistent read is half a read request unit, a write one write unit.
    const auto& items = block_named(s, "items");
    REQUIRE(items.rejections.mean == 0);
    const double reads = s.flows[0].completed.mean;
    const double writes = s.flows[1].completed.mean;
    // Units are consumed on admission: the few requests still in flight at the end are billed but not done.
    const double in_flight = items.arrivals.mean - (reads + writes);
    REQUIRE(in_flight >= 0);
    REQUIRE(in_flight <= 10);
    const double low = (reads * 0.5 * 0.125 + writes * 1 * 0.625) / 1e6;
    const double high = low + in_flight * 0.625 / 1e6;
    CHECK(items.usd_per_month.mean >= low * month_over_run * (1 - 1e-12));
    CHECK(items.usd_per_month.mean <= high * month_over_run * (1 + 1e-12));
  }
  SECTION("a function bills invocations and the GB-seconds of busy environments") {
    // 1 GB environments busy 50 ms per invocation (no initialization), $0.20 per million invocations.
    const auto& thumbs = block_named(s, "thumbs");
    const double invocations = thumbs.completions.mean;
    REQUIRE(invocations > 2000);
    const double gb_seconds = invocations * 0.050 * 1.0;
    const double per_run = gb_seconds * 1.66667e-05 + invocations * 0.2 / 1e6;
    // Invocations in flight at the end are busy but not yet completed: at most a few 50 ms periods.
    CHECK(thumbs.usd_per_month.mean == Approx(per_run * month_over_run).epsilon(1e-3));
  }
  SECTION("the total adds the blocks, and per million requests divides it by the requests served") {
    double blocks = 0;
    for (const auto& b : s.blocks)
      blocks += b.usd_per_month.mean;
    CHECK(s.cost.blocks_usd_per_month.mean == Approx(blocks).epsilon(1e-12));
    CHECK(s.cost.transfer_usd_per_month.mean == 0);  // no payload sizes: no bytes counted
    CHECK(s.cost.usd_per_month.mean == Approx(blocks).epsilon(1e-12));
    const double requests_per_month = s.overall.throughput_per_s.mean * seconds_per_month;
    CHECK(s.cost.usd_per_million_requests.mean == Approx(blocks / requests_per_month * 1e6).epsilon(1e-12));
  }
}

TEST_CASE("Bytes answered to clients over the internet are billed per GB", "[cost]") {
  auto design = load_design_text("egress.json", R"({
    "name": "egress",
    "regions": { "us-east-1": ["use1-az1"] },
    "network": { "internet_out_usd_per_gb": 0.09 },
    "blocks": { "web": { "kind": "station", "servers": 64, "service_time": { "dist": "constant", "value_ms": 1 } } },
    "flows": { "page": { "entry": "web", "response_kb": 500 } }
  })");
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  auto scenario = load_scenario_text("s.json", R"({ "name": "s", "duration_s": 20, "seed": 1,
    "load": { "page": { "type": "open", "rate_per_s": 100 } } })");
  INFO(scenario.diagnostics.format());
  REQUIRE(scenario.value);
  const ExperimentSummary s = run_experiment(*design.value, *scenario.value).summary;
  // Each completed page answers 500 KB (500,000 bytes) to its client.
  const double gb = s.flows[0].completed.mean * 500e3 / 1e9;
  CHECK(s.cost.transfer_usd_per_month.mean ==
        Approx(gb * 0.09 * seconds_per_month / s.measured_s).epsilon(1e-6));
  CHECK(block_named(s, "web").usd_per_month.mean == 0);  // a station has no price unless given one
}
