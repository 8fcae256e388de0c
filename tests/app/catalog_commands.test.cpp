// sdsim blocks and sdsim schema as a user meets them: listings made from the catalog, and exit codes.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "sim/catalog/block_catalog.hpp"
#include "sim/catalog/schema.hpp"

namespace {

struct Outcome {
  int status;
  std::string output;  // stdout, and stderr when asked for
};

Outcome run_sdsim(const std::string& args, bool with_stderr = true) {
  std::string command = std::string(SDSIM_EXECUTABLE) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
    output.append(buffer, n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

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
  Outcome design = run_sdsim("schema", false);
  REQUIRE(design.status == 0);
  CHECK(design.output == sdsim::schema_text(sdsim::design_schema(sdsim::builtin_block_catalog())));
  CHECK(run_sdsim("schema design", false).output == design.output);
  Outcome scenario = run_sdsim("schema scenario", false);
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
