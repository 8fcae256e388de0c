// Flows as call trees against closed forms. Every block has so many servers that nobody queues, so a
// request's latency is the sum (sequence) or maximum (parallel) of the service times along its calls.
#include <catch2/catch.hpp>

#include "sim/theory/queueing.hpp"
#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

std::string blocks_json() {
  return R"("blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "exponential", "mean_ms": 1}},
      "a": {"kind": "station", "servers": 100000, "service_time": {"dist": "exponential", "mean_ms": 2}},
      "b": {"kind": "station", "servers": 100000, "service_time": {"dist": "exponential", "mean_ms": 3}},
      "small": {"kind": "station", "servers": 2, "queue_capacity": 0,
                "service_time": {"dist": "exponential", "mean_ms": 1}}})";
}

ExperimentResult run_flow(const std::string& flow, double rate_per_s = 500) {
  std::string design = "{" + blocks_json() + R"(, "flows": {"f": )" + flow + "}}";
  std::string scenario = R"({"duration_s": 100, "warmup_s": 5, "seed": 31, "replications": 10,
      "load": {"f": {"type": "open", "rate_per_s": )" +
                         std::to_string(rate_per_s) + "}}}";
  return run_text(design, scenario);
}

}  // namespace

TEST_CASE("Calls in sequence add their latencies", "[validation][calls]") {
  CheckFamily checks(2);
  auto r = run_flow(R"({"entry": "api", "calls": [{"to": "a"}, {"to": "b"}]})");
  checks.agrees("mean latency (ms)", r.summary.flows[0].latency.mean_ms, 1 + 2 + 3);
  // The entry holds its server while it waits for its calls: its sojourn is the whole request.
  checks.agrees("api sojourn (ms)", r.summary.blocks[1].sojourn.mean_ms, 6);
  check_littles_law(r.summary);
}

TEST_CASE("Parallel calls cost the slowest of them", "[validation][calls]") {
  auto r = run_flow(R"({"entry": "api", "parallel": true, "calls": [{"to": "a"}, {"to": "b"}]})");
  // E[max(X, Y)] for independent exponentials with means 2 and 3: 2 + 3 - 1 / (1/2 + 1/3) = 3.8 ms.
  check_agrees("mean latency (ms)", r.summary.flows[0].latency.mean_ms, 1 + 3.8);
}

TEST_CASE("A probabilistic call is made in its share of requests", "[validation][calls]") {
  CheckFamily checks(2);
  auto r = run_flow(R"({"entry": "api", "calls": [{"to": "a", "p": 0.25}]})");
  checks.agrees("calls to a per request", r.summary.blocks[2].throughput_per_s, 0.25 * 500);
  checks.agrees("mean latency (ms)", r.summary.flows[0].latency.mean_ms, 1 + 0.25 * 2);
}

TEST_CASE("Nested calls and conditions: a station never reports a hit, so only miss-calls run",
          "[validation][calls]") {
  CheckFamily checks(2);
  auto r = run_flow(
      R"({"entry": "api", "calls": [{"to": "a", "calls": [{"to": "b"}]}, {"to": "b", "if": "hit"}, {"to": "b", "if": "miss"}]})");
  checks.agrees("calls to b per second", r.summary.blocks[3].throughput_per_s, 2 * 500.0);
  checks.agrees("mean latency (ms)", r.summary.flows[0].latency.mean_ms, 1 + (2 + 3) + 3);
}

TEST_CASE("An asynchronous call does not delay the response", "[validation][calls]") {
  CheckFamily checks(2);
  auto r = run_flow(R"({"entry": "api", "calls": [{"to": "b", "async": true}]})");
  checks.agrees("mean latency (ms)", r.summary.flows[0].latency.mean_ms, 1);
  checks.agrees("calls to b per second", r.summary.blocks[3].throughput_per_s, 500);
}

TEST_CASE("A refused call fails the request: Erlang B losses at the callee", "[validation][calls]") {
  CheckFamily checks(2);
  const double rate = 1000;  // 1 erlang offered to 2 servers with no waiting room
  auto r = run_flow(R"({"entry": "api", "calls": [{"to": "small"}, {"to": "a"}]})", rate);
  double blocking = theory::erlang_b(2, 1.0);  // 0.2
  checks.agrees("success fraction", r.summary.flows[0].success_fraction, 1 - blocking);
  // A failed call stops the sequence: "a" only sees the requests that got through.
  checks.agrees("calls to a per second", r.summary.blocks[2].throughput_per_s, rate * (1 - blocking));
}
