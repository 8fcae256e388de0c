#pragma once
// The metrics observer: latency histograms per block and per flow, combined at the end of the run with the
// blocks' own counters into a RunSummary; for flows with service-level objectives, counts per time window.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/observer.hpp"
#include "sim/metrics/histogram.hpp"
#include "sim/metrics/summary.hpp"

namespace sdsim {

class MetricsCollector final : public Observer {
 public:
  explicit MetricsCollector(std::vector<std::string> flow_names);
  // Judges the flows given a target (indexed by FlowId; shorter than the flows or nullopt: none) over
  // windows of `window` ns from the end of warm-up. Call before the run. Memory: one Histogram (about 58 KB)
  // per such flow, and about 100 bytes per window per such flow.
  void watch_slos(std::vector<std::optional<SloTarget>> targets, SimTime window);

  std::uint32_t interests() const override { return interest_departures | interest_request_ends; }
  void on_departure(const Departure& d) override;
  void on_request_end(const RequestEnd& e) override;
  void on_statistics_reset(SimTime now) override;
  void on_run_end(SimTime now, std::span<const BlockCounters> blocks) override;

  // Valid after on_run_end. `events` is filled in by whoever ran the engine.
  RunSummary& summary() { return summary_; }
  const Histogram& flow_latency(FlowId flow) const { return flows_[flow].latency; }
  const Histogram& block_sojourn(BlockId block) const { return blocks_[block].sojourn; }

 private:
  struct BlockHistograms {
    Histogram sojourn;
    Histogram wait;  // the waits above 0 only: the others are the departures less `waited`
    std::uint64_t waited = 0;
    double service_sum_s = 0;                               // s, sum of service times (start to departure)
    double service_sum_sq_s2 = 0;                           // s^2, sum of their squares
    std::array<std::uint64_t, outcome_count> ended_here{};  // failures that ended at this block, by Outcome
  };
  struct FlowCounts {
    Histogram latency;
    std::array<std::uint64_t, outcome_count> ended{};  // by Outcome

    void merge(const FlowCounts& o) {
      latency.merge(o.latency);
      for (std::size_t i = 0; i < outcome_count; ++i)
        ended[i] += o.ended[i];
    }
  };
  struct WindowCounts {
    std::uint64_t good = 0;
    std::uint64_t slow = 0;
    std::array<std::uint64_t, outcome_count> ended{};  // by Outcome; ended[completed] = good + slow
    double latency_ms = -1;                            // the target percentile, once closed; -1: none
  };
  // One flow's objectives: the open window's latencies and the windows so far.
  struct SloTracker {
    FlowId flow = 0;
    SloTarget target;
    SimTime latency = time_never;  // ns; slower completions are slow
    Histogram window_latency;      // the completions of the last window, until it closes
    std::vector<WindowCounts> windows;
  };
  static FlowFigures<double> flow_figures(std::string name, const FlowCounts& counts, double measured_s);
  std::size_t window_of(SimTime finished) const;
  static void open_window(SloTracker& t, std::size_t index);
  static void close_window(SloTracker& t);
  SloFigures<double> slo_figures(SloTracker& t, SimTime now) const;
  BlockHistograms& block(BlockId id) {
    if (id >= blocks_.size()) blocks_.resize(id + 1);
    return blocks_[id];
  }

  std::vector<std::string> flow_names_;
  std::vector<BlockHistograms> blocks_;
  std::vector<FlowCounts> flows_;
  std::vector<SloTracker> slos_;
  std::vector<std::uint32_t> slo_of_flow_;  // index into slos_, or no_slo
  static constexpr std::uint32_t no_slo = 0xFFFF'FFFFu;
  SimTime window_ = 0;  // ns
  SimTime measured_since_ = 0;
  RunSummary summary_;
};

LatencyFigures<double> latency_figures(const Histogram& h);

}  // namespace sdsim
