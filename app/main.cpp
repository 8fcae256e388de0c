// sdsim: a system-design simulator. Dispatches to the commands in app/.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.hpp"

namespace {

const char* const main_help =
    R"(sdsim: run load scenarios against a system design in a seeded discrete-event simulation.

Usage: sdsim COMMAND [ARGS...]

Commands:
  validate FILE...           check design and scenario files; every problem with file:line:column
  run DESIGN [options]       simulate a design under a scenario and print the report
  compare DESIGN DESIGN...   run designs under one scenario on common random numbers, side by side
  sweep DESIGN --set P=a,b   run a design over a grid of parameter values, in parallel; Pareto frontiers
  merge OUT SHARD...         join the shards of a sweep run as separate jobs (sweep --shard K/N)
  viz DESIGN|--trace FILE    draw the design under load: a window, or a PNG with --png
  live DESIGN [options]      run paced to the wall clock; clients watch and steer it over TCP
  ctl HOST:PORT COMMAND      send a command to a live session (fail zone..., load..., pause)
  blocks [KIND]              list the block kinds, or one kind's parameters and presets
  schema [design|scenario]   print the JSON Schema of design or scenario files
  help [COMMAND]             show help for a command

Examples:
  sdsim validate designs/checkout.json designs/scenarios/checkout-steady.json
  sdsim run designs/checkout.json --scenario designs/scenarios/checkout-steady.json
  sdsim run designs/mm1.json --replications 10 --json result.json
  sdsim compare designs/checkout.json designs/checkout-retries.json
  sdsim sweep designs/mm1.json --set blocks/server/servers=1,2,3 --out mm1-sweep
  xvfb-run -a sdsim viz designs/checkout.json --png out/checkout.png
  sdsim blocks station
  sdsim schema > schemas/design.schema.json

Run 'sdsim COMMAND --help' for a command's options.
)";

int help(const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cout << main_help;
    return sdsim::app::exit_ok;
  }
  if (args[0] == "validate") {
    std::cout << sdsim::app::validate_help;
  } else if (args[0] == "run") {
    std::cout << sdsim::app::run_help;
  } else if (args[0] == "compare") {
    std::cout << sdsim::app::compare_help;
  } else if (args[0] == "sweep") {
    std::cout << sdsim::app::sweep_help;
  } else if (args[0] == "merge") {
    std::cout << sdsim::app::merge_help;
  } else if (args[0] == "blocks") {
    std::cout << sdsim::app::blocks_help;
  } else if (args[0] == "schema") {
    std::cout << sdsim::app::schema_help;
  } else if (args[0] == "viz") {
    std::cout << sdsim::app::viz_help;
  } else if (args[0] == "live") {
    std::cout << sdsim::app::live_help_text();
  } else if (args[0] == "ctl") {
    std::cout << sdsim::app::ctl_help_text();
  } else {
    std::cerr << "sdsim help: unknown command '" << args[0] << "'\n\n" << main_help;
    return sdsim::app::exit_usage;
  }
  return sdsim::app::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << main_help;
    return sdsim::app::exit_usage;
  }
  std::string command = args[0];
  args.erase(args.begin());
  try {
    if (command == "--help" || command == "-h" || command == "help") return help(args);
    if (command == "--version") {
      std::cout << "sdsim 0.1.0\n";
      return sdsim::app::exit_ok;
    }
    if (command == "validate") return sdsim::app::validate_command(args);
    if (command == "run") return sdsim::app::run_command(args);
    if (command == "compare") return sdsim::app::compare_command(args);
    if (command == "sweep") return sdsim::app::sweep_command(args);
    if (command == "merge") return sdsim::app::merge_command(args);
    if (command == "blocks") return sdsim::app::blocks_command(args);
    if (command == "schema") return sdsim::app::schema_command(args);
    if (command == "viz") return sdsim::app::viz_command(args);
    if (command == "live") return sdsim::app::live_command(args);
    if (command == "ctl") return sdsim::app::ctl_command(args);
  } catch (const std::bad_alloc&) {
    std::cerr << "sdsim: out of memory; the model is too large for this machine\n";
    return sdsim::app::exit_bad_input;
  } catch (const std::exception& e) {
    std::cerr << "sdsim: internal error: " << e.what() << "\n(this is a bug in sdsim; please report it)\n";
    return 4;
  }
  std::cerr << "sdsim: unknown command '" << command << "'\n\n" << main_help;
  return sdsim::app::exit_usage;
}
