#include "viz/sweep_data.hpp"

#include <algorithm>

#include "viz/scale.hpp"

namespace sdsim::viz {

namespace {

ChartModel trade_off(const TradeOffs& s, std::string title, std::string unit, double TradeOffPoint::*value,
                     bool TradeOffPoint::*on_frontier) {
  ChartModel m;
  m.title = std::move(title);
  m.y_unit = std::move(unit);
  m.x_unit = "cost (USD/month)";
  ChartLine all{"design points", palette::p50, {}};
  ChartLine frontier{"on the Pareto frontier", palette::slo, {}};
  double lo = 0, hi = 0, top = 0;
  for (const TradeOffPoint& p : s.points) {
    all.points.emplace_back(p.usd_per_month, p.*value);
    if (p.*on_frontier) frontier.points.emplace_back(p.usd_per_month, p.*value);
    lo = all.points.size() == 1 ? p.usd_per_month : std::min(lo, p.usd_per_month);
    hi = std::max(hi, p.usd_per_month);
    top = std::max(top, p.*value);
  }
  std::sort(frontier.points.begin(), frontier.points.end());
  // The frontier: its points marked over the others, joined in cost order (a line without a legend entry).
  ChartLine joined{"", palette::slo, frontier.points};
  const double pad = std::max((hi - lo) * 0.05, 1.0);
  m.t0 = std::max(0.0, lo - pad);
  m.t1 = hi + pad;
  m.y_min = 0;
  m.y_max = nice_ceiling(std::max(top * 1.05, 1e-9));
  m.markers.push_back(std::move(all));
  m.markers.push_back(std::move(frontier));
  m.lines.push_back(std::move(joined));
  return m;
}

}  // namespace

std::vector<ChartModel> trade_off_charts(const TradeOffs& s) {
  const std::string flow = s.flow.empty() ? "" : " (" + s.flow + ")";
  ChartModel availability =
      trade_off(s, "Availability against cost", "completed (%)", &TradeOffPoint::availability_pct,
                &TradeOffPoint::availability_frontier);
  // Up to 100%, from a little under the worst point, so that 99.9 and 99.99 can be told apart.
  double worst = 100;
  for (const TradeOffPoint& p : s.points)
    worst = std::min(worst, p.availability_pct);
  availability.y_max = 100;
  availability.y_min = std::max(0.0, 100 - nice_ceiling(std::max(0.1, (100 - worst) * 1.2)));
  return {trade_off(s, "p99 latency" + flow + " against cost", "p99 latency (ms)", &TradeOffPoint::p99_ms,
                    &TradeOffPoint::latency_frontier),
          std::move(availability)};
}

}  // namespace sdsim::viz
