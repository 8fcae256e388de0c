// A closed network (N users with think time) against exact Mean Value Analysis.
#include <catch2/catch.hpp>

#include "sim/theory/queueing.hpp"
#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

TEST_CASE("A closed network of three stations matches exact MVA", "[validation]") {
  // A family of 5 checks at 95% (validation_support.hpp): throughput, response and the three stations' queue
  // lengths.
  CheckFamily checks(5);
  auto design = R"({"blocks": {
      "web": {"kind": "station", "service_time": {"dist": "exponential", "mean_ms": 1}, "next": [{"to": "app"}]},
      "app": {"kind": "station", "service_time": {"dist": "exponential", "mean_ms": 0.8}, "next": [{"to": "db"}]},
      "db": {"kind": "station", "service_time": {"dist": "exponential", "mean_ms": 0.5}}},
    "flows": {"requests": {"entry": "web"}}})";
  auto scenario = R"({"duration_s": 200, "warmup_s": 20, "seed": 21, "replications": 10,
      "load": {"requests": {"type": "closed", "users": 10,
                            "think_time": {"dist": "exponential", "mean_ms": 5}}}})";
  auto r = run_text(design, scenario);
  theory::MvaResult mva = theory::mva({{1e-3}, {0.8e-3}, {0.5e-3}}, 10, 5e-3);
  checks.agrees("throughput (/s)", r.summary.flows[0].throughput_per_s, mva.throughput_per_s);
  checks.agrees("response (ms)", r.summary.flows[0].latency.mean_ms, mva.response_s * 1e3);
  for (int i = 0; i < 3; ++i) {
    checks.agrees("station queue length", r.summary.blocks[1 + i].mean_in_system, mva.queue_length[i]);
  }
  // The users are all somewhere: thinking, or in the network.
  double in_network = 0;
  for (int i = 0; i < 3; ++i)
    in_network += r.summary.blocks[1 + i].mean_in_system.mean;
  REQUIRE(r.summary.blocks[0].mean_in_system.mean == Approx(in_network).epsilon(1e-3));
  check_littles_law(r.summary);
}
