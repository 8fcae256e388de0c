#include "sim/experiment/experiment.hpp"

#include "sim/catalog/slo_params.hpp"
#include "sim/experiment/model_builder.hpp"
#include "sim/metrics/collector.hpp"
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

std::uint64_t replication_seed(std::uint64_t seed, std::uint32_t replication) {
  return derive_seed(seed, 0x5EED0000ull + replication);
}

RunSummary run_once(const Design& design, const Scenario& scenario, std::uint64_t seed,
                    const ProgressFn& progress, std::string* fingerprint) {
  BuiltModel model = build_model(design, scenario, seed);
  Engine& engine = *model.engine;
  MetricsCollector metrics(model.flow_names);
  if (!scenario.slos.empty()) {
    metrics.watch_slos(slo_targets(scenario, model.flow_names), from_s(slo_window_s(scenario)));
  }
  engine.add_observer(metrics);
  EventFingerprint events;
  if (fingerprint) engine.add_observer(events);

  const SimTime warmup = from_s(scenario.warmup_s);
  const SimTime end = warmup + from_s(scenario.duration_s);
  // Run in slices so progress can be shown; slicing does not change the event order.
  constexpr int slices = 100;
  engine.start();
  std::uint64_t events_at_warmup = 0;
  bool warm = warmup == 0;
  if (warm) engine.reset_statistics();
  for (int i = 1; i <= slices; ++i) {
    SimTime until = end / slices * i + (i == slices ? end % slices : 0);
    if (!warm && until >= warmup) {
      engine.run_until(warmup);
      engine.reset_statistics();
      events_at_warmup = engine.events_processed();
      warm = true;
    }
    engine.run_until(until);
    if (progress) progress(static_cast<double>(i) / slices);
  }
  engine.end_run();
  RunSummary summary = std::move(metrics.summary());
  summary.events = static_cast<double>(engine.events_processed() - events_at_warmup);
  if (engine.carries_payload()) {
    for (std::uint64_t bytes : engine.bytes_moved())
      summary.network_gb.push_back(static_cast<double>(bytes) / 1e9);
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
  for (std::uint32_t r = 0; r < n; ++r) {
    std::uint64_t seed = replication_seed(scenario.seed, r);
    result.replication_seeds.push_back(seed);
    ProgressFn step;
    if (progress) step = [&](double f) { progress((r + f) / n); };
    std::string fingerprint;
    result.replications.push_back(
        run_once(design, scenario, seed, step, options.fingerprint ? &fingerprint : nullptr));
    if (options.fingerprint) result.event_fingerprints.push_back(fingerprint);
  }
  result.summary = aggregate(result.replications);
  return result;
}

}  // namespace sdsim
