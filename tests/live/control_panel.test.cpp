// Model commands applied to a running model at set simulated times (through a replayed command log): their
// effect against queueing theory, and their refusals.
#include "live/control_panel.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <iterator>

#include "live/replay_steering.hpp"
#include "live_test_support.hpp"
#include "sim/experiment/experiment.hpp"
#include "sim/metrics/summary.hpp"
#include "sim/theory/queueing.hpp"

using namespace sdsim;
using namespace sdsim::live;

namespace {

struct Replayed {
  RunSummary summary;
  std::vector<std::string> problems;
};

Replayed replay(const live_test::Model& m, std::vector<LoggedCommand> commands) {
  ReplaySteering steering(m.design, m.scenario, CommandLog{"", "", 0, std::move(commands)});
  RunSummary summary =
      run_once(m.design, m.scenario, replication_seed(m.scenario.seed, 0), {}, nullptr, nullptr, &steering);
  return {std::move(summary), steering.problems()};
}

bool mentions(const std::vector<std::string>& problems, const std::string& part) {
  UNSCOPED_INFO("problems: " << (problems.empty() ? "none" : problems[0]) << "; wanted: " << part);
  return problems.size() == 1 && problems[0].find(part) != std::string::npos;
}

// A model from a design's and a scenario's JSON text.
live_test::Model model_from_text(const std::string& design_json, const std::string& scenario_json) {
  auto design = load_design_text("design.json", design_json);
  REQUIRE(design.value);
  auto scenario = load_scenario_text("scenario.json", scenario_json);
  REQUIRE(scenario.value);
  return live_test::Model{std::move(*design.value), std::move(*scenario.value)};
}

// One compute pool of `instances` single-slot instances (10 ms exponential service, no warm-up) under an
// open Poisson load of `rate` requests/s for `duration_s`.
live_test::Model pool_model(int instances, double rate, double duration_s) {
  const std::string design = R"({"name": "pool", "blocks": {"api": {"kind": "compute", "instances": )" +
                             std::to_string(instances) + R"(, "concurrency": 1, "warmup_s": 0,
      "service_time": {"dist": "exponential", "mean_ms": 10}}}, "flows": {"requests": {"entry": "api"}}})";
  const std::string scenario = R"({"name": "steady", "duration_s": )" + std::to_string(duration_s) +
                               R"(, "seed": 5, "load": {"requests": {"type": "open", "rate_per_s": )" +
                               std::to_string(rate) + "}}}";
  return model_from_text(design, scenario);
}

const BlockFigures<double>& block_named(const RunSummary& s, const std::string& name) {
  for (const BlockFigures<double>& b : s.blocks) {
    if (b.name == name) return b;
  }
  FAIL("no block " << name);
  return s.blocks.front();
}

const ConsistencyFigures<double>& reads_at(const RunSummary& s, const std::string& name) {
  for (const ConsistencyFigures<double>& c : s.read_blocks) {
    if (c.name == name) return c;
  }
  FAIL("no reads at " << name);
  return s.read_blocks.front();
}

// The loader's message for the same change made with --set.
std::string loader_message(const std::string& design_file, const std::string& assignment) {
  std::string error;
  auto o = parse_override(assignment, error);
  REQUIRE(o);
  auto loaded = load_design_file("designs/" + design_file, {*o});
  REQUIRE_FALSE(loaded.value);
  std::string message = loaded.diagnostics.items().front().message;
  return message.substr(0, message.find(" (value from --set"));
}

}  // namespace

TEST_CASE("A load command changes an open load's Poisson rate from its time on") {
  // M/M/1 at 80/s for 100 s, set to 40/s at 0: the completions are Poisson(40 x 100), sd 63.
  const auto m = live_test::load_model("mm1.json", "mm1-rho-0.8.json", 100);
  const Replayed r = replay(m, {{0, "load requests 40"}});
  CHECK(r.problems.empty());
  CHECK(std::abs(r.summary.flows[0].throughput_per_s - 40) < 4 * std::sqrt(4000.0) / 100);
  // Half way: 40/s then 80/s, 6000 expected.
  const Replayed half = replay(m, {{0, "load requests 40"}, {from_s(50), "set load/requests/rate_per_s=80"}});
  CHECK(half.problems.empty());
  CHECK(std::abs(half.summary.flows[0].throughput_per_s - 60) < 4 * std::sqrt(6000.0) / 100);
}

