// The explanation of a run: theory agrees with a station where its assumptions hold, and the diagnosis names
// the bottleneck planted in a design, with its mechanism and levers.
#include <algorithm>
#include <catch2/catch.hpp>

#include "sim/experiment/experiment.hpp"

using namespace sdsim;

namespace {

ExperimentResult run_texts(const char* design_text, const char* scenario_text) {
  auto design = load_design_text("design.json", design_text);
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  auto scenario = load_scenario_text("scenario.json", scenario_text);
  INFO(scenario.diagnostics.format());
  REQUIRE(scenario.value);
  return run_experiment(*design.value, *scenario.value);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("Theory agrees with an M/M/2 station and predicts its wait", "[explanation]") {
  // lambda 160/s, E[S] 10 ms, c = 2: a = 1.6, rho = 0.8, C(2, 1.6) = 0.7111, Wq = C / (200 - 160) = 17.8 ms.
  const ExperimentResult r = run_texts(R"({ "name": "mm2",
    "blocks": { "api": { "kind": "station", "servers": 2,
                         "service_time": { "dist": "exponential", "mean_ms": 10 } } },
    "flows": { "get": { "entry": "api" } } })",
                                       R"({ "name": "steady", "duration_s": 400, "warmup_s": 20, "seed": 5,
    "replications": 5, "load": { "get": { "type": "open", "rate_per_s": 160 } } })");
  const Explanation& e = r.explanation;
  REQUIRE(e.stations.size() == 1);
  const StationCheck& c = e.stations[0];
  CHECK(c.block == "api");
  CHECK(c.theory.offered_erlangs == Approx(1.6).epsilon(0.02));
  CHECK(c.theory.p_wait == Approx(0.7111).epsilon(0.03));
  CHECK(1e3 * c.theory.mean_wait_s == Approx(17.78).epsilon(0.1));
  CHECK(c.service_scv == Approx(1).epsilon(0.05));
  CHECK(c.agrees);
  CHECK(c.reasons.empty());
  CHECK(e.caveats.empty());
  CHECK(e.diagnosis.healthy);
  CHECK(contains(e.diagnosis.verdict, "Busiest station: api"));
}

TEST_CASE("The diagnosis names a slow database behind a thread pool as the bottleneck", "[explanation]") {
  // web holds one of its 64 servers while it awaits db; db's 4 servers take 5 ms each, so 1,000/s offers 5 E
  // to 4 servers: db saturates, web's servers fill with requests waiting on it and web refuses the rest.
  const ExperimentResult r = run_texts(R"({ "name": "planted",
    "blocks": {
      "web": { "kind": "station", "servers": 64, "queue_capacity": 10,
               "service_time": { "dist": "constant", "value_ms": 1 } },
      "db": { "kind": "station", "servers": 4, "service_time": { "dist": "exponential", "mean_ms": 5 } } },
    "flows": { "order": { "entry": "web", "calls": [ { "to": "db" } ] } } })",
                                       R"({ "name": "busy", "duration_s": 30, "warmup_s": 2, "seed": 3,
    "replications": 2, "load": { "order": { "type": "open", "rate_per_s": 1000 } },
    "slos": { "order": { "latency_ms": 50, "percentile": 99, "availability": 99.9 } } })");
  const Diagnosis& d = r.explanation.diagnosis;
  INFO(d.verdict << "\n" << d.mechanism);
  CHECK_FALSE(d.healthy);
  CHECK(d.bottleneck == "db");
  CHECK(contains(d.first_breach, "order first missed its objectives"));
  CHECK(contains(d.mechanism, "web (station) is where"));
  CHECK(contains(d.mechanism, "refused for lack of room"));
  CHECK(contains(d.mechanism, "The queue starts at db"));
  REQUIRE_FALSE(d.levers.empty());
  CHECK(contains(d.levers[0], "add servers at db"));
}

TEST_CASE("The diagnosis names a throttled table and the partition levers", "[explanation]") {
  // One partition's 1,000 write units against 2,000 writes/s of one hot key.
  const ExperimentResult r = run_texts(R"({ "name": "hot",
    "blocks": { "table": { "kind": "kv_database", "preset": "aws.dynamodb.on_demand" } },
    "flows": { "put": { "entry": "table", "op": "write" } } })",
                                       R"({ "name": "hot-key", "duration_s": 20, "warmup_s": 1, "seed": 4,
    "replications": 2, "load": { "put": { "type": "open", "rate_per_s": 2000 } },
    "keys": { "count": 1000000, "popularity": "uniform", "hot_share": 0.9, "hot_keys": 1 } })");
  const Diagnosis& d = r.explanation.diagnosis;
  INFO(d.verdict << "\n" << d.mechanism);
  CHECK_FALSE(d.healthy);
  CHECK(d.bottleneck == "table");
  CHECK(contains(d.mechanism, "throttled"));
  REQUIRE(d.levers.size() >= 2);
  CHECK(contains(d.levers[1], "partitions"));
}

