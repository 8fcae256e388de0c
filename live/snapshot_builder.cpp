#include "live/snapshot_builder.hpp"

namespace sdsim::live {

Snapshot build_snapshot(const WindowFigures& window, const std::vector<std::string>& flow_names,
                        const std::vector<BlockName>& blocks, std::size_t sources,
                        const std::vector<FaultEntry>& faults) {
  Snapshot s;
  s.window_s = window.span_s;
  for (std::size_t f = 0; f < window.flows.size() && f < flow_names.size(); ++f) {
    const FlowWindowFigures& w = window.flows[f];
    FlowSnapshot& out = s.flows.emplace_back();
    out.name = flow_names[f];
    out.throughput_per_s = window.span_s > 0 ? static_cast<double>(w.completed) / window.span_s : 0;
    const std::uint64_t finished = w.completed + w.failed;
    out.success = finished > 0 ? static_cast<double>(w.completed) / static_cast<double>(finished) : 1;
    out.failed = w.failed;
    for (std::size_t o = 1; o < outcome_count; ++o) {
      if (w.ended[o] > 0) out.failed_by.emplace_back(outcome_name(static_cast<Outcome>(o)), w.ended[o]);
    }
    out.p50_ms = w.p50_ms;
    out.p99_ms = w.p99_ms;
  }
  for (std::size_t b = sources; b < window.blocks.size() && b < blocks.size(); ++b) {
    const BlockWindowFigures& w = window.blocks[b];
    BlockSnapshot& out = s.blocks.emplace_back();
    out.name = blocks[b].name;
    out.kind = blocks[b].kind;
    out.utilization = w.utilization;
    out.mean_in_system = w.mean_in_system;
    out.in_system = w.in_system;
    out.servers = w.servers;
    out.arrivals = w.arrivals;
    out.completions = w.completions;
    out.rejections = w.rejections;
    out.rejected_share =
        w.arrivals > 0 ? static_cast<double>(w.rejections) / static_cast<double>(w.arrivals) : 0;
    out.health = out.rejected_share > 0.01 ? "failing" : out.utilization >= 0.8 ? "busy" : "ok";
  }
  for (const FaultEntry& f : faults) {
    if (!f.active && !f.recent) continue;
    s.faults.push_back({f.id, f.spec.type, fault_target(f.spec), f.spec.start_s, f.spec.duration_s});
  }
  return s;
}

}  // namespace sdsim::live
