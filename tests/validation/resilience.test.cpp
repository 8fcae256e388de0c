// Resilience on calls, through the loader: the keys a design states, the work a timeout leaves behind, and
// the metastable retry storm (load that stays collapsed after the trigger is gone) that a retry budget with
// jitter prevents.
#include <catch2/catch.hpp>

#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

const CallGuard& guard_of(const Design& d, std::size_t call) {
  return call == 0 ? d.flows[0].root.guard : d.flows[0].root.calls[call - 1].guard;
}

// A station near 70% load (10 servers, 10 ms mean service: 1000 requests/s of capacity, 700 offered) whose
// clients give up after 100 ms, stated `resilience` (JSON members) on the flow.
std::string storm_design(const std::string& resilience) {
  return R"({"blocks": {"api": {"kind": "station", "servers": 10,
                                "service_time": {"dist": "exponential", "mean_ms": 10}}},
             "flows": {"f": {"entry": "api", "timeout_ms": 100)" +
         (resilience.empty() ? "" : ", " + resilience) + "}}}";
}

// Measured from 25 s to 35 s; with `spike`, 2000 requests/s (twice the capacity) from 5 s to 6 s.
std::string storm_scenario(bool spike) {
  std::string load = spike ? R"("profile": "spike", "rate_per_s": 700, "peak_per_s": 2000, "at_s": 5,
                                "duration_s": 1)"
                           : R"("rate_per_s": 700)";
  return R"({"duration_s": 10, "warmup_s": 25, "seed": 5, "replications": 5,
             "load": {"f": {"type": "open", )" +
         load + "}}}";
}

constexpr double offered_per_s = 700;
const std::string aggressive_retries = R"("retry": {"max": 3, "backoff_ms": 10, "jitter": "none"})";

}  // namespace

TEST_CASE("A call's resilience keys load with their sourced defaults", "[validation][resilience]") {
  auto loaded = load_design_text("design.json", R"({
      "blocks": {"api": {"kind": "station", "service_time": {"dist": "constant", "value_ms": 1}},
                 "db": {"kind": "station", "service_time": {"dist": "constant", "value_ms": 1}}},
      "flows": {"f": {"entry": "api", "timeout_ms": 2500, "calls": [
          {"to": "db", "retry": {}, "retry_budget": {}, "circuit_breaker": {}},
          {"to": "db", "timeout_ms": 50, "retry": {"max": 5, "backoff_ms": 20, "max_backoff_ms": 400,
                                                    "jitter": "equal"},
           "retry_budget": {"ratio": 0.1, "min_per_s": 2},
           "circuit_breaker": {"failure_ratio": 0.25, "window_s": 30, "min_calls": 5, "open_s": 1.5}},
          {"to": "db"}]}}})");
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.value);
  const Design& d = *loaded.value;
  CHECK(guard_of(d, 0).timeout == 2500 * ns_per_ms);
  CHECK(guard_of(d, 0).retry.max == 0);
  const CallGuard& defaults = guard_of(d, 1);
  CHECK(defaults.timeout == 0);
  CHECK(defaults.retry.max == 2);
  CHECK(defaults.retry.base == 100 * ns_per_ms);
  CHECK(defaults.retry.cap == 20 * ns_per_s);
  CHECK(defaults.retry.jitter == Jitter::full);
  CHECK(defaults.budget.enabled);
  CHECK(defaults.budget.ratio == 0.2);
  CHECK(defaults.budget.min_per_s == 10);
  CHECK(defaults.breaker.enabled);
  CHECK(defaults.breaker.failure_ratio == 0.5);
  CHECK(defaults.breaker.window == 10 * ns_per_s);
  CHECK(defaults.breaker.min_calls == 20);
  CHECK(defaults.breaker.open == 5 * ns_per_s);
  const CallGuard& stated = guard_of(d, 2);
  CHECK(stated.timeout == 50 * ns_per_ms);
  CHECK(stated.retry.max == 5);
  CHECK(stated.retry.base == 20 * ns_per_ms);
  CHECK(stated.retry.cap == 400 * ns_per_ms);
  CHECK(stated.retry.jitter == Jitter::equal);
  CHECK(stated.budget.ratio == 0.1);
  CHECK(stated.budget.min_per_s == 2);
  CHECK(stated.breaker.failure_ratio == 0.25);
  CHECK(stated.breaker.window == 30 * ns_per_s);
  CHECK(stated.breaker.min_calls == 5);
  CHECK(stated.breaker.open == 1500 * ns_per_ms);
  CHECK_FALSE(guard_of(d, 3).any());
}

