#include "live/window_meter.hpp"

#include <algorithm>
#include <cmath>

namespace sdsim::live {

WindowMeter::WindowMeter(std::size_t flow_count) : open_(flow_count), latency_(flow_count) {}

void WindowMeter::on_request_end(const RequestEnd& e) {
  if (e.flow >= open_.size()) return;
  ++open_[e.flow].ended[static_cast<std::size_t>(e.outcome)];
  if (e.outcome == Outcome::completed) {
    ++open_[e.flow].completed;
    latency_[e.flow].record(e.finished - e.created);
  } else {
    ++open_[e.flow].failed;
  }
}

void WindowMeter::on_statistics_reset(SimTime now) {
  // The blocks' counters restart from zero: so do the totals the next window is measured against, and the
  // part of the open window before the reset is lost for blocks (not for flows).
  counters_since_ = now;
  std::fill(last_.begin(), last_.end(), Totals{});
  window_start_ = std::max(window_start_, now);
}

WindowFigures WindowMeter::take(SimTime now, std::span<const BlockCounters> blocks) {
  WindowFigures out;
  const auto span = static_cast<double>(now - window_start_);
  out.span_s = span / 1e9;
  for (std::size_t f = 0; f < open_.size(); ++f) {
    FlowWindowFigures w = open_[f];
    if (latency_[f].count() > 0) {
      w.p50_ms = latency_[f].percentile(0.5) / 1e6;
      w.p99_ms = latency_[f].percentile(0.99) / 1e6;
    }
    out.flows.push_back(w);
    open_[f] = FlowWindowFigures{};
    latency_[f].clear();
  }
  last_.resize(blocks.size());
  const auto counted = static_cast<double>(now - counters_since_);
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const BlockCounters& c = blocks[b];
    const double servers = c.mean_servers > 0 ? c.mean_servers : static_cast<double>(c.servers);
    const Totals t{.arrivals = c.arrivals,
                   .completions = c.completions,
                   .rejections = c.rejections,
                   .busy_area = c.mean_busy * counted,
                   .servers_area = servers * counted,
                   .in_system_area = c.mean_in_system * counted};
    const Totals& before = last_[b];
    BlockWindowFigures w;
    w.arrivals = t.arrivals - std::min(t.arrivals, before.arrivals);
    w.completions = t.completions - std::min(t.completions, before.completions);
    w.rejections = t.rejections - std::min(t.rejections, before.rejections);
    w.servers = c.servers;
    if (span > 0) {
      const double busy = std::max(0.0, (t.busy_area - before.busy_area) / span);
      // Unchanged servers: the same number again (up to rounding), read exactly from the counters.
      const double slots = c.mean_servers > 0 ? (t.servers_area - before.servers_area) / span : c.servers;
      w.mean_in_system = std::max(0.0, (t.in_system_area - before.in_system_area) / span);
      w.utilization = slots > 0 ? std::min(1.0, busy / slots) : 0;
      if (c.mean_servers > 0) w.servers = static_cast<std::uint32_t>(std::llround(std::max(0.0, slots)));
    }
    w.in_system = c.in_system_at_end;
    out.blocks.push_back(w);
    last_[b] = t;
  }
  window_start_ = now;
  return out;
}

}  // namespace sdsim::live
