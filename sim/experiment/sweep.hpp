#pragma once
// A parameter sweep's results: per grid point, the figures a design is judged by (with 95% intervals), the
// Pareto frontiers of p99 latency and of availability against cost, and the checks that join the shards of
// one sweep run as separate jobs into the sweep a single run gives.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sim/experiment/experiment.hpp"
#include "sim/experiment/sweep_grid.hpp"

namespace sdsim {

struct SweepFlow {
  std::string name;
  Estimate throughput_per_s;  // requests/s completed
  Estimate success_fraction;  // completed / finished
  Estimate mean_ms, p50_ms, p99_ms;
};

struct SweepPoint {
  std::size_t index = 0;          // in grid order
  std::vector<SweepFlow> flows;   // in design order
  Estimate availability;          // every flow together: completed / finished
  std::optional<Estimate> stale;  // fraction of judged reads that were stale; nullopt when none was judged
  Estimate usd_per_month;         // USD per month at the simulated load
  Estimate usd_per_million;       // USD per million completed requests
  bool latency_frontier = false;  // on the frontier of p99 (of the Pareto flow) against USD/month
  bool availability_frontier = false;  // on the frontier of availability against USD/month
};

// One part of a sweep run as a separate job: the points whose index % count == number - 1.
struct SweepShard {
  std::uint32_t number = 1;  // 1 to count
  std::uint32_t count = 1;
  bool holds(std::size_t index) const { return index % count == number - 1; }
};

struct Sweep {
  std::string design;           // name
  std::string design_digest;    // 16 hex digits of a hash of the design file's bytes
  std::string scenario;         // name
  std::string scenario_digest;  // same for the scenario file
  std::uint64_t seed = 0;       // every point runs on it: common random numbers across points
  std::uint32_t replications = 0;
  SweepGrid grid;
  std::string pareto_flow;          // whose p99 the latency frontier uses
  std::optional<SweepShard> shard;  // nullopt: the whole sweep, frontiers marked
  std::vector<SweepPoint> points;   // ascending index
};

// Figures are rounded to 9 significant digits here, as in every sdsim JSON, so that a sweep read back from
// its JSON is the sweep that was written: merging shards then gives the bytes of an unsharded run.
SweepPoint summarize_point(std::size_t index, const ExperimentResult& result);

// For each point (x, y), both lower-is-better: true when no other point is at least as good on both and
// better on one. Points with a NaN coordinate are never on the frontier and dominate nothing.
std::vector<bool> pareto_frontier(std::span<const std::pair<double, double>> points);

// Marks both frontiers over all of the sweep's points (means; availability higher-is-better).
void mark_frontiers(Sweep& sweep);

// The hex digest stored in design_digest and scenario_digest.
std::string content_digest(const std::string& bytes);

// Joins shards (named for messages, in the order given) into the whole sweep with its frontiers marked. They
// must be shards of one sweep (same design, scenario, seed, replications, grid and Pareto flow, the same
// shard count) and hold every point exactly once; otherwise returns nothing and sets `error`.
std::optional<Sweep> merge_shards(std::span<const Sweep> shards, std::span<const std::string> names,
                                  std::string& error);

}  // namespace sdsim
