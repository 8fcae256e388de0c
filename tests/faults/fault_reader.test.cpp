// The scenario's "faults": what is read, and every problem reported at once with its pointer.
#include <catch2/catch.hpp>
#include <string>

#include "sim/design/scenario.hpp"

namespace sdsim {
namespace {

const char* design_json = R"({
  "name": "d",
  "regions": { "us-east-1": ["use1-az1", "use1-az2"], "us-west-2": ["usw2-az1"] },
  "blocks": {
    "api": { "kind": "compute", "instances": 4, "service_time": { "dist": "exponential", "mean_ms": 5 } },
    "db": { "kind": "relational_database" },
    "cache": { "kind": "cache", "nodes": 2 }
  },
  "flows": { "f": { "entry": "api", "calls": [ { "to": "db" } ] } }
})";

Diagnostics problems(const std::string& faults) {
  auto design = load_design_text("design.json", design_json);
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  auto scenario = load_scenario_text(
      "scenario.json",
      R"({ "duration_s": 100, "load": { "f": { "type": "open", "rate_per_s": 1 } }, "faults": )" + faults +
          "}");
  if (!scenario.value) return scenario.diagnostics;
  return check_scenario_fits(*scenario.value, *design.value);
}

TEST_CASE("Faults are read with their keys") {
  auto scenario = load_scenario_text("s.json", R"({
    "duration_s": 60,
    "load": { "f": { "type": "open", "rate_per_s": 1 } },
    "faults": [
      { "type": "brownout", "block": "db", "slowdown": 3, "start_s": 10, "duration_s": 5 },
      { "type": "instance_termination", "block": "api", "instances": [0, 2], "start_s": 1 },
      { "type": "added_latency", "between": ["use1-az1", "us-west-2"], "latency_ms": 20, "start_s": 0, "duration_s": 1 }
    ] })");
  INFO(scenario.diagnostics.format());
  REQUIRE(scenario.value);
  const auto& f = scenario.value->faults;
  REQUIRE(f.size() == 3);
  CHECK(f[0].slowdown == 3);
  CHECK(f[0].error_rate == 0);
  CHECK(f[1].instances == std::vector<std::uint32_t>{0, 2});
  CHECK(f[2].between == std::vector<std::string>{"use1-az1", "us-west-2"});
  CHECK(f[2].latency_ms == 20);
}

TEST_CASE("Every fault problem is reported at once, with a pointer and a fix") {
  SECTION("unknown type, missing and negative durations, a start after the run") {
    Diagnostics d = problems(R"([
      { "type": "az_outage", "zone": "use1-az1", "start_s": 1, "duration_s": 5 },
      { "type": "az_power_interruption", "zone": "use1-az1", "start_s": 1 },
      { "type": "network_partition", "between": ["use1-az1", "use1-az2"], "start_s": 1, "duration_s": -4 },
      { "type": "writer_failover", "block": "db", "start_s": 150 }
    ])");
    INFO(d.format());
    REQUIRE(d.size() == 4);
    CHECK(d.items()[0].pointer == "/faults/0/type");
    CHECK(d.items()[1].pointer == "/faults/1");
    CHECK(d.items()[2].pointer == "/faults/2/duration_s");
    CHECK(d.items()[3].pointer == "/faults/3/start_s");
  }
  SECTION("unknown names with a guess, wrong block kinds, indices beyond the block") {
    Diagnostics d = problems(R"([
      { "type": "az_power_interruption", "zone": "use1-az3", "start_s": 1, "duration_s": 5 },
      { "type": "writer_failover", "block": "api", "start_s": 1 },
      { "type": "brownout", "block": "dbb", "error_rate": 0.5, "start_s": 1, "duration_s": 5 },
      { "type": "instance_termination", "block": "api", "instances": [7], "start_s": 1 },
      { "type": "packet_loss", "between": ["use1-az1", "us-east-1"], "loss": 0.1, "start_s": 1, "duration_s": 5 }
    ])");
    INFO(d.format());
    REQUIRE(d.size() == 5);
    CHECK(d.items()[0].pointer == "/faults/0/zone");
    CHECK(d.items()[0].hint.find("did you mean \"use1-az1\"") != std::string::npos);
    CHECK(d.items()[1].message.find("needs a relational_database") != std::string::npos);
    CHECK(d.items()[2].hint.find("did you mean \"db\"") != std::string::npos);
    CHECK(d.items()[3].pointer == "/faults/3/instances/0");
    CHECK(d.items()[4].pointer == "/faults/4/between");
  }
  SECTION("contradictory overlaps") {
    Diagnostics d = problems(R"([
      { "type": "az_power_interruption", "zone": "use1-az1", "start_s": 10, "duration_s": 50 },
      { "type": "az_power_interruption", "zone": "use1-az1", "start_s": 40, "duration_s": 5 },
      { "type": "az_power_interruption", "zone": "use1-az2", "start_s": 40, "duration_s": 5 },
      { "type": "brownout", "block": "db", "slowdown": 2, "start_s": 0, "duration_s": 30 },
      { "type": "brownout", "block": "db", "error_rate": 0.1, "start_s": 29, "duration_s": 30 }
    ])");
    INFO(d.format());
    REQUIRE(d.size() == 2);
    CHECK(d.items()[0].pointer == "/faults/1");
    CHECK(d.items()[1].pointer == "/faults/4");
  }
}

}  // namespace
}  // namespace sdsim
