// A Dynamo/Cassandra-like quorum database read from a design file. With ample connections (no queueing) and
// exponential service of rate mu per replica, a read sent to N replicas and answered by the R-th is the R-th
// order statistic of N i.i.d. exponentials: mean sum_{i<R} 1 / ((N - i) mu), and P(T <= t) = P(at least R
// of N are done) = sum_{k>=R} C(N, k) p^k (1 - p)^(N - k) with p = 1 - exp(-mu t). Placed in zones, a
// constant-service read waits for the R-th shortest round trip.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

double binomial(std::uint32_t n, std::uint32_t k) {
  double c = 1;
  for (std::uint32_t i = 1; i <= k; ++i)
    c = c * (n - k + i) / i;
  return c;
}

// The R-th order statistic of N exponentials of rate mu: its mean and its CDF.
double order_statistic_mean(std::uint32_t n, std::uint32_t r, double mu) {
  double mean = 0;
  for (std::uint32_t i = 0; i < r; ++i)
    mean += 1 / ((n - i) * mu);
  return mean;
}

double order_statistic_cdf(std::uint32_t n, std::uint32_t r, double mu, double t) {
  double p = 1 - std::exp(-mu * t);
  double cdf = 0;
  for (std::uint32_t k = r; k <= n; ++k)
    cdf += binomial(n, k) * std::pow(p, k) * std::pow(1 - p, n - k);
  return cdf;
}

double order_statistic_quantile(std::uint32_t n, std::uint32_t r, double mu, double q) {
  double low = 0, high = 100 / mu;
  for (int i = 0; i < 200; ++i) {
    double mid = (low + high) / 2;
    (order_statistic_cdf(n, r, mu, mid) < q ? low : high) = mid;
  }
  return (low + high) / 2;
}

// Clients call the database directly (its own flow entry): reads with a "read" flow, writes with a "write"
// flow whose entry is a zero-time front end (a flow's entry is called with "call", a read).
std::string design_of(const std::string& db, const std::string& regions = "") {
  return R"({)" + regions + R"("blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0}},
      "db": )" +
         db + R"(},
    "flows": {"reads": {"entry": "db"},
              "writes": {"entry": "api", "calls": [{"to": "db", "op": "write"}]}}})";
}

std::string scenario_of(double read_rate, double write_rate, double duration_s = 20) {
  return R"({"duration_s": )" + std::to_string(duration_s) + R"(, "warmup_s": 1, "seed": 34,
      "replications": 5, "load": {"reads": {"type": "open", "rate_per_s": )" +
         std::to_string(read_rate) + R"(}, "writes": {"type": "open", "rate_per_s": )" +
         std::to_string(write_rate) + "}}}";
}

const FlowFigures<Estimate>& flow_named(const ExperimentSummary& s, const std::string& name) {
  for (const auto& f : s.flows) {
    if (f.name == name) return f;
  }
  FAIL("no flow " << name);
  return s.flows.front();
}

const BlockFigures<Estimate>& block_named(const ExperimentSummary& s, const std::string& name) {
  for (const auto& b : s.blocks) {
    if (b.name == name) return b;
  }
  FAIL("no block " << name);
  return s.blocks.front();
}

}  // namespace

TEST_CASE("A quorum read takes the R-th order statistic of N exponential replica times",
          "[validation][quorum_database]") {
  const double mu = 1000;  // per s: 1 ms mean per replica
  const double rate = 1000;
  auto [n, r] =
      GENERATE(std::pair<std::uint32_t, std::uint32_t>{3, 1}, std::pair<std::uint32_t, std::uint32_t>{3, 2},
               std::pair<std::uint32_t, std::uint32_t>{3, 3}, std::pair<std::uint32_t, std::uint32_t>{5, 3});
  INFO("N = " << n << ", R = " << r);
  std::string db = R"({"kind": "quorum_database", "replicas": )" + std::to_string(n) +
                   R"(, "read_quorum": )" + std::to_string(r) + R"(, "write_quorum": 1, "connections": 1000,
                   "read_time": {"dist": "exponential", "mean_ms": 1}})";
  auto result = run_text(design_of(db), scenario_of(rate, 0.001));
  // Four checks in each of the four (N, R) runs: one family of 16 at 95% (validation_support.hpp).
  CheckFamily checks(16);
  const auto& reads = flow_named(result.summary, "reads");
  checks.agrees("mean read (ms)", reads.latency.mean_ms, order_statistic_mean(n, r, mu) * 1e3);
  checks.percentile("p50 read (ms)", reads.latency.p50_ms, order_statistic_quantile(n, r, mu, 0.5) * 1e3);
  checks.percentile("p99 read (ms)", reads.latency.p99_ms, order_statistic_quantile(n, r, mu, 0.99) * 1e3);
  // Every replica serves every read, whatever R: N x rate x mean service busy connections in all.
  const auto& block = block_named(result.summary, "db");
  checks.agrees("db busy connections", block.utilization, n * rate / mu / block.servers);
}

