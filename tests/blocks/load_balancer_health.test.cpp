// A load balancer's health checks (a dead instance keeps receiving requests until detected; fail-open) and
// cross-zone load balancing on and off.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/blocks/load_balancer.hpp"
#include "sim/core/engine.hpp"
#include "tests/blocks/scripted_source.hpp"

using namespace sdsim;
using sdsim::testing::ScriptedSource;

namespace {

constexpr SimTime second = ns_per_s;
constexpr SimTime ms = ns_per_ms;

// Source (block 0) -> balancer (block 1) -> pool (block 2), optionally on a network.
struct Rig {
  Engine engine{1};
  ScriptedSource* source = nullptr;
  LoadBalancer* balancer = nullptr;
  ComputePool* pool = nullptr;
  std::vector<SimTime> arrivals;
};

std::unique_ptr<Rig> make_rig(std::vector<SimTime> arrivals, LoadBalancerDef lb, ComputePoolDef pool_def,
                              std::optional<Network> network = std::nullopt) {
  auto rig = std::make_unique<Rig>();
  rig->arrivals = arrivals;
  auto source = std::make_unique<ScriptedSource>(std::move(arrivals), 1);
  rig->source = source.get();
  rig->engine.add_block(std::move(source));
  lb.target = 2;
  lb.latency = Distribution::constant(0);
  auto balancer = std::make_unique<LoadBalancer>("alb", std::move(lb), Rng(4));
  rig->balancer = balancer.get();
  rig->engine.add_block(std::move(balancer));
  auto pool = std::make_unique<ComputePool>("api", std::move(pool_def), Rng(1), Rng(2), Rng(3));
  rig->pool = pool.get();
  rig->engine.add_block(std::move(pool));
  if (network) rig->engine.set_network(std::move(*network));
  rig->engine.start();
  return rig;
}

std::vector<SimTime> even(SimTime gap, SimTime to) {
  std::vector<SimTime> times;
  for (SimTime t = 0; t < to; t += gap)
    times.push_back(t);
  return times;
}

ComputePoolDef pool_def(std::uint32_t instances, std::uint32_t concurrency, SimTime service) {
  ComputePoolDef def;
  def.instances = instances;
  def.concurrency = concurrency;
  def.service = Distribution::constant(static_cast<double>(service));
  return def;
}

std::uint64_t failures(const Rig& rig) {
  std::uint64_t n = 0;
  for (const auto& end : rig.source->ends)
    n += end.outcome == Outcome::unavailable;
  return n;
}

// Zones 0 (clients), 1 and 2; the clients reach both at no cost, and a hop between 1 and 2 takes 1 ms.
Network two_zones() {
  Network network({{0, 0, 0}, {0, 0, ms}, {0, ms, 0}});
  network.place(1, {1, 2});
  network.place(2, {1, 2});
  return network;
}

}  // namespace

TEST_CASE("A dead instance receives its share of requests until the health checks take it out",
          "[load_balancer][health]") {
  // 100 requests/s round robin over four instances; probes every 30 s, out after 2 failures. Instance 1
  // dies at 40.005 s; the probes at 60 and 90 s fail, so it receives a quarter of the 4999 requests of
  // (40.005, 90] s, all failing, and none after.
  LoadBalancerDef lb;
  ComputePoolDef pool = pool_def(4, 1, ms);
  pool.replacement = 100 * second;
  pool.warmup = 20 * second;
  auto rig = make_rig(even(10 * ms, 300 * second), lb, pool);
  rig->engine.run_until(40 * second + 5 * ms);
  const std::uint64_t before = rig->pool->instance_arrivals(1);
  REQUIRE(failures(*rig) == 0);
  REQUIRE(rig->pool->terminate_instance(rig->engine, 1));
  rig->engine.run_until(90 * second - 1);
  REQUIRE(rig->pool->instance_in_rotation(1));
  rig->engine.run_until(90 * second);
  REQUIRE_FALSE(rig->pool->instance_in_rotation(1));
  const std::uint64_t routed_to_dead = rig->pool->instance_arrivals(1) - before;
  REQUIRE(std::abs(static_cast<double>(routed_to_dead) - 4999 / 4.0) <= 1);
  REQUIRE(failures(*rig) == routed_to_dead);
  // The replacement launches at 140.005 s and serves from 160.005 s; as a newly registered target it joins
  // after one passed probe, at 180 s.
  rig->engine.run_until(180 * second - 1);
  REQUIRE(rig->pool->instance_alive(1));
  REQUIRE(rig->pool->instance_arrivals(1) - before == routed_to_dead);
  rig->engine.run_until(180 * second);
  REQUIRE(rig->pool->instance_in_rotation(1));
  rig->engine.run_until(240 * second);
  // Back to a quarter of the 6000 requests of (180, 240] s.
  REQUIRE(std::abs(static_cast<double>(rig->pool->instance_arrivals(1) - before - routed_to_dead) - 1500) <=
          1);
  REQUIRE(failures(*rig) == routed_to_dead);
}

