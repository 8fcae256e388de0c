#include "app/trace_recording.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include "sim/experiment/price_builder.hpp"
#include "sim/metrics/cost.hpp"

namespace sdsim::app {

namespace {

// `series`, when given, supplies each block's server count.
trace::Topology topology(const Design& design, const TimelineSeries* series) {
  trace::Topology t;
  for (const RegionSpec& r : design.regions)
    t.regions.push_back(trace::Region{r.name, r.zones});
  for (const BlockSpec& b : design.blocks) {
    trace::BlockInfo info{.name = b.name, .kind = b.kind, .zones = b.placement, .servers = 0};
    if (series) {
      auto it = std::find(series->block_names.begin(), series->block_names.end(), b.name);
      if (it != series->block_names.end()) {
        const auto& windows = series->blocks[static_cast<std::size_t>(it - series->block_names.begin())];
        if (!windows.empty()) info.servers = windows.front().servers;
      }
    }
    t.blocks.push_back(std::move(info));
  }
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  auto add = [&](const std::string& from, const std::string& to, const std::string& flow) {
    if (seen.insert({from, to, flow}).second) t.edges.push_back(trace::Edge{from, to, flow});
  };
  auto walk = [&](auto&& self, const std::string& from, const CallSpec& call,
                  const std::string& flow) -> void {
    add(from, call.to, flow);
    for (const CallSpec& child : call.calls)
      self(self, call.to, child, flow);
  };
  for (const FlowSpec& f : design.flows)
    walk(walk, f.consume.empty() ? "client" : f.consume, f.root, f.name);
  for (const BlockSpec& b : design.blocks) {
    for (const RouteSpec& r : b.next)
      add(b.name, r.to, "");
  }
  return t;
}

std::vector<std::string> zones_named(const Design& design, const std::string& name) {
  for (const RegionSpec& r : design.regions) {
    if (r.name == name) return r.zones;
    if (std::find(r.zones.begin(), r.zones.end(), name) != r.zones.end()) return {name};
  }
  return {};
}

std::vector<trace::FaultWindow> faults(const Design& design, const Scenario& scenario) {
  std::vector<trace::FaultWindow> out;
  for (const FaultSpec& f : scenario.faults) {
    std::string target;
    std::vector<std::string> zones, blocks;
    if (!f.block.empty()) {
      target = f.block;
      blocks.push_back(f.block);
    } else if (!f.zone.empty()) {
      target = f.zone;
      zones = zones_named(design, f.zone);
    } else if (!f.region.empty()) {
      target = f.region;
      zones = zones_named(design, f.region);
    } else if (f.between.size() == 2) {
      target = f.between[0] + " <-> " + f.between[1];
      for (const std::string& side : f.between) {
        for (const std::string& z : zones_named(design, side))
          zones.push_back(z);
      }
    }
    out.push_back(trace::FaultWindow{.type = f.type,
                                     .target = std::move(target),
                                     .start_s = f.start_s,
                                     .duration_s = f.duration_s,
                                     .zones = std::move(zones),
                                     .blocks = std::move(blocks)});
  }
  return out;
}

trace::FlowPoint flow_point(const FlowWindow& w) {
  trace::FlowPoint p;
  p.completed = w.completed;
  // Outcome order after `completed` is the trace's failure_reasons order.
  for (std::size_t r = 0; r < trace::failure_reasons.size(); ++r)
    p.failed[r] = w.ended[r + 1];
  p.p50_ms = w.p50_ms;
  p.p99_ms = w.p99_ms;
  p.reads = w.reads;
  p.stale_reads = w.stale_reads;
  p.stale_p99_ms = w.stale_p99_ms;
  return p;
}

trace::BlockPoint block_point(const BlockWindow& w) {
  return trace::BlockPoint{.arrivals = w.arrivals,
                           .completions = w.completions,
                           .rejections = w.rejections,
                           .servers = w.servers,
                           .utilization = w.utilization,
                           .mean_in_system = w.mean_in_system,
                           .in_system_end = w.in_system_end,
                           .reads = w.reads,
                           .stale_reads = w.stale_reads};
}

trace::StationTheory station_theory(const StationCheck& c) {
  return trace::StationTheory{.arrival_rate_per_s = c.arrival_rate_per_s,
                              .utilization = c.theory.utilization,
                              .stable = c.theory.stable,
                              .mean_wait_ms = c.theory.stable ? 1000 * c.theory.mean_wait_s : 0,
                              .p99_wait_ms = c.theory.stable ? 1000 * c.theory.p99_wait_s : 0,
                              .sim_mean_wait_ms = c.mean_wait_ms.mean,
                              .sim_p99_wait_ms = c.p99_wait_ms.mean,
                              .agrees = c.agrees,
                              .reasons = c.reasons};
}

// Each drawn block's cost at the simulated load and, for a checked station, theory beside the simulation.
std::vector<trace::BlockFigures> block_figures(const trace::Topology& t, const RunSummary& s,
                                               const Explanation& explanation) {
  std::vector<trace::BlockFigures> out(t.blocks.size());
  for (std::size_t i = 0; i < t.blocks.size(); ++i) {
    for (const auto& figures : s.blocks) {
      // 0 means the block has no price model: leave it out rather than show "$0".
      if (figures.name == t.blocks[i].name && figures.usd_per_month > 0)
        out[i].usd_per_month = figures.usd_per_month;
    }
    for (const StationCheck& c : explanation.stations) {
      if (c.block == t.blocks[i].name) out[i].theory = station_theory(c);
    }
  }
  return out;
}

// Each judged flow's t-visibility curve, the bins some read fell in.
std::vector<trace::FlowVisibility> visibility(const RunSummary& s) {
  std::vector<trace::FlowVisibility> out;
  for (const auto& flow : s.read_flows) {
    trace::FlowVisibility v{flow.name, {}};
    for (const auto& bin : flow.visibility) {
      if (!(bin.reads > 0) || !std::isfinite(bin.fresh_fraction)) continue;
      v.bins.push_back(trace::VisibilityBin{.from_ms = bin.from_ms,
                                            .to_ms = std::isfinite(bin.to_ms) ? bin.to_ms : 0,
                                            .reads = bin.reads,
                                            .fresh_fraction = bin.fresh_fraction});
    }
    if (!v.bins.empty()) out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

trace::Trace make_trace(const Design& design, const Scenario& scenario, const ExperimentResult& result) {
  const TimelineSeries& series = *result.timeline;
  trace::Trace t;
  t.design = design.name;
  t.scenario = scenario.name;
  t.seed = result.replication_seeds.front();
  t.start_s = series.start_s;
  t.end_s = scenario.warmup_s + scenario.duration_s;
  t.window_s = series.window_s;
  t.topology = topology(design, &series);
  t.faults = faults(design, scenario);
  const std::vector<std::optional<SloTarget>> slos = slo_targets(scenario, series.flow_names);
  for (std::size_t f = 0; f < series.flow_names.size(); ++f) {
    trace::FlowInfo info{series.flow_names[f], std::nullopt};
    if (f < slos.size() && slos[f]) {
      info.slo = trace::FlowSlo{.latency_ms = slos[f]->latency_ms,
                                .percentile = slos[f]->percentile,
                                .availability = slos[f]->availability};
    }
    t.flows.push_back(std::move(info));
  }
  // The series index of each drawn block (the series also holds the scenario's load sources).
  std::vector<std::size_t> index;
  for (const trace::BlockInfo& b : t.topology.blocks) {
    auto it = std::find(series.block_names.begin(), series.block_names.end(), b.name);
    index.push_back(static_cast<std::size_t>(it - series.block_names.begin()));
  }
  std::vector<PriceModel> prices;
  for (const BlockSpec& b : design.blocks)
    prices.push_back(price_model_of(b));
  for (std::size_t w = 0; w < series.window_end_s.size(); ++w) {
    trace::Window window;
    window.end_s = series.window_end_s[w];
    const double length_s = window.end_s - (w == 0 ? series.start_s : series.window_end_s[w - 1]);
    for (const auto& flow : series.flows)
      window.flows.push_back(flow_point(flow[w]));
    for (std::size_t b = 0; b < index.size(); ++b) {
      const std::size_t i = index[b];
      if (i >= series.blocks.size()) {
        window.blocks.push_back(trace::BlockPoint{});
        continue;
      }
      trace::BlockPoint p = block_point(series.blocks[i][w]);
      // The report's cost model over this window alone; 0 means the block has no price model.
      const double usd = monthly_usd(series.blocks[i][w].usage, prices[b], length_s) / hours_per_month;
      if (usd > 0) p.usd_per_hour = usd;
      window.blocks.push_back(p);
    }
    t.windows.push_back(std::move(window));
  }
  // The headline of the replication the windows come from.
  const RunSummary& s = result.replications.front();
  for (const auto& f : s.flows) {
    t.headline.flows.push_back(trace::FlowHeadline{.name = f.name,
                                                   .throughput_per_s = f.throughput_per_s,
                                                   .success_fraction = f.success_fraction,
                                                   .p50_ms = f.latency.p50_ms,
                                                   .p99_ms = f.latency.p99_ms});
  }
  t.headline.usd_per_month = s.cost.usd_per_month;
  t.block_figures = block_figures(t.topology, s, result.explanation);
  t.visibility = visibility(s);
  t.headline.events = s.events;
  return t;
}

trace::Trace trace_outline(const Design& design, const Scenario& scenario) {
  trace::Trace t;
  t.design = design.name;
  t.scenario = scenario.name;
  t.seed = scenario.seed;
  t.start_s = 0;
  t.end_s = scenario.warmup_s + scenario.duration_s;
  t.topology = topology(design, nullptr);
  std::vector<std::string> names;
  for (const FlowSpec& f : design.flows)
    names.push_back(f.name);
  const std::vector<std::optional<SloTarget>> slos = slo_targets(scenario, names);
  for (std::size_t f = 0; f < names.size(); ++f) {
    trace::FlowInfo info{names[f], std::nullopt};
    if (slos[f]) {
      info.slo = trace::FlowSlo{.latency_ms = slos[f]->latency_ms,
                                .percentile = slos[f]->percentile,
                                .availability = slos[f]->availability};
    }
    t.flows.push_back(std::move(info));
  }
  return t;
}

trace::Trace record_trace(const Design& design, Scenario scenario, const ProgressFn& progress) {
  scenario.replications = 1;
  RunOptions options;
  options.timeline_window_s = timeline_window_s(scenario.duration_s);
  const ExperimentResult result = run_experiment(design, scenario, progress, options);
  return make_trace(design, scenario, result);
}

}  // namespace sdsim::app
