#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <charconv>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/progress.hpp"
#include "app/sweep_table.hpp"
#include "sim/experiment/sweep.hpp"
#include "sim/experiment/sweep_grid.hpp"

namespace sdsim::app {

const char* const sweep_help =
    R"(Usage: sdsim sweep DESIGN [--scenario FILE] --set PATH=a,b,c --set PATH=lo:hi:step ...
                   [--jobs N] [--shard K/N] [--out PREFIX | --json FILE --csv FILE]
                   [--replications N] [--seed N] [--pareto FLOW]

Runs the design at every point of a grid of parameter values and prints one row per point: the Pareto
flow's throughput and p99 latency, availability (completed / ended requests over all flows), stale reads
(when reads are judged), $/month and $ per million requests, each with its 95% interval. The JSON and CSV
hold every flow's throughput, success, mean, p50 and p99 latency as well.

The grid: every --set whose VALUE is a list a,b,c or a range lo:hi:step (hi included; lists may mix
values and ranges: 1,2,4:16:4) is an axis; a plain --set PATH=VALUE changes every point, as for sdsim run.
Points are the cartesian product of the axes in the order given, the last axis varying fastest; every
point runs on the scenario's seed (common random numbers), so points differ only by their parameters.
Every point is loaded and validated before any runs.

Frontiers: L marks the points where no other point has both a p99 latency (of the Pareto flow) and a
$/month at least as good and one of them better; A the same for availability against $/month.

Options:
  --scenario FILE     the scenario; default: the design's "default_scenario"
  --set PATH=VALUES   an axis (a,b,c or lo:hi:step) or a fixed value (repeatable)
  --jobs N            points run at once on a thread pool (default: every core); the results do not
                      depend on it, byte for byte
  --shard K/N         run only the points whose index % N == K-1 and write them as a partial JSON;
                      'sdsim merge' joins the N shards into the whole sweep
  --out PREFIX        write PREFIX.json and PREFIX.csv (a shard: PREFIX.json only)
  --json FILE         write the sweep as JSON (format "sdsim.sweep/1"), atomically
  --csv FILE          write one CSV row per point, atomically
  --replications N    override the scenario's replications (1 to 1000)
  --seed N            override the scenario's seed
  --pareto FLOW       the flow whose p99 the latency frontier uses (default: the design's first flow)
  --help              show this help

Examples:
  sdsim sweep designs/mm1.json --set blocks/server/servers=1,2,3 --set load/requests/rate_per_s=50:150:50
  sdsim sweep designs/url-shortener.json --set blocks/api/instances=2:12:2 --jobs 4 --out api-sweep
  sdsim sweep designs/checkout.json --set blocks/api/servers=8,16,32 --shard 2/3 --json part-2.json
)";

namespace {

constexpr const char* usage_hint = "\n\nRun 'sdsim sweep --help' for usage.\n";

struct PointInputs {
  std::optional<Design> design;
  std::optional<Scenario> scenario;
  std::string problems;  // diagnostics, formatted; empty when both loaded and fit
};

struct SweepSetup {
  std::string design_path;
  std::string scenario_path;
  SweepGrid grid;
  std::optional<std::uint64_t> seed;
  std::optional<std::uint32_t> replications;
};

PointInputs load_point(const SweepSetup& setup, std::size_t index) {
  PointInputs in;
  std::vector<Override> overrides;
  for (const std::string& text : setup.grid.settings(index)) {
    std::string error;
    auto o = parse_override(text, error);
    if (!o) {
      in.problems.append("--set ").append(text).append(": ").append(error).append("\n");
      return in;
    }
    overrides.push_back(std::move(*o));
  }
  auto design = load_design_file(setup.design_path, overrides);
  auto scenario = load_scenario_file(setup.scenario_path, overrides);
  in.problems = design.diagnostics.format() + scenario.diagnostics.format();
  if (!design.value || !scenario.value) return in;
  if (setup.seed) scenario.value->seed = *setup.seed;
  if (setup.replications) scenario.value->replications = *setup.replications;
  in.problems += check_scenario_fits(*scenario.value, *design.value).format();
  in.design = std::move(design.value);
  in.scenario = std::move(scenario.value);
  return in;
}

std::optional<SweepShard> parse_shard(const std::string& text, std::string& error) {
  const std::size_t slash = text.find('/');
  std::uint32_t k = 0, n = 0;
  bool ok = slash != std::string::npos;
  if (ok) {
    auto [k_end, k_ec] = std::from_chars(text.data(), text.data() + slash, k);
    auto [n_end, n_ec] = std::from_chars(text.data() + slash + 1, text.data() + text.size(), n);
    ok = k_ec == std::errc{} && n_ec == std::errc{} && k_end == text.data() + slash &&
         n_end == text.data() + text.size() && n >= 1 && k >= 1 && k <= n;
  }
  if (!ok) {
    error = "--shard must be K/N with 1 <= K <= N, for example 3/8 (got '" + text + "')";
    return std::nullopt;
  }
  return SweepShard{k, n};
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Runs `task(i)` for i in [0, count) on `jobs` threads; the first exception any task throws is rethrown here.
template <typename Task>
void run_on_pool(std::size_t count, unsigned jobs, Task task) {
  boost::asio::thread_pool pool(std::max<std::size_t>(1, std::min<std::size_t>(jobs, count)));
  std::mutex mutex;
  std::exception_ptr failure;
  for (std::size_t i = 0; i < count; ++i) {
    boost::asio::post(pool, [&, i] {
      try {
        task(i);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
      }
    });
  }
  pool.join();
  if (failure) std::rethrow_exception(failure);
}

// Every point's problems, each distinct message once with the points that share it.
bool report_problems(const std::vector<std::string>& problems, const SweepGrid& grid) {
  std::map<std::string, std::vector<std::size_t>> by_message;
  std::vector<std::string> order;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    if (problems[i].empty()) continue;
    auto& points = by_message[problems[i]];
    if (points.empty()) order.push_back(problems[i]);
    points.push_back(i);
  }
  if (order.empty()) return false;
  std::size_t bad = 0;
  for (const auto& [message, points] : by_message)
    bad += points.size();
  std::cerr << "sdsim sweep: " << bad << " of " << problems.size()
            << " points do not load; nothing was run\n";
  for (const std::string& message : order) {
    const std::vector<std::size_t>& points = by_message[message];
    std::string where;
    for (const std::string& s : grid.settings(points[0]))
      where += " --set " + s;
    std::cerr << "\npoint " << points[0] << " (" << (where.empty() ? " no --set" : where.substr(1)) << ")";
    if (points.size() > 1) std::cerr << " and " << points.size() - 1 << " more";
    std::cerr << ":\n" << message;
  }
  return true;
}

}  // namespace

int sweep_command(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parse_args(args,
                           {{"scenario", true},
                            {"set", true, true},
                            {"jobs", true},
                            {"shard", true},
                            {"out", true},
                            {"json", true},
                            {"csv", true},
                            {"replications", true},
                            {"seed", true},
                            {"pareto", true},
                            {"help", false}},
                           error);
  if (!parsed) {
    std::cerr << "sdsim sweep: " << error << usage_hint;
    return exit_usage;
  }
  if (parsed->has("help")) {
    std::cout << sweep_help;
    return exit_ok;
  }
  if (parsed->positional.size() != 1) {
    std::cerr << "sdsim sweep: give exactly one design file (got " << parsed->positional.size() << ")"
              << usage_hint;
    return exit_usage;
  }
  SweepSetup setup;
  setup.design_path = parsed->positional[0];
  const std::optional<unsigned> parsed_jobs = parse_jobs(*parsed, error);
  if (!parsed_jobs) {
    std::cerr << "sdsim sweep: " << error << "\n";
    return exit_usage;
  }
  const unsigned jobs = *parsed_jobs;
  if (auto v = parsed->value("seed")) {
    if (!(setup.seed = parse_count("seed", *v, 0, 9007199254740991ull, error))) {
      std::cerr << "sdsim sweep: " << error << "\n";
      return exit_usage;
    }
  }
  if (auto v = parsed->value("replications")) {
    auto n = parse_count("replications", *v, 1, 1000, error);
    if (!n) {
      std::cerr << "sdsim sweep: " << error << "\n";
      return exit_usage;
    }
    setup.replications = static_cast<std::uint32_t>(*n);
  }
  std::optional<SweepShard> shard;
  if (auto v = parsed->value("shard")) {
    if (!(shard = parse_shard(*v, error))) {
      std::cerr << "sdsim sweep: " << error << "\n";
      return exit_usage;
    }
  }
  std::string json_path = parsed->value("json").value_or("");
  std::string csv_path = parsed->value("csv").value_or("");
  if (auto prefix = parsed->value("out")) {
    if (!json_path.empty() || !csv_path.empty()) {
      std::cerr << "sdsim sweep: give --out PREFIX or --json/--csv, not both" << usage_hint;
      return exit_usage;
    }
    json_path = *prefix + ".json";
    if (!shard) csv_path = *prefix + ".csv";
  }
  if (shard && !csv_path.empty()) {
    std::cerr << "sdsim sweep: a shard writes only its JSON; 'sdsim merge' writes the CSV of the whole sweep"
              << usage_hint;
    return exit_usage;
  }
  if (shard && json_path.empty()) {
    std::cerr
        << "sdsim sweep: --shard needs --json FILE or --out PREFIX: 'sdsim merge' joins the shards' JSON"
        << usage_hint;
    return exit_usage;
  }
  auto grid = parse_sweep_grid(parsed->all("set"), error);
  if (!grid) {
    std::cerr << "sdsim sweep: " << error << "\n";
    return exit_usage;
  }
  setup.grid = std::move(*grid);

  // The design with the fixed values only: where the scenario is, and which flows there are.
  std::vector<Override> fixed;
  for (const std::string& text : setup.grid.fixed)
    fixed.push_back(*parse_override(text, error));
  auto base = load_design_file(setup.design_path, fixed);
  if (!base.value) {
    std::cerr << base.diagnostics.format();
    return exit_bad_input;
  }
  setup.scenario_path = parsed->value("scenario").value_or(base.value->default_scenario);
  if (setup.scenario_path.empty()) {
    std::cerr
        << "sdsim sweep: no scenario: pass --scenario FILE (the design names no \"default_scenario\")\n";
    return exit_usage;
  }
  std::string pareto_flow = parsed->value("pareto").value_or("");
  if (pareto_flow.empty() && !base.value->flows.empty()) pareto_flow = base.value->flows[0].name;
  if (!base.value->find_flow(pareto_flow)) {
    std::string names;
    for (const FlowSpec& f : base.value->flows)
      names += (names.empty() ? "" : ", ") + f.name;
    std::cerr << "sdsim sweep: --pareto " << pareto_flow
              << ": the design has no such flow (its flows: " << names << ")\n";
    return exit_usage;
  }

  const std::size_t total = setup.grid.size();
  std::vector<std::string> problems(total);
  {
    ProgressBar bar("checking");
    std::mutex mutex;
    std::size_t checked = 0;
    run_on_pool(total, jobs, [&](std::size_t i) {
      problems[i] = load_point(setup, i).problems;
      std::lock_guard lock(mutex);
      ++checked;
      bar.update(static_cast<double>(checked) / static_cast<double>(total),
                 std::to_string(checked) + "/" + std::to_string(total) + " points");
    });
  }
  if (report_problems(problems, setup.grid)) return exit_bad_input;

  Sweep sweep;
  {
    const PointInputs first = load_point(setup, 0);
    sweep.design = first.design->name;
    sweep.scenario = first.scenario->name;
    sweep.seed = first.scenario->seed;
    sweep.replications = first.scenario->replications;
  }
  sweep.design_digest = content_digest(read_bytes(setup.design_path));
  sweep.scenario_digest = content_digest(read_bytes(setup.scenario_path));
  sweep.grid = setup.grid;
  sweep.pareto_flow = pareto_flow;
  sweep.shard = shard;

  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < total; ++i) {
    if (!shard || shard->holds(i)) indices.push_back(i);
  }
  std::vector<SweepPoint> points(indices.size());
  {
    ProgressBar bar("sweeping");
    std::mutex mutex;
    std::vector<double> fraction(indices.size(), 0);
    double done = 0;
    std::size_t finished = 0;
    const auto n = static_cast<double>(indices.size());
    auto report = [&](std::size_t slot, double f) {
      std::lock_guard lock(mutex);
      done += f - fraction[slot];
      fraction[slot] = f;
      bar.update(done / n, std::to_string(finished) + "/" + std::to_string(indices.size()) + " points");
    };
    run_on_pool(indices.size(), jobs, [&](std::size_t slot) {
      PointInputs in = load_point(setup, indices[slot]);
      const ExperimentResult result =
          run_experiment(*in.design, *in.scenario, [&](double f) { report(slot, f); },
                         {.jobs = 1});  // points are what runs in parallel: --jobs bounds the threads
      points[slot] = summarize_point(indices[slot], result);
      {
        std::lock_guard lock(mutex);
        ++finished;
      }
      report(slot, 1);
    });
  }
  sweep.points = std::move(points);
  if (!shard) mark_frontiers(sweep);

  std::cout << format_sweep_table(sweep);
  if (std::string problem = write_sweep_files(sweep, json_path, csv_path); !problem.empty()) {
    std::cerr << "sdsim sweep: " << problem << "\n";
    return exit_output;
  }
  return exit_ok;
}

}  // namespace sdsim::app
