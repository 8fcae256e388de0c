#include "sim/metrics/collector.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sdsim {

namespace {

double ns_to_ms(double ns) {
  return ns / 1e6;
}
double ratio(double num, double den) {
  return den > 0 ? num / den : 0;
}

}  // namespace

FlowFigures<double> MetricsCollector::flow_figures(std::string name, const FlowCounts& counts,
                                                   double measured_s) {
  auto ended = [&](Outcome o) { return static_cast<double>(counts.ended[static_cast<std::size_t>(o)]); };
  FlowFigures<double> f;
  f.name = std::move(name);
  f.completed = ended(Outcome::completed);
  f.rejected = ended(Outcome::rejected);
  f.throttled = ended(Outcome::throttled);
  f.unavailable = ended(Outcome::unavailable);
  f.timeout = ended(Outcome::timeout);
  f.circuit_open = ended(Outcome::circuit_open);
  f.failed = f.rejected + f.throttled + f.unavailable + f.timeout + f.circuit_open;
  f.finished = f.completed + f.failed;
  f.throughput_per_s = ratio(f.completed, measured_s);
  f.success_fraction = ratio(f.completed, f.finished);
  f.latency = latency_figures(counts.latency);
  return f;
}

LatencyFigures<double> latency_figures(const Histogram& h) {
  LatencyFigures<double> l;
  l.count = static_cast<double>(h.count());
  l.mean_ms = ns_to_ms(h.mean());
  l.p50_ms = ns_to_ms(h.percentile(0.50));
  l.p90_ms = ns_to_ms(h.percentile(0.90));
  l.p99_ms = ns_to_ms(h.percentile(0.99));
  l.p999_ms = ns_to_ms(h.percentile(0.999));
  l.max_ms = ns_to_ms(static_cast<double>(h.max()));
  return l;
}

MetricsCollector::MetricsCollector(std::vector<std::string> flow_names)
    : flow_names_(std::move(flow_names)), flows_(flow_names_.size()), slo_of_flow_(flows_.size(), no_slo) {}

void MetricsCollector::watch_slos(std::vector<std::optional<SloTarget>> targets, SimTime window) {
  slos_.clear();
  slo_of_flow_.assign(flows_.size(), no_slo);
  window_ = std::max<SimTime>(window, 1);
  for (std::size_t f = 0; f < targets.size() && f < flows_.size(); ++f) {
    if (!targets[f]) continue;
    slo_of_flow_[f] = static_cast<std::uint32_t>(slos_.size());
    SloTracker& t = slos_.emplace_back();
    t.flow = static_cast<FlowId>(f);
    t.target = *targets[f];
    if (t.target.has_latency()) t.latency = from_ms(t.target.latency_ms);
  }
}

// Window k holds the ends in (start + k w, start + (k + 1) w]: a request ending exactly at the end of the run
// falls in the last window, not in one past it.
std::size_t MetricsCollector::window_of(SimTime finished) const {
  SimTime since = finished - measured_since_;
  return since <= 0 ? 0 : static_cast<std::size_t>((since - 1) / window_);
}

void MetricsCollector::open_window(SloTracker& t, std::size_t index) {
  while (t.windows.size() <= index) {
    close_window(t);
    t.windows.emplace_back();
  }
}

void MetricsCollector::close_window(SloTracker& t) {
  if (t.windows.empty() || t.window_latency.count() == 0) return;
  t.windows.back().latency_ms = ns_to_ms(t.window_latency.percentile(t.target.percentile / 100));
  t.window_latency.clear();
}

void MetricsCollector::on_departure(const Departure& d) {
  BlockHistograms& b = block(d.block);
  b.sojourn.record(d.finished - d.arrived);
  if (d.started > d.arrived) {  // the waits of 0 are added when read: most tasks never wait
    b.wait.record(d.started - d.arrived);
    ++b.waited;
  }
  const double service_s = to_s(d.finished - d.started);
  b.service_sum_s += service_s;
  b.service_sum_sq_s2 += service_s * service_s;
}