TEST_CASE("An injected fault acts from its time, and clear ends it") {
  // A brownout refusing every call for the second half of the run: half the requests fail (binomial sd
  // 0.008 on 4000 requests per half).
  const auto m = live_test::load_model("mm1.json", "mm1-rho-0.8.json", 100);
  const Replayed r = replay(m, {{from_s(50), "brownout server 1 1"}});
  CHECK(r.problems.empty());
  const auto& f = r.summary.flows[0];
  CHECK(std::abs(f.success_fraction - 0.5) < 0.04);
  // The same fault from 0, cleared at 50.
  const Replayed cleared = replay(m, {{0, "brownout server 1 1"}, {from_s(50), "clear 0"}});
  CHECK(cleared.problems.empty());
  CHECK(std::abs(cleared.summary.flows[0].success_fraction - 0.5) < 0.04);
}

TEST_CASE("Model commands are checked against the design with the scenario files' validation") {
  const auto m = live_test::load_model("url-shortener.json", "url-shortener-steady.json", 2);
  CHECK(mentions(replay(m, {{0, "fail zone use1-az9"}}).problems, "use1-az1, use1-az2, use1-az3"));
  CHECK(mentions(replay(m, {{0, "load redirec 10"}}).problems, "did you mean 'redirect'"));
  CHECK(mentions(replay(m, {{0, "brownout nothing 2"}}).problems, "nothing"));
  CHECK(mentions(replay(m, {{0, "brownout api 0.5"}}).problems, "slowdown"));
  CHECK(mentions(replay(m, {{0, "failover api"}}).problems, "api"));
  CHECK(mentions(replay(m, {{0, "set blocks/api/placement=[\"use1-az1\"]"}}).problems,
                 "cannot change in a running model: its instances and their zones were placed"));
  CHECK(mentions(replay(m, {{0, "set regions/us-east-1=[]"}}).problems, "cannot change in a running model"));
  CHECK(mentions(replay(m, {{0, "clear 0"}}).problems, "no fault 0"));
  CHECK(mentions(replay(m, {{0, "fail zone use1-az1"}, {1, "fail zone use1-az1 1"}}).problems,
                 "already in force; clear it first (clear 0)"));
  CHECK(mentions(replay(m, {{0, "terminate api 1"}, {1, "clear 0"}}).problems, "not in force"));
  CHECK(mentions(replay(m, {{0, "pause"}}).problems, "does not change the model"));
}

TEST_CASE("Setting a compute pool's instances changes its capacity from that time on") {
  // 100 requests/s of 10 ms on 2 single-slot instances: utilization 0.5. From 0 with 4 instances: 0.25, the
  // same throughput. 20000 requests: the busy time's relative sd is about 1%; 5% is over 4 sd.
  const auto m = pool_model(2, 100, 200);
  const Replayed before = replay(m, {});
  CHECK(std::abs(block_named(before.summary, "api").utilization - 0.5) < 0.025);
  const Replayed doubled = replay(m, {{0, "set blocks/api/instances=4"}});
  REQUIRE(doubled.problems.empty());
  const auto& api = block_named(doubled.summary, "api");
  CHECK(api.servers == 4);
  CHECK(std::abs(api.utilization - 0.25) < 0.0125);
  CHECK(std::abs(api.throughput_per_s - 100) < 4 * std::sqrt(20000.0) / 200);
  // 4 instances from 0, 2 from half way: 1 busy slot on average over 3 slots on average, utilization 1/3.
  const Replayed shrunk =
      replay(m, {{0, "set blocks/api/instances=4"}, {from_s(100), "set blocks/api/instances=2"}});
  REQUIRE(shrunk.problems.empty());
  CHECK(block_named(shrunk.summary, "api").servers == 3);
  CHECK(std::abs(block_named(shrunk.summary, "api").utilization - 1.0 / 3) < 1.0 / 60);
}

TEST_CASE("Setting a station's servers serves the waiting line at once") {
  // M/M/1 at 0.8; with 2 servers from 0 it is M/M/2 at 0.4 per server: L = 2 rho / (1 - rho^2) = 0.952.
  const auto m = live_test::load_model("mm1.json", "mm1-rho-0.8.json", 500);
  const Replayed r = replay(m, {{0, "set blocks/server/servers=2"}});
  REQUIRE(r.problems.empty());
  const auto& server = block_named(r.summary, "server");
  CHECK(std::abs(server.utilization - 0.4) < 0.02);
  CHECK(std::abs(server.mean_in_system - 0.952) < 0.1);
}

