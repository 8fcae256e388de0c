// SLO accounting in the metrics collector, on scripted request ends: which window a request counts in, good,
// slow and failed counts, availability, error-budget arithmetic, the first breach, and the averaging of
// replications.
#include <catch2/catch.hpp>
#include <cmath>
#include <optional>
#include <vector>

#include "sim/metrics/collector.hpp"
#include "sim/metrics/summary.hpp"

using namespace sdsim;

namespace {

constexpr SimTime s = ns_per_s;
constexpr SimTime ms = ns_per_ms;

void end(MetricsCollector& c, SimTime at, SimTime latency, Outcome outcome = Outcome::completed,
         FlowId flow = 0) {
  c.on_request_end(
      RequestEnd{.flow = flow, .at = 0, .created = at - latency, .finished = at, .outcome = outcome});
}

RunSummary finish(MetricsCollector& c, SimTime now) {
  c.on_run_end(now, {});
  return c.summary();
}

}  // namespace

TEST_CASE("SLO targets judge counts exactly at their boundaries", "[metrics][slo]") {
  SloTarget both{.latency_ms = 200, .percentile = 99, .availability = 99.9};
  CHECK(both.met(1000, 999, 9));        // 99.9% available, 9 of 999 slow (at most 9.99 allowed)
  CHECK_FALSE(both.met(1000, 998, 0));  // 99.8%
  CHECK_FALSE(both.met(1000, 1000, 11));
  CHECK(both.met(1000, 1000, 10));  // exactly 1% slow: the nearest-rank p99 is still within the target
  CHECK(both.met(0, 0, 0));         // nothing ended: nothing missed
  SloTarget latency_only{.latency_ms = 50, .percentile = 50};
  CHECK(latency_only.met(10, 2, 1));  // failures do not count against a latency objective
  CHECK_FALSE(latency_only.met(10, 2, 2));
}

TEST_CASE("The collector counts each request in the window it ends in", "[metrics][slo]") {
  MetricsCollector c({"checkout", "browse"});
  c.watch_slos({SloTarget{.latency_ms = 100, .percentile = 50, .availability = 75}}, 10 * s);
  // Warm-up ends at 5 s; what ended before is forgotten. Windows: (5, 15], (15, 25], (25, 35], (35, 40].
  end(c, 3 * s, 500 * ms, Outcome::timeout);
  c.on_statistics_reset(5 * s);
  end(c, 5 * s, 10 * ms);                           // at the start: window 0
  end(c, 15 * s, 20 * ms);                          // exactly at its end: still window 0
  end(c, 15 * s + 1, 300 * ms);                     // window 1, slow
  end(c, 16 * s, 100 * ms);                         // exactly the target: good
  end(c, 17 * s, 0, Outcome::rejected);             //
  end(c, 18 * s, 0, Outcome::throttled);            // window 1: 2 of 4 failed, misses 75%
  end(c, 18 * s, 999 * ms, Outcome::completed, 1);  // browse has no objectives
  // Window 2 (25, 35]: nothing ends.
  end(c, 40 * s, 50 * ms);  // the end of the run: the last, short window
  RunSummary r = finish(c, 40 * s);

  REQUIRE(r.slos.size() == 1);
  const SloFigures<double>& slo = r.slos[0];
  CHECK(slo.flow == "checkout");
  CHECK(slo.window_s == 10);
  CHECK(slo.window_start_s == 5);
  const SloSeries& w = slo.windows;
  REQUIRE(w.size() == 4);
  CHECK(w.finished == std::vector<double>{2, 4, 0, 1});
  CHECK(w.good == std::vector<double>{2, 1, 0, 1});
  CHECK(w.slow == std::vector<double>{0, 1, 0, 0});
  CHECK(w.ended[static_cast<std::size_t>(Outcome::rejected)] == std::vector<double>{0, 1, 0, 0});
  CHECK(w.ended[static_cast<std::size_t>(Outcome::throttled)] == std::vector<double>{0, 1, 0, 0});
  CHECK(w.ended[static_cast<std::size_t>(Outcome::timeout)] == std::vector<double>{0, 0, 0, 0});
  CHECK(w.availability[0] == 1);
  CHECK(w.availability[1] == 0.5);
  CHECK(std::isnan(w.availability[2]));
  CHECK(w.met[0] == 1);
  CHECK(w.met[1] == 0);
  CHECK(std::isnan(w.met[2]));
  CHECK(w.met[3] == 1);
  // The window's median (nearest rank) of its completions, 300 and 100 ms: 100 ms, within the bucket error.
  CHECK(w.latency_ms[1] == Approx(100).epsilon(Histogram::max_relative_error));
  CHECK(std::isnan(w.latency_ms[2]));

  CHECK(slo.finished == 7);
  CHECK(slo.good == 4);
  CHECK(slo.slow == 1);
  CHECK(slo.failed == 2);
  CHECK(slo.availability == 5.0 / 7);
  CHECK(slo.slow_fraction == 0.2);
  CHECK(slo.windows_met_fraction == 2.0 / 3);  // of the three windows in which something ended
  CHECK(slo.first_breach_s == 15);             // from the start of the run, warm-up included
  CHECK(slo.breached == 1);
  CHECK(slo.met == 0);  // 71% available, below 75%
  // Failures allowed: (1 - 0.75) x 7 = 1.75; 2 failed.
  CHECK(slo.error_budget_spent == Approx(2 / 1.75).epsilon(1e-12));
  // Slow completions allowed: (1 - 0.5) x 5 = 2.5; 1 slow.
  CHECK(slo.latency_budget_spent == Approx(0.4).epsilon(1e-12));
}

