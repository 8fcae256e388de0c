#include "app/sweep_table.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>
#include <vector>

#include "app/atomic_file.hpp"
#include "app/text_format.hpp"
#include "sim/experiment/sweep_json.hpp"

namespace sdsim::app {

namespace {

std::string figure(const Estimate& e, double scale, int decimals) {
  if (!std::isfinite(e.mean)) return "-";
  return fixed(scale * e.mean, decimals) + " ±" + fixed(scale * e.half_width, decimals);
}

std::string figure(const Estimate& e) {
  return figure(e, 1, decimals_for(std::abs(e.mean)));
}

const SweepFlow* find_flow(const SweepPoint& p, const std::string& name) {
  for (const SweepFlow& f : p.flows) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace

std::string format_sweep_table(const Sweep& sweep) {
  std::ostringstream out;
  const std::size_t total = sweep.grid.size();
  out << "sdsim sweep: design \"" << sweep.design << "\" under scenario \"" << sweep.scenario << "\", "
      << total << (total == 1 ? " point" : " points");
  if (sweep.shard) {
    out << "; shard " << sweep.shard->number << "/" << sweep.shard->count << " holds " << sweep.points.size();
  }
  out << "\n  seed " << sweep.seed << " at every point (common random numbers), " << sweep.replications
      << " replications each; ± is the 95% confidence half-width\n";
  for (const std::string& f : sweep.grid.fixed)
    out << "  fixed: " << f << "\n";
  if (sweep.shard) {
    out << "  frontiers are marked when the shards are merged (sdsim merge)\n";
  } else {
    out << "  frontier: L = p99 of \"" << sweep.pareto_flow
        << "\" against USD/month, A = availability against USD/month\n"
           "  (on a frontier: no other point is as good on both figures and better on one)\n";
  }
  out << "\n";
  bool judged = false;
  for (const SweepPoint& p : sweep.points)
    judged = judged || p.stale.has_value();

  std::vector<std::string> header{"#"};
  for (const SweepAxis& axis : sweep.grid.axes)
    header.push_back(axis.path);
  header.insert(header.end(),
                {sweep.pareto_flow + " done (req/s)", sweep.pareto_flow + " p99 (ms)", "availability (%)"});
  if (judged) header.push_back("stale reads (%)");
  header.insert(header.end(), {"cost (USD/month)", "USD/million requests"});
  if (!sweep.shard) header.push_back("frontier");

  std::vector<std::vector<std::string>> rows;
  for (const SweepPoint& p : sweep.points) {
    std::vector<std::string> row{std::to_string(p.index)};
    for (const std::string& v : sweep.grid.values(p.index))
      row.push_back(v);
    const SweepFlow* f = find_flow(p, sweep.pareto_flow);
    row.push_back(f ? figure(f->throughput_per_s) : "-");
    row.push_back(f ? figure(f->p99_ms) : "-");
    row.push_back(figure(p.availability, 100, 3));
    if (judged) row.push_back(p.stale ? figure(*p.stale, 100, 2) : "-");
    row.push_back(figure(p.usd_per_month));
    row.push_back(figure(p.usd_per_million));
    if (!sweep.shard) {
      std::string marks = std::string(p.latency_frontier ? "L" : "") +
                          (p.latency_frontier && p.availability_frontier ? " " : "") +
                          (p.availability_frontier ? "A" : "");
      row.push_back(marks);
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> widths(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    widths[c] = header[c].size();
    for (const auto& row : rows)
      widths[c] = std::max(widths[c], row[c].size());
  }
  auto print = [&](const std::vector<std::string>& row) {
    std::string line = " ";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool marks = c + 1 == row.size() && !sweep.shard;
      line += marks ? "  " + pad(row[c], widths[c], true) : pad(row[c], widths[c] + 2);
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out << line << "\n";
  };
  print(header);
  for (const auto& row : rows)
    print(row);
  return out.str();
}

std::string write_sweep_files(const Sweep& sweep, const std::string& json_path, const std::string& csv_path) {
  if (!json_path.empty()) {
    if (std::string problem = write_file_atomically(json_path, sweep_to_json(sweep)); !problem.empty())
      return "cannot write the JSON " + json_path + ": " + problem;
    std::cout << "Wrote " << json_path << "\n";
  }
  if (!csv_path.empty()) {
    if (std::string problem = write_file_atomically(csv_path, sweep_to_csv(sweep)); !problem.empty())
      return "cannot write the CSV " + csv_path + ": " + problem;
    std::cout << "Wrote " << csv_path << "\n";
  }
  return "";
}

}  // namespace sdsim::app
