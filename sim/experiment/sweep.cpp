#include "sim/experiment/sweep.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "sim/core/rng.hpp"

namespace sdsim {

namespace {

double rounded(double x) {
  if (!std::isfinite(x)) return x;
  char text[64];
  std::snprintf(text, sizeof text, "%.9g", x);
  return std::strtod(text, nullptr);
}

Estimate rounded(const Estimate& e) {
  return {rounded(e.mean), rounded(e.half_width), 0};
}

std::string shard_text(const SweepShard& s) {
  return std::to_string(s.number) + "/" + std::to_string(s.count);
}

// The first way `b` is not a shard of the same sweep as `a`, or "".
std::string mismatch(const Sweep& a, const Sweep& b) {
  if (a.design != b.design || a.design_digest != b.design_digest) return "the design differs";
  if (a.scenario != b.scenario || a.scenario_digest != b.scenario_digest) return "the scenario differs";
  if (a.seed != b.seed) return "the seed differs";
  if (a.replications != b.replications) return "the replications differ";
  if (a.grid.fixed != b.grid.fixed) return "the fixed --set values differ";
  if (a.grid.axes != b.grid.axes) return "the swept values differ";
  if (a.pareto_flow != b.pareto_flow) return "the --pareto flow differs";
  if (a.shard->count != b.shard->count) return "the shard count differs";
  return "";
}

}  // namespace

SweepPoint summarize_point(std::size_t index, const ExperimentResult& result) {
  SweepPoint point;
  point.index = index;
  const ExperimentSummary& s = result.summary;
  for (const FlowFigures<Estimate>& f : s.flows) {
    point.flows.push_back({f.name, rounded(f.throughput_per_s), rounded(f.success_fraction),
                           rounded(f.latency.mean_ms), rounded(f.latency.p50_ms), rounded(f.latency.p99_ms)});
  }
  point.availability = rounded(s.overall.success_fraction);
  std::vector<double> stale;
  bool judged = false;
  for (const RunSummary& run : result.replications) {
    double reads = 0, stale_reads = 0;
    for (const ConsistencyFigures<double>& c : run.read_flows) {
      reads += c.reads;
      stale_reads += c.stale;
    }
    judged = judged || reads > 0;
    stale.push_back(reads > 0 ? stale_reads / reads : 0);
  }
  if (judged) point.stale = rounded(estimate_mean(stale));
  point.usd_per_month = rounded(s.cost.usd_per_month);
  point.usd_per_million = rounded(s.cost.usd_per_million_requests);
  return point;
}

std::vector<bool> pareto_frontier(std::span<const std::pair<double, double>> points) {
  std::vector<bool> frontier(points.size(), false);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto [x, y] = points[i];
    if (std::isnan(x) || std::isnan(y)) continue;
    bool dominated = false;
    for (std::size_t j = 0; j < points.size() && !dominated; ++j) {
      const auto [u, v] = points[j];
      dominated = j != i && u <= x && v <= y && (u < x || v < y);
    }
    frontier[i] = !dominated;
  }
  return frontier;
}

void mark_frontiers(Sweep& sweep) {
  std::vector<std::pair<double, double>> latency, availability;
  for (const SweepPoint& p : sweep.points) {
    double p99 = std::nan("");
    for (const SweepFlow& f : p.flows) {
      if (f.name == sweep.pareto_flow) p99 = f.p99_ms.mean;
    }
    latency.emplace_back(p99, p.usd_per_month.mean);
    availability.emplace_back(-p.availability.mean, p.usd_per_month.mean);
  }
  const std::vector<bool> on_latency = pareto_frontier(latency);
  const std::vector<bool> on_availability = pareto_frontier(availability);
  for (std::size_t i = 0; i < sweep.points.size(); ++i) {
    sweep.points[i].latency_frontier = on_latency[i];
    sweep.points[i].availability_frontier = on_availability[i];
  }
}

std::string content_digest(const std::string& bytes) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(stable_hash(bytes)));
  return text;
}

std::optional<Sweep> merge_shards(std::span<const Sweep> shards, std::span<const std::string> names,
                                  std::string& error) {
  if (shards.empty()) {
    error = "no shards to merge";
    return std::nullopt;
  }
  for (std::size_t i = 0; i < shards.size(); ++i) {
    if (!shards[i].shard) {
      error = names[i] + " is a whole sweep, not a shard (it was run without --shard)";
      return std::nullopt;
    }
  }
  for (std::size_t i = 1; i < shards.size(); ++i) {
    if (std::string why = mismatch(shards[0], shards[i]); !why.empty()) {
      error = names[i] + " is not a shard of the same sweep as " + names[0] + ": " + why;
      return std::nullopt;
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (shards[j].shard->number == shards[i].shard->number) {
        error = "shard " + shard_text(*shards[i].shard) + " is given twice: " + names[j] + " and " + names[i];
        return std::nullopt;
      }
    }
  }
  const std::size_t total = shards[0].grid.size();
  std::vector<std::optional<std::size_t>> source(total);
  Sweep merged = shards[0];
  merged.shard.reset();
  merged.points.clear();
  for (std::size_t i = 0; i < shards.size(); ++i) {
    for (const SweepPoint& p : shards[i].points) {
      if (p.index >= total || !shards[i].shard->holds(p.index)) {
        error = names[i] + " (shard " + shard_text(*shards[i].shard) + ") holds point " +
                std::to_string(p.index) + ", which is not in that shard";
        return std::nullopt;
      }
      if (source[p.index]) {
        error = "point " + std::to_string(p.index) + " appears twice: in " + names[*source[p.index]] +
                " and in " + names[i];
        return std::nullopt;
      }
      source[p.index] = i;
      merged.points.push_back(p);
    }
  }
  std::vector<std::size_t> missing;
  for (std::size_t index = 0; index < total; ++index) {
    if (!source[index]) missing.push_back(index);
  }
  if (!missing.empty()) {
    std::string list;
    for (std::size_t k = 0; k < missing.size() && k < 10; ++k)
      list += (k ? ", " : "") + std::to_string(missing[k]);
    if (missing.size() > 10) list += ", ...";
    const SweepShard first{static_cast<std::uint32_t>(missing[0] % shards[0].shard->count + 1),
                           shards[0].shard->count};
    error = std::to_string(missing.size()) + " of " + std::to_string(total) + " points are missing (" + list +
            "); is shard " + shard_text(first) + " among the files?";
    return std::nullopt;
  }
  std::sort(merged.points.begin(), merged.points.end(),
            [](const SweepPoint& a, const SweepPoint& b) { return a.index < b.index; });
  mark_frontiers(merged);
  return merged;
}

}  // namespace sdsim
