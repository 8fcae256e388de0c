// Scheduled faults run through whole models: their effects (failed calls, slower service, longer hops) are
// counted end to end and compared with what the fault must do.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/blocks/compute_pool.hpp"
#include "sim/design/design.hpp"
#include "sim/design/scenario.hpp"
#include "sim/experiment/model_builder.hpp"

namespace sdsim {
namespace {

// Every request's end and every departure, as the engine reports them.
class Recorder final : public Observer {
 public:
  std::uint32_t interests() const override { return interest_request_ends | interest_departures; }
  void on_request_end(const RequestEnd& e) override { ends.push_back(e); }
  void on_departure(const Departure& d) override { departures.push_back(d); }
  std::vector<RequestEnd> ends;
  std::vector<Departure> departures;
};

struct Run {
  BuiltModel model;
  Recorder recorder;
};

// Builds the model and runs it for the scenario's whole length, keeping every request end; with `before`,
// the run pauses at `pause_s` for it.
template <typename Before = std::nullptr_t>
void run(Run& r, const std::string& design_json, const std::string& scenario_json, std::uint64_t seed = 1,
         double pause_s = -1, Before before = nullptr) {
  auto design = load_design_text("design.json", design_json);
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  auto scenario = load_scenario_text("scenario.json", scenario_json);
  INFO(scenario.diagnostics.format());
  REQUIRE(scenario.value);
  INFO(check_scenario_fits(*scenario.value, *design.value).format());
  REQUIRE(check_scenario_fits(*scenario.value, *design.value).empty());
  r.model = build_model(*design.value, *scenario.value, seed);
  Engine& engine = *r.model.engine;
  engine.add_observer(r.recorder);
  engine.start();
  const SimTime end = from_s(scenario.value->duration_s);
  if constexpr (!std::is_same_v<Before, std::nullptr_t>) {
    engine.run_until(from_s(pause_s));
    before(engine);
  }
  engine.run_until(end);
}

std::size_t count_ends(const Run& r, double from_time_s, double to_time_s, bool failed) {
  return static_cast<std::size_t>(
      std::count_if(r.recorder.ends.begin(), r.recorder.ends.end(), [&](const RequestEnd& e) {
        double t = to_s(e.created);
        return t >= from_time_s && t < to_time_s && (e.outcome != Outcome::completed) == failed;
      }));
}

std::string lb_design(const std::string& placement) {
  return R"({
    "name": "az",
    "regions": { "r": ["a", "b", "c"] },
    "blocks": {
      "lb": { "kind": "load_balancer", "target": "api", "policy": "round_robin",
              "health_check_interval_s": 10, "unhealthy_threshold": 2, "placement": )" +
         placement + R"( },
      "api": { "kind": "compute", "instances": 6, "concurrency": 4, "warmup_s": 5, "replacement_s": 1,
               "service_time": { "dist": "exponential", "mean_ms": 10 }, "placement": )" +
         placement + R"( }
    },
    "flows": { "get": { "entry": "lb", "calls": [ { "to": "api" } ] } }
  })";
}

const char* az_outage_scenario = R"({
  "duration_s": 150,
  "load": { "get": { "type": "open", "rate_per_s": 300 } },
  "faults": [ { "type": "az_power_interruption", "zone": "b", "start_s": 45, "duration_s": 60 } ]
})";

TEST_CASE("An AZ outage behind a load balancer fails only what reaches the dead AZ before health checks") {
  Run r;
  run(r, lb_design(R"(["a", "b", "c"])"), az_outage_scenario);
  // Probes run every 10 s on a fixed grid: the dead instances fail the probes at 50 s and 60 s and leave
  // rotation at 60 s. Until then round robin sends a third of the requests (2 of 6 instances) to zone b.
  const double detection_s = 60 - 45;
  const double expected = 300 * detection_s / 3;
  const std::size_t failed = count_ends(r, 0, 1e9, true);
  // Round robin makes the share exact: the count varies only with the Poisson arrivals in the window,
  // standard deviation sqrt(expected / 3); 4 of them, plus the few requests in flight at b at the cut.
  const double tolerance = 4 * std::sqrt(expected / 3) + 10;
  INFO("failed " << failed << ", expected " << expected);
  REQUIRE(std::abs(static_cast<double>(failed) - expected) <= tolerance);
  // Each failure is one sent to zone b between the cut and the detection; none before, none after.
  REQUIRE(count_ends(r, 0, 45, true) == 0);
  REQUIRE(count_ends(r, 60.1, 1e9, true) == 0);
  const std::size_t arrivals_in_window = count_ends(r, 45, 60, true) + count_ends(r, 45, 60, false);
  REQUIRE(std::abs(static_cast<double>(count_ends(r, 45, 60.1, true)) -
                   static_cast<double>(arrivals_in_window) / 3) <= 10);
}