TEST_CASE("The diagnosis names the scenario's faults and leads with what bounds their harm",
          "[explanation]") {
  // The slow database of the planted design, healthy at 300/s (db 1.5 E on 4 servers), slowed 8x from 5 s
  // to 25 s: db saturates and web refuses. The brownout is the trigger: its levers come first, then the
  // capacity ones.
  const char* design = R"({ "name": "planted",
    "blocks": {
      "web": { "kind": "station", "servers": 64, "queue_capacity": 10,
               "service_time": { "dist": "constant", "value_ms": 1 } },
      "db": { "kind": "station", "servers": 4, "service_time": { "dist": "exponential", "mean_ms": 5 } } },
    "flows": { "order": { "entry": "web", "calls": [ { "to": "db" } ] } } })";
  const ExperimentResult calm = run_texts(design, R"({ "name": "calm", "duration_s": 30, "seed": 3,
    "load": { "order": { "type": "open", "rate_per_s": 300 } } })");
  CHECK(calm.explanation.diagnosis.healthy);
  CHECK(calm.explanation.diagnosis.faults.empty());
  const ExperimentResult r = run_texts(design, R"({ "name": "brownout", "duration_s": 30, "seed": 3,
    "load": { "order": { "type": "open", "rate_per_s": 300 } },
    "faults": [ { "type": "brownout", "block": "db", "slowdown": 8, "start_s": 5, "duration_s": 20 } ] })");
  const Diagnosis& d = r.explanation.diagnosis;
  INFO(d.verdict << "\n" << d.mechanism);
  CHECK_FALSE(d.healthy);
  REQUIRE(d.faults == std::vector<std::string>{"brownout db at 5 s for 20 s"});
  REQUIRE(d.levers.size() >= 3);
  CHECK(contains(d.levers[0], "a timeout and a circuit breaker on the calls to it"));
  CHECK(contains(d.levers[1], "bulkhead"));
  CHECK(contains(d.levers[2], "add servers at db"));
}

TEST_CASE("Parts down in a fault are explained by the fault's levers alone", "[explanation]") {
  // One zone of two loses power: the station placed only there is down for a third of the run. Without DNS
  // in the design, failing over means a second region.
  const char* design = R"({ "name": "zonal",
    "regions": { "us-east-1": ["use1-az1", "use1-az2"] },
    "blocks": { "api": { "kind": "station", "servers": 8, "placement": ["use1-az1"],
                         "service_time": { "dist": "exponential", "mean_ms": 5 } } },
    "flows": { "get": { "entry": "api" } } })";
  const ExperimentResult zone = run_texts(design, R"({ "name": "outage", "duration_s": 30, "seed": 3,
    "load": { "get": { "type": "open", "rate_per_s": 100 } },
    "faults": [ { "type": "az_power_interruption", "zone": "use1-az1", "start_s": 10, "duration_s": 10 } ] })");
  const Diagnosis& d = zone.explanation.diagnosis;
  INFO(d.verdict << "\n" << d.mechanism);
  CHECK(contains(d.mechanism, "unavailable"));
  REQUIRE(d.faults.size() == 1);
  REQUIRE(d.levers.size() == 2);
  CHECK(contains(d.levers[0], "N+1 zones"));
  CHECK(contains(d.levers[1], "health-check"));
  const ExperimentResult region = run_texts(design, R"({ "name": "isolated", "duration_s": 30, "seed": 3,
    "load": { "get": { "type": "open", "rate_per_s": 100 } },
    "faults": [ { "type": "region_isolation", "region": "us-east-1", "start_s": 10, "duration_s": 10 } ] })");
  REQUIRE(region.explanation.diagnosis.levers.size() == 1);
  CHECK(contains(region.explanation.diagnosis.levers[0], "a second region behind DNS failover"));
}

TEST_CASE("Behind least-outstanding routing, instances down in a fault draw a lever of their own",
          "[explanation]") {
  // The AZ outage of designs/README: dead instances stay in rotation until health checks find them, refuse
  // at once, so never have a request outstanding, and least-outstanding routing prefers them.
  auto design = load_design_file("designs/url-shortener.json");
  REQUIRE(design.value);
  auto scenario = load_scenario_file("designs/scenarios/url-shortener-az-outage.json");
  REQUIRE(scenario.value);
  scenario.value->duration_s = 60;
  scenario.value->replications = 1;
  auto has_lever = [](const Diagnosis& d) {
    return std::any_of(d.levers.begin(), d.levers.end(),
                       [](const std::string& l) { return contains(l, "failing fast is not rewarded"); });
  };
  const Diagnosis least = run_experiment(*design.value, *scenario.value).explanation.diagnosis;
  INFO(least.mechanism);
  CHECK(contains(least.mechanism, "api (compute) is where"));
  CHECK(has_lever(least));
  for (BlockSpec& b : design.value->blocks) {
    if (b.name == "alb") b.params.texts["policy"] = "round_robin";
  }
  CHECK_FALSE(has_lever(run_experiment(*design.value, *scenario.value).explanation.diagnosis));
}
