// read_block: a block is read by its kind's declarations in the catalog, presets supply defaults, and
// unknown kinds, presets and enum values are refused with the alternatives.
#include "sim/design/block_reader.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "design_test_support.hpp"

using namespace sdsim;
using test::require_one;

namespace {

constexpr std::string_view policies[] = {"round_robin", "least_outstanding"};

// A catalog with a second kind that exercises what the station does not: an enum-like text parameter and a
// kind without presets.
BlockCatalog test_catalog() {
  BlockCatalog catalog;
  register_builtin_blocks(catalog);
  catalog.add(BlockKindSpec{
      .name = "balancer",
      .summary = "a test kind",
      .params = {ParamSpec{.name = "policy",
                           .type = ParamType::text,
                           .help = "how targets are picked",
                           .source = "modelling choice: for tests",
                           .allowed = policies}},
  });
  return catalog;
}

struct Read {
  Design design;
  Diagnostics diagnostics;
};

Read read(const std::string& block_json, const BlockCatalog& catalog = builtin_block_catalog()) {
  Read r;
  read_block(catalog, "api", Json::parse(block_json), "/blocks/api", r.design, r.diagnostics);
  return r;
}

const std::string service = R"("service_time": { "dist": "constant", "value_ms": 1 })";

}  // namespace

TEST_CASE("A preset supplies defaults that the block's own parameters override", "[design][block]") {
  SECTION("the preset alone") {
    Read r = read(R"({ "kind": "station", "preset": "lambda-sync", )" + service + " }");
    INFO(test::listing(r.diagnostics));
    REQUIRE(r.diagnostics.empty());
    REQUIRE(r.design.blocks.size() == 1);
    CHECK(r.design.blocks[0].station.servers == 1000);
    REQUIRE(r.design.blocks[0].station.queue_capacity);
    CHECK(*r.design.blocks[0].station.queue_capacity == 0);
  }
  SECTION("an explicit parameter wins") {
    Read r = read(R"({ "kind": "station", "preset": "lambda-sync", "servers": 50, )" + service + " }");
    REQUIRE(r.diagnostics.empty());
    CHECK(r.design.blocks[0].station.servers == 50);
    CHECK(*r.design.blocks[0].station.queue_capacity == 0);
  }
  SECTION("without a preset the declared defaults apply") {
    Read r = read(R"({ "kind": "station", )" + service + " }");
    REQUIRE(r.diagnostics.empty());
    CHECK(r.design.blocks[0].station.servers == 1);
    CHECK_FALSE(r.design.blocks[0].station.queue_capacity);
  }
}

TEST_CASE("A preset sets text choices too, and the block's own choice wins", "[design][block]") {
  Read fifo = read(R"({ "kind": "queue", "preset": "aws.sqs.fifo" })");
  INFO(test::listing(fifo.diagnostics));
  REQUIRE(fifo.diagnostics.empty());
  CHECK(fifo.design.blocks[0].params.texts.at("type") == "fifo");
  CHECK(fifo.design.blocks[0].params.numbers.at("fifo_send_rate_per_s") == 300);

  Read standard = read(R"({ "kind": "queue", "preset": "aws.sqs.fifo", "type": "standard" })");
  REQUIRE(standard.diagnostics.empty());
  CHECK(standard.design.blocks[0].params.texts.at("type") == "standard");
}

TEST_CASE("The catalog refuses a preset whose text is not among the parameter's choices", "[design][block]") {
  BlockCatalog catalog;
  BlockKindSpec kind{.name = "balancer",
                     .summary = "a test kind",
                     .params = {ParamSpec{.name = "policy",
                                          .type = ParamType::text,
                                          .help = "how targets are picked",
                                          .source = "modelling choice: for tests",
                                          .allowed = policies}},
                     .presets = {PresetSpec{.name = "odd",
                                            .description = "a preset with a text outside the choices",
                                            .values = {{.param = "policy", .text = "fastest"}},
                                            .source = "modelling choice: for tests"}}};
  CHECK_THROWS_AS(catalog.add(kind), std::logic_error);
}

TEST_CASE("Unknown presets, kinds and enum values are refused with the alternatives", "[design][block]") {
  SECTION("a misspelled preset") {
    Read r = read(R"({ "kind": "station", "preset": "lambda-snyc", )" + service + " }");
    const Diagnostic& d = require_one(r.diagnostics, "/blocks/api/preset", "unknown preset \"lambda-snyc\"");
    CHECK(d.hint.find("did you mean \"lambda-sync\"?") != std::string::npos);
    CHECK(d.hint.find("presets of station: lambda-sync") != std::string::npos);
  }
  SECTION("a preset that is not a string") {
    Read r = read(R"({ "kind": "station", "preset": 3, )" + service + " }");
    require_one(r.diagnostics, "/blocks/api/preset", "must be a string, not an integer");
  }
  SECTION("a preset on a kind without presets") {
    BlockCatalog catalog = test_catalog();
    Read r = read(R"({ "kind": "balancer", "preset": "fast" })", catalog);
    require_one(r.diagnostics, "/blocks/api/preset", "block kind \"balancer\" has no presets");
  }
  SECTION("an unknown kind lists the catalog's kinds") {
    BlockCatalog catalog = test_catalog();
    Read r = read(R"({ "kind": "balancr" })", catalog);
    const Diagnostic& d = require_one(r.diagnostics, "/blocks/api/kind", "unknown block kind \"balancr\"");
    CHECK(d.hint.find("did you mean \"balancer\"?") != std::string::npos);
    CHECK(d.hint.find("known kinds: station, ") != std::string::npos);
    CHECK(d.hint.find(", balancer") != std::string::npos);  // registered last
  }
  SECTION("an enum-like text parameter") {
    BlockCatalog catalog = test_catalog();
    CHECK(read(R"({ "kind": "balancer", "policy": "round_robin" })", catalog).diagnostics.empty());
    Read r = read(R"({ "kind": "balancer", "policy": "round-robin" })", catalog);
    const Diagnostic& d = require_one(r.diagnostics, "/blocks/api/policy", "unknown policy \"round-robin\"");
    CHECK(d.hint.find("did you mean \"round_robin\"?") != std::string::npos);
    CHECK(d.hint.find("use one of: round_robin, least_outstanding") != std::string::npos);
  }
  SECTION("the keys a block accepts end with the preset") {
    Read r = read(R"({ "kind": "station", "sevrers": 2, )" + service + " }");
    const Diagnostic& d = require_one(r.diagnostics, "/blocks/api/sevrers", "unknown key");
    CHECK(d.hint.find("accepts: kind, servers, queue_capacity, service_time, next, price_per_hour, "
                      "sla_availability, preset") != std::string::npos);
  }
}
