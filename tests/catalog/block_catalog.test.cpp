// The block catalog: every declaration is complete, and inconsistent ones are refused when registered.
#include "sim/catalog/block_catalog.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

using namespace sdsim;

namespace {

BlockKindSpec small_kind() {
  return BlockKindSpec{
      .name = "cache",
      .summary = "a test kind",
      .params = {ParamSpec{.name = "ttl_s",
                           .type = ParamType::number,
                           .unit = "s",
                           .min = 0,
                           .max = 3600,
                           .default_value = 60,
                           .help = "how long an entry lives",
                           .source = "modelling choice: a minute"}},
      .presets = {PresetSpec{.name = "short",
                             .description = "entries live a second",
                             .values = {{"ttl_s", 1}},
                             .source = "modelling choice: for tests"}},
  };
}

}  // namespace

TEST_CASE("Every built-in parameter has help, and every default has a source", "[catalog]") {
  const BlockCatalog& catalog = builtin_block_catalog();
  REQUIRE_FALSE(catalog.kinds().empty());
  for (const BlockKindSpec& kind : catalog.kinds()) {
    INFO("block kind " << kind.name);
    CHECK_FALSE(kind.summary.empty());
    for (const ParamSpec& p : kind.params) {
      INFO("parameter " << p.name);
      CHECK_FALSE(p.help.empty());
      if (!p.required) CHECK_FALSE(p.source.empty());
      if (is_numeric(p.type) && !p.required && !p.no_default) {
        CHECK(p.default_value >= p.min);
        CHECK(p.default_value <= p.max);
      }
    }
    for (const PresetSpec& preset : kind.presets) {
      INFO("preset " << preset.name);
      CHECK_FALSE(preset.description.empty());
      CHECK_FALSE(preset.source.empty());
      CHECK_FALSE(preset.values.empty());
    }
  }
}

TEST_CASE("The built-in catalog has the station kind first", "[catalog]") {
  const BlockCatalog& catalog = builtin_block_catalog();
  REQUIRE(catalog.kind_names().front() == "station");
  const BlockKindSpec* station = catalog.find("station");
  REQUIRE(station);
  for (const char* name : {"servers", "queue_capacity", "service_time", "next"})
    CHECK(station->find_param(name));
  CHECK(station->find_param("service_time")->required);
  CHECK(station->find_param("queue_capacity")->no_default);
  CHECK(catalog.find("Station") == nullptr);
}

TEST_CASE("Inconsistent declarations are refused when added", "[catalog]") {
  BlockCatalog catalog;
  catalog.add(small_kind());
  CHECK(catalog.find("cache"));

  SECTION("a kind declared twice") {
    CHECK_THROWS_AS(catalog.add(small_kind()), std::logic_error);
  }
  SECTION("a parameter without help") {
    BlockKindSpec k = small_kind();
    k.name = "other";
    k.params[0].help = "";
    CHECK_THROWS_AS(catalog.add(k), std::logic_error);
  }
  SECTION("a default without a source") {
    BlockKindSpec k = small_kind();
    k.name = "other";
    k.params[0].source = "";
    CHECK_THROWS_AS(catalog.add(k), std::logic_error);
  }
  SECTION("a preset naming an unknown parameter") {
    BlockKindSpec k = small_kind();
    k.name = "other";
    k.presets[0].values = {{"ttl", 1}};
    CHECK_THROWS_AS(catalog.add(k), std::logic_error);
  }
  SECTION("a preset value outside the parameter's range") {
    BlockKindSpec k = small_kind();
    k.name = "other";
    k.presets[0].values = {{"ttl_s", 7200}};
    CHECK_THROWS_AS(catalog.add(k), std::logic_error);
  }
  SECTION("a reserved parameter name") {
    BlockKindSpec k = small_kind();
    k.name = "other";
    k.params[0].name = "preset";
    CHECK_THROWS_AS(catalog.add(k), std::logic_error);
  }
  CHECK(catalog.kinds().size() == 1);
}
