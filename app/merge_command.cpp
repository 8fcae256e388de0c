#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/sweep_table.hpp"
#include "sim/experiment/sweep.hpp"
#include "sim/experiment/sweep_json.hpp"

namespace sdsim::app {

const char* const merge_help =
    R"(Usage: sdsim merge OUT.json SHARD.json [SHARD.json ...] [--csv FILE]

Joins the shards of one sweep (each written by 'sdsim sweep ... --shard K/N --json SHARD.json') into the
whole sweep: the same JSON (and, with --csv, the same CSV) that one unsharded run writes, byte for byte,
with the Pareto frontiers marked over all points, and the table printed. The shards must come from the
same design and scenario files, seed, replications, --set values and shard count, and together hold
every point exactly once; anything else is refused with the reason.

Options:
  --csv FILE   also write one CSV row per point (written atomically)
  --help       show this help

Examples:
  sdsim merge sweep.json part-1.json part-2.json part-3.json --csv sweep.csv
  sdsim merge sweep.json parts/*.json
)";

namespace {

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

int merge_command(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parse_args(args, {{"csv", true}, {"help", false}}, error);
  if (!parsed) {
    std::cerr << "sdsim merge: " << error << "\n\nRun 'sdsim merge --help' for usage.\n";
    return exit_usage;
  }
  if (parsed->has("help")) {
    std::cout << merge_help;
    return exit_ok;
  }
  if (parsed->positional.size() < 2) {
    std::cerr << "sdsim merge: give the output file, then the shard files (got " << parsed->positional.size()
              << " files)\n\nRun 'sdsim merge --help' for usage.\n";
    return exit_usage;
  }
  const std::string out_path = parsed->positional[0];
  const std::vector<std::string> names(parsed->positional.begin() + 1, parsed->positional.end());
  // A shard named first would be overwritten by the merge: refuse that.
  if (auto existing = read_text(out_path)) {
    std::string ignored;
    auto sweep = sweep_from_json(*existing, ignored);
    if (sweep && sweep->shard) {
      std::cerr << "sdsim merge: " << out_path
                << " is a shard; the first file is the output (sdsim merge OUT.json SHARD.json...)\n";
      return exit_usage;
    }
  }
  std::vector<Sweep> shards;
  for (const std::string& name : names) {
    auto text = read_text(name);
    if (!text) {
      std::cerr << "sdsim merge: cannot read " << name << "\n";
      return exit_bad_input;
    }
    auto sweep = sweep_from_json(*text, error);
    if (!sweep) {
      std::cerr << "sdsim merge: " << name << ": " << error << "\n";
      return exit_bad_input;
    }
    shards.push_back(std::move(*sweep));
  }
  auto merged = merge_shards(shards, names, error);
  if (!merged) {
    std::cerr << "sdsim merge: " << error << "\n";
    return exit_bad_input;
  }
  std::cout << format_sweep_table(*merged);
  if (std::string problem = write_sweep_files(*merged, out_path, parsed->value("csv").value_or(""));
      !problem.empty()) {
    std::cerr << "sdsim merge: " << problem << "\n";
    return exit_output;
  }
  return exit_ok;
}

}  // namespace sdsim::app
