// A DNS name (Route 53): one target per request by routing policy, health checks on a fixed grid, failing
// open, and clients' cached answers expiring uniformly over one TTL.
#include "sim/blocks/dns_router.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <vector>

#include "sim/blocks/station.hpp"
#include "sim/core/engine.hpp"

using namespace sdsim;

namespace {

constexpr SimTime second = ns_per_s;
constexpr SimTime ms = ns_per_ms;

// Emits one request at each shot's time from the shot's client zone, and records how each ended.
class ZonedSource final : public Block {
 public:
  struct Shot {
    SimTime at;
    ZoneId zone;
  };
  struct End {
    std::uint32_t index;
    SimTime at;
    Outcome outcome;
  };
  ZonedSource(std::vector<Shot> shots, BlockId entry)
      : Block("clients"), shots_(std::move(shots)), entry_(entry) {}
  void start(Engine& engine) override {
    for (std::size_t i = 0; i < shots_.size(); ++i)
      engine.schedule(shots_[i].at, id(), 0, static_cast<std::uint32_t>(i));
  }
  void on_event(Engine& engine, const Event& e) override {
    engine.start_request(id(), 0, e.arg, entry_, 0, shots_[e.arg].zone);
  }
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override {
    ends.push_back({engine.request(id).user, engine.now(), outcome});
  }
  BlockCounters counters(SimTime) const override { return {}; }
  std::vector<End> ends;

 private:
  std::vector<Shot> shots_;
  BlockId entry_;
};

// Which station served each request, and when it got there.
class Arrivals final : public Observer {
 public:
  std::uint32_t interests() const override { return interest_departures; }
  void on_departure(const Departure& d) override { seen.push_back(d); }
  std::vector<Departure> seen;
};

// Zones: 0 the clients of region 1, 1 an AZ of region 1, 2 an AZ of region 2, 3 the clients of region 2.
// Each region's clients are 1 ms from their own region and 6 ms from the other; the regions are 5 ms apart.
Network two_regions() {
  return Network({{0, ms, 6 * ms, 0}, {ms, 0, 5 * ms, 6 * ms}, {6 * ms, 5 * ms, 0, ms}, {0, 6 * ms, ms, 0}});
}

// Source (block 0) -> dns (block 1) -> one of station A (block 2, zone 1) and station B (block 3, zone 2).
struct Rig {
  Engine engine{7};
  ZonedSource* source = nullptr;
  DnsRouter* dns = nullptr;
  Arrivals arrivals;
};

constexpr BlockId dns_id = 1;
constexpr BlockId a_id = 2;
constexpr BlockId b_id = 3;
constexpr SimTime service = 2 * ms;

std::unique_ptr<Rig> make_rig(std::vector<ZonedSource::Shot> shots, DnsRouterDef def) {
  auto rig = std::make_unique<Rig>();
  auto source = std::make_unique<ZonedSource>(std::move(shots), dns_id);
  rig->source = source.get();
  rig->engine.add_block(std::move(source));
  def.targets = {{a_id, def.targets.empty() ? 1 : def.targets[0].weight},
                 {b_id, def.targets.size() < 2 ? 1 : def.targets[1].weight}};
  auto dns = std::make_unique<DnsRouter>("dns", std::move(def), Rng(11), Rng(12));
  rig->dns = dns.get();
  rig->engine.add_block(std::move(dns));
  for (const char* name : {"a", "b"}) {
    StationDef station;
    station.servers = 1000;
    station.service = Distribution::constant(static_cast<double>(service));
    rig->engine.add_block(std::make_unique<Station>(name, std::move(station), Rng(1), Rng(2)));
  }
  CallPlan plan;
  plan.nodes.resize(3);
  plan.nodes[0].block = dns_id;
  plan.nodes[0].first_child = 0;
  plan.nodes[0].child_count = 2;
  plan.nodes[1].block = a_id;
  plan.nodes[2].block = b_id;
  plan.nodes[1].condition = plan.nodes[2].condition = CallCondition::selected;
  plan.children = {1, 2};
  plan.flow_roots = {0};
  rig->engine.set_call_plan(std::move(plan));
  Network network = two_regions();
  network.place(a_id, {1});
  network.place(b_id, {2});
  rig->engine.set_network(std::move(network));
  rig->engine.add_observer(rig->arrivals);
  rig->engine.start();
  return rig;
}

std::vector<ZonedSource::Shot> every(SimTime gap, SimTime to, ZoneId zone = 0) {
  std::vector<ZonedSource::Shot> shots;
  for (SimTime t = 0; t < to; t += gap)
    shots.push_back({t, zone});
  return shots;
}

DnsRouterDef def_of(DnsPolicy policy, SimTime ttl, std::vector<ZoneId> checkers = {0, 3}) {
  DnsRouterDef def;
  def.policy = policy;
  def.checker_zones = std::move(checkers);
  def.health_check_interval = 10 * second;
  def.failure_threshold = 3;
  def.ttl = ttl;
  return def;
}

FaultState zone_down(ZoneId zone) {
  FaultState f;
  f.zone_down.assign(4, 0);
  f.zone_down[zone] = 1;
  return f;
}

// Cuts every hop between zone `a` and zone `b`, both ways.
FaultState cut(ZoneId a, ZoneId b) {
  FaultState f;
  f.links.assign(16, LinkFault{});
  f.links[a * 4 + b].cut = true;
  f.links[b * 4 + a].cut = true;
  return f;
}

std::size_t count_served(const Rig& rig, BlockId block, SimTime from, SimTime to) {
  std::size_t n = 0;
  for (const Departure& d : rig.arrivals.seen)
    n += d.block == block && d.arrived >= from && d.arrived < to;
  return n;
}

}  // namespace

