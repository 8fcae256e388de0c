// consistency_bench: what judging every read costs. Runs a design under a scenario with the metrics
// collector alone (no observer wants reads, so data blocks keep no versions) and with the consistency
// observer too, alternating, and reports the CPU time and events/s of each and the throughput lost.
// Not part of CI.
//
// Usage: consistency_bench [DESIGN SCENARIO] [--reps N] [--only on|off]   (--only: one variant, for
// profilers; default: bench/designs/consistency-reads.json under bench/designs/consistency-reads-1m.json, 5
// repetitions; the median of each variant is reported)
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "sim/experiment/model_builder.hpp"
#include "sim/metrics/collector.hpp"
#include "sim/metrics/consistency.hpp"

namespace sdsim {
namespace {

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct BenchRun {
  double cpu_s = 0;
  std::uint64_t events = 0;
  std::uint64_t reads = 0;
};

BenchRun run(const Design& design, const Scenario& scenario, bool judge) {
  BuiltModel model = build_model(design, scenario, scenario.seed);
  Engine& engine = *model.engine;
  MetricsCollector metrics(model.flow_names);
  engine.add_observer(metrics);
  std::vector<std::string> blocks;
  for (BlockId b = 0; b < engine.block_count(); ++b)
    blocks.push_back(engine.block(b).name());
  ConsistencyMetrics reads(model.flow_names, blocks);
  if (judge) engine.add_observer(reads);
  const double start = cpu_seconds();
  engine.start();
  engine.run_until(from_s(scenario.warmup_s));
  engine.reset_statistics();
  engine.run_until(from_s(scenario.warmup_s + scenario.duration_s));
  engine.end_run();
  BenchRun out;
  out.cpu_s = cpu_seconds() - start;
  out.events = engine.events_processed();
  out.reads = reads.reads();
  return out;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace
}  // namespace sdsim

int main(int argc, char** argv) {
  using namespace sdsim;
  std::string design_path = "bench/designs/consistency-reads.json";
  std::string scenario_path = "bench/designs/consistency-reads-1m.json";
  int reps = 5;
  std::string only;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
      reps = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
      only = argv[++i];
    } else {
      positional.emplace_back(argv[i]);
    }
  }
  if (positional.size() >= 1) design_path = positional[0];
  if (positional.size() >= 2) scenario_path = positional[1];
  auto design = load_design_file(design_path);
  auto scenario = load_scenario_file(scenario_path);
  if (!design.value || !scenario.value) {
    std::fprintf(stderr, "%s%s", design.diagnostics.format().c_str(), scenario.diagnostics.format().c_str());
    return 1;
  }
  if (!only.empty()) {
    BenchRun one = run(*design.value, *scenario.value, only == "on");
    std::printf("%s: %llu events, %llu reads judged, %.3f CPU s\n", only.c_str(),
                static_cast<unsigned long long>(one.events), static_cast<unsigned long long>(one.reads),
                one.cpu_s);
    return 0;
  }
  std::vector<double> off, on;
  BenchRun last_on, last_off;
  for (int r = 0; r < reps; ++r) {
    last_off = run(*design.value, *scenario.value, false);
    off.push_back(last_off.cpu_s);
    last_on = run(*design.value, *scenario.value, true);
    on.push_back(last_on.cpu_s);
  }
  const double t_off = median(off), t_on = median(on);
  const double rate_off = static_cast<double>(last_off.events) / t_off;
  const double rate_on = static_cast<double>(last_on.events) / t_on;
  std::printf(
      "| variant | events | reads judged | CPU s (median of %d) | M events/s |\n|---|---:|---:|---:|---:|\n",
      reps);
  std::printf("| no read judged | %llu | 0 | %.3f | %.2f |\n",
              static_cast<unsigned long long>(last_off.events), t_off, rate_off / 1e6);
  std::printf("| every read judged | %llu | %llu | %.3f | %.2f |\n",
              static_cast<unsigned long long>(last_on.events), static_cast<unsigned long long>(last_on.reads),
              t_on, rate_on / 1e6);
  std::printf("\nthroughput cost of consistency tracking: %.1f%% (target <= 25%%)\n",
              100 * (1 - rate_on / rate_off));
  return 0;
}
