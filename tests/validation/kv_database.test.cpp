// A DynamoDB-like table read from a design file: throttling emerges from key popularity, partition limits and
// table capacity, and matches the token-bucket limits in the long run.
#include <catch2/catch.hpp>

#include "sim/core/distribution.hpp"
#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

// Clients write through a front end that never queues; `db` is the table under test.
ExperimentResult run_writes(const std::string& db, double rate_per_s, std::uint64_t keys) {
  std::string design = R"({"blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0}},
      "db": )" + db + R"(},
    "flows": {"put": {"entry": "api", "calls": [{"to": "db", "op": "write"}]}}})";
  std::string scenario = R"({"duration_s": 20, "warmup_s": 2, "seed": 17, "replications": 5,
      "keys": {"count": )" +
                         std::to_string(keys) + R"(}, "load": {"put": {"type": "open", "rate_per_s": )" +
                         std::to_string(rate_per_s) + "}}}";
  return run_text(design, scenario);
}

}  // namespace

TEST_CASE("One hot key is throttled to its partition's 1000 WCU/s under a roomy table", "[validation][kv]") {
  CheckFamily checks(3);
  auto r = run_writes(R"({"kind": "kv_database", "partitions": 40})", 1500, 1);
  checks.agrees("success fraction", r.summary.flows[0].success_fraction, 1000.0 / 1500);
  checks.agrees("db throttled fraction", r.summary.blocks[2].rejected_fraction, 1 - 1000.0 / 1500);
  // Requests let through are pure delays of the default lognormal latency (p50 5 ms, p99 10 ms).
  checks.agrees("db mean latency (ms)", r.summary.blocks[2].sojourn.mean_ms,
                Distribution::lognormal(5e6, 10e6).mean_ns() / 1e6);
}

TEST_CASE("A provisioned table throttles at its table capacity when no partition is hot",
          "[validation][kv]") {
  auto r = run_writes(R"({"kind": "kv_database", "preset": "aws.dynamodb.provisioned"})", 1500, 1'000'000);
  check_agrees("success fraction", r.summary.flows[0].success_fraction, 1000.0 / 1500);
}

TEST_CASE("A new on-demand table is bounded by its partitions long before its quota", "[validation][kv]") {
  // 6000 WCU/s over uniform keys: each of the 4 partitions sees about 1500 WCU/s and passes 1000.
  auto r = run_writes(R"({"kind": "kv_database", "preset": "aws.dynamodb.on_demand"})", 6000, 1'000'000);
  check_agrees("success fraction", r.summary.flows[0].success_fraction, 4000.0 / 6000);
}