TEST_CASE("Failover answers the primary until health checks find it unreachable, then the secondary") {
  auto rig = make_rig(every(100 * ms, 100 * second), def_of(DnsPolicy::failover, 0));
  rig->engine.run_until(25'500 * ms);
  CHECK(count_served(*rig, a_id, 0, 26 * second) == 255);
  rig->engine.set_faults(zone_down(1));
  // Probes at 30, 40 and 50 s fail: the primary is unhealthy from 50 s.
  rig->engine.run_until(49 * second);
  CHECK(rig->dns->healthy(0));
  rig->engine.run_until(50 * second);
  CHECK_FALSE(rig->dns->healthy(0));
  CHECK(rig->dns->healthy(1));
  CHECK(rig->dns->last_change() == 50 * second);
  rig->engine.run_until(70'050 * ms);
  rig->engine.set_faults(FaultState{});
  // Back at 70.05 s: passes at 80, 90 and 100 s make it healthy again.
  rig->engine.run_until(101 * second);
  CHECK(rig->dns->healthy(0));
  CHECK(rig->dns->health_changes() == 2);
  std::size_t failed_before = 0;
  std::size_t failed_outage = 0;
  for (const auto& end : rig->source->ends) {
    const SimTime created = 100 * ms * end.index;
    if (end.outcome == Outcome::completed) continue;
    CHECK(end.outcome == Outcome::unavailable);
    (created < 25'500 * ms ? failed_before : failed_outage) += 1;
  }
  // With a TTL of 0 every request sent from the cut to the detection fails (25.5 s to 50 s: 246; a request
  // at a probe's instant comes before it), none other; after 50 s the secondary serves, until 100 s.
  CHECK(failed_before == 0);
  CHECK(failed_outage == 246);
  CHECK(count_served(*rig, b_id, 0, 50 * second) == 0);
  CHECK(count_served(*rig, b_id, 50 * second, 101 * second) == 499);
}

TEST_CASE("With every target unhealthy the name fails open and answers the primary") {
  // The checkers (zone 3) lose both regions; the clients (zone 0) still reach them.
  auto rig = make_rig(every(100 * ms, 60 * second), def_of(DnsPolicy::failover, 0, {3}));
  FaultState f = cut(3, 1);
  f.links[3 * 4 + 2].cut = f.links[2 * 4 + 3].cut = true;
  rig->engine.set_faults(f);
  rig->engine.run_until(60 * second + 100 * ms);
  CHECK_FALSE(rig->dns->healthy(0));
  CHECK_FALSE(rig->dns->healthy(1));
  CHECK(count_served(*rig, a_id, 0, 61 * second) == 600);
  CHECK(count_served(*rig, b_id, 0, 61 * second) == 0);
}

TEST_CASE("Latency routing sends each region's clients to their nearest healthy region") {
  std::vector<ZonedSource::Shot> shots;
  for (SimTime t = 0; t < 100 * second; t += 100 * ms) {
    shots.push_back({t, 0});
    shots.push_back({t, 3});
  }
  auto rig = make_rig(shots, def_of(DnsPolicy::latency, 0));
  rig->engine.run_until(40'500 * ms);
  // Each region's clients reach their own region in 1 ms: 2 x 1 ms + 2 ms of service.
  for (const auto& end : rig->source->ends) {
    REQUIRE(end.outcome == Outcome::completed);
    REQUIRE(end.at - 100 * ms * (end.index / 2) == 2 * ms + service);
  }
  CHECK(count_served(*rig, a_id, 0, 41 * second) == 405);
  CHECK(count_served(*rig, b_id, 0, 41 * second) == 405);
  // Region 2 loses power; after detection (probes at 50, 60, 70 s) its clients go to region 1, 6 ms away.
  rig->engine.set_faults(zone_down(2));
  rig->engine.run_until(100 * second + 100 * ms);
  CHECK_FALSE(rig->dns->healthy(1));
  for (const auto& end : rig->source->ends) {
    const SimTime created = 100 * ms * (end.index / 2);
    if (created <= 70 * second) continue;  // a request at the probe's instant comes before it
    REQUIRE(end.outcome == Outcome::completed);
    REQUIRE(end.at - created == 2 * (end.index % 2 == 0 ? ms : 6 * ms) + service);
  }
  CHECK(count_served(*rig, b_id, 70 * second, 101 * second) == 0);
}

TEST_CASE("Weighted routing splits the requests by weight among healthy targets") {
  DnsRouterDef def = def_of(DnsPolicy::weighted, 0);
  def.targets = {{a_id, 3}, {b_id, 1}};
  const std::size_t n = 40'000;
  auto rig = make_rig(every(ms, static_cast<SimTime>(n) * ms), std::move(def));
  rig->engine.run_until(static_cast<SimTime>(n) * ms + second);
  const double share = static_cast<double>(count_served(*rig, a_id, 0, 100 * second)) / n;
  // Binomial: standard deviation sqrt(0.75 x 0.25 / n) = 0.0022; 4 of them.
  CHECK(std::abs(share - 0.75) <= 4 * std::sqrt(0.75 * 0.25 / n));
  CHECK(count_served(*rig, a_id, 0, 100 * second) + count_served(*rig, b_id, 0, 100 * second) == n);
}

TEST_CASE("After the answer changes, cached answers expire uniformly over one TTL") {
  // The checkers (zone 3) lose the primary at 5.5 s while the clients still reach it, so every request
  // shows which answer it used. Probes at 10, 20, 30 s fail: the answer changes at 30 s.
  const SimTime ttl = 60 * second;
  auto rig = make_rig(every(10 * ms, 120 * second), def_of(DnsPolicy::failover, ttl, {3}));
  rig->engine.run_until(5'500 * ms);
  rig->engine.set_faults(cut(3, 1));
  rig->engine.run_until(121 * second);
  REQUIRE(rig->dns->last_change() == 30 * second);
  const SimTime hop = ms;  // clients (zone 0) to the primary
  CHECK(count_served(*rig, b_id, 0, 30 * second + hop) == 0);
  CHECK(count_served(*rig, a_id, 90 * second + hop, 121 * second) == 0);
  // A request at t after the change still uses the old answer with probability 1 - (t - 30 s) / TTL: over a
  // 10 s bin, the bin's mid-point value. 1,000 requests per bin: binomial, 4 standard deviations.
  for (int bin = 0; bin < 6; ++bin) {
    const SimTime from = 30 * second + SimTime{bin} * 10 * second;
    const double old_ones =
        static_cast<double>(count_served(*rig, a_id, from + hop, from + 10 * second + hop));
    const double p = 1 - (bin + 0.5) / 6;
    INFO("bin " << bin << ": " << old_ones << " of 1000 on the old answer, expected " << 1000 * p);
    CHECK(std::abs(old_ones / 1000 - p) <= 4 * std::sqrt(p * (1 - p) / 1000) + 0.001);
  }
}
