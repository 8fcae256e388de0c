#include "sim/metrics/summary.hpp"

namespace sdsim {

namespace {

// Replaces each figure of `out` with the estimate over the replications' values of the same figure.
template <typename Figures, typename Get>
void aggregate_figures(Figures& out, std::span<const RunSummary> reps, double confidence, Get get) {
  std::vector<std::vector<double>> columns;  // [figure][replication]
  for (const RunSummary& r : reps) {
    auto figures = get(r);
    std::size_t field = 0;
    for_each_figure(
        [&](const char*, double& v) {
          if (columns.size() <= field) columns.emplace_back();
          columns[field++].push_back(v);
        },
        figures);
  }
  std::size_t field = 0;
  for_each_figure([&](const char*, Estimate& e) { e = estimate_mean(columns[field++], confidence); }, out);
}

}  // namespace

ExperimentSummary aggregate(std::span<const RunSummary> reps, double confidence) {
  ExperimentSummary out;
  if (reps.empty()) return out;
  const RunSummary& first = reps[0];
  out.measured_s = first.measured_s;
  std::vector<double> events;
  for (const RunSummary& r : reps)
    events.push_back(r.events);
  out.events = estimate_mean(events, confidence);
  for (std::size_t c = 0; c < first.network_gb.size(); ++c) {
    std::vector<double> gb;
    for (const RunSummary& r : reps)
      gb.push_back(r.network_gb[c]);
    out.network_gb.push_back(estimate_mean(gb, confidence));
  }

  auto aggregate_flow = [&](FlowFigures<Estimate>& target, const FlowFigures<double>& like, auto get) {
    target.name = like.name;
    aggregate_figures(target, reps, confidence, get);
    aggregate_figures(target.latency, reps, confidence, [&](const RunSummary& r) { return get(r).latency; });
  };
  aggregate_flow(out.overall, first.overall, [](const RunSummary& r) { return r.overall; });
  out.flows.resize(first.flows.size());
  for (std::size_t f = 0; f < first.flows.size(); ++f) {
    aggregate_flow(out.flows[f], first.flows[f], [f](const RunSummary& r) { return r.flows[f]; });
  }

  out.blocks.resize(first.blocks.size());
  for (std::size_t b = 0; b < first.blocks.size(); ++b) {
    BlockFigures<Estimate>& target = out.blocks[b];
    target.name = first.blocks[b].name;
    target.kind = first.blocks[b].kind;
    target.servers = first.blocks[b].servers;
    aggregate_figures(target, reps, confidence, [b](const RunSummary& r) { return r.blocks[b]; });
    aggregate_figures(target.sojourn, reps, confidence,
                      [b](const RunSummary& r) { return r.blocks[b].sojourn; });
    aggregate_figures(target.wait, reps, confidence, [b](const RunSummary& r) { return r.blocks[b].wait; });
  }
  return out;
}

}  // namespace sdsim
