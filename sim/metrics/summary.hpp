#pragma once
// What a run reports. Summary<double> is one replication; Summary<Estimate> aggregates replications into
// means with 95% confidence intervals. Each struct lists its figures once, in for_each_figure, which drives
// the aggregation and the JSON output alike.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/metrics/confidence.hpp"
#include "sim/metrics/slo.hpp"

namespace sdsim {

template <typename V>
struct LatencyFigures {
  V count{};    // samples
  V mean_ms{};  // ms
  V p50_ms{};
  V p90_ms{};
  V p99_ms{};
  V p999_ms{};
  V max_ms{};
};

template <typename Fn, typename... L>
void for_each_figure(Fn&& fn, LatencyFigures<L>&... l) {
  fn("count", l.count...);
  fn("mean_ms", l.mean_ms...);
  fn("p50_ms", l.p50_ms...);
  fn("p90_ms", l.p90_ms...);
  fn("p99_ms", l.p99_ms...);
  fn("p999_ms", l.p999_ms...);
  fn("max_ms", l.max_ms...);
}

// A serving block (or a source, whose "in system" is its outstanding requests).
template <typename V>
struct BlockFigures {
  std::string name;
  std::string kind;
  std::uint32_t servers = 0;
  V arrivals{};
  V completions{};
  V rejections{};
  V throughput_per_s{};       // completions / measured time
  V rejected_fraction{};      // rejections / arrivals
  V utilization{};            // mean busy servers / servers
  V mean_in_system{};         // time average of requests waiting or in service
  V littles_law_l{};          // throughput x mean sojourn: equals mean_in_system when Little's law holds
  V p_wait{};                 // fraction of served requests that waited for a server
  LatencyFigures<V> sojourn;  // arrival to departure
  LatencyFigures<V> wait;     // arrival to service start
};

template <typename Fn, typename... B>
void for_each_figure(Fn&& fn, BlockFigures<B>&... b) {
  fn("arrivals", b.arrivals...);
  fn("completions", b.completions...);
  fn("rejections", b.rejections...);
  fn("throughput_per_s", b.throughput_per_s...);
  fn("rejected_fraction", b.rejected_fraction...);
  fn("utilization", b.utilization...);
  fn("mean_in_system", b.mean_in_system...);
  fn("littles_law_l", b.littles_law_l...);
  fn("p_wait", b.p_wait...);
}

template <typename V>
struct FlowFigures {
  std::string name;
  V finished{};  // requests that ended (completed or failed)
  V completed{};
  V failed{};                 // every failure; by reason:
  V rejected{};               // no room (a full waiting line, a connection limit)
  V throttled{};              // a rate or capacity limit (429, 503 Slow Down, ProvisionedThroughputExceeded)
  V unavailable{};            // the part that should serve was down
  V timeout{};                // the caller stopped waiting
  V circuit_open{};           // refused by a circuit breaker without trying
  V throughput_per_s{};       // completed / measured time
  V success_fraction{};       // completed / finished
  LatencyFigures<V> latency;  // end to end, completed requests
};

template <typename Fn, typename... F>
void for_each_figure(Fn&& fn, FlowFigures<F>&... f) {
  fn("finished", f.finished...);
  fn("completed", f.completed...);
  fn("failed", f.failed...);
  fn("rejected", f.rejected...);
  fn("throttled", f.throttled...);
  fn("unavailable", f.unavailable...);
  fn("timeout", f.timeout...);
  fn("circuit_open", f.circuit_open...);
  fn("throughput_per_s", f.throughput_per_s...);
  fn("success_fraction", f.success_fraction...);
}

template <typename V>
struct Summary {
  double measured_s = 0;                // simulated time after warm-up
  V events{};                           // events processed after warm-up
  FlowFigures<V> overall;               // every flow together
  std::vector<FlowFigures<V>> flows;    // in design order
  std::vector<BlockFigures<V>> blocks;  // in engine order (sources first)
  std::vector<V> network_gb;  // GB (10^9 bytes) moved per hop class (HopClass order) after warm-up; empty
                              // when no call carries a size
  std::vector<SloFigures<V>> slos;  // the flows with objectives, in design order
};

using RunSummary = Summary<double>;
using ExperimentSummary = Summary<Estimate>;

// Means and confidence intervals across replications (all built from the same model, so shapes match).
ExperimentSummary aggregate(std::span<const RunSummary> replications, double confidence = 0.95);

}  // namespace sdsim
