#include "app/viz_sweep.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "sim/experiment/sweep_json.hpp"
#include "viz/display.hpp"
#include "viz/sweep_data.hpp"

namespace sdsim::app {

namespace {

viz::TradeOffs trade_offs(const Sweep& sweep) {
  viz::TradeOffs out{sweep.design, sweep.scenario, sweep.pareto_flow, {}};
  for (const SweepPoint& p : sweep.points) {
    viz::TradeOffPoint point{.usd_per_month = p.usd_per_month.mean,
                             .p99_ms = 0,
                             .availability_pct = 100 * p.availability.mean,
                             .latency_frontier = p.latency_frontier,
                             .availability_frontier = p.availability_frontier};
    for (const SweepFlow& f : p.flows) {
      if (f.name == sweep.pareto_flow) point.p99_ms = f.p99_ms.mean;
    }
    out.points.push_back(point);
  }
  return out;
}

}  // namespace

int viz_sweep(const std::string& sweep_path, const std::string& png, const viz::ExportOptions& options) {
  std::ifstream in(sweep_path, std::ios::binary);
  if (!in) {
    std::cerr << "sdsim viz: cannot read " << sweep_path
              << " (write one with 'sdsim sweep ... --json FILE')\n";
    return exit_bad_input;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string error;
  const auto sweep = sweep_from_json(text.str(), error);
  if (!sweep) {
    std::cerr << "sdsim viz: " << sweep_path << ": " << error << "\n";
    return exit_bad_input;
  }
  if (sweep->points.empty()) {
    std::cerr << "sdsim viz: " << sweep_path << ": the sweep has no points to draw\n";
    return exit_bad_input;
  }
  if (const std::string problem = viz::display_problem(); !problem.empty()) {
    std::cerr << "sdsim viz: " << problem << "\n";
    return exit_output;
  }
  const std::string title = sweep->design + "  ·  " + sweep->scenario + "  ·  sweep of " +
                            std::to_string(sweep->points.size()) + " points";
  const std::string problem =
      viz::export_charts_png(title, viz::trade_off_charts(trade_offs(*sweep)), png, options);
  if (!problem.empty()) {
    std::cerr << "sdsim viz: " << problem << "\n";
    return exit_output;
  }
  std::cout << "Wrote " << png << "\n";
  return exit_ok;
}

}  // namespace sdsim::app
