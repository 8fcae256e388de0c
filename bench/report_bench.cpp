// report_bench: what explaining and reporting a run costs beside the run itself. Runs a design under a
// scenario once, then builds its explanation (theory beside every station, the diagnosis, availability on
// paper), the text report and the JSON result many times, and prints the share the report adds. Not part of
// CI.
//
// Usage: report_bench [DESIGN SCENARIO] [--reps N]   (default: designs/checkout.json under
// designs/scenarios/checkout-peak-sale.json, 200 repetitions of the reporting)
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app/report_text.hpp"
#include "sim/experiment/experiment.hpp"
#include "sim/experiment/result_json.hpp"

namespace {

double cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  std::string design_path = "designs/checkout.json";
  std::string scenario_path = "designs/scenarios/checkout-peak-sale.json";
  int reps = 200;
  int positional = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
      reps = std::atoi(argv[++i]);
    } else if (positional == 0) {
      design_path = argv[i];
      ++positional;
    } else {
      scenario_path = argv[i];
      ++positional;
    }
  }
  auto design = sdsim::load_design_file(design_path);
  auto scenario = sdsim::load_scenario_file(scenario_path);
  if (!design.value || !scenario.value) {
    std::fprintf(stderr, "%s%s", design.diagnostics.format().c_str(), scenario.diagnostics.format().c_str());
    return 1;
  }
  const double run_start = cpu_seconds();
  sdsim::ExperimentResult result = sdsim::run_experiment(*design.value, *scenario.value);
  const double run_s = cpu_seconds() - run_start;

  std::size_t bytes = 0;
  const double report_start = cpu_seconds();
  for (int r = 0; r < reps; ++r) {
    result.explanation = sdsim::explain(result.summary, *scenario.value, *design.value);
    bytes += sdsim::app::format_report(result, scenario.value->warmup_s).size();
    bytes += sdsim::result_to_json(result).size();
  }
  const double report_s = (cpu_seconds() - report_start) / reps;
  std::printf("run (%u replications): %.3f s CPU\n", scenario.value->replications, run_s);
  std::printf("explanation + text report + JSON: %.3f ms CPU each (%zu bytes)\n", 1e3 * report_s,
              bytes / static_cast<std::size_t>(reps));
  std::printf("reporting adds %.2f%% to the run\n", 100 * report_s / run_s);
  return 0;
}
