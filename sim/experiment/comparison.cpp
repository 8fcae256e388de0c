#include "sim/experiment/comparison.hpp"

#include <functional>

namespace sdsim {

namespace {

// One figure of one replication; nullopt when the design lacks it.
using Extract = std::function<std::optional<double>(const RunSummary&)>;

std::optional<std::size_t> flow_index(const RunSummary& s, const std::string& flow) {
  for (std::size_t f = 0; f < s.flows.size(); ++f) {
    if (s.flows[f].name == flow) return f;
  }
  return std::nullopt;
}

std::optional<double> stale_fraction(const RunSummary& s) {
  double reads = 0, stale = 0;
  for (const ConsistencyFigures<double>& c : s.read_flows) {
    reads += c.reads;
    stale += c.stale;
  }
  if (reads <= 0) return std::nullopt;
  return stale / reads;
}

// The best design's mean leads every other design's by a paired interval that excludes 0.
std::optional<std::size_t> clear_best(const ComparedFigure& f, std::span<const ExperimentResult> results,
                                      const Extract& extract, double scale) {
  std::optional<std::size_t> best;
  for (std::size_t d = 0; d < f.values.size(); ++d) {
    if (!f.values[d]) continue;
    if (!best || (f.lower_is_better ? f.values[d]->mean < f.values[*best]->mean
                                    : f.values[d]->mean > f.values[*best]->mean))
      best = d;
  }
  if (!best) return std::nullopt;
  for (std::size_t d = 0; d < f.values.size(); ++d) {
    if (d == *best || !f.values[d]) continue;
    std::vector<double> differences;
    for (std::size_t r = 0; r < results[d].replications.size(); ++r) {
      auto a = extract(results[*best].replications[r]);
      auto b = extract(results[d].replications[r]);
      if (a && b) differences.push_back(scale * (*b - *a));
    }
    const Estimate diff = estimate_mean(differences);
    if (differences.size() < 2 || diff.contains(0)) return std::nullopt;
  }
  return best;
}

ComparedFigure compare(std::string name, std::string unit, bool lower_is_better, double scale,
                       std::span<const ExperimentResult> results, const Extract& extract) {
  ComparedFigure f{std::move(name), std::move(unit), lower_is_better, {}, {}, std::nullopt};
  for (const ExperimentResult& result : results) {
    std::vector<double> values, deltas;
    bool present = true;
    for (std::size_t r = 0; r < result.replications.size() && present; ++r) {
      auto v = extract(result.replications[r]);
      auto first = extract(results[0].replications[r]);
      if (!v) {
        present = false;
        break;
      }
      values.push_back(scale * *v);
      if (first) deltas.push_back(scale * (*v - *first));
    }
    const bool is_first = &result == &results[0];
    f.values.push_back(present ? std::optional(estimate_mean(values)) : std::nullopt);
    f.deltas.push_back(present && !is_first && deltas.size() == values.size()
                           ? std::optional(estimate_mean(deltas))
                           : std::nullopt);
  }
  f.best = clear_best(f, results, extract, scale);
  return f;
}

}  // namespace

Comparison compare_results(std::span<const ExperimentResult> results) {
  Comparison out;
  if (results.empty()) return out;
  out.scenario = results[0].scenario_name;
  out.replications = static_cast<std::uint32_t>(results[0].replications.size());
  for (const ExperimentResult& r : results)
    out.designs.push_back(r.design_name);
  const RunSummary& first = results[0].replications.at(0);
  auto flow_figure = [](const std::string& flow, auto get) -> Extract {
    return [flow, get](const RunSummary& s) -> std::optional<double> {
      auto f = flow_index(s, flow);
      if (!f) return std::nullopt;
      return get(s.flows[*f]);
    };
  };
  for (const FlowFigures<double>& flow : first.flows) {
    const std::string& n = flow.name;
    out.figures.push_back(
        compare(n + " done/s", "requests/s", false, 1, results,
                flow_figure(n, [](const FlowFigures<double>& f) { return f.throughput_per_s; })));
    out.figures.push_back(
        compare(n + " success", "%", false, 100, results,
                flow_figure(n, [](const FlowFigures<double>& f) { return f.success_fraction; })));
    out.figures.push_back(
        compare(n + " mean", "ms", true, 1, results,
                flow_figure(n, [](const FlowFigures<double>& f) { return f.latency.mean_ms; })));
    out.figures.push_back(
        compare(n + " p99", "ms", true, 1, results,
                flow_figure(n, [](const FlowFigures<double>& f) { return f.latency.p99_ms; })));
  }
  out.figures.push_back(compare("all flows success", "%", false, 100, results, [](const RunSummary& s) {
    return std::optional(s.overall.success_fraction);
  }));
  bool judged = false;
  for (const ExperimentResult& r : results)
    judged = judged || stale_fraction(r.replications.at(0)).has_value();
  if (judged) out.figures.push_back(compare("stale reads", "%", true, 100, results, stale_fraction));
  out.figures.push_back(compare("cost", "USD/month", true, 1, results,
                                [](const RunSummary& s) { return std::optional(s.cost.usd_per_month); }));
  out.figures.push_back(
      compare("cost per million requests", "USD", true, 1, results,
              [](const RunSummary& s) { return std::optional(s.cost.usd_per_million_requests); }));
  return out;
}

}  // namespace sdsim
