// Every example design is a regression test: run under its default scenario, its JSON result must match the
// recorded one byte for byte; so is every other scenario in designs/scenarios, run against the design it is
// named after. After an intended change of behaviour, refresh the records with
//   SDSIM_UPDATE_GOLDEN=1 ctest -R golden
// and review the diff like code.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/experiment/result_json.hpp"

using namespace sdsim;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The design a scenario of designs/scenarios belongs to: the design whose file name (without ".json") is the
// longest prefix of the scenario's, followed by "-" ("checkout-payments-brownout" belongs to "checkout"; a
// "checkout-retries-x" belongs to the variant "checkout-retries", not to "checkout"). Empty when none is.
std::string owning_design(const std::string& scenario_stem, const std::vector<std::string>& design_stems) {
  std::string best;
  for (const std::string& design : design_stems) {
    if (scenario_stem.size() > design.size() && scenario_stem.compare(0, design.size(), design) == 0 &&
        scenario_stem[design.size()] == '-' && design.size() > best.size()) {
      best = design;
    }
  }
  return best;
}

}  // namespace

TEST_CASE("Every example design reproduces its recorded result", "[golden]") {
  const fs::path root = SDSIM_SOURCE_DIR;
  const bool update = std::getenv("SDSIM_UPDATE_GOLDEN") != nullptr;
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(root / "designs")) {
    if (entry.path().extension() != ".json") continue;
    SECTION(entry.path().filename().string()) {
      auto design = load_design_file(entry.path().string());
      INFO(design.diagnostics.format());
      REQUIRE(design.value);
      INFO("every example names its matching scenario in \"default_scenario\"");
      REQUIRE_FALSE(design.value->default_scenario.empty());
      auto scenario = load_scenario_file(design.value->default_scenario);
      INFO(scenario.diagnostics.format());
      REQUIRE(scenario.value);
      // The fingerprints of the event streams catch changes the summary figures would hide.
      RunOptions options;
      options.fingerprint = true;
      std::string actual = result_to_json(run_experiment(*design.value, *scenario.value, {}, options));
      fs::path golden = root / "tests" / "golden" / entry.path().filename();
      if (update) {
        std::ofstream(golden, std::ios::binary) << actual;
      } else {
        INFO("golden file: " << golden.string());
        REQUIRE(fs::exists(golden));
        REQUIRE(actual == read_file(golden));
      }
    }
    ++checked;
  }
  REQUIRE(checked >= 2);
}

TEST_CASE("Every example scenario that is no design's default reproduces its recorded result", "[golden]") {
  const fs::path root = SDSIM_SOURCE_DIR;
  const bool update = std::getenv("SDSIM_UPDATE_GOLDEN") != nullptr;
  // The designs, and the scenarios the first test case already runs as their defaults.
  std::vector<std::string> design_stems;
  std::vector<fs::path> defaults;
  for (const auto& entry : fs::directory_iterator(root / "designs")) {
    if (entry.path().extension() != ".json") continue;
    design_stems.push_back(entry.path().stem().string());
    auto design = load_design_file(entry.path().string());
    if (design.value && !design.value->default_scenario.empty()) {
      defaults.push_back(fs::weakly_canonical(design.value->default_scenario));
    }
  }
  std::vector<fs::path> scenarios;
  for (const auto& entry : fs::directory_iterator(root / "designs" / "scenarios")) {
    if (entry.path().extension() != ".json") continue;
    if (std::find(defaults.begin(), defaults.end(), fs::weakly_canonical(entry.path())) != defaults.end()) {
      continue;
    }
    scenarios.push_back(entry.path());
  }
  std::sort(scenarios.begin(), scenarios.end());
  for (const fs::path& scenario_path : scenarios) {
    const std::string scenario_file = scenario_path.filename().string();
    SECTION(scenario_file) {
      const std::string design_stem = owning_design(scenario_path.stem().string(), design_stems);
      if (design_stem.empty()) {
        FAIL("scenario " << scenario_file
                         << " is no design's default_scenario, so it must be named after the design it runs "
                            "against: DESIGN-what.json, with DESIGN.json in designs/");
      }
      auto design = load_design_file((root / "designs" / (design_stem + ".json")).string());
      INFO(design.diagnostics.format());
      REQUIRE(design.value);
      auto scenario = load_scenario_file(scenario_path.string());
      INFO(scenario.diagnostics.format());
      REQUIRE(scenario.value);
      REQUIRE(check_scenario_fits(*scenario.value, *design.value).empty());
      RunOptions options;
      options.fingerprint = true;
      std::string actual = result_to_json(run_experiment(*design.value, *scenario.value, {}, options));
      fs::path golden = root / "tests" / "golden" / scenario_file;
      if (update) {
        std::ofstream(golden, std::ios::binary) << actual;
      } else {
        INFO("golden file: " << golden.string() << " (design " << design_stem << ".json)");
        REQUIRE(fs::exists(golden));
        REQUIRE(actual == read_file(golden));
      }
    }
  }
}
