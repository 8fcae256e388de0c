#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>

#include "app/atomic_file.hpp"
#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/progress.hpp"
#include "app/run_inputs.hpp"
#include "app/text_format.hpp"
#include "sim/experiment/comparison.hpp"
#include "sim/experiment/result_json.hpp"

namespace sdsim::app {

const char* const compare_help =
    R"(Usage: sdsim compare DESIGN DESIGN [DESIGN ...] [--scenario FILE] [--set PATH=VALUE ...]
                     [--seed N] [--replications N] [--jobs N] [--json OUT]

Runs every design under one scenario and prints them side by side: per flow, throughput, success,
mean and p99 latency; over all flows, success, stale reads (when reads are judged), $/month and $ per
million requests. Replication r of every design runs on the same seed, so blocks and flows with the
same names draw the same random numbers (common random numbers): each figure shows its 95% interval
and, from the second design on, its difference from the first, paired replication by replication
(Δ). The verdict names the design that is best on a figure when every difference from it is
significant.

Options:
  --scenario FILE     the scenario for every design; default: the first design's "default_scenario"
  --seed N            override the scenario's seed
  --replications N    override the scenario's replications (2 to 1000; default: the scenario's, at
                      least 2, since intervals need two)
  --jobs N            replications run at once, one thread each (default: every core); the results
                      do not depend on it
  --set PATH=VALUE    change a value of every design or of the scenario (as for sdsim run)
  --json OUT          also write the comparison as JSON to OUT (written atomically)
  --help              show this help

Examples:
  sdsim compare designs/url-shortener.json designs/url-shortener.json --set blocks/api/instances=16
  sdsim compare designs/checkout.json designs/checkout-retries.json \
      --scenario designs/scenarios/checkout-retries-storm.json --json compare.json
)";

namespace {

std::string value_text(const Estimate& e, bool percent_like) {
  const int decimals = percent_like ? 2 : decimals_for(std::abs(e.mean));
  return fixed(e.mean, decimals) + " ±" + fixed(e.half_width, decimals);
}

std::string delta_text(const Estimate& e, bool percent_like) {
  const int decimals = percent_like ? 2 : decimals_for(std::abs(e.mean));
  return "Δ " + std::string(e.mean >= 0 ? "+" : "") + fixed(e.mean, decimals) + " ±" +
         fixed(e.half_width, decimals);
}

std::string format_comparison(const Comparison& c, std::uint64_t seed) {
  std::ostringstream out;
  out << "sdsim compare: " << c.designs.size() << " designs under scenario \"" << c.scenario << "\"\n";
  out << "  seed " << seed << ", " << c.replications
      << " replications each on common random numbers; ± is the 95% confidence half-width, Δ the paired "
         "difference from the first design\n\n";
  std::size_t name_width = 10;
  for (const ComparedFigure& f : c.figures)
    name_width = std::max(name_width, f.name.size() + f.unit.size() + 3);
  std::vector<std::vector<std::string>> cells(c.figures.size(), std::vector<std::string>(c.designs.size()));
  std::vector<std::size_t> widths(c.designs.size());
  for (std::size_t d = 0; d < c.designs.size(); ++d)
    widths[d] = c.designs[d].size();
  for (std::size_t i = 0; i < c.figures.size(); ++i) {
    const ComparedFigure& f = c.figures[i];
    const bool percent_like = f.unit == "%";
    for (std::size_t d = 0; d < c.designs.size(); ++d) {
      std::string cell = f.values[d] ? value_text(*f.values[d], percent_like) : "-";
      if (f.deltas[d]) cell += "  " + delta_text(*f.deltas[d], percent_like);
      widths[d] = std::max(widths[d], cell.size());
      cells[i][d] = std::move(cell);
    }
  }
  out << "  " << pad("figure", name_width, true);
  for (std::size_t d = 0; d < c.designs.size(); ++d)
    out << pad(c.designs[d], widths[d] + 3);
  out << "\n";
  for (std::size_t i = 0; i < c.figures.size(); ++i) {
    out << "  " << pad(c.figures[i].name + " (" + c.figures[i].unit + ")", name_width, true);
    for (std::size_t d = 0; d < c.designs.size(); ++d)
      out << pad(cells[i][d], widths[d] + 3);
    out << "\n";
  }
  out << "\nVerdict (best where every difference from it is significant at 95%)\n";
  std::string unclear;
  for (const ComparedFigure& f : c.figures) {
    if (f.best) {
      out << "  " << pad(f.name, name_width, true) << c.designs[*f.best] << " ("
          << (f.lower_is_better ? "lowest" : "highest") << ")\n";
    } else {
      unclear += (unclear.empty() ? "" : ", ") + f.name;
    }
  }
  if (!unclear.empty()) out << "  no clear best: " << unclear << "\n";
  // Latency is measured on completed requests: a design that fails many looks fast on its survivors.
  for (const ComparedFigure& f : c.figures) {
    if (f.name != "all flows success") continue;
    double best = 0;
    for (const auto& v : f.values)
      best = std::max(best, v ? v->mean : 0);
    for (std::size_t d = 0; d < c.designs.size(); ++d) {
      if (f.values[d] && best - f.values[d]->mean > 1) {
        out << "  note: " << c.designs[d] << " completed only " << fixed(f.values[d]->mean, 2)
            << "% of requests: its latency figures describe the survivors\n";
      }
    }
  }
  return out.str();
}

}  // namespace

int compare_command(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parse_args(args,
                           {{"scenario", true},
                            {"seed", true},
                            {"replications", true},
                            {"json", true},
                            {"jobs", true},
                            {"set", true, true},
                            {"help", false}},
                           error);
  if (!parsed) {
    std::cerr << "sdsim compare: " << error << "\n\nRun 'sdsim compare --help' for usage.\n";
    return exit_usage;
  }
  if (parsed->has("help")) {
    std::cout << compare_help;
    return exit_ok;
  }
  if (parsed->positional.size() < 2) {
    std::cerr << "sdsim compare: give at least two design files (got " << parsed->positional.size()
              << ")\n\nRun 'sdsim compare --help' for usage.\n";
    return exit_usage;
  }
  const std::optional<unsigned> jobs = parse_jobs(*parsed, error);
  if (!jobs) {
    std::cerr << "sdsim compare: " << error << "\n\nRun 'sdsim compare --help' for usage.\n";
    return exit_usage;
  }
  // Intervals and paired differences need two replications at least.
  int exit_code = exit_ok;
  auto inputs =
      load_run_inputs(*parsed, parsed->positional, {.command = "compare", .min_replications = 2}, exit_code);
  if (!inputs) return exit_code;
  const std::vector<Design>& designs = inputs->designs;
  const Scenario& scenario = inputs->scenario;

  std::vector<ExperimentResult> results;
  {
    ProgressBar bar("comparing");
    const double n = static_cast<double>(designs.size());
    for (std::size_t d = 0; d < designs.size(); ++d) {
      results.push_back(run_experiment(designs[d], scenario,
                                       [&](double f) { bar.update((static_cast<double>(d) + f) / n); },
                                       {.jobs = *jobs}));
    }
  }
  const Comparison comparison = compare_results(results);
  std::cout << format_comparison(comparison, scenario.seed);
  if (auto out = parsed->value("json")) {
    std::string problem = write_file_atomically(*out, comparison_to_json(comparison));
    if (!problem.empty()) {
      std::cerr << "sdsim compare: cannot write the JSON comparison: " << problem << "\n";
      return exit_output;
    }
    std::cout << "Wrote " << *out << "\n";
  }
  return exit_ok;
}

}  // namespace sdsim::app