TEST_CASE("A station resized while running is billed for the servers it had over time") {
  const std::string design = R"({"name": "priced", "blocks": {"server": {"kind": "station",
      "servers": 2, "price_per_hour": 1, "service_time": {"dist": "exponential", "mean_ms": 10}}},
      "flows": {"requests": {"entry": "server"}}})";
  const std::string scenario = R"({"name": "steady", "duration_s": 100, "seed": 5,
      "load": {"requests": {"type": "open", "rate_per_s": 50}}})";
  const live_test::Model m = model_from_text(design, scenario);
  const double usd_per_server_month = 730;  // 1 USD an hour, 730 hours a month
  CHECK(block_named(replay(m, {}).summary, "server").usd_per_month == Approx(2 * usd_per_server_month));
  // 2 servers for the first half, 6 for the second: 4 on average, not the final 6.
  const Replayed resized = replay(m, {{from_s(50), "set blocks/server/servers=6"}});
  REQUIRE(resized.problems.empty());
  const auto& server = block_named(resized.summary, "server");
  CHECK(server.usd_per_month == Approx(4 * usd_per_server_month));
  // And its utilization: 0.5 busy servers (50/s x 10 ms) of 4 on average, not of 6 (sd of the busy mean ~2%).
  CHECK(server.servers == 4);
  CHECK(std::abs(server.utilization - 0.125) < 0.01);
}

TEST_CASE("Switching a load balancer's policy routes the next request by it") {
  // The AZ outage (see designs/README.md): behind least_outstanding the dead zone's instances, which refuse
  // at once, draw most requests until health checks take them out; round robin sends them only their third.
  const auto m = live_test::load_model("url-shortener.json", "url-shortener-az-outage.json", 100);
  const Replayed least = replay(m, {});
  const Replayed switched = replay(m, {{0, "set blocks/alb/policy=round_robin"}});
  REQUIRE(switched.problems.empty());
  std::ifstream file("designs/url-shortener.json");
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  const std::string from = R"("policy": "least_outstanding")";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), R"("policy": "round_robin")");
  auto round_robin = load_design_text("url-shortener.json", text);
  REQUIRE(round_robin.value);
  const live_test::Model designed{std::move(*round_robin.value), m.scenario};
  const Replayed built = replay(designed, {});
  REQUIRE(switched.summary.flows.size() == built.summary.flows.size());
  for (std::size_t f = 0; f < built.summary.flows.size(); ++f) {
    CHECK(switched.summary.flows[f].finished == built.summary.flows[f].finished);
    CHECK(switched.summary.flows[f].unavailable == built.summary.flows[f].unavailable);
    CHECK(switched.summary.flows[f].unavailable < 0.6 * least.summary.flows[f].unavailable);
  }
}

TEST_CASE("A load balancer's rate limit set while running throttles from then on, and lifts") {
  const std::string design = R"({"name": "gateway", "blocks": {
      "gateway": {"kind": "load_balancer", "target": "api", "latency": {"dist": "constant", "value_ms": 1},
                  "burst": 10},
      "api": {"kind": "compute", "instances": 4, "concurrency": 1000, "warmup_s": 0,
              "service_time": {"dist": "constant", "value_ms": 1}}},
      "flows": {"requests": {"entry": "gateway"}}})";
  const std::string scenario = R"({"name": "steady", "duration_s": 20, "seed": 3,
      "load": {"requests": {"type": "open", "rate_per_s": 400}}})";
  const live_test::Model m = model_from_text(design, scenario);
  auto throttled_share = [](const Replayed& r) {
    REQUIRE(r.problems.empty());
    const FlowFigures<double>& f = r.summary.flows.at(0);
    return f.throttled / f.finished;
  };
  CHECK(throttled_share(replay(m, {})) == 0);
  // 100/s admitted from 10 s on, of 400/s: 300/s of the 8,000 requests in 20 s, 37.5% (sd about 0.8%).
  const double limited =
      throttled_share(replay(m, {{from_s(10), "set blocks/gateway/rate_limit_per_s=100"}}));
  CHECK(std::abs(limited - 0.375) < 0.03);
  // Lifted again at 15 s: only the 5 s between are throttled, 18.75%.
  const double lifted = throttled_share(replay(m, {{from_s(10), "set blocks/gateway/rate_limit_per_s=100"},
                                                   {from_s(15), "set blocks/gateway/rate_limit_per_s=0"}}));
  CHECK(std::abs(lifted - 0.1875) < 0.03);
}

