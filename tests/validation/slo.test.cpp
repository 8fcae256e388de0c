// Service-level objectives against queueing theory: the share of M/M/1 completions beyond a latency target
// is the exponential sojourn tail, and the availability of a station with bounded room is one minus its
// blocking probability (M/M/1/K, Erlang B). Every window's counts add up to the run's totals exactly.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "sim/theory/queueing.hpp"
#include "validation_support.hpp"

using namespace sdsim;
using testing::CheckFamily;

namespace {

std::string station_design(const std::string& station_params) {
  return R"({"name": "slo", "blocks": {"server": {"kind": "station", )" + station_params +
         R"(}}, "flows": {"requests": {"entry": "server"}}})";
}

std::string scenario(double rate_per_s, double duration_s, const std::string& slo) {
  return R"({"duration_s": )" + std::to_string(duration_s) +
         R"(, "warmup_s": 20, "replications": 10, "window_s": 10, "load": {"requests": {"type": "open", "rate_per_s": )" +
         std::to_string(rate_per_s) + R"(}}, "slos": {"requests": )" + slo + "}}";
}

}  // namespace

TEST_CASE("M/M/1: the share of completions beyond the latency target is e^-(mu - lambda) t",
          "[validation][slo]") {
  CheckFamily checks(3);
  // lambda 50/s, mu 100/s: sojourn ~ Exp(50/s). A 40 ms target leaves e^-2 = 13.5% slow, more than a p90
  // allows: the latency objective is missed while the p80 one would be met.
  const double lambda = 50, mu = 100, target_s = 0.040;
  auto design = station_design(R"("servers": 1, "service_time": {"dist": "exponential", "mean_ms": 10})");
  ExperimentResult r =
      testing::run_text(design, scenario(lambda, 1000, R"({"latency_ms": 40, "percentile": 90})"));
  REQUIRE(r.summary.slos.size() == 1);
  const SloFigures<Estimate>& slo = r.summary.slos[0];
  const double tail = std::exp(-(mu - lambda) * target_s);
  checks.agrees("slow fraction", slo.slow_fraction, tail);
  checks.agrees("latency budget spent", slo.latency_budget_spent, tail / 0.10);
  checks.percentile("p90 latency (ms)", slo.latency_ms, 1e3 * std::log(10.0) / (mu - lambda));
  CHECK(slo.met.mean == 0);
  CHECK(slo.availability.mean == 1);
  CHECK(slo.failed.mean == 0);
  CHECK(slo.good.mean + slo.slow.mean == slo.finished.mean);
}

TEST_CASE("A station with bounded room: availability is one minus the blocking probability",
          "[validation][slo]") {
  // A family of 4 checks at 95% (validation_support.hpp): two checks in each of the two sections.
  CheckFamily checks(4);
  SECTION("M/M/1/K: K = 5 in system at rho 0.9") {
    const double rho = 0.9;
    const int k = 5;
    const double blocking = (1 - rho) * std::pow(rho, k) / (1 - std::pow(rho, k + 1));
    auto design = station_design(
        R"("servers": 1, "queue_capacity": 4, "service_time": {"dist": "exponential", "mean_ms": 10})");
    ExperimentResult r = testing::run_text(design, scenario(90, 600, R"({"availability": 99})"));
    const SloFigures<Estimate>& slo = r.summary.slos[0];
    checks.agrees("availability", slo.availability, 1 - blocking);
    checks.agrees("error budget spent", slo.error_budget_spent, blocking / 0.01);
    CHECK(slo.met.mean == 0);
    CHECK(slo.breached.mean == 1);
    // Every window misses a 99% target that the run misses by a factor of 12: the first breach is the first
    // window, at the end of warm-up.
    CHECK(slo.first_breach_s.mean == 20);
    CHECK(slo.windows_met_fraction.mean == 0);
  }
  SECTION("Erlang B: 3 servers, no waiting room, 2 Erlangs offered") {
    const double blocking = theory::erlang_b(3, 2.0);
    auto design = station_design(
        R"("servers": 3, "queue_capacity": 0, "service_time": {"dist": "exponential", "mean_ms": 20})");
    ExperimentResult r = testing::run_text(design, scenario(100, 300, R"({"availability": 70})"));
    const SloFigures<Estimate>& slo = r.summary.slos[0];
    checks.agrees("availability", slo.availability, 1 - blocking);
    checks.agrees("error budget spent", slo.error_budget_spent, blocking / 0.30);
    CHECK(slo.met.mean == 1);
    CHECK(slo.breached.mean == 0);
    CHECK(std::isnan(slo.first_breach_s.mean));
  }
}

TEST_CASE("Every window's counts add up to the run's totals exactly", "[validation][slo]") {
  auto design = station_design(
      R"("servers": 1, "queue_capacity": 3, "service_time": {"dist": "exponential", "mean_ms": 10})");
  ExperimentResult r =
      testing::run_text(design, scenario(95, 95, R"({"latency_ms": 50, "availability": 90})"));
  for (const RunSummary& run : r.replications) {
    const SloFigures<double>& slo = run.slos[0];
    const FlowFigures<double>& flow = run.flows[0];
    REQUIRE(slo.windows.size() == 10);  // 95 s in windows of 10 s: the last one is 5 s long
    double finished = 0, good = 0, slow = 0, rejected = 0, completed = 0;
    for (std::size_t w = 0; w < slo.windows.size(); ++w) {
      finished += slo.windows.finished[w];
      good += slo.windows.good[w];
      slow += slo.windows.slow[w];
      completed += slo.windows.ended[static_cast<std::size_t>(Outcome::completed)][w];
      rejected += slo.windows.ended[static_cast<std::size_t>(Outcome::rejected)][w];
    }
    CHECK(finished == flow.finished);
    CHECK(finished == slo.finished);
    CHECK(completed == flow.completed);
    CHECK(good + slow == flow.completed);
    CHECK(good == slo.good);
    CHECK(slow == slo.slow);
    CHECK(rejected == flow.rejected);
    CHECK(rejected > 0);
  }
}