TEST_CASE("Error-budget burn is failures over the failures the target allows", "[metrics][slo]") {
  MetricsCollector c({"api"});
  c.watch_slos({SloTarget{.availability = 75}}, 1 * s);
  for (int i = 0; i < 1000; ++i)
    end(c, (i + 1) * ms, ms, i < 50 ? Outcome::unavailable : Outcome::completed);
  RunSummary r = finish(c, 1 * s);
  const SloFigures<double>& slo = r.slos[0];
  // 250 failures allowed, 50 happened: a fifth of the budget, exactly.
  CHECK(slo.error_budget_spent == 0.2);
  CHECK(slo.availability == 0.95);
  CHECK(slo.met == 1);
  CHECK(slo.slow == 0);  // no latency objective: every completion is good
  CHECK(slo.good == 950);
  CHECK(r.slos[0].windows.size() == 1);

  SECTION("a target of 100% allows no failure: any failure exhausts it") {
    MetricsCollector strict({"api"});
    strict.watch_slos({SloTarget{.availability = 100}}, 1 * s);
    end(strict, 1 * ms, ms, Outcome::timeout);
    end(strict, 2 * ms, ms);
    CHECK(std::isinf(finish(strict, 1 * s).slos[0].error_budget_spent));
  }
}

TEST_CASE("Replications average per window and the first breach over the replications that breached",
          "[metrics][slo]") {
  auto run = [](bool breach) {
    MetricsCollector c({"api"});
    c.watch_slos({SloTarget{.availability = 90}}, 1 * s);
    end(c, 500 * ms, ms);
    end(c, 1500 * ms, ms, breach ? Outcome::rejected : Outcome::completed);
    end(c, 1600 * ms, ms);
    return finish(c, 2 * s);
  };
  std::vector<RunSummary> reps{run(true), run(false), run(true), run(false)};
  ExperimentSummary e = aggregate(reps);
  REQUIRE(e.slos.size() == 1);
  const SloFigures<Estimate>& slo = e.slos[0];
  CHECK(slo.breached.mean == 0.5);
  CHECK(slo.met.mean == 0.5);
  CHECK(slo.first_breach_s.mean == 1);
  CHECK(slo.first_breach_s.samples == 2);
  CHECK(slo.windows.met == std::vector<double>{1, 0.5});
  CHECK(slo.windows.availability == std::vector<double>{1, 0.75});
  CHECK(slo.windows.finished == std::vector<double>{1, 2});
  CHECK(slo.availability.mean == Approx(5.0 / 6));
}
