// Who sends the load: clients spread over regions pay their own region's distance to the design, and a flow
// mix splits one client population's requests between flows by share.
#include <catch2/catch.hpp>

#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

// api (constant 1 ms) in us-east-1 calls db (constant 2 ms) in the same zone: 3.5 ms with the same-zone hops.
const char* two_region_design = R"({
  "regions": {"us-east-1": ["use1-az1"], "eu-west-1": ["euw1-az1"]},
  "network": {"client_ms": 5, "region_pairs_ms": {"eu-west-1|us-east-1": 38}},
  "blocks": {
    "api": {"kind": "station", "servers": 1000, "placement": ["use1-az1"],
            "service_time": {"dist": "constant", "value_ms": 1}},
    "db": {"kind": "station", "servers": 1000, "placement": ["use1-az1"],
           "service_time": {"dist": "constant", "value_ms": 2}}},
  "flows": {"f": {"entry": "api", "calls": [{"to": "db"}]},
            "g": {"entry": "db"}}})";

const FlowFigures<Estimate>& flow(const ExperimentResult& r, const std::string& name) {
  for (const FlowFigures<Estimate>& f : r.summary.flows) {
    if (f.name == name) return f;
  }
  FAIL("no flow " << name);
  throw;
}

}  // namespace

TEST_CASE("Clients in another region pay their edge and the region pair both ways", "[validation][network]") {
  auto home = run_text(two_region_design, R"({"duration_s": 5, "seed": 3, "replications": 5,
      "load": {"f": {"type": "open", "rate_per_s": 100}}})");
  // 5 ms from the clients to their region's edge, each way.
  REQUIRE(flow(home, "f").latency.mean_ms.mean == Approx(2 * 5 + 3.5).margin(1e-6));
  auto far = run_text(two_region_design, R"({"duration_s": 5, "seed": 3, "replications": 5,
      "clients": {"eu-west-1": 1}, "load": {"f": {"type": "open", "rate_per_s": 100}}})");
  REQUIRE(flow(far, "f").latency.mean_ms.mean == Approx(2 * (5 + 38) + 3.5).margin(1e-6));
  // Every hop of a constant-time design is exact, so even the slowest request is exactly that.
  REQUIRE(flow(far, "f").latency.max_ms.mean == Approx(2 * (5 + 38) + 3.5).margin(1e-6));
}

TEST_CASE("Clients split by share: the mean latency weighs each region's by its share",
          "[validation][network]") {
  // A quarter of requests come from eu-west-1 and pay 2 x 38 ms more. Per request the extra is 76 ms with
  // probability 1/4 (standard deviation 76 x sqrt(3/16) = 33 ms), so 4000 requests per replication estimate
  // the mean to about 0.5 ms: the interval is tight enough to tell a share of 0.25 from 0.24.
  auto r = run_text(two_region_design, R"({"duration_s": 20, "seed": 5, "replications": 8,
      "load": {"f": {"type": "open", "rate_per_s": 200,
                     "clients": {"us-east-1": 0.75, "eu-west-1": 0.25}}}})");
  check_agrees("mean latency (ms)", flow(r, "f").latency.mean_ms, 2 * 5 + 3.5 + 0.25 * 2 * 38);
}

TEST_CASE("Closed-loop users keep their region: the shares split the users, not the requests",
          "[validation][network]") {
  // Two users in each region, 100 ms think time, constant latencies: a home user completes a request every
  // 113.5 ms, a far one every 189.5 ms. Over 100 s (after a 10 s warm-up) the throughputs are exact up to the
  // one request in flight per user at each edge.
  auto r = run_text(two_region_design, R"({"duration_s": 100, "warmup_s": 10, "seed": 5,
      "load": {"f": {"type": "closed", "users": 4, "think_time": {"dist": "constant", "value_ms": 100},
                     "clients": {"us-east-1": 1, "eu-west-1": 1}}}})");
  const double home_rate = 1000 / (100 + 2 * 5 + 3.5);
  const double far_rate = 1000 / (100 + 2 * (5 + 38) + 3.5);
  const double expected = 2 * (home_rate + far_rate) * 100;
  REQUIRE(flow(r, "f").completed.mean == Approx(expected).margin(4));
  const double mean_ms =
      (2 * home_rate * (2 * 5 + 3.5) + 2 * far_rate * (2 * (5 + 38) + 3.5)) / (2 * (home_rate + far_rate));
  REQUIRE(flow(r, "f").latency.mean_ms.mean == Approx(mean_ms).epsilon(0.002));
}

TEST_CASE("A flow mix splits one load's requests between flows by share", "[validation]") {
  CheckFamily checks(2);
  // 1000 requests/s for 10 s, 90% f and 10% g: each flow's count is Poisson with mean 9000 and 1000.
  auto r = run_text(two_region_design, R"({"duration_s": 10, "seed": 8, "replications": 6,
      "load": {"shoppers": {"type": "open", "rate_per_s": 1000, "mix": {"f": 9, "g": 1}}}})");
  checks.agrees("requests of f", flow(r, "f").completed, 9000);
  checks.agrees("requests of g", flow(r, "g").completed, 1000, 0, 0.08);
  // Each request took its own flow's path: g goes from the clients straight to db.
  REQUIRE(flow(r, "g").latency.mean_ms.mean == Approx(2 * 5 + 2).margin(1e-6));
}
