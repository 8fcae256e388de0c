#include <iostream>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "sim/design/design.hpp"
#include "sim/design/document.hpp"
#include "sim/design/scenario.hpp"

namespace sdsim::app {

const char* const validate_help = R"(Usage: sdsim validate FILE... [--set PATH=VALUE ...]

Checks design and scenario files and reports every problem at once, each with its place
(file:line:column and JSON pointer), what is wrong and how to fix it. A file is a design when it
has "blocks" and a scenario when it has "load". When one design is given with scenarios, each
scenario is also checked against the design (its flows must exist).

Options:
  --set PATH=VALUE    change one value before checking, as `sdsim run` would (repeatable): a PATH
                      under blocks/, flows/, regions/ or network/ changes the design, any other the
                      scenario; the files themselves are never modified

Examples:
  sdsim validate designs/checkout.json
  sdsim validate designs/checkout.json designs/scenarios/checkout-steady.json
  sdsim validate designs/checkout.json designs/scenarios/checkout-steady.json --set blocks/api/instances=0

Exit status: 0 when every file is valid, 1 when any has problems, 2 on a wrong command line.
)";

namespace {

enum class FileKind { design, scenario, unknown };

std::string count(std::size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

FileKind sniff(const std::string& path, Diagnostics& diagnostics) {
  auto doc = read_json_document(path, diagnostics);
  if (!doc) return FileKind::unknown;
  if (doc->root.is_object() && doc->root.contains("blocks")) return FileKind::design;
  if (doc->root.is_object() && doc->root.contains("load")) return FileKind::scenario;
  diagnostics.error("", "cannot tell whether this is a design or a scenario",
                    "a design has a \"blocks\" object; a scenario has a \"load\" object");
  locate(diagnostics, *doc);
  return FileKind::unknown;
}

}  // namespace

int validate_command(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parse_args(args, {{"set", true, true}, {"help", false}}, error);
  if (!parsed) {
    std::cerr << "sdsim validate: " << error << "\n\nRun 'sdsim validate --help' for usage.\n";
    return exit_usage;
  }
  if (parsed->has("help")) {
    std::cout << validate_help;
    return exit_ok;
  }
  if (parsed->positional.empty()) {
    std::cerr << "sdsim validate: give at least one file\n\n" << validate_help;
    return exit_usage;
  }
  auto overrides = parse_overrides(*parsed, error);
  if (!overrides) {
    std::cerr << "sdsim validate: " << error << "\n";
    return exit_usage;
  }
  bool all_ok = true;
  std::vector<Design> designs;
  std::vector<Scenario> scenarios;
  for (const std::string& path : parsed->positional) {
    Diagnostics sniffed;
    FileKind kind = sniff(path, sniffed);
    if (kind == FileKind::unknown) {
      std::cerr << sniffed.format();
      all_ok = false;
      continue;
    }
    if (kind == FileKind::design) {
      auto loaded = load_design_file(path, *overrides);
      if (!loaded.value) {
        std::cerr << loaded.diagnostics.format();
        all_ok = false;
        continue;
      }
      std::cout << "ok: " << path << " (design \"" << loaded.value->name
                << "\": " << count(loaded.value->blocks.size(), "block") << ", "
                << count(loaded.value->flows.size(), "flow") << ")\n";
      designs.push_back(std::move(*loaded.value));
    } else {
      auto loaded = load_scenario_file(path, *overrides);
      if (!loaded.value) {
        std::cerr << loaded.diagnostics.format();
        all_ok = false;
        continue;
      }
      std::cout << "ok: " << path << " (scenario \"" << loaded.value->name
                << "\": " << loaded.value->duration_s << " s, "
                << count(loaded.value->loads.size(), "loaded flow") << ")\n";
      scenarios.push_back(std::move(*loaded.value));
    }
  }
  if (designs.size() == 1) {
    for (const Scenario& s : scenarios) {
      Diagnostics fit = check_scenario_fits(s, designs[0]);
      if (!fit.empty()) {
        std::cerr << fit.format();
        all_ok = false;
      }
    }
  }
  return all_ok ? exit_ok : exit_bad_input;
}

}  // namespace sdsim::app
