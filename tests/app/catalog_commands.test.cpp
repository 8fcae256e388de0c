// sdsim blocks and sdsim schema as a user meets them: listings made from the catalog, and exit codes.
#include <catch2/catch.hpp>
#include <string>

#include "cli_test_support.hpp"
#include "sim/catalog/block_catalog.hpp"
#include "sim/catalog/schema.hpp"

using namespace sdsim::cli_test;

TEST_CASE("sdsim blocks lists every kind with its summary and presets", "[cli][catalog]") {
  Outcome o = run_sdsim("blocks");
  INFO(o.output);
  REQUIRE(o.status == 0);
  for (const sdsim::BlockKindSpec& kind : sdsim::builtin_block_catalog().kinds()) {
    CHECK(contains(o.output, kind.name));
    CHECK(contains(o.output, kind.summary));
    for (const sdsim::PresetSpec& preset : kind.presets)
      CHECK(contains(o.output, preset.name));
  }
}

TEST_CASE("sdsim blocks KIND describes every parameter and preset", "[cli][catalog]") {
  for (const sdsim::BlockKindSpec& kind : sdsim::builtin_block_catalog().kinds()) {
    Outcome o = run_sdsim("blocks " + std::string(kind.name));
    INFO(o.output);
    REQUIRE(o.status == 0);
    for (const sdsim::ParamSpec& p : kind.params) {
      CHECK(contains(o.output, "  " + std::string(p.name) + " ("));
      CHECK(contains(o.output, p.help));
      if (!p.required) CHECK(contains(o.output, p.source));
      if (sdsim::is_numeric(p.type)) CHECK(contains(o.output, sdsim::describe_range(p)));
    }
    for (const sdsim::PresetSpec& preset : kind.presets) {
      CHECK(contains(o.output, preset.name));
      CHECK(contains(o.output, preset.source));
    }
  }
  Outcome typo = run_sdsim("blocks statoin");
  CHECK(typo.status == 2);
  CHECK(contains(typo.output, "did you mean 'station'?"));
  CHECK(run_sdsim("blocks station queue").status == 2);
}

TEST_CASE("sdsim schema prints the generated schemas", "[cli][catalog]") {
  Outcome design = run_sdsim_stdout("schema");
  REQUIRE(design.status == 0);
  CHECK(design.output == sdsim::schema_text(sdsim::design_schema(sdsim::builtin_block_catalog())));
  CHECK(run_sdsim_stdout("schema design").output == design.output);
  Outcome scenario = run_sdsim_stdout("schema scenario");
  REQUIRE(scenario.status == 0);
  CHECK(scenario.output == sdsim::schema_text(sdsim::scenario_schema()));
  CHECK(run_sdsim("schema desing").status == 2);
  CHECK(run_sdsim("schema design scenario").status == 2);
}

TEST_CASE("sdsim blocks and sdsim schema explain themselves", "[cli][catalog]") {
  for (const char* args : {"blocks --help", "schema --help", "help blocks", "help schema"}) {
    Outcome o = run_sdsim(args);
    INFO(args << "\n" << o.output);
    CHECK(o.status == 0);
    CHECK(contains(o.output, "Usage"));
    CHECK(contains(o.output, "Examples"));
  }
  Outcome main_help = run_sdsim("--help");
  CHECK(contains(main_help.output, "blocks [KIND]"));
  CHECK(contains(main_help.output, "schema [design|scenario]"));
}
