#include "sim/experiment/explanation.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <optional>

namespace sdsim {

namespace {

std::string fixed(double v, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

std::string percent(double fraction) {
  return fixed(100 * fraction, fraction < 0.001 ? 3 : fraction < 0.1 ? 2 : 1) + "%";
}

std::string ms_text(double ms) {
  return fixed(ms, ms < 1 ? 3 : ms < 100 ? 2 : 1) + " ms";
}

// Kinds whose servers form one FCFS line in front of c servers, so that M/G/c describes them.
bool is_c_server_line(const std::string& kind) {
  return kind == "station" || kind == "compute" || kind == "cache" || kind == "relational_database";
}

bool steady_poisson(const Scenario& scenario) {
  for (const LoadSpec& load : scenario.loads) {
    if (load.type != LoadSpec::Type::open || load.trace || !load.profile.is_constant()) return false;
  }
  return true;
}

// The largest retry amplification of the guarded calls into `block` (1: none).
double retry_amplification_into(const ExperimentSummary& s, const std::string& block) {
  double worst = 1;
  const std::string suffix = " -> " + block;
  for (const GuardFigures<Estimate>& g : s.guards) {
    if (g.call.size() >= suffix.size() &&
        g.call.compare(g.call.size() - suffix.size(), suffix.size(), suffix) == 0)
      worst = std::max(worst, g.retry_amplification.mean);
  }
  return worst;
}

StationCheck check_station(const BlockFigures<Estimate>& b, const ExperimentSummary& s,
                           const Scenario& scenario) {
  StationCheck c;
  c.block = b.name;
  c.kind = b.kind;
  c.servers = b.servers;
  c.arrival_rate_per_s = s.measured_s > 0 ? b.arrivals.mean / s.measured_s : 0;
  c.service_scv = b.service_scv.mean;
  c.theory = theory::predict_station({.arrival_rate_per_s = c.arrival_rate_per_s,
                                      .mean_service_s = b.service_mean_ms.mean / 1e3,
                                      .service_scv = c.service_scv,
                                      .servers = b.servers});
  c.p_wait = b.p_wait;
  c.mean_wait_ms = b.wait.mean_ms;
  c.p99_wait_ms = b.wait.p99_ms;
  c.mean_in_system = b.mean_in_system;
  c.littles_law_l = b.littles_law_l.mean;

  // Exact for M/M/c and M/G/1; Allen-Cunneen is typically within about 15% elsewhere.
  const bool exact = b.servers == 1 || std::abs(c.service_scv - 1) < 0.1;
  const double theory_ms = 1e3 * c.theory.mean_wait_s;
  const double allowed = c.mean_wait_ms.half_width + (exact ? 0.05 : 0.15) * theory_ms + 0.001;
  c.agrees = c.theory.stable && std::abs(c.mean_wait_ms.mean - theory_ms) <= allowed;

  if (!c.theory.stable) {
    c.reasons.push_back("its offered load (" + fixed(c.theory.offered_erlangs, 2) + " E) is at or over its " +
                        std::to_string(c.servers) + " servers: no steady state");
  } else if (b.utilization.mean >= 0.98) {
    c.reasons.push_back("saturated (" + percent(b.utilization.mean) + " busy): its line grows with the run");
  }
  if (b.rejected_fraction.mean > 0.001) {
    c.reasons.push_back("refused " + percent(b.rejected_fraction.mean) +
                        " of arrivals (a bounded line or a limit; theory assumes an unbounded line)");
  }
  if (const double amplification = retry_amplification_into(s, b.name); amplification > 1.01)
    c.reasons.push_back("retries add " + percent(amplification - 1) + " to its load");
  if (c.service_scv > 4) {
    c.reasons.push_back("highly variable holding time (scv " + fixed(c.service_scv, 1) +
                        "): the approximation loosens");
  }
  if (!c.agrees && c.reasons.empty() && steady_poisson(scenario) && scenario.faults.empty()) {
    c.reasons.push_back(
        "its arrivals are shaped by the blocks before it (not Poisson), or it holds "
        "servers while awaiting calls whose times are correlated");
  }
  return c;
}

struct Failure {
  Outcome reason;
  double count;
};

// The most common way requests failed at this block.
Failure main_failure(const BlockFigures<Estimate>& b) {
  Failure best{Outcome::rejected, b.rejected_here.mean};
  for (Failure f : {Failure{Outcome::throttled, b.throttled_here.mean},
                    Failure{Outcome::unavailable, b.unavailable_here.mean},
                    Failure{Outcome::timeout, b.timeout_here.mean}}) {
    if (f.count > best.count) best = f;
  }
  const double breaker = b.failed_here.mean - b.rejected_here.mean - b.throttled_here.mean -
                         b.unavailable_here.mean - b.timeout_here.mean;
  if (breaker > best.count) best = {Outcome::circuit_open, breaker};
  return best;
}

std::vector<std::string> throttle_levers(const std::string& kind) {
  if (kind == "kv_database") {
    return {"raise its provisioned capacity or switch it to on-demand",
            "spread hot keys over more partitions (write sharding), or put a cache in front of reads"};
  }
  if (kind == "load_balancer")
    return {"raise the API's throttling rate and burst", "cache responses at the edge (CloudFront)"};
  if (kind == "function") return {"raise the function's concurrency limit", "shorten its duration"};
  if (kind == "queue") return {"use high-throughput FIFO or more message groups", "batch the sends"};
  if (kind == "stream") return {"add shards", "spread partition keys"};
  if (kind == "storage") return {"spread keys over more prefixes"};
  return {"raise its rate limit"};
}

std::vector<std::string> levers_for(const BlockFigures<Estimate>& b, Outcome reason, double offered) {
  const std::string more = b.servers > 0 ? "add servers at " + b.name + ": about " +
                                               std::to_string(theory::servers_for_utilization(offered, 0.7)) +
                                               " would keep it at or under 70% busy (it has " +
                                               std::to_string(b.servers) + ")"
                                         : "add capacity at " + b.name;
  switch (reason) {
    case Outcome::throttled:
      return throttle_levers(b.kind);
    case Outcome::rejected:
      if (b.kind == "relational_database")
        return {"raise the connection limit or pool connections (RDS Proxy)", "send reads to replicas", more};
      return {more, "shed load earlier (a bounded line upstream) so that what is admitted stays fast"};
    case Outcome::unavailable:
      return {"place it in more Availability Zones", "detect failure sooner (shorter health-check interval)",
              "fail over by DNS with a short TTL"};
    case Outcome::timeout:
      return {more, "set the timeout above its p99 sojourn (" + ms_text(b.sojourn.p99_ms.mean) + ")",
              "retry with a budget and jitter rather than at once"};
    case Outcome::circuit_open:
      return {"fix the dependency the breaker protects; the breaker is doing its job"};
    case Outcome::completed:
      break;
  }
  return {more};
}

// What bounds the harm a fault of `type` does to `target` (a block, zone, region or path); `has_dns`: the
// design routes by DNS already.
std::vector<std::string> fault_levers(const std::string& type, const std::string& target, bool has_dns) {
  const std::string sooner = "detect failure sooner (shorter health-check interval)";
  if (type == "brownout") {
    return {"bound the wait on " + target + ": a timeout and a circuit breaker on the calls to it",
            "isolate the callers of " + target +
                ": a pool of their own for those calls (a bulkhead), or make the calls asynchronous"};
  }
  if (type == "az_power_interruption") {
    return {
        "keep a zone's worth of spare capacity in every tier (N+1 zones), so the other zones carry the load",
        sooner};
  }
  if (type == "region_isolation") {
    if (has_dns) return {"fail over by DNS sooner: a shorter TTL and health-check interval"};
    return {"serve from a second region behind DNS failover (health checks and a short TTL)"};
  }
  if (type == "network_partition" || type == "added_latency" || type == "packet_loss")
    return {"size timeouts to the path's p99 and retry with backoff and jitter"};
  if (type == "writer_failover") {
    return {
        "retry writes with backoff across the failover; a faster failover (a Multi-AZ DB cluster) shortens "
        "the outage"};
  }
  if (type == "cache_node_loss") {
    return {
        "spread the cache over more nodes (a lost node holds fewer keys) and size the database for the "
        "misses"};
  }
  if (type == "instance_termination" || type == "capacity_reduction")
    return {"keep headroom for the lost instances, or autoscale to replace them", sooner};
  return {};
}

// Appends `lever` unless the list has it already.
void add_once(std::vector<std::string>& levers, const std::string& lever) {
  if (std::find(levers.begin(), levers.end(), lever) == levers.end()) levers.push_back(lever);
}

std::string reason_words(Outcome reason) {
  switch (reason) {
    case Outcome::throttled:
      return "throttled (a rate or capacity limit)";
    case Outcome::rejected:
      return "refused for lack of room (a full line or a connection limit)";
    case Outcome::unavailable:
      return "unavailable (the part that should serve was down)";
    case Outcome::timeout:
      return "timed out (callers stopped waiting)";
    case Outcome::circuit_open:
      return "refused by an open circuit breaker";
    case Outcome::completed:
      break;
  }
  return "completed";
}

bool is_source(const std::string& kind) {
  return kind == "open_source" || kind == "closed_source";
}

// The c-server station where the largest share of requests waited for a server.
const BlockFigures<Estimate>* most_queued(const ExperimentSummary& s) {
  const BlockFigures<Estimate>* best = nullptr;
  for (const BlockFigures<Estimate>& b : s.blocks) {
    if (b.servers == 0 || !is_c_server_line(b.kind)) continue;
    if (!best || b.p_wait.mean > best->p_wait.mean) best = &b;
  }
  return best;
}

// What the diagnosis reads of the design itself.
struct DesignFacts {
  bool has_dns = false;  // it routes by DNS already
  // Compute pools routed by least outstanding requests (their own policy or a load balancer's in front).
  std::vector<std::string> least_outstanding;
};

DesignFacts design_facts(const Design& design) {
  DesignFacts facts;
  for (const BlockSpec& b : design.blocks) {
    if (b.kind == "dns") facts.has_dns = true;
    if (b.kind == "load_balancer" && b.params.text_or("policy", "") == "least_outstanding")
      facts.least_outstanding.push_back(b.params.text_or("target", ""));
    if (b.kind == "compute" && b.params.text_or("balancing", "") == "least_outstanding")
      facts.least_outstanding.push_back(b.name);
  }
  return facts;
}

Diagnosis diagnose(const ExperimentSummary& s, const DesignFacts& facts) {
  Diagnosis d;
  // The first objective missed.
  const SloFigures<Estimate>* first = nullptr;
  for (const SloFigures<Estimate>& slo : s.slos) {
    if (slo.breached.mean <= 0 || std::isnan(slo.first_breach_s.mean)) continue;
    if (!first || slo.first_breach_s.mean < first->first_breach_s.mean) first = &slo;
  }
  if (first) {
    d.first_breach = first->flow + " first missed its objectives in the window starting at " +
                     fixed(first->first_breach_s.mean, 1) + " s";
  }

  // The block where most failures began, when failures matter; else the busiest station.
  const double finished = s.overall.finished.mean;
  const BlockFigures<Estimate>* failing = nullptr;
  const BlockFigures<Estimate>* busiest = nullptr;
  for (const BlockFigures<Estimate>& b : s.blocks) {
    if (is_source(b.kind)) continue;
    if (b.failed_here.mean > 0 && (!failing || b.failed_here.mean > failing->failed_here.mean)) failing = &b;
    if (b.servers > 0 && (!busiest || b.utilization.mean > busiest->utilization.mean)) busiest = &b;
  }
  const bool failures_matter = failing && finished > 0 && failing->failed_here.mean / finished >= 0.001;
  const bool saturated = busiest && busiest->utilization.mean >= 0.95;
  d.healthy = !first && !failures_matter && !saturated;
  if (d.healthy) {
    d.verdict = "Healthy: every objective met, under 0.1% of requests failed and no station is 95% busy.";
    if (busiest)
      d.verdict += " Busiest station: " + busiest->name + " at " + percent(busiest->utilization.mean) + ".";
    return d;
  }
  const double measured = s.measured_s > 0 ? s.measured_s : 1;
  auto offered = [&](const BlockFigures<Estimate>& b) {
    return b.arrivals.mean / measured * b.service_mean_ms.mean / 1e3;
  };
  if (failures_matter) {
    const BlockFigures<Estimate>& b = *failing;
    const Failure f = main_failure(b);
    d.bottleneck = b.name;
    d.mechanism = b.name + " (" + b.kind + ") is where " + percent(b.failed_here.mean / finished) +
                  " of all requests failed; most were " + reason_words(f.reason) + " (" +
                  percent(f.count / b.failed_here.mean) + " of them)";
    if (b.servers > 0) d.mechanism += "; it was " + percent(b.utilization.mean) + " busy";
    // A pool that holds its servers while awaiting calls fills up when what it calls is slow: the queue
    // starts at the station where the most requests waited.
    const BlockFigures<Estimate>* queued = most_queued(s);
    if ((f.reason == Outcome::rejected || f.reason == Outcome::timeout) && queued && queued != &b &&
        queued->p_wait.mean >= 0.3 && queued->p_wait.mean > b.p_wait.mean) {
      d.bottleneck = queued->name;
      d.mechanism += ". The queue starts at " + queued->name + ": " + percent(queued->p_wait.mean) +
                     " of its requests waited (mean " + ms_text(queued->wait.mean_ms.mean) + ", p99 " +
                     ms_text(queued->wait.p99_ms.mean) + ") while " + b.name +
                     " held its servers awaiting the calls";
      d.levers = levers_for(*queued, Outcome::timeout, offered(*queued));
      d.levers.resize(1);
      for (const std::string& lever : levers_for(b, f.reason, offered(b)))
        d.levers.push_back(lever);
    } else {
      d.levers = levers_for(b, f.reason, offered(b));
    }
  } else {
    const BlockFigures<Estimate>& b = *busiest;
    d.bottleneck = b.name;
    d.mechanism = b.name + " (" + b.kind + ") is " + percent(b.utilization.mean) +
                  " busy: requests queue there (" + percent(b.p_wait.mean) + " waited, mean wait " +
                  ms_text(b.wait.mean_ms.mean) + ", p99 " + ms_text(b.wait.p99_ms.mean) + ")";
    d.levers = levers_for(b, Outcome::timeout, offered(b));
    d.levers.erase(d.levers.begin() + 1, d.levers.end());
    d.levers.push_back("cut its holding time (faster calls it waits on, a cache in front of them)");
  }
  // The scenario's faults are the likely trigger: what bounds their harm comes first. Parts that were down
  // are explained by the faults alone, whose levers then replace the general ones.
  std::vector<std::string> levers;
  for (const FaultFigures<Estimate>& f : s.faults) {
    d.faults.push_back(fault_words(f));
    for (const std::string& lever : fault_levers(f.type, f.target, facts.has_dns))
      add_once(levers, lever);
  }
  const bool down = failures_matter && main_failure(*failing).reason == Outcome::unavailable;
  if (!down || levers.empty()) {
    for (const std::string& lever : d.levers)
      add_once(levers, lever);
  }
  // Instances that refuse at once never have a request outstanding: least outstanding routing prefers them.
  if (down && std::find(facts.least_outstanding.begin(), facts.least_outstanding.end(), failing->name) !=
                  facts.least_outstanding.end()) {
    levers.push_back(
        "route so that failing fast is not rewarded: least outstanding requests sends the most to "
        "instances that refuse at once (round robin, or faster health checks)");
  }
  d.levers = std::move(levers);
  // Retries that multiply the load turn a short overload into a lasting one (a retry storm).
  const GuardFigures<Estimate>* storm = nullptr;
  for (const GuardFigures<Estimate>& g : s.guards) {
    if (g.retry_amplification.mean > 1.5 &&
        (!storm || g.retry_amplification.mean > storm->retry_amplification.mean))
      storm = &g;
  }
  if (storm) {
    d.mechanism += ". Retries multiply the load: " + storm->call + " sent " +
                   fixed(storm->retry_amplification.mean, 2) + " attempts per call";
    d.levers.push_back(storm->has_budget
                           ? "retry less: a smaller budget, longer backoff with jitter"
                           : "give the retries a budget (about 10% of calls) and jittered backoff");
  }
  d.verdict = (first ? d.first_breach + "; " : std::string()) + "the bottleneck is " + d.bottleneck + ".";
  d.verdict[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(d.verdict[0])));
  return d;
}

}  // namespace

std::string fault_words(const FaultFigures<Estimate>& f) {
  char times[96];
  std::snprintf(times, sizeof times, " at %.6g s", f.start_s);
  std::string words = f.type + " " + f.target + times;
  if (f.duration_s > 0) {
    std::snprintf(times, sizeof times, " for %.6g s", f.duration_s);
    words += times;
  }
  return words;
}

Explanation explain(const ExperimentSummary& summary, const Scenario& scenario, const Design& design) {
  Explanation e;
  e.composed = compose_availability(design);
  if (!steady_poisson(scenario)) {
    e.caveats.push_back(
        "arrivals are not a steady Poisson stream (a rate profile, a replay or closed-loop "
        "users): theory sees only the average rate");
  }
  if (!scenario.faults.empty())
    e.caveats.push_back("faults change capacity and load during the run: theory sees only the averages");
  for (const BlockFigures<Estimate>& b : summary.blocks) {
    if (b.servers == 0 || !is_c_server_line(b.kind) || b.arrivals.mean <= 0) continue;
    e.stations.push_back(check_station(b, summary, scenario));
  }
  e.diagnosis = diagnose(summary, design_facts(design));
  return e;
}

}  // namespace sdsim
