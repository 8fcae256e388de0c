// A load balancer in front of a compute pool, against queueing theory: routing policies at high load,
// throttling by a token bucket, and the balancer's own latency. Rates are per second, times in ms in the
// JSON.
#include <catch2/catch.hpp>
#include <cmath>

#include "sim/theory/queueing.hpp"
#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

const BlockFigures<Estimate>& block_named(const ExperimentSummary& s, const std::string& name) {
  for (const auto& b : s.blocks) {
    if (b.name == name) return b;
  }
  FAIL("no block named " << name);
  return s.blocks.front();
}

std::string scenario(double rate_per_s, double duration_s, std::uint64_t seed) {
  return R"({"duration_s": )" + std::to_string(duration_s) + R"(, "warmup_s": )" +
         std::to_string(duration_s / 10) + R"(, "seed": )" + std::to_string(seed) +
         R"(, "replications": 10, "load": {"requests": {"type": "open", "rate_per_s": )" +
         std::to_string(rate_per_s) + "}}}";
}

// Ten instances of one slot each, exponential service of mean 1 ms, behind a balancer with no latency.
ExperimentResult run_policy(const std::string& policy, double rate_per_s, std::uint64_t seed) {
  std::string design = R"({"blocks": {
      "alb": {"kind": "load_balancer", "target": "api", "policy": ")" +
                       policy + R"(", "latency": {"dist": "constant", "value_ms": 0}},
      "api": {"kind": "compute", "instances": 10, "concurrency": 1,
              "service_time": {"dist": "exponential", "mean_ms": 1}}},
    "flows": {"requests": {"entry": "alb"}}})";
  return run_text(design, scenario(rate_per_s, 20, seed));
}

// Mean response of GI/M/1 whose interarrival times are Erlang-k with rate `phase_rate` per phase:
// 1 / (mu (1 - sigma)), sigma the root in (0, 1) of sigma = (phase_rate / (phase_rate + mu (1 - sigma)))^k.
double erlang_k_m1_mean_response(int k, double phase_rate, double mu) {
  double sigma = 0.5;
  for (int i = 0; i < 10'000; ++i)
    sigma = std::pow(phase_rate / (phase_rate + mu * (1 - sigma)), k);
  return 1 / (mu * (1 - sigma));
}

}  // namespace

TEST_CASE("Random routing makes each instance an M/M/1 queue", "[validation][load_balancing]") {
  CheckFamily checks(2);
  // 9000 requests/s over 10 instances serving 1000/s each: utilization 0.9, 900/s per instance.
  auto r = run_policy("random", 9000, 41);
  checks.agrees("mean response (ms)", r.summary.flows[0].latency.mean_ms,
                theory::mmc(900, 1000, 1).mean_response_s * 1e3, 0, 0.1);
  checks.agrees("utilization", block_named(r.summary, "api").utilization, 0.9);
}

TEST_CASE("Round robin makes each instance an E10/M/1 queue", "[validation][load_balancing]") {
  // Every tenth arrival of a Poisson stream of 9000/s: Erlang-10 gaps, 9000/s per phase.
  auto r = run_policy("round_robin", 9000, 42);
  check_agrees("mean response (ms)", r.summary.flows[0].latency.mean_ms,
               erlang_k_m1_mean_response(10, 9000, 1000) * 1e3, 0, 0.1);
}

TEST_CASE("Least outstanding and power of two choices beat random routing at high load",
          "[validation][load_balancing]") {
  const double random_ms = theory::mmc(900, 1000, 1).mean_response_s * 1e3;  // 10 ms
  const double pooled_ms = theory::mmc(9000, 1000, 10).mean_response_s * 1e3;
  auto p2c = run_policy("power_of_two", 9000, 43).summary.flows[0].latency.mean_ms;
  auto least = run_policy("least_outstanding", 9000, 44).summary.flows[0].latency.mean_ms;
  INFO("random (M/M/1) " << random_ms << " ms, power of two " << p2c.mean << " ± " << p2c.half_width
                         << ", least outstanding " << least.mean << " ± " << least.half_width
                         << ", one shared queue (M/M/10) " << pooled_ms);
  // No simple closed form for either; the mean-field limit of power of two is sum_i rho^(2^i - 2) / mu =
  // 2.6 ms here. Both must be far below random routing.
  REQUIRE(p2c.high() < 0.4 * random_ms);
  REQUIRE(least.high() < 0.4 * random_ms);
  // Joining the shortest line uses more information than sampling two, and no dispatcher beats one queue
  // shared by all instances.
  REQUIRE(least.high() < p2c.low());
  REQUIRE(least.high() > pooled_ms);
}

TEST_CASE("A rate-limited load balancer refuses the excess with 429", "[validation][load_balancing]") {
  CheckFamily checks(3);
  // 2000 requests/s against a limit of 1000/s: half are throttled. With a burst of 20 the bucket is almost
  // never full at this load, so no tokens are wasted and the admitted rate is the limit.
  std::string design = R"({"blocks": {
      "gateway": {"kind": "load_balancer", "target": "api", "rate_limit_per_s": 1000, "burst": 20},
      "api": {"kind": "compute", "instances": 4, "concurrency": 100,
              "service_time": {"dist": "constant", "value_ms": 1}}},
    "flows": {"requests": {"entry": "gateway"}}})";
  auto r = run_text(design, scenario(2000, 20, 145));
  const auto& gateway = block_named(r.summary, "gateway");
  checks.agrees("throttled fraction", gateway.rejected_fraction, 1 - 1000.0 / 2000.0);
  checks.agrees("admitted rate (requests/s)", block_named(r.summary, "api").throughput_per_s, 1000);
  checks.agrees("client success fraction", r.summary.flows[0].success_fraction, 0.5);
}

