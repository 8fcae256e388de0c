#include "viz/chart_data.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "viz/scale.hpp"

namespace sdsim::viz {

namespace {

double window_start(const trace::Trace& t, std::size_t w) {
  return w == 0 ? t.start_s : t.windows[w - 1].end_s;
}

double window_mid(const trace::Trace& t, std::size_t w) {
  return (window_start(t, w) + t.windows[w].end_s) / 2;
}

double window_length(const trace::Trace& t, std::size_t w) {
  return std::max(1e-9, t.windows[w].end_s - window_start(t, w));
}

ChartModel frame(const trace::Trace& t, std::string title, std::string unit) {
  ChartModel m;
  m.title = std::move(title);
  m.y_unit = std::move(unit);
  m.t0 = t.start_s;
  m.t1 = std::max(t.end_s, t.start_s + 1e-6);
  for (const trace::FaultWindow& f : t.faults)
    m.faults.emplace_back(f.start_s, f.start_s + std::max(f.duration_s, t.window_s));
  return m;
}

double max_of(const ChartModel& m) {
  double top = 0;
  for (const ChartLine& l : m.lines) {
    for (const auto& p : l.points)
      top = std::max(top, p.second);
  }
  for (const ReferenceLine& r : m.references)
    top = std::max(top, r.value);
  return top;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::size_t focus_flow(const trace::Trace& t) {
  for (std::size_t f = 0; f < t.flows.size(); ++f) {
    if (t.flows[f].slo && t.flows[f].slo->latency_ms > 0) return f;
  }
  return 0;
}

ChartModel latency_chart(const trace::Trace& t, std::size_t flow) {
  const std::string name = flow < t.flows.size() ? t.flows[flow].name : "";
  ChartModel m = frame(t, "Latency: " + name, "latency (ms)");
  ChartLine p50{"p50", palette::p50, {}};
  ChartLine p99{"p99", palette::p99, {}};
  for (std::size_t w = 0; w < t.windows.size(); ++w) {
    if (flow >= t.windows[w].flows.size()) break;
    const trace::FlowPoint& p = t.windows[w].flows[flow];
    if (p.completed == 0) continue;
    p50.points.emplace_back(window_mid(t, w), p.p50_ms);
    p99.points.emplace_back(window_mid(t, w), p.p99_ms);
  }
  m.lines = {std::move(p50), std::move(p99)};
  if (flow < t.flows.size() && t.flows[flow].slo && t.flows[flow].slo->latency_ms > 0) {
    const trace::FlowSlo& slo = *t.flows[flow].slo;
    m.references.push_back(
        ReferenceLine{"objective p" + number(slo.percentile) + " <= " + number(slo.latency_ms) + " ms",
                      slo.latency_ms, palette::slo});
  }
  m.y_max = nice_ceiling(max_of(m) * 1.05);
  return m;
}

ChartModel throughput_chart(const trace::Trace& t) {
  ChartModel m = frame(t, "Throughput and errors", "requests/s");
  ChartLine done{"completed", palette::throughput, {}};
  std::vector<ChartLine> reasons;
  std::vector<bool> occurs(trace::failure_reasons.size(), false);
  for (std::size_t r = 0; r < trace::failure_reasons.size(); ++r)
    reasons.push_back(ChartLine{trace::failure_reasons[r], palette::reasons[r], {}});
  for (std::size_t w = 0; w < t.windows.size(); ++w) {
    const double len = window_length(t, w);
    double completed = 0;
    std::vector<double> failed(trace::failure_reasons.size(), 0);
    for (const trace::FlowPoint& p : t.windows[w].flows) {
      completed += static_cast<double>(p.completed);
      for (std::size_t r = 0; r < failed.size(); ++r)
        failed[r] += static_cast<double>(p.failed[r]);
    }
    done.points.emplace_back(window_mid(t, w), completed / len);
    for (std::size_t r = 0; r < failed.size(); ++r) {
      reasons[r].points.emplace_back(window_mid(t, w), failed[r] / len);
      if (failed[r] > 0) occurs[r] = true;
    }
  }
  m.lines.push_back(std::move(done));
  for (std::size_t r = 0; r < reasons.size(); ++r) {
    if (occurs[r]) m.lines.push_back(std::move(reasons[r]));
  }
  m.y_max = nice_ceiling(max_of(m) * 1.05);
  return m;
}

ChartModel availability_chart(const trace::Trace& t, std::size_t flow) {
  const std::string name = flow < t.flows.size() ? t.flows[flow].name : "";
  ChartModel m = frame(t, "Availability: " + name, "completed (%)");
  ChartLine share{"completed %", palette::healthy, {}};
  double lowest = 100;
  for (std::size_t w = 0; w < t.windows.size(); ++w) {
    if (flow >= t.windows[w].flows.size()) break;
    const trace::FlowPoint& p = t.windows[w].flows[flow];
    const double finished = static_cast<double>(p.completed + p.failed_total());
    if (finished == 0) continue;
    const double pct = 100 * static_cast<double>(p.completed) / finished;
    share.points.emplace_back(window_mid(t, w), pct);
    lowest = std::min(lowest, pct);
  }
  m.lines.push_back(std::move(share));
  if (flow < t.flows.size() && t.flows[flow].slo && t.flows[flow].slo->availability > 0) {
    const double target = t.flows[flow].slo->availability;
    m.references.push_back(ReferenceLine{"objective " + number(target) + " %", target, palette::slo});
    lowest = std::min(lowest, target);
  }
  m.y_min = lowest >= 99 ? 99 : lowest >= 90 ? 90 : 0;
  m.y_max = 100;
  return m;
}

std::optional<std::size_t> most_read_flow(const trace::Trace& t) {
  std::vector<std::uint64_t> reads(t.flows.size(), 0);
  for (const trace::Window& w : t.windows) {
    for (std::size_t f = 0; f < w.flows.size() && f < reads.size(); ++f)
      reads[f] += w.flows[f].reads;
  }
  std::optional<std::size_t> best;
  for (std::size_t f = 0; f < reads.size(); ++f) {
    if (reads[f] > 0 && (!best || reads[f] > reads[*best])) best = f;
  }
  return best;
}

ChartModel consistency_chart(const trace::Trace& t, std::size_t flow) {
  const std::string name = flow < t.flows.size() ? t.flows[flow].name : "";
  ChartModel m = frame(t, "Consistency: " + name, "stale reads (%)");
  ChartLine stale{"stale % of reads", palette::strained, {}};
  for (std::size_t w = 0; w < t.windows.size(); ++w) {
    if (flow >= t.windows[w].flows.size()) break;
    const trace::FlowPoint& p = t.windows[w].flows[flow];
    if (p.reads == 0) continue;
    stale.points.emplace_back(window_mid(t, w),
                              100 * static_cast<double>(p.stale_reads) / static_cast<double>(p.reads));
  }
  m.lines.push_back(std::move(stale));
  m.y_max = nice_ceiling(std::max(1.0, max_of(m) * 1.05));
  return m;
}

ChartModel staleness_chart(const trace::Trace& t, std::size_t flow) {
  const std::string name = flow < t.flows.size() ? t.flows[flow].name : "";
  ChartModel m = frame(t, "Staleness: " + name, "stale age p99 (ms)");
  ChartLine age{"p99 age of stale reads", palette::reasons[3], {}};
  for (std::size_t w = 0; w < t.windows.size(); ++w) {
    if (flow >= t.windows[w].flows.size()) break;
    const trace::FlowPoint& p = t.windows[w].flows[flow];
    if (p.stale_reads == 0) continue;
    age.points.emplace_back(window_mid(t, w), p.stale_p99_ms);
  }
  m.lines.push_back(std::move(age));
  m.y_max = nice_ceiling(std::max(1.0, max_of(m) * 1.05));
  return m;
}

std::optional<ChartModel> cost_chart(const trace::Trace& t, std::size_t blocks) {
  const std::size_t n = t.topology.blocks.size();
  std::vector<double> spent(n, 0);  // USD over the run, per block
  bool any = false;
  for (std::size_t w = 0; w < t.windows.size(); ++w) {
    for (std::size_t b = 0; b < n && b < t.windows[w].blocks.size(); ++b) {
      if (const auto usd = t.windows[w].blocks[b].usd_per_hour) {
        spent[b] += *usd * window_length(t, w) / 3600;
        any = true;
      }
    }
  }
  if (!any) return std::nullopt;
  std::vector<std::size_t> order;
  for (std::size_t b = 0; b < n; ++b) {
    if (spent[b] > 0) order.push_back(b);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return spent[a] > spent[b]; });
  const std::size_t own = order.size() <= blocks + 1 ? order.size() : blocks;
  ChartModel m = frame(t, "Cost by block", "USD per hour");
  ChartLine total{"total", palette::text, {}};
  std::vector<ChartLine> lines;
  constexpr std::array<Colour, 4> colours{palette::p50, palette::p99, palette::throughput, palette::strained};
  for (std::size_t i = 0; i < own; ++i)
    lines.push_back(ChartLine{t.topology.blocks[order[i]].name, colours[i % colours.size()], {}});
  ChartLine other{"other", palette::muted, {}};
  for (std::size_t w = 0; w < t.windows.size(); ++w) {
    const std::vector<trace::BlockPoint>& points = t.windows[w].blocks;
    auto rate = [&](std::size_t b) { return b < points.size() ? points[b].usd_per_hour.value_or(0) : 0.0; };
    double sum = 0, rest = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
      const double usd = rate(order[i]);
      sum += usd;
      if (i < own) {
        lines[i].points.emplace_back(window_mid(t, w), usd);
      } else {
        rest += usd;
      }
    }
    total.points.emplace_back(window_mid(t, w), sum);
    if (own < order.size()) other.points.emplace_back(window_mid(t, w), rest);
  }
  m.lines.push_back(std::move(total));
  for (ChartLine& l : lines)
    m.lines.push_back(std::move(l));
  if (own < order.size()) m.lines.push_back(std::move(other));
  m.y_max = nice_ceiling(std::max(0.01, max_of(m) * 1.05));
  return m;
}

std::optional<ChartModel> visibility_chart(const trace::Trace& t, std::size_t flow) {
  const std::string name = flow < t.flows.size() ? t.flows[flow].name : "";
  auto curve = std::find_if(t.visibility.begin(), t.visibility.end(), [&](const trace::FlowVisibility& v) {
    return v.flow == name && !v.bins.empty();
  });
  if (curve == t.visibility.end()) return std::nullopt;
  ChartModel m;
  m.title = "t-visibility: " + name;
  m.y_unit = "fresh reads (%)";
  m.x_unit = "ms since the newest write";
  m.log_x = true;
  ChartLine fresh{"P(fresh) by age of the write", palette::p50, {}};
  for (const trace::VisibilityBin& b : curve->bins) {
    const double at_ms = b.to_ms > 0 ? b.to_ms : 2 * std::max(b.from_ms, 1.0);
    fresh.points.emplace_back(std::log10(at_ms), 100 * b.fresh_fraction);
  }
  m.lines.push_back(std::move(fresh));
  m.t0 = 0;  // 1 ms
  m.t1 = std::max(1.0, std::ceil(m.lines.front().points.back().first));
  m.y_min = 0;
  m.y_max = 100;
  return m;
}

}  // namespace sdsim::viz
