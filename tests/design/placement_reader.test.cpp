// Regions, Availability Zones, hop latencies and block placement: what is accepted, and what is explained.
#include <catch2/catch.hpp>

#include "sim/design/design.hpp"

using namespace sdsim;

namespace {

Loaded<Design> load(const std::string& top, const std::string& placement) {
  return load_design_text("placed.json", "{" + top + R"("blocks": {"api": {"kind": "station", )" + placement +
                                             R"("service_time": {"dist": "constant", "value_ms": 1}}},
      "flows": {"f": {"entry": "api"}}})");
}

const std::string regions =
    R"("regions": {"us-east-1": ["use1-az1", "use1-az2"], "eu-west-1": ["euw1-az1"]}, )";

bool has_problem(const Loaded<Design>& loaded, const std::string& pointer, const std::string& part) {
  for (const Diagnostic& d : loaded.diagnostics.items()) {
    if (d.pointer == pointer && d.message.find(part) != std::string::npos && !d.hint.empty()) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("Placement names zones or whole regions; unplaced blocks run in the first region",
          "[design][placement]") {
  auto zones = load(regions, R"("placement": ["eu-west-1", "use1-az2"], )");
  INFO(zones.diagnostics.format());
  REQUIRE(zones.value);
  CHECK(zones.value->blocks[0].placement == std::vector<std::string>{"euw1-az1", "use1-az2"});
  CHECK(zones.value->regions.size() == 2);
  auto unplaced = load(regions, "");
  REQUIRE(unplaced.value);
  CHECK(unplaced.value->blocks[0].placement == std::vector<std::string>{"use1-az1", "use1-az2"});
  auto none = load("", "");
  REQUIRE(none.value);
  CHECK(none.value->blocks[0].placement.empty());
}

TEST_CASE("Hop latencies can be set, each within its range", "[design][placement]") {
  auto tuned = load(
      regions + R"("network": {"cross_az_ms": 1, "region_pairs_ms": {"us-east-1|eu-west-1": 38}}, )", "");
  REQUIRE(tuned.value);
  CHECK(tuned.value->network.cross_az_ms == 1);
  CHECK(tuned.value->network.same_az_ms == 0.25);
  CHECK(tuned.value->network.region_pairs.at("us-east-1|eu-west-1") == 38);
  auto bad =
      load(regions + R"("network": {"cross_az_ms": -1, "crossaz_ms": 2, "region_pairs_ms": {"x": 1}}, )", "");
  REQUIRE_FALSE(bad.value);
  CHECK(has_problem(bad, "/network/cross_az_ms", "at least 0"));
  CHECK(has_problem(bad, "/network/crossaz_ms", "unknown key"));
  CHECK(has_problem(bad, "/network/region_pairs_ms/x", "region-a|region-b"));
}

TEST_CASE("Placement mistakes are reported with a fix", "[design][placement]") {
  auto typo = load(regions, R"("placement": ["use1-az3", 7], )");
  REQUIRE_FALSE(typo.value);
  CHECK(has_problem(typo, "/blocks/api/placement/0", "not a region or Availability Zone"));
  CHECK(has_problem(typo, "/blocks/api/placement/1", "zone or region name"));
  auto no_regions = load("", R"("placement": ["use1-az1"], )");
  REQUIRE_FALSE(no_regions.value);
  CHECK(has_problem(no_regions, "/blocks/api/placement", "declares no regions"));
  auto twice = load(R"("regions": {"a": ["z1"], "b": ["z1"], "c": []}, )", "");
  REQUIRE_FALSE(twice.value);
  CHECK(has_problem(twice, "/regions/b/0", "declared twice"));
  CHECK(has_problem(twice, "/regions/c", "must list its Availability Zones"));
}

TEST_CASE("Link bandwidths default to the EC2 single-flow limit and can be set", "[design][placement]") {
  auto defaults = load(regions, "");
  REQUIRE(defaults.value);
  const NetworkSpec& d = defaults.value->network;
  CHECK(d.same_az_gbps == 5);
  CHECK(d.cross_az_gbps == 5);
  CHECK(d.cross_region_gbps == 5);
  CHECK(d.client_gbps == 5);
  auto tuned = load(regions + R"("network": {"same_az_gbps": 25, "cross_az_gbps": 10, "cross_region_gbps": 1,
      "client_gbps": 0.1}, )",
                    "");
  INFO(tuned.diagnostics.format());
  REQUIRE(tuned.value);
  const NetworkSpec& t = tuned.value->network;
  CHECK(t.same_az_gbps == 25);
  CHECK(t.cross_az_gbps == 10);
  CHECK(t.cross_region_gbps == 1);
  CHECK(t.client_gbps == 0.1);
  auto bad = load(regions + R"("network": {"client_gbps": 0, "cross_az_gpbs": 1}, )", "");
  REQUIRE_FALSE(bad.value);
  CHECK(has_problem(bad, "/network/client_gbps", "at least 0.001"));
  CHECK(has_problem(bad, "/network/cross_az_gpbs", "unknown key"));
}
