#pragma once
// Service-level objectives of a flow and how a run measured up to them, per run and per time window.
// Definitions (request-based): a request that ended is good (completed within latency_ms), slow (completed
// but slower) or failed (by its Outcome). Availability = completed / ended; the latency objective holds when
// at most (100 - percentile)% of completions are slow, i.e. the nearest-rank percentile <= latency_ms.
// A request counts in the window (start, start + window_s] in which it ended.
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/core/request.hpp"

namespace sdsim {

struct SloTarget {
  double latency_ms = 0;    // ms; 0: no latency objective
  double percentile = 99;   // % of completed requests latency_ms bounds, in (0, 100)
  double availability = 0;  // %, in (0, 100]; 0: no availability objective

  bool has_latency() const { return latency_ms > 0; }
  bool has_availability() const { return availability > 0; }
  // Whether these counts meet every objective stated (vacuously true when nothing ended).
  bool met(std::uint64_t finished, std::uint64_t completed, std::uint64_t slow) const;
};

// Per window, in time order. One run: counts and 0/1 flags; an experiment: means across replications.
// NaN (null in JSON) where the figure has no value: availability and met where nothing ended, latency where
// nothing completed.
struct SloSeries {
  std::vector<double> finished;
  std::vector<double> good;
  std::vector<double> slow;
  std::array<std::vector<double>, outcome_count> ended;  // by Outcome: completed, then failures by reason
  std::vector<double> availability;                      // completed / finished
  std::vector<double> latency_ms;                        // the target percentile of the window's completions
  std::vector<double> met;  // 1 when the window met every objective (experiment: the share of replications)

  std::size_t size() const { return finished.size(); }
};

template <typename V>
struct SloFigures {
  std::string flow;
  SloTarget target;
  double window_s = 0;        // s, the window length
  double window_start_s = 0;  // s, when the first window starts, from the start of the run (end of warm-up)
  V finished{};
  V good{};                  // completed within latency_ms (every completion without a latency objective)
  V slow{};                  // completed beyond latency_ms
  V failed{};                // every failure, whatever its reason
  V availability{};          // completed / finished
  V slow_fraction{};         // slow / completed
  V latency_ms{};            // ms, the target percentile of completed requests' latency
  V error_budget_spent{};    // failed / ((1 - availability) x finished): 1 = exactly spent; +inf at 100%
  V latency_budget_spent{};  // slow / ((1 - percentile) x completed): 1 = exactly spent
  V windows_met_fraction{};  // of the windows in which something ended
  V met{};                   // 1 when the whole run met every objective (experiment: share of replications)
  V breached{};              // 1 when some window missed (experiment: share of replications)
  // s from the start of the run: the start of the first window that missed; NaN when none did. Experiment:
  // the mean over the replications that breached.
  V first_breach_s{};
  SloSeries windows;
};

// How a run's objectives fared after a fault starting at `fault_start_s` (s from the start of the run),
// judged on the windows that end by `until_s` (the next fault's start, so that it is not charged for that
// fault's harm; +inf: the end of the run). Breached: some window ending after the fault's start missed.
// Recovered: a judged window starts after the last such miss (every later one then meets, windows in which
// nothing ended included); the RTO runs from the fault's start to that window's start. Not recovered: the
// last judged window missed.
struct Recovery {
  bool breached = false;
  bool recovered = false;
  double rto_s = 0;  // s; meaningful only when recovered
};
Recovery recovery_after(const SloFigures<double>& slo, double fault_start_s,
                        double until_s = std::numeric_limits<double>::infinity());

// Every scalar figure but first_breach_s (which is averaged over the replications that breached only).
template <typename Fn, typename... S>
void for_each_figure(Fn&& fn, SloFigures<S>&... s) {
  fn("finished", s.finished...);
  fn("good", s.good...);
  fn("slow", s.slow...);
  fn("failed", s.failed...);
  fn("availability", s.availability...);
  fn("slow_fraction", s.slow_fraction...);
  fn("latency_ms", s.latency_ms...);
  fn("error_budget_spent", s.error_budget_spent...);
  fn("latency_budget_spent", s.latency_budget_spent...);
  fn("windows_met_fraction", s.windows_met_fraction...);
  fn("met", s.met...);
  fn("breached", s.breached...);
}

}  // namespace sdsim
