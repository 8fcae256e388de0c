// Availability accounting through the whole pipeline: per call with resilience, its attempts, retries and
// timeouts; per scheduled fault, whether each flow's objectives broke and when they held again (RTO), and the
// acknowledged writes a failover lost (RPO); and how the JSON result shows them.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "sim/experiment/result_json.hpp"
#include "validation_support.hpp"

using namespace sdsim;
using testing::run_text;

namespace {

const FaultRecoveryFigures<Estimate>& recovery_of(const FaultFigures<Estimate>& f, const std::string& flow) {
  for (const auto& r : f.recovery) {
    if (r.flow == flow) return r;
  }
  FAIL("no recovery figures for flow " << flow);
  return f.recovery.front();
}

// "api" lives in use1-az1 only, "other" in use1-az2 only; each flow visits one of them.
const std::string two_zone_design = R"({"name": "zones",
    "regions": {"us-east-1": ["use1-az1", "use1-az2"]},
    "blocks": {
      "api": {"kind": "station", "servers": 4, "placement": ["use1-az1"],
              "service_time": {"dist": "exponential", "mean_ms": 5}},
      "other": {"kind": "station", "servers": 4, "placement": ["use1-az2"],
                "service_time": {"dist": "exponential", "mean_ms": 5}}},
    "flows": {"requests": {"entry": "api"}, "elsewhere": {"entry": "other"}}})";

// 100 s measured after 10 s of warm-up, SLO windows of 10 s from 10 s; `extra` adds scenario members.
std::string zone_scenario(const std::string& faults, const std::string& extra) {
  return R"({"duration_s": 100, "warmup_s": 10, "replications": 3, "seed": 3,
             "load": {"requests": {"type": "open", "rate_per_s": 200},
                      "elsewhere": {"type": "open", "rate_per_s": 200}},
             "faults": [)" +
         faults + "]" + extra + "}";
}

const std::string slos = R"(, "window_s": 10, "slos": {"*": {"availability": 99}})";

}  // namespace

TEST_CASE("Each call with resilience counts its calls, attempts, retries and timeouts exactly",
          "[validation][resilience][availability]") {
  // One request, at 500 ms (the user thinks first; the next would come after 1 s): api (1 ms) calls ledger (1
  // ms, answered in time), then payments, which takes 100 ms against a 50 ms timeout: both its attempts time
  // out, 10 ms apart, and the request fails as a timeout.
  auto r = run_text(R"({"name": "guards",
      "blocks": {"api": {"kind": "station", "servers": 10, "service_time": {"dist": "constant", "value_ms": 1}},
                 "ledger": {"kind": "station", "servers": 10, "service_time": {"dist": "constant", "value_ms": 1}},
                 "payments": {"kind": "station", "servers": 10,
                              "service_time": {"dist": "constant", "value_ms": 100}}},
      "flows": {"checkout": {"entry": "api", "calls": [
          {"to": "ledger", "timeout_ms": 1000},
          {"to": "payments", "timeout_ms": 50, "retry": {"max": 1, "backoff_ms": 10, "jitter": "none"}}]}}})",
                    R"({"duration_s": 1, "load": {"checkout": {"type": "closed", "users": 1,
                        "think_time": {"dist": "constant", "value_ms": 500}}}})");
  const ExperimentSummary& s = r.summary;
  REQUIRE(s.flows[0].finished.mean == 1);
  CHECK(s.flows[0].timeout.mean == 1);
  REQUIRE(s.guards.size() == 2);
  const GuardFigures<Estimate>& ledger = s.guards[0];
  CHECK(ledger.call == "checkout: api -> ledger");
  CHECK(ledger.calls.mean == 1);
  CHECK(ledger.attempts.mean == 1);
  CHECK(ledger.retries.mean == 0);
  CHECK(ledger.retry_amplification.mean == 1);
  CHECK(ledger.timeouts.mean == 0);
  const GuardFigures<Estimate>& payments = s.guards[1];
  CHECK(payments.call == "checkout: api -> payments");
  CHECK(payments.has_timeout);
  CHECK(payments.has_retry);
  CHECK_FALSE(payments.has_breaker);
  CHECK(payments.calls.mean == 1);
  CHECK(payments.attempts.mean == 2);
  CHECK(payments.retries.mean == 1);
  CHECK(payments.retry_amplification.mean == 2);
  CHECK(payments.timeouts.mean == 2);
  CHECK(payments.breaker_opens.mean == 0);
  CHECK(payments.circuit_open.mean == 0);
  CHECK(payments.budget_denied.mean == 0);

  const std::string json = result_to_json(r);
  CHECK(json.find(R"("call": "checkout: api -> payments")") != std::string::npos);
  CHECK(json.find(R"("retry_amplification")") != std::string::npos);
}