TEST_CASE("A write waits for W of the N replicas, a read of the same store for R",
          "[validation][quorum_database]") {
  // N = 5, R = 1, W = 4: reads take the fastest of five, writes the fourth.
  const double mu = 1000;
  auto result = run_text(design_of(R"({"kind": "quorum_database", "replicas": 5, "read_quorum": 1,
                                       "write_quorum": 4, "connections": 1000,
                                       "read_time": {"dist": "exponential", "mean_ms": 1},
                                       "write_time": {"dist": "exponential", "mean_ms": 1}})"),
                         scenario_of(500, 500));
  CheckFamily checks(2);
  checks.agrees("mean read (ms)", flow_named(result.summary, "reads").latency.mean_ms,
                order_statistic_mean(5, 1, mu) * 1e3);
  checks.agrees("mean write (ms)", flow_named(result.summary, "writes").latency.mean_ms,
                order_statistic_mean(5, 4, mu) * 1e3);
}

TEST_CASE("Placed in three zones, a constant-service read waits for the R-th round trip",
          "[validation][quorum_database]") {
  // Defaults: 0.25 ms one way within a zone, 0.5 ms across, clients next to every zone. Six replicas, two
  // per zone: wherever the coordinator is, two legs stay in its zone (0.5 ms round trip) and four cross
  // (1 ms). The read takes 2 ms at every replica.
  const std::string regions = R"("regions": {"us-east-1": ["use1-az1", "use1-az2", "use1-az3"]}, )";
  auto run_with = [&](std::uint32_t n, std::uint32_t r) {
    std::string db = R"({"kind": "quorum_database", "placement": ["us-east-1"], "replicas": )" +
                     std::to_string(n) + R"(, "read_quorum": )" + std::to_string(r) +
                     R"(, "write_quorum": 1, "read_time": {"dist": "constant", "value_ms": 2}})";
    return run_text(design_of(db, regions), scenario_of(200, 0.001, 5));
  };
  SECTION("deterministic: every coordinator sees the same round trips") {
    for (std::uint32_t r : {1u, 2u}) {
      auto latency = flow_named(run_with(6, r).summary, "reads").latency;
      CHECK(latency.mean_ms.mean == Approx(2 + 0.5).margin(1e-9));
      CHECK(latency.max_ms.mean == Approx(2 + 0.5).margin(1e-9));
    }
    for (std::uint32_t r : {3u, 6u}) {
      auto latency = flow_named(run_with(6, r).summary, "reads").latency;
      CHECK(latency.mean_ms.mean == Approx(2 + 1).margin(1e-9));
      CHECK(latency.max_ms.mean == Approx(2 + 1).margin(1e-9));
    }
  }
  SECTION("the coordinator's zone decides: the expectation over zones") {
    // Four replicas in zones 1, 2, 3, 1. A coordinator in zone 1 (probability 1/3) has two replicas at
    // home: its second answer comes after 0.5 ms; in zone 2 or 3 only one, so the second takes 1 ms.
    auto latency = flow_named(run_with(4, 2).summary, "reads").latency;
    double expected = 2 + (0.5 + 1 + 1) / 3;
    check_agrees("mean read (ms)", latency.mean_ms, expected, 0, 0.01);
    // Each read's extra is 0.5 or 1 ms: the two-point distribution shows in the extremes.
    CHECK(latency.max_ms.mean == Approx(3).margin(1e-9));
  }
}

TEST_CASE("The same seed gives the same quorum run", "[validation][quorum_database]") {
  auto design = load_design_text("design.json", design_of(R"({"kind": "quorum_database", "replicas": 5,
      "read_quorum": 3, "write_quorum": 3, "connections": 2, "queue_capacity": 3,
      "coordinator_latency": {"dist": "exponential", "mean_ms": 0.2}})"));
  REQUIRE(design.value);
  auto scenario = load_scenario_text("scenario.json", scenario_of(800, 400, 2));
  REQUIRE(scenario.value);
  RunOptions options;
  options.fingerprint = true;
  auto a = run_experiment(*design.value, *scenario.value, {}, options);
  auto b = run_experiment(*design.value, *scenario.value, {}, options);
  REQUIRE(a.event_fingerprints.size() == 5);
  CHECK(a.event_fingerprints == b.event_fingerprints);
  CHECK(a.summary.overall.latency.mean_ms.mean == b.summary.overall.latency.mean_ms.mean);
  // The bounded lines do refuse some legs, so the runs exercise refusals too.
  CHECK(block_named(a.summary, "db").rejections.mean > 0);
}

TEST_CASE("A quorum larger than the replicas is refused by the loader", "[validation][quorum_database]") {
  auto design = load_design_text(
      "design.json", design_of(R"({"kind": "quorum_database", "replicas": 3, "read_quorum": 4})"));
  CHECK_FALSE(design.value);
  REQUIRE(design.diagnostics.size() == 1);
  CHECK(design.diagnostics.items()[0].message == "read_quorum (4) is more than replicas (3)");
}