TEST_CASE("A load balancer's latency adds to the end-to-end latency", "[validation][load_balancing]") {
  CheckFamily checks(2);
  // The default latency, constant 1 ms, before an M/M/1 instance at utilization 0.5 (mean response 2 ms).
  std::string design = R"({"blocks": {
      "alb": {"kind": "load_balancer", "target": "api"},
      "api": {"kind": "compute", "instances": 1, "concurrency": 1,
              "service_time": {"dist": "exponential", "mean_ms": 1}}},
    "flows": {"requests": {"entry": "alb"}}})";
  auto r = run_text(design, scenario(500, 100, 46));
  checks.agrees("mean response (ms)", r.summary.flows[0].latency.mean_ms,
                1 + theory::mmc(500, 1000, 1).mean_response_s * 1e3);
  checks.agrees("balancer sojourn (ms)", block_named(r.summary, "alb").sojourn.mean_ms, 1);
}

TEST_CASE("Behind a load balancer, the pool makes its calls (in a call tree) or follows its routes",
          "[validation][load_balancing]") {
  // Constant durations and no queueing: 1 ms at the balancer, 2 at the pool, 3 at the database.
  auto blocks = [](const std::string& api_extra) {
    return R"("blocks": {
      "alb": {"kind": "load_balancer", "target": "api"},
      "api": {"kind": "compute", "instances": 3, "concurrency": 1000,
              "service_time": {"dist": "constant", "value_ms": 2})" +
           api_extra + R"(},
      "db": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 3}}})";
  };
  SECTION("a call tree: the balancer proxies its call to the pool, which calls the database") {
    std::string design =
        "{" + blocks("") +
        R"(, "flows": {"requests": {"entry": "alb", "calls": [{"to": "api", "calls": [{"to": "db"}]}]}}})";
    auto r = run_text(design, scenario(300, 10, 47));
    REQUIRE(r.summary.flows[0].latency.mean_ms.mean == Approx(6).epsilon(1e-6));
    REQUIRE(block_named(r.summary, "alb").sojourn.mean_ms.mean == Approx(6).epsilon(1e-6));
  }
  SECTION("routes: the balancer forwards, the pool routes on to the database") {
    std::string design =
        "{" + blocks(R"(, "next": [{"to": "db"}])") + R"(, "flows": {"requests": {"entry": "alb"}}})";
    auto r = run_text(design, scenario(300, 10, 48));
    REQUIRE(r.summary.flows[0].latency.mean_ms.mean == Approx(6).epsilon(1e-6));
    REQUIRE(block_named(r.summary, "alb").sojourn.mean_ms.mean == Approx(1).epsilon(1e-6));
  }
}

TEST_CASE("A load balancer must target a compute block of the design", "[validation][load_balancing]") {
  auto load = [](const std::string& target) {
    return load_design_text("design.json", R"({"blocks": {
        "alb": {"kind": "load_balancer", "target": ")" +
                                               target + R"("},
        "api": {"kind": "compute", "service_time": {"dist": "constant", "value_ms": 1}},
        "db": {"kind": "station", "service_time": {"dist": "constant", "value_ms": 1}}},
      "flows": {"requests": {"entry": "alb"}}})");
  };
  REQUIRE(load("api").value);
  auto station = load("db");
  REQUIRE_FALSE(station.value);
  REQUIRE_THAT(station.diagnostics.format(), Catch::Contains("not compute"));
  auto unknown = load("apj");
  REQUIRE_FALSE(unknown.value);
  REQUIRE_THAT(unknown.diagnostics.format(), Catch::Contains("did you mean \"api\""));
}

TEST_CASE("An NLB keeps requests in their zone; an ALB pays the cross-zone hop to half the instances",
          "[validation][load_balancing]") {
  // Two zones, no queueing (constant 2 ms, ample slots), 1 ms at the balancer. A forwarded request pays the
  // hop from the balancer's zone to its instance's (0.25 ms in the zone, 0.5 ms across) and is answered to
  // the clients at no cost. ALB (cross-zone on): half the instances are across, 1 + 2 + 0.375 ms on
  // average; NLB (off): always in the zone, 1 + 2 + 0.25 ms.
  auto design = [](const std::string& preset) {
    return R"({"regions": {"us-east-1": ["use1-az1", "use1-az2"]},
      "blocks": {
        "lb": {"kind": "load_balancer", "preset": ")" +
           preset + R"(", "target": "api"},
        "api": {"kind": "compute", "instances": 4, "concurrency": 1000,
                "service_time": {"dist": "constant", "value_ms": 2}}},
      "flows": {"requests": {"entry": "lb"}}})";
  };
  auto alb = run_text(design("aws.alb"), scenario(1000, 10, 49));
  check_agrees("ALB mean response (ms)", alb.summary.flows[0].latency.mean_ms, 1 + 2 + 0.375);
  auto nlb = run_text(design("aws.nlb"), scenario(1000, 10, 50));
  REQUIRE(nlb.summary.flows[0].latency.mean_ms.mean == Approx(1 + 2 + 0.25).epsilon(1e-6));
}
