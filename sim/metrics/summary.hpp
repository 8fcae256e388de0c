#pragma once
// What a run reports. Summary<double> is one replication; Summary<Estimate> aggregates replications into
// means with 95% confidence intervals. Each struct lists its figures once, in for_each_figure, which drives
// the aggregation and the JSON output alike.
#include <cstdint>
#include <iterator>
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
  V throughput_per_s{};   // completions / measured time
  V rejected_fraction{};  // rejections / arrivals
  V utilization{};        // mean busy servers / servers
  V mean_in_system{};     // time average of requests waiting or in service
  V littles_law_l{};      // throughput x mean sojourn: equals mean_in_system when Little's law holds
  V p_wait{};             // fraction of served requests that waited for a server
  V writes_lost{};        // writes acknowledged to their caller, then lost by a fault (RPO)
  V usd_per_month{};      // USD per month at the simulated load (sim/metrics/cost); 0 when unpriced
  V service_mean_ms{};    // ms, service start to departure (a server's holding time, calls included)
  V service_scv{};        // squared coefficient of variation of that time (1 for exponential, 0 constant)
  // Requests whose failure ended here (this block refused them or they timed out waiting on it), by reason.
  V failed_here{};
  V rejected_here{};
  V throttled_here{};
  V unavailable_here{};
  V timeout_here{};
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
  fn("writes_lost", b.writes_lost...);
  fn("usd_per_month", b.usd_per_month...);
  fn("service_mean_ms", b.service_mean_ms...);
  fn("service_scv", b.service_scv...);
  fn("failed_here", b.failed_here...);
  fn("rejected_here", b.rejected_here...);
  fn("throttled_here", b.throttled_here...);
  fn("unavailable_here", b.unavailable_here...);
  fn("timeout_here", b.timeout_here...);
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

// One call with resilience (a timeout, retries, a retry budget or a circuit breaker), counted after warm-up.
template <typename V>
struct GuardFigures {
  std::string call;  // "flow: caller -> callee" ("client" for a flow's entry call)
  bool has_timeout = false;
  bool has_retry = false;
  bool has_budget = false;
  bool has_breaker = false;
  V calls{};     // calls made, each taking one or more attempts
  V attempts{};  // attempts sent to the callee
  V retries{};   // attempts after the first
  // attempts / first attempts: the load retries add (attempts / calls unless a breaker refused calls
  // outright)
  V retry_amplification{};
  V timeouts{};       // attempts the caller stopped waiting for
  V breaker_opens{};  // times the circuit breaker opened
  V circuit_open{};   // calls refused at once while the breaker was open
  V budget_denied{};  // retries the retry budget refused
};

template <typename Fn, typename... G>
void for_each_figure(Fn&& fn, GuardFigures<G>&... g) {
  fn("calls", g.calls...);
  fn("attempts", g.attempts...);
  fn("retries", g.retries...);
  fn("retry_amplification", g.retry_amplification...);
  fn("timeouts", g.timeouts...);
  fn("breaker_opens", g.breaker_opens...);
  fn("circuit_open", g.circuit_open...);
  fn("budget_denied", g.budget_denied...);
}

// How one flow's objectives fared after one fault (see recovery_after in sim/metrics/slo.hpp).
template <typename V>
struct FaultRecoveryFigures {
  std::string flow;
  V breached{};   // 1 when a window from the fault's start on missed (experiment: share of replications)
  V recovered{};  // 1 when it breached and then every later window met (experiment: share of replications)
  // s from the fault's start to the start of the first window from which every window met; NaN when it did
  // not breach or did not recover. Experiment: the mean over the replications that recovered.
  V rto_s{};
};

// A scheduled fault of the scenario and what it cost.
template <typename V>
struct FaultFigures {
  std::string type;    // as written in the scenario
  std::string target;  // the block, zone, region or "a <-> b" it hits
  double start_s = 0;  // s from the start of the run, warm-up included
  double duration_s = 0;
  // s, when the next fault starts: this one's recovery is judged on the windows that end by then; +inf: none.
  double next_fault_s = 0;
  bool failed_writer = false;  // a database writer failed with it: its RPO is counted
  V writes_lost{};             // acknowledged writes the failover lost (RPO)
  V lag_ms{};                  // ms, the promoted replica's lag: the window of writes lost (0: none lost)
  std::vector<FaultRecoveryFigures<V>> recovery;  // per flow with objectives, in design order
};

