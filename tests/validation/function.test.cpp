// Lambda and S3 read from a design file: throttling emerges from the function's concurrency limit (an Erlang
// loss system once every environment is warm) and from S3's per-prefix request rate.
#include <catch2/catch.hpp>

#include "sim/core/distribution.hpp"
#include "sim/theory/queueing.hpp"
#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

const BlockFigures<Estimate>& block_named(const ExperimentSummary& s, const std::string& name) {
  for (const auto& b : s.blocks)
    if (b.name == name) return b;
  FAIL("no block " << name);
  return s.blocks.front();
}

}  // namespace

TEST_CASE("A Lambda function at its concurrency limit throttles as Erlang B predicts",
          "[validation][function]") {
  CheckFamily checks(3);
  // 200 invocations/s of 100 ms (exponential): 20 erlangs offered to 20 environments. All 20 start in the
  // warm-up and never idle out, so the measured window is exactly M/M/20/20.
  std::string design = R"({"blocks": {
      "fn": {"kind": "function", "preset": "aws.lambda", "concurrency_limit": 20,
             "duration": {"dist": "exponential", "mean_ms": 100}}},
    "flows": {"invoke": {"entry": "fn"}}})";
  std::string scenario = R"({"duration_s": 30, "warmup_s": 5, "seed": 29, "replications": 8,
      "load": {"invoke": {"type": "open", "rate_per_s": 200}}})";
  auto r = run_text(design, scenario);
  const auto& fn = block_named(r.summary, "fn");
  double blocking = theory::erlang_b(20, 20);
  checks.agrees("throttled fraction", fn.rejected_fraction, blocking, 0, 0.1);
  checks.agrees("success fraction", r.summary.flows[0].success_fraction, 1 - blocking);
  // Carried load: busy environments = (1 - B) x offered.
  checks.agrees("busy environments", fn.mean_in_system, (1 - blocking) * 20);
}

TEST_CASE("An S3 prefix serves 5,500 GET/s and answers the rest with 503 Slow Down",
          "[validation][storage]") {
  CheckFamily checks(2);
  std::string design = R"({"blocks": {
      "s3": {"kind": "storage", "preset": "aws.s3", "object_kb": 850}},
    "flows": {"get": {"entry": "s3", "op": "get"}}})";
  std::string scenario = R"({"duration_s": 10, "warmup_s": 5, "seed": 31, "replications": 5,
      "keys": {"count": 1}, "load": {"get": {"type": "open", "rate_per_s": 8000}}})";
  auto r = run_text(design, scenario);
  const auto& s3 = block_named(r.summary, "s3");
  checks.agrees("throttled fraction", s3.rejected_fraction, 1 - 5500.0 / 8000);
  // Latency: the default first byte (lognormal p50 30 ms, p99 100 ms) plus 850 KB at 85 MB/s (10 ms).
  checks.agrees("mean latency (ms)", s3.sojourn.mean_ms,
                Distribution::lognormal(30e6, 100e6).mean_ns() / 1e6 + 10);
}
