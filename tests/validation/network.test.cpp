// Every hop pays the one-way latency between the zones of its ends, there and back.
#include <catch2/catch.hpp>

#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

// api (constant 1 ms) calls db (constant 2 ms); both have ample servers, so latency is service plus network.
ExperimentResult run_placed(const std::string& db_placement, const std::string& network = "{}") {
  std::string design = R"({
    "regions": {"us-east-1": ["use1-az1", "use1-az2"], "us-west-2": ["usw2-az1"], "eu-west-1": ["euw1-az1"]},
    "network": )" + network +
                       R"(,
    "blocks": {
      "api": {"kind": "station", "servers": 1000, "placement": ["use1-az1"],
              "service_time": {"dist": "constant", "value_ms": 1}},
      "db": {"kind": "station", "servers": 1000, "placement": )" +
                       db_placement + R"(, "service_time": {"dist": "constant", "value_ms": 2}}},
    "flows": {"f": {"entry": "api", "calls": [{"to": "db"}]}}})";
  std::string scenario = R"({"duration_s": 10, "seed": 4, "replications": 5,
      "load": {"f": {"type": "open", "rate_per_s": 100}}})";
  return run_text(design, scenario);
}

double mean_latency_ms(const ExperimentResult& r) {
  return r.summary.flows[0].latency.mean_ms.mean;
}

}  // namespace

TEST_CASE("Calls within one zone pay the same-zone latency both ways", "[validation][network]") {
  // Defaults: 0.25 ms one way in a zone, clients at the region's edge (0 ms).
  REQUIRE(mean_latency_ms(run_placed(R"(["use1-az1"])")) == Approx(1 + 2 + 2 * 0.25).margin(1e-6));
}

TEST_CASE("A cross-zone call adds the cross-zone latency both ways", "[validation][network]") {
  REQUIRE(mean_latency_ms(run_placed(R"(["use1-az2"])")) == Approx(1 + 2 + 2 * 0.5).margin(1e-6));
}

TEST_CASE("A cross-region call adds the region matrix latency", "[validation][network]") {
  // us-east-1 to us-west-2 is 27.5 ms one way (half the measured 55 ms round trip); other pairs default
  // to 75.
  REQUIRE(mean_latency_ms(run_placed(R"(["usw2-az1"])")) == Approx(1 + 2 + 2 * 27.5).margin(1e-6));
  REQUIRE(mean_latency_ms(run_placed(R"(["euw1-az1"])")) == Approx(1 + 2 + 2 * 75).margin(1e-6));
  auto tuned =
      run_placed(R"(["euw1-az1"])", R"({"region_pairs_ms": {"eu-west-1|us-east-1": 38}, "client_ms": 10})");
  REQUIRE(mean_latency_ms(tuned) == Approx(2 * 10 + 1 + 2 + 2 * 38).margin(1e-6));
}

TEST_CASE("A block in several zones spreads calls evenly across them", "[validation][network]") {
  // Half the calls stay in use1-az1 (0.25 ms each way), half cross to use1-az2 (0.5 ms each way).
  auto r = run_placed(R"(["us-east-1"])");
  const Estimate& mean = r.summary.flows[0].latency.mean_ms;
  // Each request's extra is 0.5 or 1.0 ms with probability 1/2: standard deviation 0.25 ms per request.
  double expected = 1 + 2 + 0.75;
  REQUIRE(std::abs(mean.mean - expected) <= mean.half_width + 1e-9);
  REQUIRE(r.summary.flows[0].latency.p50_ms.mean < r.summary.flows[0].latency.max_ms.mean);
}
