#include "app/live_trace.hpp"

#include <algorithm>
#include <cmath>

namespace sdsim::app {

namespace {

std::vector<std::string> zones_named(const Design& design, const std::string& name) {
  for (const RegionSpec& r : design.regions) {
    if (r.name == name) return r.zones;
    if (std::find(r.zones.begin(), r.zones.end(), name) != r.zones.end()) return {name};
  }
  return {};
}

trace::FaultWindow fault_window(const live::FaultSnapshot& f, const Design& design) {
  trace::FaultWindow w;
  w.type = f.type;
  w.target = f.target;
  w.start_s = f.start_s;
  w.duration_s = f.duration_s;
  const auto arrow = f.target.find(" <-> ");
  if (arrow != std::string::npos) {
    for (const std::string& side : {f.target.substr(0, arrow), f.target.substr(arrow + 5)}) {
      for (const std::string& z : zones_named(design, side))
        w.zones.push_back(z);
    }
  } else if (std::vector<std::string> zones = zones_named(design, f.target); !zones.empty()) {
    w.zones = std::move(zones);
  } else {
    w.blocks.push_back(f.target);
  }
  return w;
}

}  // namespace

bool LiveTrace::add(trace::Trace& t, const live::Snapshot& s) {
  bool changed = false;
  // Faults: new ones appear; one that left the list early (cleared) ends at this snapshot.
  for (const live::FaultSnapshot& f : s.faults) {
    if (fault_index_.count(f.id)) continue;
    fault_index_[f.id] = t.faults.size();
    t.faults.push_back(fault_window(f, design_));
    changed = true;
  }
  for (const auto& [id, index] : fault_index_) {
    const bool listed = std::any_of(s.faults.begin(), s.faults.end(),
                                    [id = id](const live::FaultSnapshot& f) { return f.id == id; });
    trace::FaultWindow& w = t.faults[index];
    if (!listed && w.start_s + w.duration_s > s.t_s) {
      w.duration_s = std::max(0.0, s.t_s - w.start_s);
      changed = true;
    }
  }
  t.end_s = std::max(t.end_s, s.end_s);
  if (s.window_s <= 0 || (!t.windows.empty() && s.t_s <= t.windows.back().end_s)) return changed;

  trace::Window window;
  window.end_s = s.t_s;
  t.headline.flows.clear();
  for (const trace::FlowInfo& info : t.flows) {
    trace::FlowPoint& p = window.flows.emplace_back();
    auto it = std::find_if(s.flows.begin(), s.flows.end(),
                           [&](const live::FlowSnapshot& f) { return f.name == info.name; });
    if (it == s.flows.end()) continue;
    p.completed = static_cast<std::uint64_t>(std::llround(it->throughput_per_s * s.window_s));
    for (const auto& [reason, n] : it->failed_by) {
      for (std::size_t r = 0; r < trace::failure_reasons.size(); ++r) {
        if (reason == trace::failure_reasons[r]) p.failed[r] += n;
      }
    }
    p.p50_ms = it->p50_ms;
    p.p99_ms = it->p99_ms;
    t.headline.flows.push_back({.name = it->name,
                                .throughput_per_s = it->throughput_per_s,
                                .success_fraction = it->success,
                                .p50_ms = it->p50_ms,
                                .p99_ms = it->p99_ms});
  }
  for (trace::BlockInfo& info : t.topology.blocks) {
    trace::BlockPoint& p = window.blocks.emplace_back();
    auto it = std::find_if(s.blocks.begin(), s.blocks.end(),
                           [&](const live::BlockSnapshot& b) { return b.name == info.name; });
    if (it == s.blocks.end()) continue;
    info.servers = it->servers;
    p = trace::BlockPoint{.arrivals = it->arrivals,
                          .completions = it->completions,
                          .rejections = it->rejections,
                          .servers = it->servers,
                          .utilization = it->utilization,
                          .mean_in_system = it->mean_in_system,
                          .in_system_end = it->in_system};
  }
  if (t.windows.empty()) t.start_s = s.t_s - s.window_s;
  t.window_s = s.window_s;
  t.windows.push_back(std::move(window));
  return true;
}

}  // namespace sdsim::app
