#pragma once
// What each chart shows, computed from a trace: lines over time, objective lines, fault spans. Pure code;
// the chart view only draws these.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "trace/trace.hpp"
#include "viz/palette.hpp"

namespace sdsim::viz {

struct ChartLine {
  std::string label;
  Colour colour;
  std::vector<std::pair<double, double>> points;  // (s on the run's clock, value), in time order
};

struct ReferenceLine {
  std::string label;
  double value = 0;
  Colour colour;
};

struct ChartModel {
  std::string title;
  std::string y_unit;               // axis title, with its unit
  std::string x_unit = "time (s)";  // axis title under the plot
  bool log_x = false;  // x values are log10 of the quantity: ticks at whole decades, labelled 10^x
  double t0 = 0;       // s (or the x axis's quantity)
  double t1 = 1;
  double y_min = 0;
  double y_max = 1;
  std::vector<ChartLine> lines;
  std::vector<ChartLine> markers;  // points drawn as squares, not joined (a scatter)
  std::vector<ReferenceLine> references;
  std::vector<std::pair<double, double>> faults;  // [start, end) s
};

// The flow the charts follow: the first with a latency objective, else the first; 0 without flows.
std::size_t focus_flow(const trace::Trace& trace);

// p50 and p99 latency (ms) of `flow` per window, with its latency objective when it has one.
ChartModel latency_chart(const trace::Trace& trace, std::size_t flow);
// Completed requests per second (all flows) and failures per second by every reason that occurs.
ChartModel throughput_chart(const trace::Trace& trace);
// Share of `flow`'s finished requests that completed, per window (%), with its availability objective.
ChartModel availability_chart(const trace::Trace& trace, std::size_t flow);
// The flow whose reads were judged most often (fresh or stale); nullopt when no read was judged.
std::optional<std::size_t> most_read_flow(const trace::Trace& trace);
// Share of `flow`'s judged reads that were stale, per window (%).
ChartModel consistency_chart(const trace::Trace& trace, std::size_t flow);
// The stale reads' age p99 of `flow` (ms since the first write they missed), per window with stale reads.
ChartModel staleness_chart(const trace::Trace& trace, std::size_t flow);
// USD per hour per window: the design's total and the costliest blocks' (`blocks` lines of their own and the
// rest summed as "other", or every block its own line when that adds one line at most: the legend must fit a
// half-width chart). nullopt when the trace carries no window cost (unpriced, or older).
std::optional<ChartModel> cost_chart(const trace::Trace& trace, std::size_t blocks = 2);
// The t-visibility curve of `flow`: fresh reads (%) by time since the key's newest write, on a log axis in ms
// (each bin at its upper edge; the open last bin at twice its lower edge). nullopt when the trace holds none.
std::optional<ChartModel> visibility_chart(const trace::Trace& trace, std::size_t flow);

}  // namespace sdsim::viz