// The t-visibility curve's bins: time since the key's newest committed write, in ms; the last bin is open.
inline constexpr double visibility_edges_ms[] = {0,   1,   2,   5,    10,   20,   50,
                                                 100, 200, 500, 1000, 2000, 5000, 10000};
inline constexpr std::size_t visibility_bin_count = std::size(visibility_edges_ms);

// Reads served [from_ms, to_ms) after the key's newest committed write (reads of never-written keys are left
// out).
template <typename V>
struct VisibilityBin {
  double from_ms = 0;
  double to_ms = 0;  // +inf for the last bin
  V reads{};
  V fresh_fraction{};  // P(fresh): fresh reads / reads; NaN when no read fell in the bin
};

// Reads of versioned data (one flow's, or one block's), each judged against the newest committed version.
template <typename V>
struct ConsistencyFigures {
  std::string name;
  V reads{};                 // reads judged
  V stale{};                 // reads that missed a committed version
  V stale_fraction{};        // stale / reads (0 without reads)
  V versions_behind_mean{};  // committed versions a stale read missed, mean over stale reads (0: none)
  V versions_behind_max{};
  // Session guarantees (a session is one closed-loop user; see sim/metrics/consistency.hpp): its reads, the
  // reads older than its own last write of the key, and the reads older than a version it read before.
  V session_reads{};
  V read_your_writes_violations{};
  V monotonic_read_violations{};
  // Writes that overwrote versions committed in another region they had not received (last writer wins):
  // the versions so lost.
  V lost_updates{};
  LatencyFigures<V> age;  // ms, stale reads only: served time - commit of the first version missed
  std::vector<VisibilityBin<V>> visibility;  // visibility_bin_count bins
};

template <typename Fn, typename... C>
void for_each_figure(Fn&& fn, ConsistencyFigures<C>&... c) {
  fn("reads", c.reads...);
  fn("stale", c.stale...);
  fn("stale_fraction", c.stale_fraction...);
  fn("versions_behind_mean", c.versions_behind_mean...);
  fn("versions_behind_max", c.versions_behind_max...);
  fn("session_reads", c.session_reads...);
  fn("read_your_writes_violations", c.read_your_writes_violations...);
  fn("monotonic_read_violations", c.monotonic_read_violations...);
  fn("lost_updates", c.lost_updates...);
}

// What the design costs at the simulated load, in USD at us-east-1 on-demand list prices.
template <typename V>
struct CostFigures {
  V usd_per_month{};             // blocks and transfer, as if the measured period went on all month (730 h)
  V blocks_usd_per_month{};      // every block's price model
  V transfer_usd_per_month{};    // bytes crossing zones, regions and the internet (0 without payload sizes)
  V usd_per_million_requests{};  // usd_per_month over the requests completed in a month at the simulated rate
};

template <typename Fn, typename... C>
void for_each_figure(Fn&& fn, CostFigures<C>&... c) {
  fn("usd_per_month", c.usd_per_month...);
  fn("blocks_usd_per_month", c.blocks_usd_per_month...);
  fn("transfer_usd_per_month", c.transfer_usd_per_month...);
  fn("usd_per_million_requests", c.usd_per_million_requests...);
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
  CostFigures<V> cost;
  std::vector<SloFigures<V>> slos;      // the flows with objectives, in design order
  std::vector<GuardFigures<V>> guards;  // the calls with resilience, in plan order
  std::vector<FaultFigures<V>> faults;  // the scenario's faults, in file order
  // Judged reads per flow (design order) and per block (engine order), every one listed (with 0 reads where
  // none was judged); empty when nothing measured consistency.
  std::vector<ConsistencyFigures<V>> read_flows;
  std::vector<ConsistencyFigures<V>> read_blocks;
};

using RunSummary = Summary<double>;
using ExperimentSummary = Summary<Estimate>;

// Means and confidence intervals across replications (all built from the same model, so shapes match).
ExperimentSummary aggregate(std::span<const RunSummary> replications, double confidence = 0.95);

}  // namespace sdsim
