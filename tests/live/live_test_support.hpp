#pragma once
// Designs and scenarios for the live tests, loaded from the examples and shortened.
#include <catch2/catch.hpp>
#include <string>

#include "sim/design/design.hpp"
#include "sim/design/scenario.hpp"

namespace sdsim::live_test {

struct Model {
  Design design;
  Scenario scenario;
};

// `design_file` under designs/, `scenario_file` under designs/scenarios/; one replication of `duration_s`
// without warm-up.
inline Model load_model(const std::string& design_file, const std::string& scenario_file, double duration_s) {
  auto design = load_design_file("designs/" + design_file);
  REQUIRE(design.value);
  auto scenario = load_scenario_file("designs/scenarios/" + scenario_file);
  REQUIRE(scenario.value);
  scenario.value->duration_s = duration_s;
  scenario.value->warmup_s = 0;
  scenario.value->replications = 1;
  return Model{std::move(*design.value), std::move(*scenario.value)};
}

}  // namespace sdsim::live_test