TEST_CASE("A balancer's policy cannot change while another balancer routes the same pool") {
  const std::string design = R"({"name": "two-fronts", "blocks": {
      "public": {"kind": "load_balancer", "target": "api"},
      "internal": {"kind": "load_balancer", "target": "api"},
      "api": {"kind": "compute", "instances": 2, "service_time": {"dist": "constant", "value_ms": 1}}},
      "flows": {"outside": {"entry": "public"}, "inside": {"entry": "internal"}}})";
  const std::string scenario = R"({"name": "steady", "duration_s": 2, "seed": 3,
      "load": {"outside": {"type": "open", "rate_per_s": 10}, "inside": {"type": "open", "rate_per_s": 10}}})";
  const live_test::Model m = model_from_text(design, scenario);
  const Replayed r = replay(m, {{from_s(1), "set blocks/public/policy=random"}});
  CHECK(mentions(r.problems, "compute block \"api\" is routed by another load balancer too"));
}

TEST_CASE("Switching a key-value database to strong reads ends its stale reads") {
  const auto m = live_test::load_model("profile-consistency.json", "profile-consistency-steady.json", 10);
  const Replayed eventual = replay(m, {});
  const auto& before = reads_at(eventual.summary, "profiles");
  REQUIRE(before.reads > 1000);
  CHECK(before.stale > 0);
  const Replayed strong = replay(m, {{0, "set blocks/profiles/consistency=strong"}});
  REQUIRE(strong.problems.empty());
  const auto& after = reads_at(strong.summary, "profiles");
  CHECK(after.reads > 1000);
  CHECK(after.stale == 0);
  // And back: stale reads return.
  const Replayed back = replay(m, {{0, "set blocks/profiles/consistency=strong"},
                                   {from_s(5), "set blocks/profiles/consistency=eventual"}});
  CHECK(reads_at(back.summary, "profiles").stale > 0);
}

TEST_CASE("A table's capacity raised while running ends its throttling and is billed over time") {
  const std::string design = R"({"name": "table", "blocks": {"table": {"kind": "kv_database",
      "capacity_mode": "provisioned", "read_capacity_units": 100, "write_capacity_units": 10,
      "price_per_rcu_hour": 1, "price_per_wcu_hour": 0, "latency": {"dist": "constant", "value_ms": 1}}},
      "flows": {"reads": {"entry": "table"}}})";
  const std::string scenario = R"({"name": "steady", "duration_s": 20, "seed": 3,
      "load": {"reads": {"type": "open", "rate_per_s": 400}}})";
  const live_test::Model m = model_from_text(design, scenario);
  const double usd_per_rcu_month = 730;  // 1 USD an RCU-hour, 730 hours a month
  const Replayed before = replay(m, {});
  CHECK(block_named(before.summary, "table").usd_per_month == Approx(100 * usd_per_rcu_month));
  // Eventually consistent 1 KB reads cost half a unit: 400/s ask 200 RCU/s of 100, so about half are
  // throttled until the capacity becomes 400 at 10 s. 1,100 units (1 s banked) let 2,200 of the first half's
  // 4,000 reads through: 1,800 of 8,000 throttled, 22.5% (sd about 0.8%).
  const Replayed raised = replay(m, {{from_s(10), "set blocks/table/read_capacity_units=400"}});
  REQUIRE(raised.problems.empty());
  const FlowFigures<double>& reads = raised.summary.flows.at(0);
  CHECK(std::abs(reads.throttled / reads.finished - 0.225) < 0.03);
  // Billed for 100 RCU for half the run and 400 for the other: 250 on average, not the final 400.
  CHECK(block_named(raised.summary, "table").usd_per_month == Approx(250 * usd_per_rcu_month));
  const Replayed split = replay(m, {{from_s(10), "set blocks/table/partitions=8"}});
  CHECK(mentions(split.problems, "every key was hashed to a partition"));
}

