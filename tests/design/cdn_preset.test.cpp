// The CloudFront preset of the cache kind and the relational database presets: read by the block reader,
// they supply their sourced values, and the block's own parameters still win.
#include <catch2/catch.hpp>
#include <string>

#include "design_test_support.hpp"
#include "sim/design/block_reader.hpp"

using namespace sdsim;

namespace {

BlockSpec read_one(const std::string& block_json) {
  Design design;
  Diagnostics diagnostics;
  read_block(builtin_block_catalog(), "b", Json::parse(block_json), "/blocks/b", design, diagnostics);
  INFO(test::listing(diagnostics));
  REQUIRE(diagnostics.empty());
  REQUIRE(design.blocks.size() == 1);
  return design.blocks[0];
}

}  // namespace

TEST_CASE("The CloudFront preset caches objects for the default TTL of one day", "[design][preset]") {
  BlockSpec cdn = read_one(R"({ "kind": "cache", "preset": "aws.cloudfront" })");
  CHECK(cdn.params.number("ttl_s") == 86'400);
  // What the preset does not set keeps the kind's declared default.
  CHECK(cdn.params.number("capacity_items") == 1'000'000);
  BlockSpec shorter = read_one(R"({ "kind": "cache", "preset": "aws.cloudfront", "ttl_s": 60 })");
  CHECK(shorter.params.number("ttl_s") == 60);
}

TEST_CASE("The relational database presets set connections and replicas", "[design][preset]") {
  BlockSpec aurora = read_one(R"({ "kind": "relational_database", "preset": "aws.aurora.r6g.large" })");
  CHECK(aurora.params.number("connections") == 1000);
  CHECK(aurora.params.number("read_replicas") == 1);
  CHECK(aurora.params.text_or("read_routing", "") == "replicas");
  BlockSpec postgres = read_one(R"({ "kind": "relational_database", "preset": "aws.rds.postgres" })");
  CHECK(postgres.params.number("connections") == 1802);
  CHECK(postgres.params.number("read_replicas") == 0);
}

TEST_CASE("A relational database refuses more read replicas than Aurora allows", "[design][preset]") {
  Design design;
  Diagnostics diagnostics;
  read_block(builtin_block_catalog(), "b",
             Json::parse(R"({ "kind": "relational_database", "read_replicas": 16 })"), "/blocks/b", design,
             diagnostics);
  test::require_one(diagnostics, "/blocks/b/read_replicas", "");
}