TEST_CASE("A single-AZ outage has an RTO of the outage's end rounded up to the next SLO window",
          "[validation][availability][rto]") {
  // The outage runs from 43 s to 74 s. Every request to api fails meanwhile, so the windows (40, 50] to
  // (70, 80] breach its 99% availability; from the window starting at 80 s on, all is well: RTO = 80 - 43 s,
  // between the outage's 31 s and 31 s plus one 10 s window. "elsewhere" is in the other zone: no breach.
  const double start = 43, duration = 31, window = 10, measured_from = 10;
  auto r = run_text(two_zone_design,
                    zone_scenario(R"({"type": "az_power_interruption", "zone": "use1-az1", "start_s": 43,
                                      "duration_s": 31})",
                                  slos));
  REQUIRE(r.summary.faults.size() == 1);
  const FaultFigures<Estimate>& f = r.summary.faults[0];
  CHECK(f.type == "az_power_interruption");
  CHECK(f.target == "use1-az1");
  CHECK(f.start_s == start);
  CHECK(f.duration_s == duration);
  CHECK_FALSE(f.failed_writer);

  const double end = start + duration;
  const double recovered_at = measured_from + std::ceil((end - measured_from) / window) * window;
  const auto& api = recovery_of(f, "requests");
  CHECK(api.breached.mean == 1);
  CHECK(api.recovered.mean == 1);
  CHECK(api.rto_s.samples == 3);
  CHECK(api.rto_s.mean == Approx(recovered_at - start));
  CHECK(api.rto_s.half_width == Approx(0).margin(1e-9));
  CHECK(api.rto_s.mean >= duration);
  CHECK(api.rto_s.mean <= duration + window);
  const auto& other = recovery_of(f, "elsewhere");
  CHECK(other.breached.mean == 0);
  CHECK(std::isnan(other.rto_s.mean));

  const std::string json = result_to_json(r);
  CHECK(json.find(R"("faults": [)") != std::string::npos);
  CHECK(json.find(R"("rto_s": {
            "mean": 37.0,)") != std::string::npos);
}

TEST_CASE("An outage lasting to the end of the run is not recovered", "[validation][availability][rto]") {
  auto r = run_text(two_zone_design,
                    zone_scenario(R"({"type": "az_power_interruption", "zone": "use1-az1", "start_s": 80,
                                      "duration_s": 100})",
                                  slos));
  const auto& api = recovery_of(r.summary.faults[0], "requests");
  CHECK(api.breached.mean == 1);
  CHECK(api.recovered.mean == 0);
  CHECK(std::isnan(api.rto_s.mean));
}

TEST_CASE("Without objectives a fault is reported, and its RTO is said to need an SLO",
          "[validation][availability][rto]") {
  auto r = run_text(two_zone_design,
                    zone_scenario(R"({"type": "az_power_interruption", "zone": "use1-az1", "start_s": 43,
                                      "duration_s": 31})",
                                  ""));
  REQUIRE(r.summary.faults.size() == 1);
  CHECK(r.summary.faults[0].recovery.empty());
  const std::string json = result_to_json(r);
  CHECK(json.find(R"("recovery": null)") != std::string::npos);
  CHECK(json.find("RTO needs an SLO") != std::string::npos);
}

TEST_CASE("A writer failover's RPO is the writes an asynchronous replica had not received, none for Aurora",
          "[validation][availability][rpo]") {
  // Writes at 500/s; a replica lag of 200 ms: about 100 writes lost per failover, counted exactly by the
  // block from the versions the promoted replica had not applied, and attributed to the fault.
  auto design = [](const std::string& target, const std::string& lag = R"("constant", "value_ms")") {
    return R"({"name": "rpo", "blocks": {"db": {"kind": "relational_database", "read_replicas": 2,
                 "failover_target": ")" +
           target + R"(", "failover_s": 5,
                 "replica_lag": {"dist": )" +
           lag + R"(: 200}},
                 "app": {"kind": "station", "servers": 100, "service_time": {"dist": "constant", "value_ms": 1}}},
               "flows": {"save": {"entry": "app", "calls": [{"to": "db", "op": "write"}]}}})";
  };
  const std::string scenario = R"({"duration_s": 20, "warmup_s": 5, "replications": 4,
      "load": {"save": {"type": "open", "rate_per_s": 500}},
      "faults": [{"type": "writer_failover", "block": "db", "start_s": 10}]})";
  auto r = run_text(design("async_replica"), scenario);
  const FaultFigures<Estimate>& f = r.summary.faults[0];
  CHECK(f.failed_writer);
  // The promoted replica's lag at the failure: the age of the oldest write it lacked, just under 200 ms
  // (the first write after 200 ms before the failure comes a mean 2 ms later).
  CHECK(f.lag_ms.mean <= 200);
  CHECK(f.lag_ms.mean > 190);
  const BlockFigures<Estimate>& db = r.summary.blocks[1];
  REQUIRE(db.name == "db");
  CHECK(f.writes_lost.mean == db.writes_lost.mean);
  // 4 Poisson counts of mean 100: their mean lies within 2.576 x 10 / 2 of 100 (99%).
  CHECK(std::abs(f.writes_lost.mean - 100) <= 2.576 * 10 / 2);
  const std::string json = result_to_json(r);
  CHECK(json.find(R"("rpo": {)") != std::string::npos);

  // Each write lagging Exp(200 ms) on its own, the writes not yet applied form an M/G/infinity count:
  // Poisson of mean w E[lag] = 100 again.
  auto exponential = run_text(design("async_replica", R"("exponential", "mean_ms")"), scenario);
  CHECK(std::abs(exponential.summary.faults[0].writes_lost.mean - 100) <= 2.576 * 10 / 2);

  auto aurora = run_text(design("replica"), scenario);
  CHECK(aurora.summary.faults[0].failed_writer);
  CHECK(aurora.summary.faults[0].writes_lost.mean == 0);
  CHECK(aurora.summary.faults[0].lag_ms.mean == 0);
  CHECK(aurora.summary.blocks[1].writes_lost.mean == 0);
}