TEST_CASE("An AZ outage of a single-AZ design stops every request until the zone is back") {
  Run r;
  run(r, lb_design(R"(["b"])"), az_outage_scenario);
  // Only the few requests in flight at the cut (about 300/s x 11 ms) fail among those sent before it.
  REQUIRE(count_ends(r, 0, 44.9, true) == 0);
  REQUIRE(count_ends(r, 44.9, 45, true) <= 15);
  REQUIRE(count_ends(r, 45, 105, false) == 0);  // availability 0 during the outage
  REQUIRE(count_ends(r, 45.1, 105, true) > 17'000);
  // Back at 105 s, the instances launch and serve after their 5 s warm-up.
  REQUIRE(count_ends(r, 110.1, 150, true) == 0);
  REQUIRE(count_ends(r, 110.1, 150, false) > 11'000);
}

TEST_CASE("A brownout with slowdown 3 triples a station's service time and its queue follows M/M/1") {
  const char* design = R"({
    "name": "brown",
    "blocks": { "s": { "kind": "station", "servers": 1, "service_time": { "dist": "exponential", "mean_ms": 10 } } },
    "flows": { "f": { "entry": "s" } }
  })";
  const char* scenario = R"({
    "duration_s": 400,
    "load": { "f": { "type": "open", "rate_per_s": 20 } },
    "faults": [ { "type": "brownout", "block": "s", "slowdown": 3, "start_s": 100, "duration_s": 300 } ]
  })";
  // Per replication: mean service time and mean sojourn of requests that start/arrive well inside the window.
  std::vector<double> service_ms;
  std::vector<double> sojourn_ms;
  std::vector<double> before_service_ms;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    Run r;
    run(r, design, scenario, seed);
    double s = 0, n = 0, b = 0, nb = 0;
    for (const Departure& d : r.recorder.departures) {
      if (d.started >= from_s(100)) {
        s += to_ms(d.finished - d.started);
        ++n;
      } else if (d.finished < from_s(100)) {
        b += to_ms(d.finished - d.started);
        ++nb;
      }
    }
    service_ms.push_back(s / n);
    before_service_ms.push_back(b / nb);
    double l = 0, m = 0;
    for (const RequestEnd& e : r.recorder.ends) {
      if (e.created < from_s(130)) continue;
      l += to_ms(e.finished - e.created);
      ++m;
    }
    sojourn_ms.push_back(l / m);
  }
  auto check = [](const char* what, const std::vector<double>& x, double theory) {
    double mean = 0;
    for (double v : x)
      mean += v;
    mean /= static_cast<double>(x.size());
    double var = 0;
    for (double v : x)
      var += (v - mean) * (v - mean);
    var /= static_cast<double>(x.size() - 1);
    const double half_width = 2.365 * std::sqrt(var / static_cast<double>(x.size()));  // t(7), 95%
    INFO(what << ": " << mean << " +- " << half_width << " vs " << theory);
    REQUIRE(std::abs(mean - theory) <= half_width);
    REQUIRE(half_width <= 0.1 * theory);
  };
  check("service before", before_service_ms, 10);
  check("service in the brownout", service_ms, 30);
  // M/M/1 with rho = 20/s x 30 ms = 0.6: mean sojourn S / (1 - rho) = 75 ms.
  check("sojourn in the brownout", sojourn_ms, 30 / (1 - 0.6));
}

const char* two_zone_design = R"({
  "name": "hops",
  "regions": { "r": ["a", "b"] },
  "network": { "same_az_ms": 0.25, "cross_az_ms": 0.5, "client_ms": 0 },
  "blocks": {
    "front": { "kind": "station", "servers": 1000, "service_time": { "dist": "constant", "value_ms": 1 }, "placement": ["a"] },
    "local": { "kind": "station", "servers": 1000, "service_time": { "dist": "constant", "value_ms": 2 }, "placement": ["a"] },
    "far": { "kind": "station", "servers": 1000, "service_time": { "dist": "constant", "value_ms": 2 }, "placement": ["b"] }
  },
  "flows": {
    "cross": { "entry": "front", "calls": [ { "to": "far" } ] },
    "stay": { "entry": "front", "calls": [ { "to": "local" } ] }
  }
})";

