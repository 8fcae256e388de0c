#include "app/report_text.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "app/text_format.hpp"

namespace sdsim::app {

namespace {

bool is_source(const std::string& kind) {
  return kind == "open_source" || kind == "closed_source";
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

// A number as short as it reads exactly: 200, 99.9, 0.25.
std::string plain(double v) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

// A time in s to a tenth of a second (a thousandth with windows under a second): 62, 36.7.
std::string seconds(double v, double window_s) {
  const double step = window_s >= 1 ? 0.1 : 0.001;
  return plain(std::round(v / step) * step);
}

// "p99", "p99.9", "p50".
std::string percentile_name(double percentile) {
  return "p" + plain(percentile);
}

// A share in percent with enough decimals to compare with the target (99.9 needs 2, 99.999 needs 4).
std::string percent(double fraction, double target) {
  int decimals = target <= 0 ? 2 : target <= 99.9 ? 2 : target <= 99.99 ? 3 : 4;
  return fixed(100 * fraction, decimals) + "%";
}

std::string budget_text(const char* what, double spent) {
  if (std::isinf(spent)) return std::string(what) + " exhausted (the target allows no failure)";
  std::string out = std::string(what) + " " + fixed(100 * spent, 0) + "% spent";
  return spent > 1 ? out + " (over budget)" : out;
}

bool latency_met(const SloFigures<Estimate>& slo) {
  return !slo.target.has_latency() || 100 * slo.slow_fraction.mean <= 100 - slo.target.percentile + 1e-9;
}

bool availability_met(const SloFigures<Estimate>& slo) {
  return !slo.target.has_availability() || 100 * slo.availability.mean >= slo.target.availability - 1e-9;
}

// One line per flow with objectives, the verdict first: "checkout: SLO met: p99 182 ms <= 200 ms, ...".
void slo_verdicts(const ExperimentSummary& s, std::size_t replications, std::ostringstream& out) {
  if (s.slos.empty()) return;
  out << "Service-level objectives (per run; availability = completed / ended requests)\n";
  for (const SloFigures<Estimate>& slo : s.slos) {
    const SloTarget& t = slo.target;
    const bool met = latency_met(slo) && availability_met(slo);
    out << "  " << slo.flow << ": SLO " << (met ? "met" : "missed") << ": ";
    std::string sep;
    if (t.has_latency()) {
      out << percentile_name(t.percentile) << " " << ms(slo.latency_ms.mean) << " ms "
          << (latency_met(slo) ? "<=" : ">") << " " << plain(t.latency_ms) << " ms";
      sep = ", ";
    }
    if (t.has_availability()) {
      out << sep << "availability " << percent(slo.availability.mean, t.availability) << " "
          << (availability_met(slo) ? ">=" : "<") << " " << plain(t.availability) << "%, "
          << budget_text("error budget", slo.error_budget_spent.mean);
    } else {
      out << sep << budget_text("latency budget", slo.latency_budget_spent.mean);
    }
    if (!std::isnan(slo.first_breach_s.mean)) {
      out << "; first breach at " << seconds(slo.first_breach_s.mean, slo.window_s) << " s";
      if (replications > 1)
        out << " (mean over the " << slo.first_breach_s.samples << " replications that breached)";
    }
    if (replications > 1 && slo.met.mean > 0 && slo.met.mean < 1) {
      out << "; met in " << plain(slo.met.mean * static_cast<double>(replications)) << " of " << replications
          << " replications";
    }
    out << "\n";
  }
  out << "\n";
}

// Per flow with objectives: how its requests split, its budgets, and how its windows fared.
void slo_details(const ExperimentSummary& s, bool ci, std::ostringstream& out) {
  if (s.slos.empty()) return;
  out << "\nSLO detail (windows of " << plain(s.slos.front().window_s) << " s from "
      << plain(s.slos.front().window_start_s)
      << " s; a request counts in the window it ends in; times from the start of the run)\n";
  for (const SloFigures<Estimate>& slo : s.slos) {
    const SloTarget& t = slo.target;
    const double n = slo.finished.mean;
    auto share = [&](double x) { return fixed(n > 0 ? 100 * x / n : 0, 3) + "%"; };
    out << "  " << slo.flow << ": " << fixed(n, 0) << " requests ended: good " << share(slo.good.mean);
    if (t.has_latency()) out << ", slow (> " << plain(t.latency_ms) << " ms) " << share(slo.slow.mean);
    out << ", failed " << share(slo.failed.mean) << "\n";
    out << "    availability " << percent(slo.availability.mean, t.availability);
    if (ci) out << " ±" << fixed(100 * slo.availability.half_width, 3) << " points";
    if (t.has_latency()) {
      out << "; " << percentile_name(t.percentile) << " " << ms(slo.latency_ms.mean) << " ms";
      if (ci) out << " ±" << ms(slo.latency_ms.half_width);
      out << "; " << budget_text("latency budget", slo.latency_budget_spent.mean);
    }
    if (t.has_availability()) out << "; " << budget_text("error budget", slo.error_budget_spent.mean);
    out << "\n";
    const SloSeries& w = slo.windows;
    std::size_t with_data = 0;
    std::size_t worst = w.size();
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (std::isnan(w.met[i])) continue;
      ++with_data;
      auto worse = [&](std::size_t a, std::size_t b) {  // is window a worse than b?
        if (w.met[a] != w.met[b]) return w.met[a] < w.met[b];
        if (w.availability[a] != w.availability[b]) return w.availability[a] < w.availability[b];
        return w.latency_ms[a] > w.latency_ms[b];
      };
      if (worst == w.size() || worse(i, worst)) worst = i;
    }
    out << "    windows meeting every objective: " << fixed(100 * slo.windows_met_fraction.mean, 1) << "% of "
        << with_data << " with requests";
    if (!std::isnan(slo.first_breach_s.mean))
      out << "; first breach at " << seconds(slo.first_breach_s.mean, slo.window_s) << " s";
    out << "\n";
    if (worst < w.size() && w.met[worst] < 1) {
      out << "    worst window: "
          << seconds(slo.window_start_s + static_cast<double>(worst) * slo.window_s, slo.window_s)
          << " s, availability " << percent(w.availability[worst], t.availability);
      if (t.has_latency() && !std::isnan(w.latency_ms[worst]))
        out << ", " << percentile_name(t.percentile) << " " << ms(w.latency_ms[worst]) << " ms";
      out << "\n";
    }
  }
}

// "1 call", "2 calls"; counts that are means over replications keep one decimal.
std::string count(double n, const char* one, const char* many) {
  const bool whole = n == std::round(n);
  return (whole ? fixed(n, 0) : fixed(n, 1)) + " " + (n == 1 ? one : many);
}

// Per call with resilience: how much extra work it made and how often each mechanism acted.
void resilience_lines(const ExperimentSummary& s, bool ci, std::ostringstream& out) {
  if (s.guards.empty()) return;
  out << "\nResilience (per call with a timeout, retries, a retry budget or a circuit breaker; counts per run"
      << (ci ? ", means over the replications" : "") << ")\n";
  for (const GuardFigures<Estimate>& g : s.guards) {
    out << "  " << g.call << ": " << count(g.calls.mean, "call", "calls") << ", "
        << count(g.attempts.mean, "attempt", "attempts");
    if (g.has_retry) {
      out << " (" << count(g.retries.mean, "retry", "retries") << "; retry amplification "
          << fixed(g.retry_amplification.mean, 2) << "x: attempts per first attempt)";
    }
    out << "\n";
    std::string sep = "    ";
    if (g.has_timeout) {
      out << sep << count(g.timeouts.mean, "attempt", "attempts") << " timed out";
      sep = "; ";
    }
    if (g.has_breaker) {
      out << sep << "circuit breaker opened " << count(g.breaker_opens.mean, "time", "times") << ", "
          << count(g.circuit_open.mean, "call", "calls") << " refused while open";
      sep = "; ";
    }
    if (g.has_budget) {
      out << sep << count(g.budget_denied.mean, "retry", "retries") << " denied by the retry budget";
      sep = "; ";
    }
    if (sep != "    ") out << "\n";
  }
}

// Per scheduled fault: what it hit, when, whether each flow's objectives broke and how long until they held
// again (RTO), and the acknowledged writes a failover lost (RPO).
void fault_lines(const ExperimentSummary& s, std::size_t replications, std::ostringstream& out) {
  if (s.faults.empty()) return;
  out << "\nFaults (times from the start of the run; RTO: from the fault's start until every later SLO "
         "window up to the next fault is met";
  if (!s.slos.empty()) out << ", windows of " << plain(s.slos.front().window_s) << " s";
  out << "; RPO: writes acknowledged, then lost)\n";
  for (const FaultFigures<Estimate>& f : s.faults) {
    out << "  " << fault_words(f) << "\n";
    if (f.failed_writer || f.type == "writer_failover") {
      out << "    RPO: " << count(f.writes_lost.mean, "write", "writes") << " lost";
      if (f.lag_ms.mean > 0) {
        out << " (acknowledged in the last " << ms(f.lag_ms.mean) << " ms before the writer failed)";
      } else {
        out << " (the writer's storage or a synchronous standby had every acknowledged write)";
      }
      out << "\n";
    }
    if (s.slos.empty()) {
      out << "    RTO needs an SLO: state \"slos\" in the scenario\n";
      continue;
    }
    for (const FaultRecoveryFigures<Estimate>& r : f.recovery) {
      out << "    " << r.flow << ": ";
      const auto reps = static_cast<double>(replications);
      if (r.breached.mean == 0) {
        out << "no breach\n";
        continue;
      }
      if (r.recovered.mean > 0) {
        out << "breached, RTO " << seconds(r.rto_s.mean, s.slos.front().window_s) << " s";
        if (replications > 1) {
          out << " (mean over the " << r.rto_s.samples << " replications that recovered";
          const double breached = r.breached.mean * reps;
          if (breached < reps) out << "; breached in " << plain(breached) << " of " << replications;
          out << ")";
        }
      }
      const double stuck = (r.breached.mean - r.recovered.mean) * reps;
      if (stuck > 0.5) {
        out << (r.recovered.mean > 0 ? "; " : "breached, ") << "not recovered "
            << (std::isfinite(f.next_fault_s) ? "before the next fault, at " + plain(f.next_fault_s) + " s"
                                              : std::string("by the end of the run"));
        if (replications > 1)
          out << " in " << plain(std::round(stuck)) << " of " << replications << " replications";
      }
      out << "\n";
    }
  }
}

// Per flow with judged reads: how often a read missed a committed write, by how long, and P(fresh) a few
// times after a write (the t-visibility curve; all of it is in the JSON).
void consistency_lines(const ExperimentSummary& s, bool ci, std::ostringstream& out) {
  bool header = false;
  for (const ConsistencyFigures<Estimate>& c : s.read_flows) {
    if (c.reads.mean <= 0 && c.lost_updates.mean <= 0) continue;
    if (!header) {
      out << "\nConsistency (reads judged against the newest committed write when served; staleness: time "
             "since the first missed write's commit, and versions behind (mean / max), over stale reads)\n";
      out << "  " << pad("flow", 14, true) << pad("reads/run", 12) << pad("stale %", 16)
          << pad("stale p50 ms", 14) << pad("stale p99 ms", 14) << pad("max ms", 10)
          << pad("versions behind", 19) << "\n";
      header = true;
    }
    out << "  " << pad(c.name, 14, true) << pad(fixed(c.reads.mean, 0), 12)
        << pad(with_ci(fixed(100 * c.stale_fraction.mean, 3), 100 * c.stale_fraction.half_width, ci, 3), 16)
        << pad(ms(c.age.p50_ms.mean), 14) << pad(ms(c.age.p99_ms.mean), 14) << pad(ms(c.age.max_ms.mean), 10)
        << pad(fixed(c.versions_behind_mean.mean, 2) + " / " + fixed(c.versions_behind_max.mean, ci ? 1 : 0),
               19)
        << "\n";
    // A few points of the curve: the first bins with reads, up to 1 s, then the rest together.
    out << "    P(fresh) t after the write:";
    std::string sep = " ";
    for (const VisibilityBin<Estimate>& bin : c.visibility) {
      if (bin.to_ms > 1000 || std::isnan(bin.fresh_fraction.mean) || bin.reads.mean <= 0) continue;
      if (bin.to_ms != 1 && bin.to_ms != 10 && bin.to_ms != 100 && bin.to_ms != 1000) continue;
      out << sep << plain(bin.from_ms) << "-" << plain(bin.to_ms) << " ms "
          << fixed(100 * bin.fresh_fraction.mean, 1) << "%";
      sep = ", ";
    }
    if (sep == " ") out << " (no reads of written keys in the bins up to 1 s)";
    out << "\n";
    if (c.lost_updates.mean > 0) {
      out << "    lost updates (writes overwriting another region's newer write unseen, last writer wins): "
          << with_ci(plain(std::round(c.lost_updates.mean)), c.lost_updates.half_width, ci, 0)
          << " per run\n";
    }
    if (c.session_reads.mean > 0) {
      // Closed-loop users are sessions: their reads against their own earlier writes and reads of the key.
      auto share = [&](const Estimate& n) {
        return plain(std::round(n.mean)) + " (" + fixed(100 * n.mean / c.session_reads.mean, 3) + "%)";
      };
      out << "    sessions (closed-loop users): " << plain(std::round(c.session_reads.mean))
          << " reads/run; read-your-writes violations " << share(c.read_your_writes_violations)
          << ", monotonic-read violations " << share(c.monotonic_read_violations) << "\n";
    }
  }
}

// Dollars with cents below $100 and whole dollars above.
std::string usd(double v) {
  return "$" + fixed(v, v < 100 ? 2 : 0);
}

void cost_lines(const ExperimentSummary& s, bool ci, std::ostringstream& out) {
  const CostFigures<Estimate>& c = s.cost;
  out << "\nCost (us-east-1 on-demand list prices, as if the measured load ran all month: 730 h)\n";
  out << "  " << pad("total", 14, true)
      << pad(with_ci(usd(c.usd_per_month.mean), c.usd_per_month.half_width, ci,
                     c.usd_per_month.mean < 100 ? 2 : 0),
             22)
      << " /month   " << usd(c.usd_per_million_requests.mean) << " per million requests";
  if (c.transfer_usd_per_month.mean > 0)
    out << "   (data transfer " << usd(c.transfer_usd_per_month.mean) << ")";
  out << "\n";
  std::string unpriced;
  for (const auto& b : s.blocks) {
    if (is_source(b.kind)) continue;
    if (b.usd_per_month.mean <= 0) {
      unpriced += (unpriced.empty() ? "" : ", ") + b.name;
      continue;
    }
    const double share = c.usd_per_month.mean > 0 ? b.usd_per_month.mean / c.usd_per_month.mean : 0;
    out << "  " << pad(b.name, 14, true) << pad(usd(b.usd_per_month.mean), 22) << " /month   "
        << pad(fixed(100 * share, 1), 5) << "% of the total\n";
  }
  if (!unpriced.empty()) out << "  no price: " << unpriced << "\n";
}

// The diagnosis first: healthy, or the first breach, the bottleneck, the mechanism and the levers.
void diagnosis_lines(const Diagnosis& d, std::ostringstream& out) {
  if (d.healthy) {
    out << d.verdict << "\n\n";
    return;
  }
  out << "Why it failed\n  " << d.verdict << "\n";
  if (!d.mechanism.empty()) out << "  " << d.mechanism << ".\n";
  for (const std::string& fault : d.faults)
    out << "  fault: " << fault << "\n";
  for (const std::string& lever : d.levers)
    out << "  lever: " << lever << "\n";
  out << "\n";
}

std::string theory_ms(double seconds) {
  return std::isfinite(seconds) ? ms(1e3 * seconds) : "inf";
}

// Per flow, the availability its blocks' SLAs allow, with the downtime a month it implies, beside the run's.
void composed_lines(const ExperimentSummary& s, const Explanation& e, std::ostringstream& out) {
  if (e.composed.empty()) return;
  out << "\nAvailability on paper (the blocks' published SLAs composed along each flow's calls) beside the "
         "run's\n";
  out << "  " << pad("flow", 14, true) << pad("on paper %", 12) << pad("down/month", 12)
      << pad("measured %", 12) << "   weakest block\n";
  for (std::size_t f = 0; f < e.composed.size(); ++f) {
    const ComposedAvailability& c = e.composed[f];
    const double down_min = (1 - c.availability) * 730 * 60;
    const std::string measured = f < s.flows.size() && s.flows[f].finished.mean > 0
                                     ? fixed(100 * s.flows[f].success_fraction.mean, 3)
                                     : "-";
    out << "  " << pad(c.flow, 14, true)
        << pad(fixed(100 * c.availability, c.availability > 0.99999 ? 5 : 3), 12)
        << pad(down_min >= 60  ? fixed(down_min / 60, 1) + " h"
               : down_min >= 1 ? fixed(down_min, 1) + " min"
                               : (down_min * 60 >= 1 ? fixed(down_min * 60, 0) + " s" : "< 1 s"),
               12)
        << pad(measured, 12) << "   "
        << (c.weakest.empty() ? "none below 100%"
                              : c.weakest + " (" + fixed(100 * c.weakest_availability, 3) + "%)")
        << "\n";
  }
  out << "  note: the run measures failures its scenario causes; SLAs bound what AWS itself may cause in a "
         "month\n";
}

// Per station, M/G/c theory beside the simulated figures, with the reasons where they part.
void theory_lines(const Explanation& e, bool ci, std::ostringstream& out) {
  if (e.stations.empty()) return;
  out << "\nTheory beside simulation (M/G/c: Poisson arrivals at the measured rate, the measured holding "
         "time; sim | theory)\n";
  out << "  " << pad("block", 14, true) << pad("servers", 8) << pad("arrivals/s", 12) << pad("offered E", 11)
      << pad("scv", 6) << pad("P(wait) %", 16) << pad("wait ms", 24) << pad("p99 wait ms", 20)
      << pad("in system", 18) << "  agrees\n";
  std::vector<std::string> notes;
  for (const StationCheck& c : e.stations) {
    const int wait_decimals = decimals_for(c.mean_wait_ms.mean);
    out << "  " << pad(c.block, 14, true) << pad(std::to_string(c.servers), 8)
        << pad(fixed(c.arrival_rate_per_s, 1), 12) << pad(fixed(c.theory.offered_erlangs, 2), 11)
        << pad(fixed(c.service_scv, 2), 6)
        << pad(fixed(100 * c.p_wait.mean, 1) + " | " + fixed(100 * c.theory.p_wait, 1), 16)
        << pad(with_ci(ms(c.mean_wait_ms.mean), c.mean_wait_ms.half_width, ci, wait_decimals) + " | " +
                   theory_ms(c.theory.mean_wait_s),
               24)
        << pad(ms(c.p99_wait_ms.mean) + " | " + theory_ms(c.theory.p99_wait_s), 20)
        << pad(fixed(c.mean_in_system.mean, 2) + " | " +
                   (std::isfinite(c.theory.mean_in_system) ? fixed(c.theory.mean_in_system, 2) : "inf"),
               18)
        << "  " << (c.agrees ? "yes" : "no") << "\n";
    if (c.agrees) continue;
    for (const std::string& reason : c.reasons)
      notes.push_back(c.block + ": " + reason);
  }
  for (const std::string& note : notes)
    out << "  note: " << note << "\n";
  for (const std::string& caveat : e.caveats)
    out << "  note: " << caveat << "\n";
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

  slo_verdicts(s, result.replications.size(), out);
  diagnosis_lines(result.explanation.diagnosis, out);

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
  slo_details(s, ci, out);
  resilience_lines(s, ci, out);
  fault_lines(s, result.replications.size(), out);
  consistency_lines(s, ci, out);
  cost_lines(s, ci, out);

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
  theory_lines(result.explanation, ci, out);
  composed_lines(s, result.explanation, out);
  return out.str();
}

}  // namespace sdsim::app
