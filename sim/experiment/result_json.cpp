#include "sim/experiment/result_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "sim/core/network.hpp"

namespace sdsim {

namespace {

using Json = nlohmann::ordered_json;

double rounded(double x) {
  char text[64];
  std::snprintf(text, sizeof text, "%.9g", x);
  return std::strtod(text, nullptr);
}

Json estimate_json(const Estimate& e) {
  return Json{{"mean", rounded(e.mean)}, {"ci95", rounded(e.half_width)}};
}

template <typename Figures>
void add_figures(Json& out, Figures& figures) {
  for_each_figure([&](const char* name, Estimate& e) { out[name] = estimate_json(e); }, figures);
}

Json latency_json(LatencyFigures<Estimate> latency) {
  Json out = Json::object();
  add_figures(out, latency);
  return out;
}

Json flow_json(FlowFigures<Estimate> flow) {
  Json out = Json::object();
  out["name"] = flow.name;
  add_figures(out, flow);
  out["latency"] = latency_json(flow.latency);
  return out;
}

Json block_json(BlockFigures<Estimate> block) {
  Json out = Json::object();
  out["name"] = block.name;
  out["kind"] = block.kind;
  out["servers"] = block.servers;
  add_figures(out, block);
  out["sojourn"] = latency_json(block.sojourn);
  out["wait"] = latency_json(block.wait);
  return out;
}

// NaN and infinity have no JSON form: null.
Json value_or_null(double x) {
  return std::isfinite(x) ? Json(rounded(x)) : Json(nullptr);
}

Json series_json(const std::vector<double>& values) {
  Json out = Json::array();
  for (double v : values)
    out.push_back(value_or_null(v));
  return out;
}

Json slo_json(SloFigures<Estimate> slo) {
  Json out = Json::object();
  out["flow"] = slo.flow;
  Json target = Json::object();
  if (slo.target.has_latency()) {
    target["latency_ms"] = rounded(slo.target.latency_ms);
    target["percentile"] = rounded(slo.target.percentile);
  }
  if (slo.target.has_availability()) target["availability"] = rounded(slo.target.availability);
  out["target"] = target;
  out["window_s"] = rounded(slo.window_s);
  for_each_figure(
      [&](const char* name, Estimate& e) {
        const std::string key = name;
        if (key == "error_budget_spent" && !slo.target.has_availability()) return;
        if (key == "latency_budget_spent" && !slo.target.has_latency()) return;
        out[name] = Json{{"mean", value_or_null(e.mean)}, {"ci95", value_or_null(e.half_width)}};
      },
      slo);
  out["first_breach_s"] = std::isnan(slo.first_breach_s.mean)
                              ? Json(nullptr)
                              : Json{{"mean", rounded(slo.first_breach_s.mean)},
                                     {"ci95", rounded(slo.first_breach_s.half_width)},
                                     {"replications", slo.first_breach_s.samples}};
  // Per window, means across replications; windows are (start_s, start_s + window_s].
  const SloSeries& w = slo.windows;
  Json windows = Json::object();
  std::vector<double> starts;
  for (std::size_t i = 0; i < w.size(); ++i)
    starts.push_back(slo.window_start_s + static_cast<double>(i) * slo.window_s);
  windows["start_s"] = series_json(starts);
  windows["finished"] = series_json(w.finished);
  windows["good"] = series_json(w.good);
  windows["slow"] = series_json(w.slow);
  for (std::size_t o = 1; o < outcome_count; ++o) {
    bool any = false;
    for (double v : w.ended[o])
      any = any || v > 0;
    if (any) windows[outcome_name(static_cast<Outcome>(o))] = series_json(w.ended[o]);
  }
  windows["availability"] = series_json(w.availability);
  windows["latency_ms"] = series_json(w.latency_ms);
  windows["met"] = series_json(w.met);
  out["windows"] = windows;
  return out;
}

Json guard_json(GuardFigures<Estimate> guard) {
  Json out = Json::object();
  out["call"] = guard.call;
  add_figures(out, guard);
  return out;
}

Json fault_json(const FaultFigures<Estimate>& fault, bool has_slos) {
  Json out = Json::object();
  out["type"] = fault.type;
  out["target"] = fault.target;
  out["start_s"] = rounded(fault.start_s);
  out["duration_s"] = rounded(fault.duration_s);
  if (fault.failed_writer || fault.type == "writer_failover") {
    // RPO: acknowledged writes lost, and the replica lag that bounded them (0 for Aurora and Multi-AZ).
    out["rpo"] =
        Json{{"writes_lost", estimate_json(fault.writes_lost)}, {"lag_ms", estimate_json(fault.lag_ms)}};
  }
  // Recovery is judged up to the next fault's start (the windows after it show that fault's harm).
  if (std::isfinite(fault.next_fault_s)) out["judged_until_s"] = rounded(fault.next_fault_s);
  if (!has_slos) {
    out["recovery"] = nullptr;
    out["recovery_note"] = "RTO needs an SLO: state \"slos\" in the scenario";
    return out;
  }
  // Per flow with objectives: RTO from the fault's start to the first SLO window from which every window met.
  Json recovery = Json::array();
  for (const FaultRecoveryFigures<Estimate>& r : fault.recovery) {
    Json flow = Json::object();
    flow["flow"] = r.flow;
    flow["breached"] = estimate_json(r.breached);
    flow["recovered"] = estimate_json(r.recovered);
    flow["rto_s"] = std::isnan(r.rto_s.mean) ? Json(nullptr)
                                             : Json{{"mean", rounded(r.rto_s.mean)},
                                                    {"ci95", rounded(r.rto_s.half_width)},
                                                    {"replications", r.rto_s.samples}};
    recovery.push_back(flow);
  }
  out["recovery"] = recovery;
  return out;
}

// One flow's or block's judged reads; staleness ages are ms over stale reads; P(fresh) per bin of time since
// the key's newest write (the t-visibility curve), null in a bin no read fell in.
Json reads_json(ConsistencyFigures<Estimate> c) {
  Json out = Json::object();
  out["name"] = c.name;
  add_figures(out, c);
  out["age"] = latency_json(c.age);
  Json curve = Json::array();
  for (const VisibilityBin<Estimate>& bin : c.visibility) {
    curve.push_back(Json{{"from_ms", rounded(bin.from_ms)},
                         {"to_ms", value_or_null(bin.to_ms)},
                         {"reads", estimate_json(bin.reads)},
                         {"p_fresh",
                          {{"mean", value_or_null(bin.fresh_fraction.mean)},
                           {"ci95", value_or_null(bin.fresh_fraction.half_width)}}}});
  }
  out["visibility"] = curve;
  return out;
}

// The percentage of a window's reads that were stale; null in a window without reads.
double stale_pct(std::uint64_t reads, std::uint64_t stale) {
  return reads == 0 ? std::nan("") : 100.0 * static_cast<double>(stale) / static_cast<double>(reads);
}

// The first replication's judged reads window by window (windows are (start_s, start_s + window_s] on the
// run's clock, the last possibly shorter): per flow and per block that judged any read, its reads and stale
// percentage, and per flow the stale reads' age p99 (ms, 0 in a window without stale reads).
Json consistency_windows_json(const TimelineSeries& t, const std::vector<std::string>& flows,
                              const std::vector<std::string>& blocks) {
  Json out = Json::object();
  out["replication"] = 0;
  out["window_s"] = rounded(t.window_s);
  std::vector<double> starts;
  for (std::size_t w = 0; w < t.window_end_s.size(); ++w)
    starts.push_back(w == 0 ? t.start_s : t.window_end_s[w - 1]);
  out["start_s"] = series_json(starts);
  auto entries = [&](const std::vector<std::string>& names, const std::vector<std::string>& series_names,
                     const auto& series, bool with_age) {
    Json list = Json::array();
    for (const std::string& name : names) {
      const auto found = std::find(series_names.begin(), series_names.end(), name);
      if (found == series_names.end()) continue;
      const auto& windows = series[static_cast<std::size_t>(found - series_names.begin())];
      std::vector<double> reads, pct, p99;
      for (const auto& w : windows) {
        reads.push_back(static_cast<double>(w.reads));
        pct.push_back(stale_pct(w.reads, w.stale_reads));
        if constexpr (requires { w.stale_p99_ms; }) p99.push_back(w.stale_p99_ms);
      }
      Json entry = Json::object();
      entry["name"] = name;
      entry["reads"] = series_json(reads);
      entry["stale_pct"] = series_json(pct);
      if (with_age) entry["stale_p99_ms"] = series_json(p99);
      list.push_back(entry);
    }
    return list;
  };
  out["flows"] = entries(flows, t.flow_names, t.flows, true);
  out["blocks"] = entries(blocks, t.block_names, t.blocks, false);
  return out;
}

Json consistency_json(const ExperimentResult& result) {
  const ExperimentSummary& s = result.summary;
  Json out = Json::object();
  std::vector<std::string> judged[2];
  std::size_t list_index = 0;
  for (const auto& [key, list] : {std::pair{"flows", &s.read_flows}, std::pair{"blocks", &s.read_blocks}}) {
    Json entries = Json::array();
    for (const ConsistencyFigures<Estimate>& c : *list) {
      if (c.reads.mean > 0 || c.lost_updates.mean > 0) {
        entries.push_back(reads_json(c));
        if (c.reads.mean > 0) judged[list_index].push_back(c.name);
      }
    }
    out[key] = entries;
    ++list_index;
  }
  // Only runs that recorded windows (a trace or CSV asked for, or --windows).
  if (result.timeline) out["windows"] = consistency_windows_json(*result.timeline, judged[0], judged[1]);
  return out;
}

Json explanation_json(const Explanation& e) {
  Json out = Json::object();
  Json stations = Json::array();
  for (const StationCheck& c : e.stations) {
    Json theory = Json::object();
    theory["offered_erlangs"] = value_or_null(c.theory.offered_erlangs);
    theory["utilization"] = value_or_null(c.theory.utilization);
    theory["p_wait"] = value_or_null(c.theory.p_wait);
    theory["mean_wait_ms"] = value_or_null(1e3 * c.theory.mean_wait_s);
    theory["p99_wait_ms"] = value_or_null(1e3 * c.theory.p99_wait_s);
    theory["mean_in_system"] = value_or_null(c.theory.mean_in_system);
    Json simulated = Json::object();
    simulated["p_wait"] = estimate_json(c.p_wait);
    simulated["mean_wait_ms"] = estimate_json(c.mean_wait_ms);
    simulated["p99_wait_ms"] = estimate_json(c.p99_wait_ms);
    simulated["mean_in_system"] = estimate_json(c.mean_in_system);
    simulated["littles_law_l"] = value_or_null(c.littles_law_l);
    stations.push_back(Json{{"block", c.block},
                            {"servers", c.servers},
                            {"arrival_rate_per_s", value_or_null(c.arrival_rate_per_s)},
                            {"service_scv", value_or_null(c.service_scv)},
                            {"theory", theory},
                            {"simulated", simulated},
                            {"agrees", c.agrees},
                            {"reasons", c.reasons}});
  }
  out["stations"] = stations;
  out["caveats"] = e.caveats;
  Json composed = Json::array();
  for (const ComposedAvailability& c : e.composed) {
    composed.push_back(Json{{"flow", c.flow},
                            {"availability", value_or_null(c.availability)},
                            {"weakest_block", c.weakest},
                            {"weakest_availability", value_or_null(c.weakest_availability)}});
  }
  out["composed_availability"] = composed;
  const Diagnosis& d = e.diagnosis;
  out["diagnosis"] =
      Json{{"healthy", d.healthy},       {"verdict", d.verdict},     {"first_breach", d.first_breach},
           {"bottleneck", d.bottleneck}, {"mechanism", d.mechanism}, {"faults", d.faults},
           {"levers", d.levers}};
  return out;
}

bool judges_reads(const ExperimentSummary& s) {
  for (const ConsistencyFigures<Estimate>& c : s.read_flows) {
    if (c.reads.mean > 0 || c.lost_updates.mean > 0) return true;
  }
  return false;
}

}  // namespace

std::string result_to_json(const ExperimentResult& result) {
  const ExperimentSummary& s = result.summary;
  Json out = Json::object();
  out["format"] = result_format_version;
  out["design"] = result.design_name;
  out["scenario"] = result.scenario_name;
  out["seed"] = result.seed;
  out["replications"] = result.replications.size();
  out["replication_seeds"] = result.replication_seeds;
  if (!result.event_fingerprints.empty()) out["event_fingerprints"] = result.event_fingerprints;
  out["confidence_level"] = 0.95;
  out["measured_s"] = rounded(s.measured_s);
  out["events"] = estimate_json(s.events);
  out["overall"] = flow_json(s.overall);
  out["flows"] = Json::array();
  for (const auto& f : s.flows)
    out["flows"].push_back(flow_json(f));
  out["blocks"] = Json::array();
  for (const auto& b : s.blocks)
    out["blocks"].push_back(block_json(b));
  {
    Json cost = Json::object();
    CostFigures<Estimate> figures = s.cost;
    add_figures(cost, figures);
    out["cost"] = cost;
  }
  if (!s.network_gb.empty()) {
    // Only designs whose calls carry sizes: the others' results stay as they were.
    Json network = Json::object();
    for (std::size_t c = 0; c < s.network_gb.size(); ++c) {
      network[std::string(hop_class_name(static_cast<HopClass>(c))) + "_gb"] = estimate_json(s.network_gb[c]);
    }
    out["network"] = network;
  }
  if (!s.slos.empty()) {
    // Only scenarios that state objectives: the others' results stay as they were.
    out["slos"] = Json::array();
    for (const auto& slo : s.slos)
      out["slos"].push_back(slo_json(slo));
  }
  if (!s.guards.empty()) {
    // Only designs with calls that have resilience: per call, its attempts, retries, timeouts and refusals.
    out["resilience"] = Json::array();
    for (const auto& g : s.guards)
      out["resilience"].push_back(guard_json(g));
  }
  if (!s.faults.empty()) {
    out["faults"] = Json::array();
    for (const auto& f : s.faults)
      out["faults"].push_back(fault_json(f, !s.slos.empty()));
  }
  if (judges_reads(s)) {
    // Only designs whose reads of versioned data were judged (a DynamoDB-like table...).
    out["consistency"] = consistency_json(result);
  }
  out["explanation"] = explanation_json(result.explanation);
  return out.dump(2) + "\n";
}

std::string comparison_to_json(const Comparison& c) {
  Json out = Json::object();
  out["format"] = "sdsim.comparison/1";
  out["scenario"] = c.scenario;
  out["replications"] = c.replications;
  out["confidence_level"] = 0.95;
  out["designs"] = c.designs;
  out["figures"] = Json::array();
  auto optional_json = [](const std::optional<Estimate>& e) { return e ? estimate_json(*e) : Json(); };
  for (const ComparedFigure& f : c.figures) {
    Json figure = Json::object();
    figure["name"] = f.name;
    figure["unit"] = f.unit;
    figure["lower_is_better"] = f.lower_is_better;
    figure["values"] = Json::array();
    figure["deltas"] = Json::array();
    for (std::size_t d = 0; d < f.values.size(); ++d) {
      figure["values"].push_back(optional_json(f.values[d]));
      figure["deltas"].push_back(optional_json(f.deltas[d]));
    }
    figure["best"] = f.best ? Json(c.designs[*f.best]) : Json();
    out["figures"].push_back(figure);
  }
  return out.dump(2) + "\n";
}

}  // namespace sdsim
