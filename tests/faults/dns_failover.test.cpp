// Multi-region designs behind a Route 53 name: failover after a region's isolation (detection on the probe
// grid, then the clients' cached answers expiring over one TTL) and latency routing per client region.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "sim/design/design.hpp"
#include "sim/design/scenario.hpp"
#include "sim/experiment/model_builder.hpp"

namespace sdsim {
namespace {

class Ends final : public Observer {
 public:
  std::uint32_t interests() const override { return interest_request_ends; }
  void on_request_end(const RequestEnd& e) override { ends.push_back(e); }
  std::vector<RequestEnd> ends;
};

struct Run {
  BuiltModel model;
  Ends recorder;
};

void run(Run& r, const std::string& design_json, const std::string& scenario_json) {
  auto design = load_design_text("design.json", design_json);
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  auto scenario = load_scenario_text("scenario.json", scenario_json);
  INFO(scenario.diagnostics.format());
  REQUIRE(scenario.value);
  REQUIRE(check_scenario_fits(*scenario.value, *design.value).empty());
  r.model = build_model(*design.value, *scenario.value, 3);
  Engine& engine = *r.model.engine;
  engine.add_observer(r.recorder);
  engine.start();
  engine.run_until(from_s(scenario.value->duration_s));
}

std::size_t failed_between(const Run& r, double from, double to) {
  return static_cast<std::size_t>(
      std::count_if(r.recorder.ends.begin(), r.recorder.ends.end(), [&](const RequestEnd& e) {
        const double t = to_s(e.created);
        return t >= from && t < to && e.outcome != Outcome::completed;
      }));
}

// Two regions, one station each (1 ms), behind a failover name (checks every 30 s, 3 failures, TTL 60 s).
const char* failover_design = R"({
  "name": "dns-failover",
  "regions": { "us-east-1": ["use1-az1", "use1-az2"], "eu-west-1": ["euw1-az1"] },
  "network": { "client_ms": 10, "region_pairs_ms": { "us-east-1|eu-west-1": 40 } },
  "blocks": {
    "dns": { "kind": "dns", "preset": "aws.route53", "policy": "failover" },
    "east": { "kind": "station", "servers": 1000, "service_time": { "dist": "constant", "value_ms": 1 },
              "placement": ["us-east-1"] },
    "west": { "kind": "station", "servers": 1000, "service_time": { "dist": "constant", "value_ms": 1 },
              "placement": ["eu-west-1"] }
  },
  "flows": { "get": { "entry": "dns", "calls": [ { "to": "east" }, { "to": "west" } ] } }
})";

}  // namespace

TEST_CASE("A DNS block is global: it stays unplaced in a design with regions, and refuses a placement") {
  auto design = load_design_text("design.json", failover_design);
  REQUIRE(design.value);
  REQUIRE(design.value->find_block("dns")->placement.empty());
  REQUIRE(design.value->find_block("east")->placement.size() == 2);
  std::string placed = failover_design;
  placed.replace(placed.find(R"("policy": "failover" })"), 22,
                 R"("policy": "failover", "placement": ["us-east-1"] })");
  auto refused = load_design_text("design.json", placed);
  REQUIRE_FALSE(refused.value);
  CHECK_THAT(refused.diagnostics.format(), Catch::Contains("global service"));
}