void MetricsCollector::on_request_end(const RequestEnd& e) {
  FlowCounts& f = flows_[e.flow];
  ++f.ended[static_cast<std::size_t>(e.outcome)];
  if (e.outcome == Outcome::completed) {
    f.latency.record(e.finished - e.created);
  } else {
    ++block(e.at).ended_here[static_cast<std::size_t>(e.outcome)];
  }
  if (slo_of_flow_[e.flow] == no_slo) return;
  SloTracker& t = slos_[slo_of_flow_[e.flow]];
  // Requests end in time order, so only the newest window is open; an end in an older one would be an
  // engine bug, and is counted in the open window rather than lost.
  open_window(t, window_of(e.finished));
  WindowCounts& w = t.windows.back();
  ++w.ended[static_cast<std::size_t>(e.outcome)];
  if (e.outcome != Outcome::completed) return;
  const SimTime latency = e.finished - e.created;
  ++(latency > t.latency ? w.slow : w.good);
  t.window_latency.record(latency);
}

void MetricsCollector::on_statistics_reset(SimTime now) {
  measured_since_ = now;
  for (BlockHistograms& b : blocks_)
    b = BlockHistograms{};
  for (FlowCounts& f : flows_)
    f = FlowCounts{};
  for (SloTracker& t : slos_) {
    t.window_latency.clear();
    t.windows.clear();
  }
}

SloFigures<double> MetricsCollector::slo_figures(SloTracker& t, SimTime now) const {
  const SimTime measured = now - measured_since_;
  const std::size_t count = measured <= 0 ? 1 : static_cast<std::size_t>((measured - 1) / window_ + 1);
  open_window(t, count - 1);
  close_window(t);

  constexpr double none = std::numeric_limits<double>::quiet_NaN();
  const SloTarget& target = t.target;
  SloFigures<double> s;
  s.flow = flow_names_[t.flow];
  s.target = target;
  s.window_s = to_s(window_);
  s.window_start_s = to_s(measured_since_);
  s.first_breach_s = none;
  std::uint64_t good = 0;
  std::uint64_t slow = 0;
  std::uint64_t with_requests = 0;
  std::uint64_t met_windows = 0;
  for (std::size_t i = 0; i < t.windows.size(); ++i) {
    const WindowCounts& w = t.windows[i];
    const std::uint64_t completed = w.ended[static_cast<std::size_t>(Outcome::completed)];
    std::uint64_t finished = 0;
    for (std::uint64_t n : w.ended)
      finished += n;
    good += w.good;
    slow += w.slow;
    SloSeries& series = s.windows;
    series.finished.push_back(static_cast<double>(finished));
    series.good.push_back(static_cast<double>(w.good));
    series.slow.push_back(static_cast<double>(w.slow));
    for (std::size_t o = 0; o < outcome_count; ++o)
      series.ended[o].push_back(static_cast<double>(w.ended[o]));
    series.latency_ms.push_back(w.latency_ms < 0 ? none : w.latency_ms);
    if (finished == 0) {
      series.availability.push_back(none);
      series.met.push_back(none);
      continue;
    }
    series.availability.push_back(static_cast<double>(completed) / static_cast<double>(finished));
    const bool met = target.met(finished, completed, w.slow);
    series.met.push_back(met ? 1 : 0);
    ++with_requests;
    if (met) {
      ++met_windows;
    } else if (std::isnan(s.first_breach_s)) {
      s.first_breach_s = to_s(measured_since_ + static_cast<SimTime>(i) * window_);
    }
  }

  const FlowCounts& counts = flows_[t.flow];
  const std::uint64_t completed = counts.ended[static_cast<std::size_t>(Outcome::completed)];
  std::uint64_t finished = 0;
  for (std::uint64_t n : counts.ended)
    finished += n;
  const auto failed = static_cast<double>(finished - completed);
  s.finished = static_cast<double>(finished);
  s.good = static_cast<double>(good);
  s.slow = static_cast<double>(slow);
  s.failed = failed;
  s.availability = ratio(static_cast<double>(completed), s.finished);
  s.slow_fraction = ratio(s.slow, static_cast<double>(completed));
  s.latency_ms = ns_to_ms(counts.latency.percentile(target.percentile / 100));
  if (target.has_availability()) {
    const double allowed = (1 - target.availability / 100) * s.finished;
    s.error_budget_spent = allowed > 0  ? failed / allowed
                           : failed > 0 ? std::numeric_limits<double>::infinity()
                                        : 0;
  }
  if (target.has_latency()) {
    s.latency_budget_spent = ratio(s.slow, (1 - target.percentile / 100) * static_cast<double>(completed));
  }
  s.windows_met_fraction =
      with_requests ? static_cast<double>(met_windows) / static_cast<double>(with_requests) : 1;
  s.met = target.met(finished, completed, slow) ? 1 : 0;
  s.breached = std::isnan(s.first_breach_s) ? 0 : 1;
  return s;
}

