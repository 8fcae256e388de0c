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

// The mean over the replications where the value exists (not NaN); NaN, with no samples, when none does.
Estimate estimate_present(std::span<const double> values, double confidence) {
  std::vector<double> present;
  for (double v : values) {
    if (!std::isnan(v)) present.push_back(v);
  }
  return present.empty() ? Estimate{std::numeric_limits<double>::quiet_NaN(), 0, 0}
                         : estimate_mean(present, confidence);
}

FaultFigures<Estimate> aggregate_fault(std::span<const RunSummary> reps, std::size_t fault,
                                       double confidence) {
  const FaultFigures<double>& first = reps[0].faults[fault];
  FaultFigures<Estimate> out;
  out.type = first.type;
  out.target = first.target;
  out.start_s = first.start_s;
  out.duration_s = first.duration_s;
  out.next_fault_s = first.next_fault_s;
  std::vector<double> lost, lag;
  for (const RunSummary& r : reps) {
    out.failed_writer = out.failed_writer || r.faults[fault].failed_writer;
    lost.push_back(r.faults[fault].writes_lost);
    lag.push_back(r.faults[fault].lag_ms);
  }
  out.writes_lost = estimate_mean(lost, confidence);
  out.lag_ms = estimate_mean(lag, confidence);
  for (std::size_t f = 0; f < first.recovery.size(); ++f) {
    FaultRecoveryFigures<Estimate>& target = out.recovery.emplace_back();
    target.flow = first.recovery[f].flow;
    std::vector<double> breached, recovered, rto;
    for (const RunSummary& r : reps) {
      const FaultRecoveryFigures<double>& one = r.faults[fault].recovery[f];
      breached.push_back(one.breached);
      recovered.push_back(one.recovered);
      rto.push_back(one.rto_s);
    }
    target.breached = estimate_mean(breached, confidence);
    target.recovered = estimate_mean(recovered, confidence);
    target.rto_s = estimate_present(rto, confidence);
  }
  return out;
}

// Judged reads: figures and age percentiles as means; per visibility bin, the mean reads per run and the mean
// P(fresh) over the replications with reads in the bin.
std::vector<ConsistencyFigures<Estimate>> aggregate_reads(
    std::span<const RunSummary> reps, double confidence,
    const std::vector<ConsistencyFigures<double>> RunSummary::*list) {
  std::vector<ConsistencyFigures<Estimate>> out;
  const std::vector<ConsistencyFigures<double>>& first = reps[0].*list;
  for (std::size_t i = 0; i < first.size(); ++i) {
    ConsistencyFigures<Estimate>& target = out.emplace_back();
    target.name = first[i].name;
    auto get = [&](const RunSummary& r) { return (r.*list)[i]; };
    aggregate_figures(target, reps, confidence, get);
    aggregate_figures(target.age, reps, confidence, [&](const RunSummary& r) { return get(r).age; });
    for (std::size_t b = 0; b < first[i].visibility.size(); ++b) {
      VisibilityBin<Estimate>& bin = target.visibility.emplace_back();
      bin.from_ms = first[i].visibility[b].from_ms;
      bin.to_ms = first[i].visibility[b].to_ms;
      std::vector<double> reads, fresh;
      for (const RunSummary& r : reps) {
        reads.push_back((r.*list)[i].visibility[b].reads);
        fresh.push_back((r.*list)[i].visibility[b].fresh_fraction);
      }
      bin.reads = estimate_mean(reads, confidence);
      bin.fresh_fraction = estimate_present(fresh, confidence);
    }
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

  aggregate_figures(out.cost, reps, confidence, [](const RunSummary& r) { return r.cost; });
  for (std::size_t slo = 0; slo < first.slos.size(); ++slo)
    out.slos.push_back(aggregate_slo(reps, slo, confidence));

  out.guards.resize(first.guards.size());
  for (std::size_t g = 0; g < first.guards.size(); ++g) {
    GuardFigures<Estimate>& target = out.guards[g];
    const GuardFigures<double>& like = first.guards[g];
    target.call = like.call;
    target.has_timeout = like.has_timeout;
    target.has_retry = like.has_retry;
    target.has_budget = like.has_budget;
    target.has_breaker = like.has_breaker;
    aggregate_figures(target, reps, confidence, [g](const RunSummary& r) { return r.guards[g]; });
  }
  for (std::size_t f = 0; f < first.faults.size(); ++f)
    out.faults.push_back(aggregate_fault(reps, f, confidence));
  out.read_flows = aggregate_reads(reps, confidence, &RunSummary::read_flows);
  out.read_blocks = aggregate_reads(reps, confidence, &RunSummary::read_blocks);
  return out;
}

}  // namespace sdsim
