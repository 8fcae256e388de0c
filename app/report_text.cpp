#include "app/report_text.hpp"

#include <cstdio>
#include <sstream>

namespace sdsim::app {

namespace {

std::string fixed(double v, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

// Enough digits to read a duration at a glance: 0.123, 12.34, 1234.5.
std::string ms(double v) {
  return fixed(v, v < 1 ? 3 : v < 100 ? 2 : 1);
}

std::string with_ci(const std::string& value, double half_width, bool show, int decimals) {
  if (!show) return value;
  return value + " ±" + fixed(half_width, decimals);
}

std::string pad(const std::string& s, std::size_t width, bool left = false) {
  if (s.size() >= width) return left ? s + " " : " " + s;  // never let two columns touch
  std::string space(width - s.size(), ' ');
  return left ? s + space : space + s;
}

bool is_source(const std::string& kind) {
  return kind == "open_source" || kind == "closed_source";
}

int decimals_for(double v) {
  return v < 1 ? 3 : v < 100 ? 2 : 1;
}

// Per flow with failures: the share of requests that failed, split by reason.
void failure_lines(const ExperimentSummary& s, std::ostringstream& out) {
  bool header = false;
  for (const FlowFigures<Estimate>& f : s.flows) {
    if (f.failed.mean <= 0) continue;
    if (!header) out << "\nFailures (share of the flow's requests, by reason)\n";
    header = true;
    auto pct = [&](double n) { return fixed(100 * n / f.finished.mean, 3) + "%"; };
    out << "  " << pad(f.name, 14, true) << pad(pct(f.failed.mean), 10) << "  ";
    std::string sep;
    const std::pair<const char*, double> reasons[] = {{"rejected (no room)", f.rejected.mean},
                                                      {"throttled", f.throttled.mean},
                                                      {"unavailable", f.unavailable.mean},
                                                      {"timeout", f.timeout.mean},
                                                      {"circuit open", f.circuit_open.mean}};
    for (const auto& [reason, n] : reasons) {
      if (n <= 0) continue;
      out << sep << reason << " " << pct(n);
      sep = ", ";
    }
    out << "\n";
  }
}

}  // namespace

std::string format_report(const ExperimentResult& result, double warmup_s) {
  const ExperimentSummary& s = result.summary;
  const bool ci = result.replications.size() > 1;
  std::ostringstream out;
  out << "sdsim run: design \"" << result.design_name << "\" under scenario \"" << result.scenario_name
      << "\"\n";
  out << "  seed " << result.seed << ", " << result.replications.size() << " replication"
      << (result.replications.size() == 1 ? "" : "s") << " of " << fixed(s.measured_s, 1)
      << " s measured after " << fixed(warmup_s, 1) << " s warm-up";
  out << (ci ? "; ± is the 95% confidence half-width across replications\n\n" : "\n\n");

  out << "End to end (request created at the client to response back at it)\n";
  out << "  " << pad("flow", 14, true) << pad("done/s", 16) << pad("success %", 11) << pad("mean ms", 18)
      << pad("p50 ms", 10) << pad("p90 ms", 10) << pad("p99 ms", 18) << pad("p99.9 ms", 10)
      << pad("max ms", 10) << "\n";
  auto flow_row = [&](const FlowFigures<Estimate>& f) {
    const auto& l = f.latency;
    out << "  " << pad(f.name, 14, true)
        << pad(with_ci(fixed(f.throughput_per_s.mean, 1), f.throughput_per_s.half_width, ci, 1), 16)
        << pad(fixed(100 * f.success_fraction.mean, 2), 11)
        << pad(with_ci(ms(l.mean_ms.mean), l.mean_ms.half_width, ci, decimals_for(l.mean_ms.mean)), 18)
        << pad(ms(l.p50_ms.mean), 10) << pad(ms(l.p90_ms.mean), 10)
        << pad(with_ci(ms(l.p99_ms.mean), l.p99_ms.half_width, ci, decimals_for(l.p99_ms.mean)), 18)
        << pad(ms(l.p999_ms.mean), 10) << pad(ms(l.max_ms.mean), 10) << "\n";
  };
  for (const auto& f : s.flows)
    flow_row(f);
  if (s.flows.size() > 1) flow_row(s.overall);

  failure_lines(s, out);

  out << "\nBlocks (sojourn: time at the block, waiting, in service and awaiting its calls; servers 0: "
         "unbounded)\n";
  out << "  " << pad("block", 14, true) << pad("servers", 8) << pad("util %", 14) << pad("done/s", 10)
      << pad("in system", 11) << pad("rejected %", 11) << pad("waited %", 10) << pad("wait ms", 10)
      << pad("mean ms", 10) << pad("p50 ms", 10) << pad("p99 ms", 10) << pad("max ms", 10) << "\n";
  for (const auto& b : s.blocks) {
    if (is_source(b.kind)) continue;
    out << "  " << pad(b.name, 14, true) << pad(std::to_string(b.servers), 8)
        << pad(with_ci(fixed(100 * b.utilization.mean, 1), 100 * b.utilization.half_width, ci, 1), 14)
        << pad(fixed(b.throughput_per_s.mean, 1), 10) << pad(fixed(b.mean_in_system.mean, 2), 11)
        << pad(fixed(100 * b.rejected_fraction.mean, 2), 11) << pad(fixed(100 * b.p_wait.mean, 1), 10)
        << pad(ms(b.wait.mean_ms.mean), 10) << pad(ms(b.sojourn.mean_ms.mean), 10)
        << pad(ms(b.sojourn.p50_ms.mean), 10) << pad(ms(b.sojourn.p99_ms.mean), 10)
        << pad(ms(b.sojourn.max_ms.mean), 10) << "\n";
  }
  bool saturated = false;
  for (const auto& b : s.blocks) {
    if (!is_source(b.kind) && b.servers > 0 && b.utilization.mean > 0.98) {
      out << "\n  note: \"" << b.name << "\" is saturated (" << fixed(100 * b.utilization.mean, 1)
          << "% busy): its queue grows through the run, so its latency depends on the run length.";
      saturated = true;
    }
  }
  if (saturated) out << "\n";
  return out.str();
}

}  // namespace sdsim::app
