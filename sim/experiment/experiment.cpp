#include "sim/experiment/experiment.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include "sim/blocks/closed_source.hpp"
#include "sim/blocks/relational_database.hpp"
#include "sim/catalog/slo_params.hpp"
#include "sim/experiment/model_builder.hpp"
#include "sim/metrics/collector.hpp"
#include "sim/metrics/consistency.hpp"
#include "sim/metrics/fingerprint.hpp"

namespace sdsim {

std::vector<std::optional<SloTarget>> slo_targets(const Scenario& scenario,
                                                  const std::vector<std::string>& flow_names) {
  std::vector<std::optional<SloTarget>> targets;
  for (const std::string& flow : flow_names) {
    std::optional<SloSpec> spec = slo_for(scenario, flow);
    if (!spec) {
      targets.emplace_back();
      continue;
    }
    targets.push_back(SloTarget{.latency_ms = spec->latency_ms.value_or(0),
                                .percentile = spec->percentile.value_or(format::slo_percentile.default_value),
                                .availability = spec->availability.value_or(0)});
  }
  return targets;
}

double slo_window_s(const Scenario& scenario) {
  return scenario.window_s > 0 ? scenario.window_s : format::default_slo_window_s(scenario.duration_s);
}

namespace {

// The engine's calls with resilience, named "flow: caller -> callee", indexed by guard: the design's, in the
// order the model builder numbers them, then any a live session gave a call while running, each with the
// mechanisms it has at the end.
void add_guards(const Engine& engine, std::uint32_t node, const std::string& flow, const std::string& caller,
                std::vector<GuardFigures<double>>& out) {
  const CallPlan& plan = engine.call_plan();
  const CallNode& n = plan.nodes[node];
  const std::string& callee = engine.block(n.block).name();
  if (n.guard != no_guard) {
    const CallGuard& guard = plan.guards[n.guard];
    GuardFigures<double>& g = out[n.guard];
    g.call = flow + ": " + caller + " -> " + callee;
    g.has_timeout = guard.timeout > 0;
    g.has_retry = guard.retry.max > 0;
    g.has_budget = guard.budget.enabled;
    g.has_breaker = guard.breaker.enabled;
  }
  for (std::uint32_t c = 0; c < n.child_count; ++c)
    add_guards(engine, plan.children[n.first_child + c], flow, callee, out);
}

std::vector<GuardFigures<double>> guarded_calls(const Engine& engine, const Design& design) {
  const CallPlan& plan = engine.call_plan();
  std::vector<GuardFigures<double>> out(plan.guards.size());
  for (std::size_t f = 0; f < design.flows.size() && f < plan.flow_roots.size(); ++f) {
    if (plan.flow_roots[f] != no_node)
      add_guards(engine, plan.flow_roots[f], design.flows[f].name, "client", out);
  }
  return out;
}

// The writer failures a fault caused: the failures, at the fault's start, of the databases it hits.
// The whole design's cost: its blocks' (already summed) and the network's, and per million requests served.
void price_transfer_and_requests(RunSummary& summary, const TransferPrices& prices) {
  CostFigures<double>& cost = summary.cost;
  cost.transfer_usd_per_month = monthly_transfer_usd(summary.network_gb, prices, summary.measured_s);
  cost.usd_per_month = cost.blocks_usd_per_month + cost.transfer_usd_per_month;
  const double completed_per_month = summary.overall.throughput_per_s * hours_per_month * 3600;
  cost.usd_per_million_requests =
      completed_per_month > 0 ? cost.usd_per_month / completed_per_month * 1e6 : 0;
}

void count_writes_lost(const Engine& engine, const FaultDef& def, FaultFigures<double>& out) {
  for (BlockId b = 0; b < engine.block_count(); ++b) {
    const auto* db = dynamic_cast<const RelationalDatabase*>(&engine.block(b));
    if (!db) continue;
    const std::vector<ZoneId>& zones = engine.network().zones_of(b);
    const bool hit = def.type == FaultType::writer_failover
                         ? def.block == b
                         : def.type == FaultType::az_power_interruption &&
                               std::find(zones.begin(), zones.end(), def.zone) != zones.end();
    if (!hit) continue;
    for (const WriterFailure& failure : db->writer_failures()) {
      if (failure.at != def.start) continue;
      out.failed_writer = true;
      out.writes_lost += static_cast<double>(failure.writes_lost);
      out.lag_ms = std::max(out.lag_ms, to_ms(failure.lag));
    }
  }
}

std::vector<std::string> design_flow_names(const Design& design) {
  std::vector<std::string> names;
  for (const FlowSpec& f : design.flows)
    names.push_back(f.name);
  return names;
}

std::vector<BlockCounters> block_counters(const Engine& engine) {
  std::vector<BlockCounters> out;
  out.reserve(engine.block_count());
  for (BlockId b = 0; b < engine.block_count(); ++b)
    out.push_back(engine.block(b).counters(engine.now()));
  return out;
}

// Calls task(i) for every i in [0, count) on `jobs` threads (the caller's among them); the first exception a
// task throws stops handing out the rest and is rethrown here.
template <class Task>
void run_in_parallel(std::uint32_t count, unsigned jobs, const Task& task) {
  if (jobs <= 1) {
    for (std::uint32_t i = 0; i < count; ++i)
      task(i);
    return;
  }
  std::atomic<std::uint32_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    for (std::uint32_t i = next++; i < count; i = next++) {
      try {
        task(i);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = count;
      }
    }
  };
  std::vector<std::thread> helpers;
  for (unsigned j = 1; j < jobs; ++j) {
    try {
      helpers.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones started (and this one) share the work
    }
  }
  work();
  for (std::thread& t : helpers)
    t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

std::uint64_t replication_seed(std::uint64_t seed, std::uint32_t replication) {
  return derive_seed(seed, 0x5EED0000ull + replication);
}

RunSummary run_once(const Design& design, const Scenario& scenario, std::uint64_t seed,
                    const ProgressFn& progress, std::string* fingerprint, Timeline* timeline,
                    Steering* steering) {
  BuiltModel model = build_model(design, scenario, seed);
  Engine& engine = *model.engine;
  MetricsCollector metrics(model.flow_names);
  if (!scenario.slos.empty()) {
    metrics.watch_slos(slo_targets(scenario, model.flow_names), from_s(slo_window_s(scenario)));
  }
  engine.add_observer(metrics);
  std::vector<std::string> block_names;
  for (BlockId b = 0; b < engine.block_count(); ++b)
    block_names.push_back(engine.block(b).name());
  std::vector<bool> session_origins;
  for (BlockId b = 0; b < engine.block_count(); ++b)
    session_origins.push_back(dynamic_cast<const ClosedSource*>(&engine.block(b)) != nullptr);
  ConsistencyMetrics reads(model.flow_names, std::move(block_names), std::move(session_origins));
  engine.add_observer(reads);
  EventFingerprint events;
  if (fingerprint) engine.add_observer(events);
  if (timeline) engine.add_observer(*timeline);

  const SimTime warmup = from_s(scenario.warmup_s);
  const SimTime end = warmup + from_s(scenario.duration_s);
  // Run in slices so progress can be shown; slicing does not change the event order.
  constexpr int slices = 100;
  engine.start();
  if (steering) steering->attach(model, end);
  // Runs to `target`, stopping wherever the steering asks to act.
  auto run_to = [&](SimTime target) {
    while (steering && steering->next_stop() <= target) {
      engine.run_until(steering->next_stop());
      steering->at_stop(model);
    }
    engine.run_until(target);
  };
  std::uint64_t events_at_warmup = 0;
  // A breaker counts its openings from the start: those of the warm-up are taken off (a guard added later
  // has none).
  std::vector<std::uint64_t> opened_in_warmup;
  auto reset_statistics = [&] {
    engine.reset_statistics();
    opened_in_warmup.assign(engine.call_plan().guards.size(), 0);
    for (std::size_t g = 0; g < opened_in_warmup.size(); ++g)
      opened_in_warmup[g] = engine.breaker(static_cast<std::uint32_t>(g)).times_opened();
  };
  auto begin_measuring = [&] {
    reset_statistics();
    if (timeline) timeline->begin(engine.now(), end, block_counters(engine));
  };
  bool warm = warmup == 0;
  if (warm) begin_measuring();
  for (int i = 1; i <= slices; ++i) {
    SimTime until = end / slices * i + (i == slices ? end % slices : 0);
    if (!warm && until >= warmup) {
      run_to(warmup);
      begin_measuring();
      events_at_warmup = engine.events_processed();
      warm = true;
    }
    while (timeline && warm && timeline->next_boundary() <= until) {
      run_to(timeline->next_boundary());
      timeline->close_window(engine.now(), block_counters(engine));
    }
    run_to(until);
    if (progress) progress(static_cast<double>(i) / slices);
  }
  engine.end_run();
  RunSummary summary = std::move(metrics.summary());
  summary.events = static_cast<double>(engine.events_processed() - events_at_warmup);
  if (engine.carries_payload()) {
    for (std::uint64_t bytes : engine.bytes_moved())
      summary.network_gb.push_back(static_cast<double>(bytes) / 1e9);
  }
  // The blocks' own loss counts (the collector's figures come from the same counters).
  for (BlockId b = 0; b < engine.block_count() && b < summary.blocks.size(); ++b) {
    const BlockCounters counters = engine.block(b).counters(engine.now());
    summary.blocks[b].writes_lost = static_cast<double>(counters.writes_lost);
    if (b < model.prices.size())
      summary.blocks[b].usd_per_month = monthly_usd(counters.usage, model.prices[b], summary.measured_s);
    summary.cost.blocks_usd_per_month += summary.blocks[b].usd_per_month;
  }
  price_transfer_and_requests(summary, model.transfer_prices);
  std::vector<GuardFigures<double>> guards = guarded_calls(engine, design);
  for (std::size_t g = 0; g < guards.size(); ++g) {
    const auto guard = static_cast<std::uint32_t>(g);
    const GuardCounters& c = engine.guard_counters(guard);
    GuardFigures<double>& out = guards[g];
    out.calls = static_cast<double>(c.calls);
    out.attempts = static_cast<double>(c.attempts);
    out.retries = static_cast<double>(c.retries);
    // Attempts per first attempt: attempts / calls, but for the calls a breaker refused before any attempt.
    out.retry_amplification = c.attempts > c.retries ? out.attempts / (out.attempts - out.retries) : 1;
    out.timeouts = static_cast<double>(c.timeouts);
    const std::uint64_t before = g < opened_in_warmup.size() ? opened_in_warmup[g] : 0;
    out.breaker_opens = static_cast<double>(engine.breaker(guard).times_opened() - before);
    out.circuit_open = static_cast<double>(c.circuit_open);
    out.budget_denied = static_cast<double>(c.budget_denied);
  }
  summary.guards = std::move(guards);
  summary.read_flows = reads.flow_figures();
  summary.read_blocks = reads.block_figures();
  for (std::size_t i = 0; i < scenario.faults.size(); ++i) {
    const FaultSpec& spec = scenario.faults[i];
    FaultFigures<double>& f = summary.faults.emplace_back();
    f.type = spec.type;
    f.target = fault_target(spec);
    f.start_s = spec.start_s;
    f.duration_s = spec.duration_s;
    // The next fault to start: the windows after it show its harm, not this one's.
    f.next_fault_s = std::numeric_limits<double>::infinity();
    for (const FaultSpec& other : scenario.faults) {
      if (other.start_s > spec.start_s) f.next_fault_s = std::min(f.next_fault_s, other.start_s);
    }
    if (model.faults && i < model.faults->faults().size())
      count_writes_lost(engine, model.faults->faults()[i], f);
    for (const SloFigures<double>& slo : summary.slos) {
      FaultRecoveryFigures<double>& r = f.recovery.emplace_back();
      r.flow = slo.flow;
      const Recovery recovery = recovery_after(slo, spec.start_s, f.next_fault_s);
      r.breached = recovery.breached ? 1 : 0;
      r.recovered = recovery.recovered ? 1 : 0;
      r.rto_s = recovery.recovered ? recovery.rto_s : std::numeric_limits<double>::quiet_NaN();
    }
  }
  if (fingerprint) *fingerprint = events.hex();
  return summary;
}

ExperimentResult run_experiment(const Design& design, const Scenario& scenario, const ProgressFn& progress,
                                RunOptions options) {
  ExperimentResult result;
  result.design_name = design.name;
  result.scenario_name = scenario.name;
  result.seed = scenario.seed;
  const std::uint32_t n = scenario.replications;
  for (std::uint32_t r = 0; r < n; ++r)
    result.replication_seeds.push_back(replication_seed(scenario.seed, r));
  result.replications.resize(n);
  if (options.fingerprint) result.event_fingerprints.resize(n);
  std::optional<Timeline> timeline;
  if (options.timeline_window_s > 0)
    timeline.emplace(design_flow_names(design), from_s(options.timeline_window_s));
  // The experiment's progress is the replications' fractions done, summed.
  std::mutex progress_mutex;
  std::vector<double> done(n, 0);
  double total_done = 0;
  auto run_replication = [&](std::uint32_t r) {
    ProgressFn step;
    if (progress) {
      step = [&, r](double f) {
        std::lock_guard lock(progress_mutex);
        total_done += f - done[r];
        done[r] = f;
        progress(total_done / n);
      };
    }
    std::string* fingerprint = options.fingerprint ? &result.event_fingerprints[r] : nullptr;
    result.replications[r] =
        run_once(design, scenario, result.replication_seeds[r], step, fingerprint,
                 r == 0 && timeline ? &*timeline : nullptr, r == 0 ? options.steering : nullptr);
  };
  unsigned jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  if (options.steering) jobs = 1;
  run_in_parallel(n, std::min<unsigned>(jobs, n), run_replication);
  if (timeline) result.timeline = timeline->series();
  result.summary = aggregate(result.replications);
  result.explanation = explain(result.summary, scenario, design);
  return result;
}

}  // namespace sdsim
