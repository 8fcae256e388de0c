#pragma once
// What happened since the last look: each flow's finished requests and latency percentiles, each block's
// arrivals, completions, rejections and time-averaged occupancy. An observer of the engine; take() closes the
// window at any moment (a live snapshot), whatever the statistics resets in between.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/core/observer.hpp"
#include "sim/metrics/histogram.hpp"

namespace sdsim::live {

struct FlowWindowFigures {
  std::uint64_t completed = 0;
  std::uint64_t failed = 0;
  std::array<std::uint64_t, outcome_count> ended{};  // by Outcome; ended[completed] == completed
  double p50_ms = 0;                                 // ms over the window's completed requests; 0 when none
  double p99_ms = 0;
};

struct BlockWindowFigures {
  std::uint64_t arrivals = 0;
  std::uint64_t completions = 0;
  std::uint64_t rejections = 0;
  std::uint32_t servers = 0;   // the window's time-averaged servers, rounded
  double utilization = 0;      // time-averaged busy servers / servers over the window (0 without servers)
  double mean_in_system = 0;   // time-averaged waiting or in service over the window
  std::int64_t in_system = 0;  // now
};

struct WindowFigures {
  double span_s = 0;                       // simulated seconds the window covers
  std::vector<FlowWindowFigures> flows;    // by FlowId
  std::vector<BlockWindowFigures> blocks;  // by BlockId
};

class WindowMeter final : public Observer {
 public:
  explicit WindowMeter(std::size_t flow_count);

  std::uint32_t interests() const override { return interest_request_ends; }
  void on_request_end(const RequestEnd& e) override;
  void on_statistics_reset(SimTime now) override;

  // The figures since the previous take() (or the start) up to `now`; `blocks` are every block's counters
  // now, by BlockId.
  WindowFigures take(SimTime now, std::span<const BlockCounters> blocks);

 private:
  struct Totals {
    std::uint64_t arrivals = 0;
    std::uint64_t completions = 0;
    std::uint64_t rejections = 0;
    double busy_area = 0;     // busy servers x ns since the counters' reset
    double servers_area = 0;  // servers x ns, the same (servers change while a pool scales)
    double in_system_area = 0;
  };

  std::vector<FlowWindowFigures> open_;
  std::vector<Histogram> latency_;
  std::vector<Totals> last_;
  SimTime counters_since_ = 0;  // the blocks' counters count from here
  SimTime window_start_ = 0;
};

}  // namespace sdsim::live