void MetricsCollector::on_run_end(SimTime now, std::span<const BlockCounters> blocks) {
  summary_ = RunSummary{};
  summary_.measured_s = to_s(now - measured_since_);
  const double seconds = summary_.measured_s;

  FlowCounts all;
  for (std::size_t f = 0; f < flows_.size(); ++f) {
    summary_.flows.push_back(flow_figures(flow_names_[f], flows_[f], seconds));
    all.merge(flows_[f]);
  }
  summary_.overall = flow_figures("all flows", all, seconds);
  for (SloTracker& t : slos_)
    summary_.slos.push_back(slo_figures(t, now));

  for (std::size_t id = 0; id < blocks.size(); ++id) {
    const BlockCounters& c = blocks[id];
    const BlockHistograms& h = block(static_cast<BlockId>(id));
    BlockFigures<double> b;
    b.name = c.name;
    b.kind = c.kind;
    b.servers = c.servers;
    b.arrivals = static_cast<double>(c.arrivals);
    b.completions = static_cast<double>(c.completions);
    b.rejections = static_cast<double>(c.rejections);
    b.throughput_per_s = ratio(b.completions, seconds);
    b.rejected_fraction = ratio(b.rejections, b.arrivals);
    b.utilization = ratio(c.mean_busy, c.servers);
    b.mean_in_system = c.mean_in_system;
    b.p_wait = ratio(static_cast<double>(h.waited), static_cast<double>(h.sojourn.count()));
    b.sojourn = latency_figures(h.sojourn);
    Histogram wait = h.wait;
    wait.add_zeros(h.sojourn.count() - h.waited);
    b.wait = latency_figures(wait);
    b.littles_law_l = b.throughput_per_s * b.sojourn.mean_ms / 1e3;
    const double served = static_cast<double>(h.sojourn.count());
    if (served > 0) {
      const double mean_s = h.service_sum_s / served;
      const double variance = std::max(0.0, h.service_sum_sq_s2 / served - mean_s * mean_s);
      b.service_mean_ms = 1e3 * mean_s;
      b.service_scv = mean_s > 0 ? variance / (mean_s * mean_s) : 0;
    }
    auto here = [&](Outcome o) { return static_cast<double>(h.ended_here[static_cast<std::size_t>(o)]); };
    b.rejected_here = here(Outcome::rejected);
    b.throttled_here = here(Outcome::throttled);
    b.unavailable_here = here(Outcome::unavailable);
    b.timeout_here = here(Outcome::timeout);
    b.failed_here = b.rejected_here + b.throttled_here + b.unavailable_here + b.timeout_here +
                    here(Outcome::circuit_open);
    summary_.blocks.push_back(std::move(b));
  }
}

}  // namespace sdsim
