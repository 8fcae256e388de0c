// Every example design is a regression test: run under its default scenario, its JSON result must match the
// recorded one byte for byte. After an intended change of behaviour, refresh the records with
//   SDSIM_UPDATE_GOLDEN=1 ctest -R golden
// and review the diff like code.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

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

TEST_CASE("Every example fault scenario reproduces its recorded result", "[golden]") {
  const fs::path root = SDSIM_SOURCE_DIR;
  const bool update = std::getenv("SDSIM_UPDATE_GOLDEN") != nullptr;
  // (design, scenario under designs/scenarios): the faults' effects are part of the record.
  const std::pair<const char*, const char*> cases[] = {
      {"url-shortener.json", "url-shortener-az-outage.json"},
      {"checkout.json", "checkout-payments-brownout.json"},
  };
  for (const auto& [design_file, scenario_file] : cases) {
    SECTION(scenario_file) {
      auto design = load_design_file((root / "designs" / design_file).string());
      INFO(design.diagnostics.format());
      REQUIRE(design.value);
      auto scenario = load_scenario_file((root / "designs" / "scenarios" / scenario_file).string());
      INFO(scenario.diagnostics.format());
      REQUIRE(scenario.value);
      REQUIRE_FALSE(scenario.value->faults.empty());
      REQUIRE(check_scenario_fits(*scenario.value, *design.value).empty());
      RunOptions options;
      options.fingerprint = true;
      std::string actual = result_to_json(run_experiment(*design.value, *scenario.value, {}, options));
      fs::path golden = root / "tests" / "golden" / scenario_file;
      if (update) {
        std::ofstream(golden, std::ios::binary) << actual;
      } else {
        INFO("golden file: " << golden.string());
        REQUIRE(fs::exists(golden));
        REQUIRE(actual == read_file(golden));
      }
    }
  }
}
