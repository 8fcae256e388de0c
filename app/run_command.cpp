#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/atomic_file.hpp"
#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/progress.hpp"
#include "app/report_text.hpp"
#include "app/run_inputs.hpp"
#include "app/trace_csv.hpp"
#include "app/trace_recording.hpp"
#include "live/replay_steering.hpp"
#include "sim/experiment/experiment.hpp"
#include "sim/experiment/result_json.hpp"
#include "trace/trace_json.hpp"

namespace sdsim::app {

const char* const run_help =
    R"(Usage: sdsim run DESIGN [--scenario FILE] [--set PATH=VALUE ...] [--seed N] [--replications N]
                 [--json OUT] [--windows] [--trace FILE] [--csv DIR] [--replay LOG] [--jobs N]

Simulates DESIGN under a scenario and prints a report: per flow, end-to-end throughput and latency
(mean, p50, p90, p99, p99.9, max); per station, utilization, time-averaged number in system,
rejections, waiting and sojourn latency. With several replications every figure is a mean over
independent runs with its 95% confidence interval.

Options:
  --scenario FILE     the scenario (load, duration, warm-up, seed, replications); default: the
                      design's "default_scenario"
  --seed N            override the scenario's seed (same design + scenario + seed = same output)
  --replications N    override the scenario's number of replications (1 to 1000)
  --jobs N            replications run at once, one thread each (default: every core); the results
                      do not depend on it
  --json OUT          also write every figure as JSON to OUT (written atomically)
  --windows           record the first replication window by window (implied by --trace and
                      --csv); the JSON then also holds its consistency series: per window, each
                      flow's and block's judged reads and stale %, and each flow's staleness p99
  --trace FILE        record the first replication window by window (topology, faults, per-window
                      series per flow and per block) as a trace for 'sdsim viz --trace FILE'
                      (JSON lines, format sdsim.trace/1, written atomically)
  --csv DIR           write the first replication's per-window series to DIR/flows.csv and
                      DIR/blocks.csv (DIR is created if needed; each file written atomically)
  --set PATH=VALUE    change one value of the design or the scenario before it is checked, e.g.
                      blocks/api/instances=4 or load/browse/rate_per_s=500 (repeatable; prefix
                      design: or scenario: when the first key is in both, e.g. scenario:name=x)
  --replay LOG        apply the commands of a live session ('sdsim live --record LOG') at their
                      simulated times: the session's run, offline (one replication)
  --fingerprint       add each replication's event-stream fingerprint to the JSON (a 64-bit hash
                      of every event in order: equal fingerprints, identical runs)
  --quiet             print no report (useful with --json)
  --help              show this help

Examples:
  sdsim run designs/checkout.json --scenario designs/scenarios/checkout-steady.json
  sdsim run designs/mm1.json --seed 7 --replications 10 --json mm1-result.json
  sdsim run designs/profile-consistency.json --windows --json out/profile.json --quiet
  sdsim run designs/checkout.json --set blocks/api/instances=6 --set load/checkout/rate_per_s=900
  sdsim run designs/url-shortener.json --scenario designs/scenarios/url-shortener-az-outage.json \
      --trace out/outage.trace --csv out/outage
)";

namespace {

bool read_text_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return true;
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parse_args(args,
                           {{"scenario", true},
                            {"seed", true},
                            {"replications", true},
                            {"json", true},
                            {"trace", true},
                            {"csv", true},
                            {"windows", false},
                            {"quiet", false},
                            {"fingerprint", false},
                            {"replay", true},
                            {"jobs", true},
                            {"set", true, true},
                            {"help", false}},
                           error);
  if (!parsed) {
    std::cerr << "sdsim run: " << error << "\n\nRun 'sdsim run --help' for usage.\n";
    return exit_usage;
  }
  if (parsed->has("help")) {
    std::cout << run_help;
    return exit_ok;
  }
  if (parsed->positional.size() != 1) {
    std::cerr << "sdsim run: give exactly one design file (got " << parsed->positional.size()
              << ")\n\nRun 'sdsim run --help' for usage.\n";
    return exit_usage;
  }
  const std::optional<unsigned> jobs = parse_jobs(*parsed, error);
  if (!jobs) {
    std::cerr << "sdsim run: " << error << "\n\nRun 'sdsim run --help' for usage.\n";
    return exit_usage;
  }
  int exit_code = exit_ok;
  auto inputs = load_run_inputs(*parsed, parsed->positional, {.command = "run"}, exit_code);
  if (!inputs) return exit_code;
  const Design& design = inputs->designs[0];
  Scenario& scenario = inputs->scenario;