TEST_CASE("Changing a call's retry policy changes its attempts per call") {
  // The storm design retries a checkout up to 3 times; with none, every call is one attempt.
  const auto m = live_test::load_model("checkout-retries.json", "checkout-retries-storm.json", 40);
  const Replayed storm = replay(m, {});
  REQUIRE(storm.summary.guards.size() == 1);
  CHECK(storm.summary.guards[0].retries > 0);
  const Replayed none = replay(m, {{0, "set flows/checkout/retry/max=0"}});
  REQUIRE(none.problems.empty());
  CHECK(none.summary.guards[0].retries == 0);
  CHECK(none.summary.guards[0].attempts == none.summary.guards[0].calls);
  // A budget of 10% of first attempts (and no floor) caps retries at 0.1 per call over any 10 s.
  const Replayed budget =
      replay(m, {{0, "set flows/checkout/retry_budget={\"ratio\": 0.1, \"min_per_s\": 0}"}});
  REQUIRE(budget.problems.empty());
  const auto& g = budget.summary.guards[0];
  CHECK(g.retries <= 0.1 * g.calls + 1);
  CHECK(g.retries < storm.summary.guards[0].retries);
  // A call without resilience in the file gains it: the call to payments (made by 30% of checkouts, its
  // Pareto service never under 60 ms) now times out at 1 ms; without retries those checkouts fail.
  const Replayed timeout = replay(
      m, {{0, "set flows/checkout/retry/max=0"}, {0, "set flows/checkout/calls/0/calls/0/timeout_ms=1"}});
  REQUIRE(timeout.problems.empty());
  CHECK(timeout.summary.flows[0].success_fraction < 0.72);
  // The report lists the guard it gained after the design's own, with its timeouts: one per failed checkout.
  REQUIRE(timeout.summary.guards.size() == 2);
  const auto& gained = timeout.summary.guards[1];
  CHECK(gained.call == "checkout: api -> payments");
  CHECK(gained.has_timeout);
  CHECK_FALSE(gained.has_retry);
  CHECK(gained.timeouts > 0);
  CHECK(gained.timeouts == gained.calls);
  CHECK_FALSE(timeout.summary.guards[0].has_retry);  // the design's guard, as the session left it
}

TEST_CASE("A bad value is refused with the file loader's own message") {
  const auto m = live_test::load_model("url-shortener.json", "url-shortener-steady.json", 2);
  for (const char* assignment :
       {"blocks/api/instances=0", "blocks/api/instances=2.5", "blocks/api/instances=\"many\"",
        "blocks/api/instances=1000000", "blocks/urls/consistency=strongest", "blocks/api/instancs=3"}) {
    INFO(assignment);
    const std::string message = loader_message("url-shortener.json", assignment);
    CHECK(mentions(replay(m, {{0, std::string("set ") + assignment}}).problems, message));
  }
  const auto c = live_test::load_model("checkout-retries.json", "checkout-retries-storm.json", 2);
  for (const char* assignment : {"flows/checkout/retry/max=500", "flows/checkout/retry/max_backoff_ms=1",
                                 "flows/checkout/retry/jitter=some", "flows/checkout/timeout_ms=-1"}) {
    INFO(assignment);
    const std::string message = loader_message("checkout-retries.json", assignment);
    CHECK(mentions(replay(c, {{0, std::string("set ") + assignment}}).problems, message));
  }
  CHECK(mentions(replay(m, {{0, "set blocks/ap/instances=3"}}).problems, "did you mean 'api'"));
  CHECK(mentions(replay(m, {{0, "set blocks/urls/partitions=8"}}).problems,
                 "every key was hashed to a partition when the run started"));
  CHECK(mentions(replay(m, {{0, "set blocks/api/concurrency=8"}}).problems,
                 "a running compute pool changes only \"instances\""));
  CHECK(mentions(replay(m, {{0, "set blocks/api/service_time={\"dist\": \"constant\", \"ms\": 1}"}}).problems,
                 "cannot change in a running model"));
  CHECK(mentions(replay(c, {{0, "set flows/checkout/calls/0/to=db"}}).problems,
                 "a call changes only its timeout_ms, retry, retry_budget and circuit_breaker"));
  CHECK(mentions(replay(c, {{0, "set flows/checkout/calls/7/retry/max=1"}}).problems, "has no call '7'"));
  const auto q = live_test::load_model("mm1.json", "mm1-rho-0.8.json", 2);
  CHECK(mentions(replay(q, {{0, "set blocks/server/kind=\"cache\""}}).problems, "was built as a station"));
  CHECK(mentions(replay(q, {{0, "set flows/requests/timeout_ms=100"}}).problems,
                 "a plain visit of its entry block"));
}

