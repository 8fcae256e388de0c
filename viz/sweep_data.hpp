#pragma once
// A sweep's trade-offs as plain values (the application converts a sweep result file), and the two charts of
// the sweep view: p99 latency and availability, each against USD per month, every point as a marker and the
// Pareto frontier's points marked and joined in cost order. Pure code.
#include <string>
#include <vector>

#include "viz/chart_data.hpp"

namespace sdsim::viz {

struct TradeOffPoint {
  double usd_per_month = 0;
  double p99_ms = 0;            // of the sweep's Pareto flow
  double availability_pct = 0;  // every flow together, %
  bool latency_frontier = false;
  bool availability_frontier = false;
};

struct TradeOffs {
  std::string design;
  std::string scenario;
  std::string flow;  // whose p99 is plotted
  std::vector<TradeOffPoint> points;
};

// p99 (ms) against $/month, then availability (%) against $/month.
std::vector<ChartModel> trade_off_charts(const TradeOffs& sweep);

}  // namespace sdsim::viz
