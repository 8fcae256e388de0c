#include "sim/metrics/collector.hpp"

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
    : flow_names_(std::move(flow_names)), flows_(flow_names_.size()) {}

void MetricsCollector::on_departure(const Departure& d) {
  BlockHistograms& b = block(d.block);
  b.sojourn.record(d.finished - d.arrived);
  b.wait.record(d.started - d.arrived);
  if (d.started > d.arrived) ++b.waited;
}

void MetricsCollector::on_request_end(const RequestEnd& e) {
  FlowCounts& f = flows_[e.flow];
  ++f.ended[static_cast<std::size_t>(e.outcome)];
  if (e.outcome == Outcome::completed) f.latency.record(e.finished - e.created);
}

void MetricsCollector::on_statistics_reset(SimTime now) {
  measured_since_ = now;
  for (BlockHistograms& b : blocks_)
    b = BlockHistograms{};
  for (FlowCounts& f : flows_)
    f = FlowCounts{};
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
    b.wait = latency_figures(h.wait);
    b.littles_law_l = b.throughput_per_s * b.sojourn.mean_ms / 1e3;
    summary_.blocks.push_back(std::move(b));
  }
}

}  // namespace sdsim