TEST_CASE("Quorums change within the replicas, and R + W > N ends stale reads") {
  // N = 3, W = 1: with R = 1 a read may miss the newest write; with R = 3 it always meets the writer's
  // replica.
  auto design = load_design_text("quorum.json", R"({"blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0}},
      "db": {"kind": "quorum_database", "replicas": 3, "read_quorum": 1, "write_quorum": 1}},
    "flows": {"reads": {"entry": "db"}, "writes": {"entry": "api", "calls": [{"to": "db", "op": "write"}]}}})");
  REQUIRE(design.value);
  auto scenario = load_scenario_text("steady.json", R"({"duration_s": 20, "seed": 34, "keys": {"count": 100},
      "load": {"reads": {"type": "open", "rate_per_s": 800}, "writes": {"type": "open", "rate_per_s": 400}}})");
  REQUIRE(scenario.value);
  const live_test::Model m{*design.value, *scenario.value};
  CHECK(reads_at(replay(m, {}).summary, "db").stale > 0);
  const Replayed r3 = replay(m, {{0, "set blocks/db/read_quorum=3"}});
  REQUIRE(r3.problems.empty());
  CHECK(reads_at(r3.summary, "db").reads > 1000);
  CHECK(reads_at(r3.summary, "db").stale == 0);
  // The order between parameters holds as in files: a quorum no larger than the replicas.
  CHECK(mentions(replay(m, {{0, "set blocks/db/read_quorum=4"}}).problems,
                 "read_quorum (4) is more than replicas (3)"));
  CHECK(mentions(replay(m, {{0, "set blocks/db/replicas=5"}}).problems,
                 "every item was placed on its replicas when the run started"));
  CHECK(mentions(replay(m, {{0, "set blocks/db/connections=5"}}).problems,
                 "a running quorum database changes only \"read_quorum\" and \"write_quorum\""));
}

TEST_CASE("Lowering a function's concurrency limit throttles what it cannot hold") {
  // 200 invocations/s of 100 ms: 20 environments busy on average, under a limit of 100 nothing is throttled.
  // With a limit of 5 from 0, at most 5 run at once: at most 5 / 0.1 s = 50 completions/s, the rest
  // throttled (429).
  auto design = load_design_text("fn.json", R"({"blocks": {"fn": {"kind": "function",
      "concurrency_limit": 100, "cold_start": {"dist": "constant", "value_ms": 0},
      "duration": {"dist": "constant", "value_ms": 100}}}, "flows": {"invoke": {"entry": "fn"}}})");
  REQUIRE(design.value);
  auto scenario = load_scenario_text("steady.json", R"({"duration_s": 60, "seed": 8,
      "load": {"invoke": {"type": "open", "rate_per_s": 200}}})");
  REQUIRE(scenario.value);
  const live_test::Model m{*design.value, *scenario.value};
  const Replayed unlimited = replay(m, {});
  CHECK(block_named(unlimited.summary, "fn").rejections == 0);
  const Replayed limited = replay(m, {{0, "set blocks/fn/concurrency_limit=5"}});
  REQUIRE(limited.problems.empty());
  const auto& fn = block_named(limited.summary, "fn");
  // A loss system: Erlang B with 20 Erlangs offered to 5 servers refuses 76.4%, so 47.1 completions/s
  // (Poisson counts over 60 s: sd about 1/s).
  CHECK(fn.throughput_per_s <= 50 + 1e-9);
  const double refused = theory::erlang_b(5, 20);
  CHECK(std::abs(fn.throughput_per_s - 200 * (1 - refused)) < 4);
  CHECK(std::abs(fn.rejected_fraction - refused) < 0.02);
  // Lowered half way from 100: environments over the limit are reclaimed as they finish, so the second half
  // holds to the limit as well: about 200 x 30 + 50 x 30 completions.
  const Replayed later = replay(m, {{from_s(30), "set blocks/fn/concurrency_limit=5"}});
  REQUIRE(later.problems.empty());
  CHECK(std::abs(block_named(later.summary, "fn").throughput_per_s - 125) < 5);
}