TEST_CASE("A timed-out call fails the request at timeout_ms while the callee finishes the work",
          "[validation][resilience]") {
  auto r = run_text(R"({"blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 1}},
      "slow": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 100}}},
      "flows": {"f": {"entry": "api", "calls": [{"to": "slow", "timeout_ms": 30}]}}})",
                    R"({"duration_s": 20, "warmup_s": 1, "seed": 3, "replications": 5,
                        "load": {"f": {"type": "open", "rate_per_s": 200}}})");
  const auto& flow = r.summary.flows[0];
  REQUIRE(flow.success_fraction.mean == 0);
  REQUIRE(flow.timeout.mean == flow.finished.mean);
  // The entry holds its server for its own 1 ms plus the 30 ms it waits; the callee serves every call for
  // its full 100 ms, abandoned or not, at the offered rate.
  REQUIRE(r.summary.blocks[1].sojourn.mean_ms.mean == Approx(31).margin(1e-9));
  REQUIRE(r.summary.blocks[2].sojourn.mean_ms.mean == Approx(100).margin(1e-9));
  check_agrees("callee completions per second", r.summary.blocks[2].throughput_per_s, 200);
}

TEST_CASE("Without its trigger, the system with client timeouts and retries is healthy",
          "[validation][resilience]") {
  auto r = run_text(storm_design(aggressive_retries), storm_scenario(false));
  check_agrees("goodput (completed/s)", r.summary.flows[0].throughput_per_s, offered_per_s);
  REQUIRE(r.summary.flows[0].success_fraction.mean > 0.999);
}

TEST_CASE("A load spike tips aggressive retries into a storm that outlives the spike",
          "[validation][resilience]") {
  // After the spike every request waits behind the backlog past its timeout and is tried four times: 2800
  // attempts/s against 1000/s of capacity, so the backlog only grows. Measured 19 s after the spike ended.
  auto r = run_text(storm_design(aggressive_retries), storm_scenario(true));
  const auto& flow = r.summary.flows[0];
  INFO("goodput " << flow.throughput_per_s.mean << " of " << offered_per_s << " offered");
  REQUIRE(flow.throughput_per_s.mean < 0.05 * offered_per_s);
  REQUIRE(flow.timeout.mean > 0.95 * flow.finished.mean);
  // The station is saturated with work nobody waits for.
  REQUIRE(r.summary.blocks[1].utilization.mean > 0.99);
}

TEST_CASE("The same spike with a retry budget and jitter: goodput recovers to the offered load",
          "[validation][resilience]") {
  // The budget holds attempts to 1.1 x first attempts (+10/s), 780/s at most, under the capacity: the
  // backlog drains and the system returns to its healthy state.
  auto r = run_text(storm_design(R"("retry": {"max": 3, "backoff_ms": 10, "jitter": "full"},
                                    "retry_budget": {"ratio": 0.1, "min_per_s": 10})"),
                    storm_scenario(true));
  check_agrees("goodput (completed/s)", r.summary.flows[0].throughput_per_s, offered_per_s);
  REQUIRE(r.summary.flows[0].success_fraction.mean > 0.999);
}

TEST_CASE("The same spike with timeouts but no retries also recovers: the retries make it metastable",
          "[validation][resilience]") {
  auto r = run_text(storm_design(""), storm_scenario(true));
  check_agrees("goodput (completed/s)", r.summary.flows[0].throughput_per_s, offered_per_s);
}