TEST_CASE("With every instance unhealthy the balancer fails open", "[load_balancer][health]") {
  LoadBalancerDef lb;
  lb.health_check_interval = 10 * second;
  ComputePoolDef pool = pool_def(2, 1, ms);
  pool.replacement = 1000 * second;
  auto rig = make_rig(even(10 * ms, 60 * second), lb, pool);
  rig->engine.run_until(5 * second);
  REQUIRE(rig->pool->terminate_instance(rig->engine, 0));
  REQUIRE(rig->pool->terminate_instance(rig->engine, 1));
  rig->engine.run_until(30 * second);
  REQUIRE_FALSE(rig->pool->instance_in_rotation(0));
  REQUIRE_FALSE(rig->pool->instance_in_rotation(1));
  const std::uint64_t a = rig->pool->instance_arrivals(0);
  const std::uint64_t b = rig->pool->instance_arrivals(1);
  rig->engine.run_until(40 * second);
  // Both still receive half of the 1000 requests of (30, 40] s, and every one fails.
  REQUIRE(rig->pool->instance_arrivals(0) - a == 500);
  REQUIRE(rig->pool->instance_arrivals(1) - b == 500);
  REQUIRE(failures(*rig) == rig->source->ends.size() - 500);
}

TEST_CASE("Cross-zone load balancing off keeps every request in its zone; on spreads it",
          "[load_balancer][zones]") {
  // Four instances alternate between zones 1 and 2; the clients reach the balancer in either zone at
  // random. 10 ms of service; a cross-zone hop from the balancer adds 1 ms (the forwarded request is
  // answered by the pool straight to the clients, who reach both zones at no cost).
  const int n = 4000;
  auto latency_counts = [&](bool cross_zone) {
    LoadBalancerDef lb;
    lb.cross_zone = cross_zone;
    auto rig = make_rig(even(ms, n * ms), lb, pool_def(4, 100, 10 * ms), two_zones());
    rig->engine.run_until(10 * second);
    REQUIRE(rig->source->ends.size() == static_cast<std::size_t>(n));
    std::vector<int> counts(2, 0);  // same zone, crossed
    for (const auto& end : rig->source->ends) {
      SimTime latency = end.at - rig->arrivals[end.index];
      REQUIRE((latency == 10 * ms || latency == 11 * ms));
      ++counts[latency == 11 * ms];
    }
    return counts;
  };
  SECTION("off: no request crosses a zone") {
    auto counts = latency_counts(false);
    REQUIRE(counts[1] == 0);
  }
  SECTION("on: half the requests cross, as half the instances are in the other zone") {
    auto counts = latency_counts(true);
    // Binomial(4000, 1/2): standard deviation 31.6; five either side.
    REQUIRE(std::abs(counts[1] - n / 2) < 158);
  }
}

TEST_CASE("Without cross-zone balancing the instance alone in its zone carries twice the load",
          "[load_balancer][zones]") {
  // Three instances: 0 and 2 in zone 1, 1 in zone 2. Requests reach the balancer's two zones evenly; each
  // zone's half goes to that zone's instances only.
  const int n = 4000;
  LoadBalancerDef lb;
  lb.cross_zone = false;
  auto rig = make_rig(even(ms, n * ms), lb, pool_def(3, 100, 10 * ms), two_zones());
  rig->engine.run_until(10 * second);
  ComputePool& pool = *rig->pool;
  REQUIRE(pool.instance_zone(1) == 2);
  const auto lone = static_cast<double>(pool.instance_arrivals(1));
  const auto a = static_cast<double>(pool.instance_arrivals(0));
  const auto c = static_cast<double>(pool.instance_arrivals(2));
  REQUIRE(lone + a + c == n);
  // Zone 2's share is Binomial(4000, 1/2): five standard deviations (158) either side of 2000; zone 1's
  // requests alternate between its two instances.
  REQUIRE(std::abs(lone - n / 2.0) < 158);
  REQUIRE(std::abs(a - c) <= 1);
  const double ratio =
      pool.instance_utilization(1, rig->engine.now()) / pool.instance_utilization(0, rig->engine.now());
  INFO("per-instance load ratio " << ratio);
  // Zone 2 five standard deviations off its half gives 2 x 2158 / 1842 = 2.34.
  REQUIRE(std::abs(ratio - 2) < 0.35);
}