TEST_CASE("A queue_capacity set while running sheds load as a bounded line designed in would") {
  // M/M/1 at rho 0.8 with 2 waiting places from 0 is M/M/1/3: blocking (1 - rho) rho^3 / (1 - rho^4) =
  // 0.1734. 40000 arrivals in 500 s: the blocked fraction's sd is about 0.003 (busy periods correlate
  // neighbours' fates); 0.02 is over 6 sd.
  const auto m = live_test::load_model("mm1.json", "mm1-rho-0.8.json", 500);
  const Replayed shed = replay(m, {{0, "set blocks/server/queue_capacity=2"}});
  REQUIRE(shed.problems.empty());
  const auto& server = block_named(shed.summary, "server");
  const double rho = 0.8;
  CHECK(std::abs(server.rejected_fraction - (1 - rho) * std::pow(rho, 3) / (1 - std::pow(rho, 4))) < 0.02);
  // The same run, arrival for arrival, as the station designed with the bound.
  std::string error;
  auto bounded = parse_override("blocks/server/queue_capacity=2", error);
  REQUIRE(bounded);
  auto design = load_design_file("designs/mm1.json", {*bounded});
  REQUIRE(design.value);
  const Replayed designed = replay({std::move(*design.value), m.scenario}, {});
  const auto& built = block_named(designed.summary, "server");
  CHECK(server.arrivals == built.arrivals);
  CHECK(server.rejections == built.rejections);
  CHECK(server.completions == built.completions);
}

TEST_CASE("A compute pool's queue_capacity bounds each instance's line from its time on") {
  // 2 single-slot instances picked at random (so each sees Poisson arrivals), 100/s of 10 ms: M/M/1 at 0.5
  // each, nothing refused while the lines are unbounded. With no waiting places each is M/M/1/1 (Erlang B
  // with one server), refusing rho / (1 + rho) = 1/3; from half way, 1/6 of the whole run's arrivals.
  // 20000 arrivals: sd about 0.003; 0.02 is over 6 sd.
  const std::string design = R"({"name": "pool", "blocks": {"api": {"kind": "compute", "instances": 2,
      "concurrency": 1, "warmup_s": 0, "balancing": "random",
      "service_time": {"dist": "exponential", "mean_ms": 10}}}, "flows": {"requests": {"entry": "api"}}})";
  const std::string scenario = R"({"name": "steady", "duration_s": 200, "seed": 5,
      "load": {"requests": {"type": "open", "rate_per_s": 100}}})";
  const live_test::Model m = model_from_text(design, scenario);
  CHECK(block_named(replay(m, {}).summary, "api").rejections == 0);
  const Replayed loss = replay(m, {{0, "set blocks/api/queue_capacity=0"}});
  REQUIRE(loss.problems.empty());
  CHECK(std::abs(block_named(loss.summary, "api").rejected_fraction - 1.0 / 3) < 0.02);
  const Replayed half = replay(m, {{from_s(100), "set blocks/api/queue_capacity=0"}});
  REQUIRE(half.problems.empty());
  CHECK(std::abs(block_named(half.summary, "api").rejected_fraction - 1.0 / 6) < 0.02);
  CHECK(mentions(replay(m, {{0, "set blocks/api/queue_capacity=-1"}}).problems, "must be at least 0"));
}

TEST_CASE("A replayed session takes every step in its own event, as the live session it replays did") {
  // api's service ends in its call to db: outside a session that step is folded into the event before it
  // (the service's end and the hop to db become one event). One zone: every hop takes the same time.
  const std::string design = R"({"name": "chain", "regions": {"us-east-1": ["use1-az1"]}, "blocks": {
      "api": {"kind": "compute", "instances": 4, "concurrency": 8, "warmup_s": 0,
              "service_time": {"dist": "constant", "value_ms": 1}},
      "db": {"kind": "station", "servers": 8, "service_time": {"dist": "constant", "value_ms": 1}}},
      "flows": {"requests": {"entry": "api", "calls": [{"to": "db"}]}}})";
  const std::string scenario = R"({"name": "steady", "duration_s": 10, "seed": 3,
      "load": {"requests": {"type": "open", "rate_per_s": 200}}})";
  const live_test::Model m = model_from_text(design, scenario);
  const RunSummary plain = run_once(m.design, m.scenario, replication_seed(m.scenario.seed, 0), {});
  const Replayed replayed = replay(m, {});
  REQUIRE(replayed.problems.empty());
  // The same requests and latencies (constant service, no choice to draw), one more event each.
  CHECK(replayed.summary.flows.at(0).finished == plain.flows.at(0).finished);
  CHECK(replayed.summary.flows.at(0).latency.mean_ms == plain.flows.at(0).latency.mean_ms);
  CHECK(replayed.summary.events == plain.events + plain.flows.at(0).finished);
}
