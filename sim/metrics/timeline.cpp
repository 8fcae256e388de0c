#include "sim/metrics/timeline.hpp"

#include <algorithm>
#include <array>

namespace sdsim {

std::uint64_t FlowWindow::finished() const {
  std::uint64_t n = 0;
  for (std::uint64_t count : ended)
    n += count;
  return n;
}

double timeline_window_s(double measured_s) {
  constexpr std::array<double, 19> ladder{0.1, 0.2, 0.5, 1,   2,    5,    10,   15,    30,   60,
                                          120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400};
  constexpr double max_windows = 300;
  // Whole seconds at least, but for runs too short to show a shape in them.
  const double shortest = measured_s < 30 ? 0.1 : 1;
  for (double w : ladder) {
    if (w >= shortest && measured_s / w <= max_windows) return w;
  }
  return measured_s / max_windows;
}

Timeline::Timeline(std::vector<std::string> flow_names, SimTime window)
    : window_(std::max<SimTime>(window, 1)),
      open_(flow_names.size()),
      latency_(flow_names.size()),
      ages_(flow_names.size()) {
  series_.window_s = to_s(window_);
  series_.flows.resize(flow_names.size());
  series_.flow_names = std::move(flow_names);
}

void Timeline::on_request_end(const RequestEnd& e) {
  if (!measuring_ || e.flow >= open_.size()) return;
  FlowWindow& w = open_[e.flow];
  ++w.ended[static_cast<std::size_t>(e.outcome)];
  if (e.outcome != Outcome::completed) return;
  ++w.completed;
  latency_[e.flow].record(e.finished - e.created);
}

void Timeline::on_read(const ReadRecord& r) {
  if (!measuring_ || r.flow >= open_.size()) return;
  FlowWindow& w = open_[r.flow];
  ++w.reads;
  if (r.stale) {
    ++w.stale_reads;
    ages_[r.flow].record(r.age);
  }
  if (r.block >= block_reads_.size()) block_reads_.resize(r.block + 1u, {0, 0});
  ++block_reads_[r.block][0];
  if (r.stale) ++block_reads_[r.block][1];
}

Timeline::BlockTotals Timeline::totals(const BlockCounters& c, SimTime since, SimTime now) {
  const auto span = static_cast<double>(now - since);
  return BlockTotals{.arrivals = c.arrivals,
                     .completions = c.completions,
                     .rejections = c.rejections,
                     .busy_area = c.mean_busy * span,
                     .in_system_area = c.mean_in_system * span,
                     .level_areas = {.units = c.usage.units * span,
                                     .read_capacity = c.usage.read_capacity * span,
                                     .write_capacity = c.usage.write_capacity * span},
                     .usage = c.usage};
}

void Timeline::begin(SimTime since, SimTime end, std::span<const BlockCounters> blocks) {
  since_ = since;
  end_ = end;
  window_start_ = since;
  next_ = std::min(since + window_, end);
  measuring_ = true;
  series_.start_s = to_s(since);
  series_.blocks.assign(blocks.size(), {});
  series_.block_names.clear();
  last_.clear();
  for (const BlockCounters& c : blocks) {
    series_.block_names.push_back(c.name);
    last_.push_back(totals(c, since, since));
  }
}

void Timeline::close_window(SimTime now, std::span<const BlockCounters> blocks) {
  const auto span = static_cast<double>(now - window_start_);
  for (std::size_t f = 0; f < open_.size(); ++f) {
    FlowWindow& w = open_[f];
    if (latency_[f].count() > 0) {
      w.p50_ms = latency_[f].percentile(0.5) / 1e6;
      w.p99_ms = latency_[f].percentile(0.99) / 1e6;
    }
    if (ages_[f].count() > 0) w.stale_p99_ms = ages_[f].percentile(0.99) / 1e6;
    series_.flows[f].push_back(w);
    w = FlowWindow{};
    latency_[f].clear();
    ages_[f].clear();
  }
  for (std::size_t b = 0; b < blocks.size() && b < last_.size(); ++b) {
    const BlockCounters& c = blocks[b];
    const BlockTotals now_totals = totals(c, since_, now);
    const BlockTotals& before = last_[b];
    BlockWindow w;
    w.arrivals = now_totals.arrivals - before.arrivals;
    w.completions = now_totals.completions - before.completions;
    w.rejections = now_totals.rejections - before.rejections;
    w.servers = c.servers;
    if (span > 0) {
      w.mean_busy = std::max(0.0, (now_totals.busy_area - before.busy_area) / span);
      w.mean_in_system = std::max(0.0, (now_totals.in_system_area - before.in_system_area) / span);
    }
    w.utilization = c.servers > 0 ? w.mean_busy / c.servers : 0;
    w.in_system_end = c.in_system_at_end;
    // A block's levels are time averages since the reset (instances running, busy environments, provisioned
    // capacity): the window's own average comes from the difference of the areas, as its busy servers' does.
    auto level = [&](double BillableUsage::*field) {
      return span > 0 ? std::max(0.0, (now_totals.level_areas.*field - before.level_areas.*field) / span)
                      : c.usage.*field;
    };
    w.usage = BillableUsage{.units = level(&BillableUsage::units),
                            .requests = now_totals.usage.requests - before.usage.requests,
                            .read_units = now_totals.usage.read_units - before.usage.read_units,
                            .write_units = now_totals.usage.write_units - before.usage.write_units,
                            .read_capacity = level(&BillableUsage::read_capacity),
                            .write_capacity = level(&BillableUsage::write_capacity)};
    if (b < block_reads_.size()) {
      w.reads = block_reads_[b][0];
      w.stale_reads = block_reads_[b][1];
      block_reads_[b] = {0, 0};
    }
    series_.blocks[b].push_back(w);
    last_[b] = now_totals;
  }
  series_.window_end_s.push_back(to_s(now));
  window_start_ = now;
  next_ = now >= end_ ? time_never : std::min(now + window_, end_);
  if (next_ == time_never) measuring_ = false;
}

}  // namespace sdsim