TEST_CASE("A network partition fails exactly the calls that cross it") {
  Run r;
  run(r, two_zone_design, R"({
    "duration_s": 60,
    "load": { "cross": { "type": "open", "rate_per_s": 200 }, "stay": { "type": "open", "rate_per_s": 200 } },
    "faults": [ { "type": "network_partition", "between": ["a", "b"], "start_s": 20, "duration_s": 20 } ]
  })");
  // A cross request calls "far" 1 ms after it arrives (front's service) and hears back 1.5 + 2 ms later.
  for (const RequestEnd& e : r.recorder.ends) {
    const double t = to_ms(e.created);
    const bool cross = e.flow == 0;
    const bool crosses_cut = cross && t + 1 + 0.5 + 2 >= 20'000 && t + 1 < 40'000;
    INFO("flow " << e.flow << " created at " << t << " ms");
    if (crosses_cut) {
      REQUIRE(e.outcome == Outcome::unavailable);
    } else {
      REQUIRE(e.outcome == Outcome::completed);
    }
  }
  REQUIRE(count_ends(r, 20, 39.9, true) > 3000);
}

TEST_CASE("Added latency adds exactly its delay to each hop that crosses it") {
  Run r;
  run(r, two_zone_design, R"({
    "duration_s": 60,
    "load": { "cross": { "type": "open", "rate_per_s": 200 }, "stay": { "type": "open", "rate_per_s": 200 } },
    "faults": [ { "type": "added_latency", "between": ["a", "b"], "latency_ms": 10, "start_s": 20, "duration_s": 20 } ]
  })");
  std::size_t slowed = 0;
  for (const RequestEnd& e : r.recorder.ends) {
    const double t = to_ms(e.created);
    REQUIRE(e.outcome == Outcome::completed);
    const double latency = to_ms(e.finished - e.created);
    if (e.flow == 1) {
      REQUIRE(latency == Approx(0 + 1 + 0.25 + 2 + 0.25).margin(1e-6));
      continue;
    }
    // Clients sit at zone a's edge (client_ms 0): 1 ms at front, 0.5 ms there, 2 ms at far, 0.5 ms back.
    const bool out_slowed = t + 1 >= 20'000 && t + 1 < 40'000;
    const bool back_slowed =
        t + 1 + 0.5 + (out_slowed ? 10 : 0) + 2 >= 20'000 && t + 1 + 0.5 + (out_slowed ? 10 : 0) + 2 < 40'000;
    const double expected = 4 + (out_slowed ? 10 : 0) + (back_slowed ? 10 : 0);
    INFO("created at " << t << " ms");
    REQUIRE(latency == Approx(expected).margin(1e-6));
    slowed += out_slowed && back_slowed;
  }
  REQUIRE(slowed > 3000);
}

TEST_CASE("An instance termination in the scenario equals terminating it directly") {
  const std::string design = lb_design(R"(["a", "b", "c"])");
  const char* plain = R"({ "duration_s": 60, "load": { "get": { "type": "open", "rate_per_s": 300 } } })";
  const char* with_fault = R"({
    "duration_s": 60,
    "load": { "get": { "type": "open", "rate_per_s": 300 } },
    "faults": [ { "type": "instance_termination", "block": "api", "instances": [1, 4], "start_s": 20.0001 } ]
  })";
  Run scripted;
  run(scripted, design, with_fault);
  Run direct;
  run(direct, design, plain, 1, 20.0001, [](Engine& engine) {
    // Sources first, then the design's blocks: lb is 1, api 2.
    auto& pool = dynamic_cast<ComputePool&>(engine.block(2));
    REQUIRE(pool.terminate_instance(engine, 1));
    REQUIRE(pool.terminate_instance(engine, 4));
  });
  REQUIRE(count_ends(scripted, 20, 60, true) > 0);
  REQUIRE(scripted.recorder.ends.size() == direct.recorder.ends.size());
  for (std::size_t i = 0; i < direct.recorder.ends.size(); ++i) {
    const RequestEnd& a = scripted.recorder.ends[i];
    const RequestEnd& b = direct.recorder.ends[i];
    REQUIRE(a.created == b.created);
    REQUIRE(a.finished == b.finished);
    REQUIRE(a.outcome == b.outcome);
  }
}

TEST_CASE("A capacity reduction takes instances away for its duration only") {
  Run r;
  run(r, lb_design(R"(["a", "b", "c"])"), R"({
    "duration_s": 60,
    "load": { "get": { "type": "open", "rate_per_s": 300 } },
    "faults": [ { "type": "capacity_reduction", "block": "api", "instances": 2, "start_s": 10, "duration_s": 20 } ]
  })",
      1, 20, [](Engine& engine) {
        auto& pool = dynamic_cast<ComputePool&>(engine.block(2));
        REQUIRE(pool.in_service_instances() == 4);
        REQUIRE(pool.instance_held(5));
        REQUIRE(pool.instance_held(4));
      });
  auto& pool = dynamic_cast<ComputePool&>(r.model.engine->block(2));
  REQUIRE(pool.in_service_instances() == 6);  // relaunched at 30 s, serving from 35 s
}

}  // namespace
}  // namespace sdsim
