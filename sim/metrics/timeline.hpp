#pragma once
// Per-window series of one run: each flow's outcomes and latency percentiles, each block's arrivals,
// completions, rejections, utilization and occupancy. The engine's runner closes each window by calling
// close_window() at its boundary (Engine::run_until stops there); a run without a Timeline records nothing.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/core/counters.hpp"
#include "sim/core/observer.hpp"
#include "sim/metrics/histogram.hpp"

namespace sdsim {

struct FlowWindow {
  std::uint64_t completed = 0;
  std::array<std::uint64_t, outcome_count> ended{};  // by Outcome; ended[completed] == completed
  double p50_ms = 0;                                 // ms, completed requests of the window; 0 when none
  double p99_ms = 0;
  std::uint64_t reads = 0;  // reads judged fresh or stale
  std::uint64_t stale_reads = 0;
  double stale_p99_ms = 0;  // ms, the stale reads' age (since the first missed commit); 0 when none
  std::uint64_t failed() const { return finished() - completed; }
  std::uint64_t finished() const;
};

struct BlockWindow {
  std::uint64_t arrivals = 0;
  std::uint64_t completions = 0;
  std::uint64_t rejections = 0;
  std::uint32_t servers = 0;       // at the window's end; 0 for blocks that do not serve
  double mean_busy = 0;            // time-averaged busy servers over the window
  double utilization = 0;          // mean_busy / servers (0 without servers)
  double mean_in_system = 0;       // time-averaged number waiting or in service over the window
  std::int64_t in_system_end = 0;  // waiting or in service at the window's end
  std::uint64_t reads = 0;         // reads it served, judged fresh or stale
  std::uint64_t stale_reads = 0;
  BillableUsage usage{};  // billed counts over the window; units: their time average over the window
};

struct TimelineSeries {
  double start_s = 0;                            // s, the end of warm-up (the run's clock: warm-up included)
  double window_s = 0;                           // s, the nominal window length (the last one may be shorter)
  std::vector<double> window_end_s;              // s, each window's end, on the run's clock
  std::vector<std::string> flow_names;           // indexed by FlowId
  std::vector<std::string> block_names;          // indexed by BlockId (the scenario's sources first)
  std::vector<std::vector<FlowWindow>> flows;    // [flow][window]
  std::vector<std::vector<BlockWindow>> blocks;  // [block][window]
};

// A window length (s) from the measured duration: the smallest of 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10 min...
// that gives at most 300 windows; runs shorter than 30 s also get 0.1, 0.2 and 0.5 s.
double timeline_window_s(double measured_s);

class Timeline final : public Observer {
 public:
  // `window` ns; memory: two Histograms (about 58 KB each) per flow, and about 150 bytes per window per flow
  // and per block.
  Timeline(std::vector<std::string> flow_names, SimTime window);

  std::uint32_t interests() const override { return interest_request_ends | interest_reads; }
  void on_request_end(const RequestEnd& e) override;
  void on_read(const ReadRecord& r) override;

  // Measurement starts at `since` (after the statistics reset) and ends at `end`; `blocks` are the blocks'
  // counters at `since`.
  void begin(SimTime since, SimTime end, std::span<const BlockCounters> blocks);
  // The next window's end, or time_never once the last window is closed (or before begin()).
  SimTime next_boundary() const { return next_; }
  // Closes the window ending now; `blocks` are the blocks' counters now, indexed by BlockId.
  void close_window(SimTime now, std::span<const BlockCounters> blocks);

  const TimelineSeries& series() const { return series_; }

 private:
  struct BlockTotals {
    std::uint64_t arrivals = 0;
    std::uint64_t completions = 0;
    std::uint64_t rejections = 0;
    double busy_area = 0;       // busy servers x ns since the reset
    double in_system_area = 0;  // in system x ns since the reset
    // Billed levels (units running, provisioned capacity) x ns since the reset: blocks report their time
    // average. Its counts are unused.
    BillableUsage level_areas{};
    BillableUsage usage{};  // billed counts since the reset
  };
  static BlockTotals totals(const BlockCounters& c, SimTime since, SimTime now);

  SimTime window_;
  SimTime since_ = 0;
  SimTime end_ = 0;
  SimTime window_start_ = 0;
  SimTime next_ = time_never;
  bool measuring_ = false;
  std::vector<FlowWindow> open_;                           // per flow: the window being filled
  std::vector<Histogram> latency_;                         // per flow: the open window's completed latencies
  std::vector<Histogram> ages_;                            // per flow: the open window's stale reads' ages
  std::vector<std::array<std::uint64_t, 2>> block_reads_;  // per block: the open window's reads, stale reads
  std::vector<BlockTotals> last_;                          // per block: totals at the last boundary
  TimelineSeries series_;
};

}  // namespace sdsim