  std::unique_ptr<live::ReplaySteering> replay;
  if (auto log_path = parsed->value("replay")) {
    if (parsed->has("replications") && scenario.replications != 1) {
      std::cerr << "sdsim run: --replay replays one live session: leave out --replications\n";
      return exit_usage;
    }
    std::string text;
    if (!read_text_file(*log_path, text)) {
      std::cerr << "sdsim run: cannot read the command log '" << *log_path << "'\n";
      return exit_bad_input;
    }
    auto log = live::read_command_log(text, error);
    if (!log) {
      std::cerr << *log_path << ": " << error << "\n";
      return exit_bad_input;
    }
    if (log->design != design.name || log->scenario != scenario.name || log->seed != scenario.seed) {
      std::cerr << "sdsim run: warning: " << *log_path << " was recorded with design '" << log->design
                << "', scenario '" << log->scenario << "', seed " << log->seed
                << ": the replay will not match the session\n";
    }
    scenario.replications = 1;
    replay = std::make_unique<live::ReplaySteering>(design, scenario, std::move(*log));
  }

  auto started = std::chrono::steady_clock::now();
  ExperimentResult result;
  {
    ProgressBar bar("simulating");
    RunOptions options;
    options.fingerprint = parsed->has("fingerprint");
    options.steering = replay.get();
    options.jobs = *jobs;
    if (parsed->has("trace") || parsed->has("csv") || parsed->has("windows"))
      options.timeline_window_s = timeline_window_s(scenario.duration_s);
    result = run_experiment(
        design, scenario, [&](double f) { bar.update(f); }, options);
  }
  double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (replay) {
    for (const std::string& problem : replay->problems())
      std::cerr << "sdsim run: replay: " << problem << "\n";
  }

  if (!parsed->has("quiet")) {
    std::cout << format_report(result, scenario.warmup_s);
    double events = result.summary.events.mean * static_cast<double>(result.replications.size());
    std::cout << "\nSimulated " << static_cast<long long>(events) << " events (after warm-up) in " << wall_s
              << " s of wall time.\n";
  }
  if (auto out = parsed->value("json")) {
    std::string problem = write_file_atomically(*out, result_to_json(result));
    if (!problem.empty()) {
      std::cerr << "sdsim run: cannot write the JSON result: " << problem << "\n";
      return exit_output;
    }
    if (!parsed->has("quiet")) std::cout << "Wrote " << *out << "\n";
  }
  if (result.timeline) {
    const trace::Trace recorded = make_trace(design, scenario, result);
    if (auto out = parsed->value("trace")) {
      std::string problem = write_file_atomically(*out, trace::to_json_lines(recorded));
      if (!problem.empty()) {
        std::cerr << "sdsim run: cannot write the trace: " << problem << "\n";
        return exit_output;
      }
      if (!parsed->has("quiet")) std::cout << "Wrote " << *out << "\n";
    }
    if (auto dir = parsed->value("csv")) {
      std::string problem = write_csv_dir(*dir, recorded);
      if (!problem.empty()) {
        std::cerr << "sdsim run: cannot write the CSV files: " << problem << "\n";
        return exit_output;
      }
      if (!parsed->has("quiet"))
        std::cout << "Wrote " << *dir << "/flows.csv and " << *dir << "/blocks.csv\n";
    }
  }
  return exit_ok;
}

}  // namespace sdsim::app
