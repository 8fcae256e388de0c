// --set PATH=VALUE: parsed into a target file, a path and a JSON value; applied before validation, so an
// override is checked like the file and its problems say they came from the command line.
#include "sim/design/overrides.hpp"

#include <catch2/catch.hpp>

#include "design_test_support.hpp"
#include "sim/design/design.hpp"
#include "sim/design/scenario.hpp"

using namespace sdsim;
using test::require_one;

namespace {

Override parsed(const std::string& text) {
  std::string error;
  auto o = parse_override(text, error);
  INFO(error);
  REQUIRE(o);
  return *o;
}

std::string refused(const std::string& text) {
  std::string error;
  CHECK_FALSE(parse_override(text, error));
  return error;
}

}  // namespace

TEST_CASE("An override names its file by its first key, or by a prefix", "[design][overrides]") {
  Override servers = parsed("blocks/api/servers=150");
  CHECK(servers.target == Override::Target::design);
  CHECK(servers.path == std::vector<std::string>{"blocks", "api", "servers"});
  CHECK(servers.value == 150);

  Override rate = parsed("load.checkout.rate_per_s=2.5e3");
  CHECK(rate.target == Override::Target::scenario);
  CHECK(rate.path == std::vector<std::string>{"load", "checkout", "rate_per_s"});
  CHECK(rate.value == 2500.0);

  CHECK(parsed("blocks/lb/policy=least_outstanding").value == "least_outstanding");
  CHECK(parsed("scenario:name=peak").target == Override::Target::scenario);
  CHECK(parsed(R"(blocks/api/service_time={"dist": "exponential", "mean_ms": 4})").value.is_object());

  CHECK(refused("name=x").find("prefix the path with design: or scenario:") != std::string::npos);
  CHECK(refused("speed=3").find("not a top-level key") != std::string::npos);
  CHECK(refused("blocks/api/servers").find("expected PATH=VALUE") != std::string::npos);
  CHECK(refused("blocks//servers=3").find("empty key") != std::string::npos);
}

TEST_CASE("Overrides are validated like the file and say where they came from", "[design][overrides]") {
  std::string design = test::source_path("designs/checkout.json");
  std::string scenario = test::source_path("designs/scenarios/checkout-steady.json");

  SECTION("a valid override changes the loaded value") {
    auto d = load_design_file(design, {parsed("blocks/api/servers=150")});
    REQUIRE(d.value);
    CHECK(d.value->find_block("api")->station.servers == 150);
    auto s = load_scenario_file(scenario, {parsed("load/checkout/rate_per_s=900"), parsed("seed=7")});
    REQUIRE(s.value);
    CHECK(s.value->loads[0].rate_per_s == 900);
    CHECK(s.value->seed == 7);
  }
  SECTION("an out-of-range value is refused at its place, marked as from --set") {
    auto s = load_scenario_file(scenario, {parsed("load/checkout/rate_per_s=-5")});
    CHECK_FALSE(s.value);
    const Diagnostic& d = require_one(s.diagnostics, "/load/checkout/rate_per_s", "at least");
    CHECK(d.message.find("(value from --set load/checkout/rate_per_s=-5)") != std::string::npos);
    CHECK(d.line > 0);
  }
  SECTION("an unknown key is refused with the keys that exist") {
    auto d = load_design_file(design, {parsed("blocks/apix/servers=3")});
    CHECK_FALSE(d.value);
    CHECK(require_one(d.diagnostics, "/blocks/apix", "has no \"apix\"").hint.find("api") !=
          std::string::npos);
    auto misspelled = load_design_file(design, {parsed("blocks/api/server=3")});
    require_one(misspelled.diagnostics, "/blocks/api/server", "unknown key");
  }
  SECTION("overrides aimed at the other file leave this one alone") {
    auto d = load_design_file(design, {parsed("load/checkout/rate_per_s=-5")});
    CHECK(d.value);
  }
}
