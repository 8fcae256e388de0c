#pragma once
// A recorded run as plain values: the design's topology for drawing, the scenario's fault windows, per-window
// series and headline figures. The visualizer reads only these types; nothing here knows the engine.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sdsim::trace {

inline constexpr const char* format_version = "sdsim.trace/1";

struct Region {
  std::string name;
  std::vector<std::string> zones;  // Availability Zones, in design order
};

// Queueing theory (M/G/c at the measured arrival rate and holding time) beside the simulated figures.
struct StationTheory {
  double arrival_rate_per_s = 0;
  double utilization = 0;  // predicted, in [0, 1] when stable
  bool stable = false;
  double mean_wait_ms = 0;  // predicted; meaningless when unstable
  double p99_wait_ms = 0;
  double sim_mean_wait_ms = 0;  // simulated
  double sim_p99_wait_ms = 0;
  bool agrees = true;                // theory's mean wait within the simulation's interval (widened)
  std::vector<std::string> reasons;  // why they disagree or theory does not apply, in words
};

struct BlockInfo {
  std::string name;
  std::string kind;                // a block kind of the catalog ("compute", "cache"...), or "source"
  std::vector<std::string> zones;  // placement; empty: not placed (global, or a design without regions)
  std::uint32_t servers = 0;       // 0 for blocks that do not serve
};

// A block's whole-run figures beside its topology entry; absent in traces recorded before they existed.
struct BlockFigures {
  std::optional<double> usd_per_month;  // the block's cost at the simulated load
  std::optional<StationTheory> theory;  // for serving blocks the run's explanation checked
};

// A call from `from` to `to` in some flow; `from` is "client" for a flow's entry call.
struct Edge {
  std::string from;
  std::string to;
  std::string flow;
};

struct Topology {
  std::vector<Region> regions;
  std::vector<BlockInfo> blocks;  // the design's blocks in file order (no load sources)
  std::vector<Edge> edges;        // each (from, to, flow) once
};

// A fault from the scenario, with what it hits resolved to zones and blocks.
struct FaultWindow {
  std::string type;                 // as written in the scenario ("az_power_interruption"...)
  std::string target;               // the block, zone, region or "a <-> b" it names
  double start_s = 0;               // s on the run's clock (warm-up included)
  double duration_s = 0;            // s; 0 for a one-off fault
  std::vector<std::string> zones;   // zones it takes down or cuts off
  std::vector<std::string> blocks;  // blocks it hits directly
};

struct FlowSlo {
  double latency_ms = 0;    // ms; 0: no latency objective
  double percentile = 99;   // %: the percentile of completed requests latency_ms bounds
  double availability = 0;  // %: completed share of finished requests; 0: no availability objective
};

// The t-visibility curve: of the reads served [from_ms, to_ms) after the key's newest committed write, the
// share that were fresh. Only bins some read fell in.
struct VisibilityBin {
  double from_ms = 0;
  double to_ms = 0;  // 0: the last bin, open above
  double reads = 0;
  double fresh_fraction = 0;  // in [0, 1]
};

struct FlowVisibility {
  std::string flow;
  std::vector<VisibilityBin> bins;
};

struct FlowInfo {
  std::string name;
  std::optional<FlowSlo> slo;
};

// Failure reasons, in this order wherever a trace counts failures.
inline constexpr std::array<const char*, 5> failure_reasons{"rejected", "throttled", "unavailable", "timeout",
                                                            "circuit_open"};

struct FlowPoint {
  std::uint64_t completed = 0;
  std::array<std::uint64_t, failure_reasons.size()> failed{};  // by failure_reasons
  double p50_ms = 0;                                           // ms; 0 when nothing completed
  double p99_ms = 0;
  std::uint64_t reads = 0;  // reads judged fresh or stale
  std::uint64_t stale_reads = 0;
  double stale_p99_ms = 0;  // ms, the stale reads' age p99; 0 when none (and in traces before it was kept)
  std::uint64_t failed_total() const;
};

struct BlockPoint {
  std::uint64_t arrivals = 0;
  std::uint64_t completions = 0;
  std::uint64_t rejections = 0;
  std::uint32_t servers = 0;
  double utilization = 0;     // time-averaged busy servers / servers, in [0, 1]
  double mean_in_system = 0;  // time-averaged waiting or in service
  std::int64_t in_system_end = 0;
  std::uint64_t reads = 0;  // reads it served, judged (0 in traces before blocks kept them)
  std::uint64_t stale_reads = 0;
  // USD per hour over the window at the block's prices (its units running at the window's end, the
  // window's billed requests at their rate); absent for an unpriced block and in traces before it was kept.
  std::optional<double> usd_per_hour = std::nullopt;
};

// One window: each flow (Trace::flows order) and each block (Topology::blocks order).
struct Window {
  double end_s = 0;  // s on the run's clock
  std::vector<FlowPoint> flows;
  std::vector<BlockPoint> blocks;
};

struct FlowHeadline {
  std::string name;
  double throughput_per_s = 0;
  double success_fraction = 0;  // completed / finished
  double p50_ms = 0;
  double p99_ms = 0;
};

struct Headline {
  std::vector<FlowHeadline> flows;
  double usd_per_month = 0;
  double events = 0;
};

struct Trace {
  std::string design;
  std::string scenario;
  std::uint64_t seed = 0;
  double start_s = 0;   // s, the end of warm-up: the first window starts here
  double end_s = 0;     // s, the end of the run
  double window_s = 0;  // s, the nominal window length
  Topology topology;
  std::vector<BlockFigures> block_figures;  // Topology::blocks order, or empty
  std::vector<FaultWindow> faults;
  std::vector<FlowInfo> flows;
  std::vector<FlowVisibility> visibility;  // flows whose reads were judged; empty in older traces
  std::vector<Window> windows;
  Headline headline;

  // The window whose span holds time `t_s` (clamped to the first and last); nullopt without windows.
  std::optional<std::size_t> window_at(double t_s) const;
  const BlockInfo* find_block(const std::string& name) const;
  // Block `b`'s whole-run figures; empty ones when the trace holds none.
  const BlockFigures& figures_of(std::size_t b) const;
};

}  // namespace sdsim::trace
