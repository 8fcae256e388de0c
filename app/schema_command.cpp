#include <iostream>

#include "app/commands.hpp"
#include "sim/catalog/schema.hpp"

namespace sdsim::app {

const char* const schema_help = R"(Usage: sdsim schema [design|scenario]

Prints the JSON Schema (draft 2020-12) of design files (the default) or scenario files, generated from
the same parameter declarations the loader validates with. Point an editor at it for completion and
checking: put "$schema": "../schemas/design.schema.json" (a path relative to the file) at the top of a
design. The schemas checked in under schemas/ are this command's output.

Examples:
  sdsim schema > schemas/design.schema.json
  sdsim schema scenario > schemas/scenario.schema.json

Exit status: 0 on success, 2 on a wrong command line.
)";

int schema_command(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << schema_help;
      return exit_ok;
    }
  }
  std::string which = args.empty() ? "design" : args[0];
  if (args.size() > 1 || (which != "design" && which != "scenario")) {
    std::cerr << "sdsim schema: expected 'design' or 'scenario', got '" << which
              << (args.size() > 1 ? " ..." : "") << "'\n\n"
              << schema_help;
    return exit_usage;
  }
  std::cout << schema_text(which == "design" ? design_schema(builtin_block_catalog()) : scenario_schema());
  return exit_ok;
}

}  // namespace sdsim::app
