// Every hop pays the one-way latency between the zones of its ends, there and back.
#include "sim/core/network.hpp"

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

namespace {

// Like run_placed, with sizes: the flow's own (client hops) and the call to db's, and link bandwidths chosen
// so transfer times are whole nanoseconds.
const std::string bandwidths =
    R"("same_az_gbps": 8, "cross_az_gbps": 4, "cross_region_gbps": 2, "client_gbps": 1)";

std::string sized_design(const std::string& api_placement, const std::string& db_placement,
                         const std::string& flow_sizes, const std::string& call_sizes) {
  return R"({
    "regions": {"us-east-1": ["use1-az1", "use1-az2"], "us-west-2": ["usw2-az1"], "eu-west-1": ["euw1-az1"]},
    "network": {)" +
         bandwidths + R"(},
    "blocks": {
      "api": {"kind": "station", "servers": 1000, "placement": )" +
         api_placement + R"(, "service_time": {"dist": "constant", "value_ms": 1}},
      "db": {"kind": "station", "servers": 1000, "placement": )" +
         db_placement + R"(, "service_time": {"dist": "constant", "value_ms": 2}}},
    "flows": {"f": {"entry": "api", )" +
         flow_sizes + R"("calls": [{"to": "db" )" + call_sizes + "}]}}}";
}

ExperimentResult run_sized(const std::string& api_placement, const std::string& db_placement,
                           const std::string& flow_sizes, const std::string& call_sizes) {
  std::string scenario = R"({"duration_s": 10, "seed": 4, "replications": 2,
      "load": {"f": {"type": "open", "rate_per_s": 100}}})";
  return run_text(sized_design(api_placement, db_placement, flow_sizes, call_sizes), scenario);
}

// Transfer time of `kb` KB (1000 bytes) at `gbps` Gbit/s, in ms.
double transfer_ms(double kb, double gbps) {
  return kb * 1000 * 8 / gbps / 1e6;
}

double gb(const ExperimentResult& r, HopClass c) {
  return r.summary.network_gb.at(static_cast<std::size_t>(c)).mean;
}

}  // namespace

TEST_CASE("A cross-zone call adds its request and response transfer times to the latency",
          "[validation][network][payload]") {
  auto r = run_sized(R"(["use1-az1"])", R"(["use1-az2"])", "", R"(, "request_kb": 100, "response_kb": 500)");
  // Every request takes exactly the same time: service, latency both ways, then size / bandwidth each way.
  double expected = 1 + 2 + 2 * 0.5 + transfer_ms(100, 4) + transfer_ms(500, 4);
  REQUIRE(expected == Approx(5.2));
  REQUIRE(mean_latency_ms(r) == Approx(expected).margin(1e-9));
  REQUIRE(r.summary.flows[0].latency.max_ms.mean == Approx(expected).epsilon(Histogram::max_relative_error));
}

TEST_CASE("A cross-region call pays the cross-region bandwidth", "[validation][network][payload]") {
  auto r = run_sized(R"(["use1-az1"])", R"(["usw2-az1"])", "", R"(, "request_kb": 100, "response_kb": 500)");
  double expected = 1 + 2 + 2 * 27.5 + transfer_ms(100, 2) + transfer_ms(500, 2);
  REQUIRE(mean_latency_ms(r) == Approx(expected).margin(1e-9));
}

TEST_CASE("The client hops carry the flow's own sizes over the client link",
          "[validation][network][payload]") {
  auto home = run_sized(R"(["use1-az1"])", R"(["use1-az1"])", R"("request_kb": 10, "response_kb": 50, )",
                        R"(, "request_kb": 100, "response_kb": 500)");
  double same_zone_call = 2 * 0.25 + transfer_ms(100, 8) + transfer_ms(500, 8);
  REQUIRE(mean_latency_ms(home) ==
          Approx(1 + 2 + same_zone_call + transfer_ms(10, 1) + transfer_ms(50, 1)).margin(1e-9));
  // Clients reaching another region pay its latency, and the slower of their link and the cross-region one.
  auto away = run_sized(R"(["euw1-az1"])", R"(["euw1-az1"])", R"("request_kb": 10, "response_kb": 50, )",
                        R"(, "request_kb": 100, "response_kb": 500)");
  REQUIRE(mean_latency_ms(away) ==
          Approx(1 + 2 + same_zone_call + 2 * 75 + transfer_ms(10, 1) + transfer_ms(50, 1)).margin(1e-9));
}

TEST_CASE("Bytes moved per hop class are the requests times their sizes", "[validation][network][payload]") {
  // One user thinking 10 ms between requests that each take exactly 5.2 ms: the run ends mid-think after
  // exactly `n` requests, so no request is in flight at the end.
  const int n = 50;
  std::string design =
      sized_design(R"(["use1-az1"])", R"(["use1-az2"])", R"("request_kb": 10, "response_kb": 50, )",
                   R"(, "request_kb": 100, "response_kb": 500)");
  double cycle_ms = 10 + 5.2 + transfer_ms(10, 1) + transfer_ms(50, 1);
  std::string scenario = R"({"duration_s": )" + std::to_string((n * cycle_ms + 5) / 1000) +
                         R"(, "load": {"f": {"type": "closed", "users": 1,
                            "think_time": {"dist": "constant", "value_ms": 10}}}})";
  auto r = run_text(design, scenario);
  REQUIRE(r.summary.overall.finished.mean == n);
  CHECK(gb(r, HopClass::internet_in) == Approx(n * 10e3 / 1e9).epsilon(1e-12));
  CHECK(gb(r, HopClass::internet_out) == Approx(n * 50e3 / 1e9).epsilon(1e-12));
  CHECK(gb(r, HopClass::cross_az) == Approx(n * 600e3 / 1e9).epsilon(1e-12));
  CHECK(gb(r, HopClass::same_az) == 0);
  CHECK(gb(r, HopClass::cross_region) == 0);
}

TEST_CASE("Zero sizes change nothing: the same event stream as a design without them",
          "[validation][network][payload]") {
  auto fingerprints = [](const std::string& design_json) {
    auto design = load_design_text("design.json", design_json);
    INFO(design.diagnostics.format());
    REQUIRE(design.value);
    auto scenario = load_scenario_text(
        "scenario.json", R"({"duration_s": 2, "load": {"f": {"type": "open", "rate_per_s": 100}}})");
    REQUIRE(scenario.value);
    auto result = run_experiment(*design.value, *scenario.value, {}, RunOptions{.fingerprint = true});
    CHECK(result.summary.network_gb.empty());
    return result.event_fingerprints;
  };
  auto plain = fingerprints(sized_design(R"(["use1-az1"])", R"(["us-east-1"])", "", ""));
  auto zero = fingerprints(sized_design(R"(["use1-az1"])", R"(["us-east-1"])",
                                        R"("request_kb": 0, "response_kb": 0, )",
                                        R"(, "request_kb": 0, "response_kb": 0)"));
  REQUIRE(plain == zero);
}