TEST_CASE("After a region's isolation, DNS failover fails requests for detection plus half a TTL") {
  Run r;
  const double rate = 200;
  const double isolated_at = 100.5;
  run(r, failover_design, R"({
    "duration_s": 400,
    "clients": { "us-east-1": 1 },
    "load": { "get": { "type": "open", "rate_per_s": 200 } },
    "faults": [ { "type": "region_isolation", "region": "us-east-1", "start_s": 100.5, "duration_s": 1000 } ]
  })");
  // Probes every 30 s on the grid fail at 120, 150 and 180 s: the answer changes at 180 s. Every request
  // until then fails; after it a request still uses the old answer with probability 1 - (t - 180) / 60, half
  // a TTL's worth in all. Requests whose answer was on its way back at the cut (sent in the 11 ms before it:
  // 10 ms there, 1 ms of service) fail too.
  const double detection_s = 180;
  const double ttl_s = 60;
  const double expected = rate * (detection_s - isolated_at + ttl_s / 2 + 0.011);
  const auto failed = static_cast<double>(failed_between(r, 0, 1e9));
  // Each request fails independently given its time, so the count is Poisson: 4 standard deviations.
  INFO("failed " << failed << ", expected " << expected);
  CHECK(std::abs(failed - expected) <= 4 * std::sqrt(expected));
  CHECK(failed_between(r, 0, isolated_at - 0.012) == 0);
  // From the cut to the detection nothing gets through, and after detection + TTL nothing fails.
  for (const RequestEnd& e : r.recorder.ends) {
    const double t = to_s(e.created);
    if (t >= isolated_at && t < detection_s) REQUIRE(e.outcome == Outcome::unavailable);
  }
  CHECK(failed_between(r, detection_s + ttl_s, 1e9) == 0);
}

TEST_CASE("Latency routing sends each region's clients to their nearest region") {
  // Stacks in us-east-1 and eu-west-1 only; clients in three regions, one flow each (the same name).
  // ap-southeast-1 is nearer eu-west-1 (80 ms) than us-east-1 (110 ms).
  const std::string design = R"({
    "name": "dns-latency",
    "regions": { "us-east-1": ["use1-az1"], "eu-west-1": ["euw1-az1"], "ap-southeast-1": ["apse1-az1"] },
    "network": { "client_ms": 5,
                 "region_pairs_ms": { "us-east-1|eu-west-1": 40, "us-east-1|ap-southeast-1": 110,
                                      "eu-west-1|ap-southeast-1": 80 } },
    "blocks": {
      "dns": { "kind": "dns", "policy": "latency" },
      "east": { "kind": "station", "servers": 1000, "service_time": { "dist": "constant", "value_ms": 2 },
                "placement": ["us-east-1"] },
      "west": { "kind": "station", "servers": 1000, "service_time": { "dist": "constant", "value_ms": 2 },
                "placement": ["eu-west-1"] }
    },
    "flows": {
      "us": { "entry": "dns", "calls": [ { "to": "east" }, { "to": "west" } ] },
      "eu": { "entry": "dns", "calls": [ { "to": "east" }, { "to": "west" } ] },
      "ap": { "entry": "dns", "calls": [ { "to": "east" }, { "to": "west" } ] }
    }
  })";
  Run r;
  run(r, design, R"({
    "duration_s": 20,
    "load": {
      "us": { "type": "open", "rate_per_s": 50, "clients": { "us-east-1": 1 } },
      "eu": { "type": "open", "rate_per_s": 30, "clients": { "eu-west-1": 1 } },
      "ap": { "type": "open", "rate_per_s": 20, "clients": { "ap-southeast-1": 1 } }
    }
  })");
  // Flows in file order: us, eu, ap. Each pays the client hop plus its region pair there and back, and the
  // 2 ms of service: us-east-1 and eu-west-1 clients at home (5 ms), ap-southeast-1 clients in eu-west-1.
  const SimTime expected[] = {2 * from_ms(5) + from_ms(2), 2 * from_ms(5) + from_ms(2),
                              2 * from_ms(5 + 80) + from_ms(2)};
  std::size_t seen[3] = {0, 0, 0};
  for (const RequestEnd& e : r.recorder.ends) {
    REQUIRE(e.outcome == Outcome::completed);
    REQUIRE(e.finished - e.created == expected[e.flow]);
    ++seen[e.flow];
  }
  CHECK(seen[0] > 800);
  CHECK(seen[1] > 450);
  CHECK(seen[2] > 300);
}

}  // namespace sdsim
