#include "sim/metrics/summary.hpp"

#include <cmath>
#include <limits>

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

// The mean of the values that exist (not NaN); NaN when none does.
double mean_of_present(std::span<const double> values) {
  double sum = 0;
  std::size_t n = 0;
  for (double v : values) {
    if (std::isnan(v)) continue;
    sum += v;
    ++n;
  }
  return n ? sum / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
}

// Per window, the mean across replications (all have the same windows: the same measured time) of the
// values that exist.
template <typename Get>
std::vector<double> mean_series(std::span<const RunSummary> reps, std::size_t slo, Get get) {
  std::vector<double> out(get(reps[0].slos[slo].windows).size());
  std::vector<double> column;
  for (std::size_t w = 0; w < out.size(); ++w) {
    column.clear();
    for (const RunSummary& r : reps) {
      const std::vector<double>& series = get(r.slos[slo].windows);
      if (w < series.size()) column.push_back(series[w]);
    }
    out[w] = mean_of_present(column);
  }
  return out;
}

SloFigures<Estimate> aggregate_slo(std::span<const RunSummary> reps, std::size_t slo, double confidence) {
  const SloFigures<double>& first = reps[0].slos[slo];
  SloFigures<Estimate> out;
  out.flow = first.flow;
  out.target = first.target;
  out.window_s = first.window_s;
  out.window_start_s = first.window_start_s;
  aggregate_figures(out, reps, confidence, [slo](const RunSummary& r) { return r.slos[slo]; });
  std::vector<double> breaches;
  for (const RunSummary& r : reps) {
    if (!std::isnan(r.slos[slo].first_breach_s)) breaches.push_back(r.slos[slo].first_breach_s);
  }
  out.first_breach_s = breaches.empty() ? Estimate{std::numeric_limits<double>::quiet_NaN(), 0, 0}
                                        : estimate_mean(breaches, confidence);
  using Series = std::vector<double> SloSeries::*;
  for (Series series : {&SloSeries::finished, &SloSeries::good, &SloSeries::slow, &SloSeries::availability,
                        &SloSeries::latency_ms, &SloSeries::met}) {
    out.windows.*series = mean_series(
        reps, slo, [series](const SloSeries& s) -> const std::vector<double>& { return s.*series; });
  }
  for (std::size_t o = 0; o < outcome_count; ++o) {
    out.windows.ended[o] =
        mean_series(reps, slo, [o](const SloSeries& s) -> const std::vector<double>& { return s.ended[o]; });
  }
  return out;
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

  for (std::size_t slo = 0; slo < first.slos.size(); ++slo)
    out.slos.push_back(aggregate_slo(reps, slo, confidence));
  return out;
}

}  // namespace sdsim
