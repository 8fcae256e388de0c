#include "sim/blocks/load_balancer.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

#include "sim/blocks/station.hpp"
#include "sim/core/engine.hpp"
#include "tests/blocks/scripted_source.hpp"

using namespace sdsim;
using sdsim::testing::ScriptedSource;

namespace {

// Source (block 0) -> balancer (block 1) -> pool (block 2).
struct Rig {
  Engine engine{1};
  ScriptedSource* source = nullptr;
  LoadBalancer* balancer = nullptr;
  ComputePool* pool = nullptr;
};

std::unique_ptr<Rig> make_rig(std::vector<SimTime> arrivals, LoadBalancerDef lb, ComputePoolDef pool_def) {
  auto rig = std::make_unique<Rig>();
  auto source = std::make_unique<ScriptedSource>(std::move(arrivals), 1);
  rig->source = source.get();
  rig->engine.add_block(std::move(source));
  lb.target = 2;
  auto balancer = std::make_unique<LoadBalancer>("alb", std::move(lb), Rng(4));
  rig->balancer = balancer.get();
  rig->engine.add_block(std::move(balancer));
  auto pool = std::make_unique<ComputePool>("api", std::move(pool_def), Rng(1), Rng(2), Rng(3));
  rig->pool = pool.get();
  rig->engine.add_block(std::move(pool));
  rig->engine.start();
  return rig;
}

ComputePoolDef pool_def(std::uint32_t instances, std::uint32_t concurrency, SimTime service) {
  ComputePoolDef def;
  def.instances = instances;
  def.concurrency = concurrency;
  def.service = Distribution::constant(static_cast<double>(service));
  return def;
}

LoadBalancerDef balancer_def(SimTime latency) {
  LoadBalancerDef def;
  def.latency = Distribution::constant(static_cast<double>(latency));
  return def;
}

}  // namespace

TEST_CASE("A load balancer adds its latency, then the pool serves the request", "[load_balancer]") {
  auto rig = make_rig({0, 100}, balancer_def(5), pool_def(2, 1, 10));
  rig->engine.run_until(1000);
  const auto& ends = rig->source->ends;
  REQUIRE(ends.size() == 2);
  REQUIRE(ends[0].at == 15);
  REQUIRE(ends[1].at == 115);
  REQUIRE(ends[1].outcome == Outcome::completed);
  // Each request spent 5 ns in the balancer: it is not held while the pool serves.
  BlockCounters lb = rig->balancer->counters(rig->engine.now());
  REQUIRE(lb.arrivals == 2);
  REQUIRE(lb.completions == 2);
  REQUIRE(lb.mean_in_system == Approx(10.0 / 1000.0));
  BlockCounters pool = rig->pool->counters(rig->engine.now());
  REQUIRE(pool.completions == 2);
  REQUIRE(pool.mean_busy == Approx(20.0 / 1000.0));
}

TEST_CASE("Above its rate limit a load balancer refuses at once (HTTP 429)", "[load_balancer]") {
  LoadBalancerDef lb = balancer_def(5);
  lb.rate_limit_per_s = 1;  // one token per second
  lb.burst = 2;
  const SimTime second = 1'000'000'000;
  // The full bucket admits two at 0; the third is throttled. One second later one token is back.
  auto rig = make_rig({0, 0, 0, second, second}, lb, pool_def(4, 1, 10));
  rig->engine.run_until(3 * second);
  std::vector<Outcome> outcome(5);
  for (const auto& end : rig->source->ends)
    outcome[end.index] = end.outcome;
  REQUIRE(outcome[0] == Outcome::completed);
  REQUIRE(outcome[1] == Outcome::completed);
  REQUIRE(outcome[2] == Outcome::throttled);
  REQUIRE(outcome[3] == Outcome::completed);
  REQUIRE(outcome[4] == Outcome::throttled);
  BlockCounters c = rig->balancer->counters(rig->engine.now());
  REQUIRE(c.arrivals == 5);
  REQUIRE(c.rejections == 2);
  REQUIRE(rig->pool->counters(rig->engine.now()).arrivals == 3);
}

TEST_CASE("A load balancer routes the pool's instances with its own policy", "[load_balancer]") {
  LoadBalancerDef lb = balancer_def(0);
  lb.policy = Balancing::least_outstanding;
  ComputePoolDef pool = pool_def(3, 1, 100);
  pool.balancing = Balancing::random;
  auto rig = make_rig({0, 0, 0, 0, 0, 0}, lb, pool);
  REQUIRE(rig->pool->balancing() == Balancing::least_outstanding);
  rig->engine.run_until(1);
  for (std::uint32_t i = 0; i < 3; ++i)
    REQUIRE(rig->pool->outstanding(i) == 2);
}

TEST_CASE("A load balancer whose target is not a compute block fails at start", "[load_balancer]") {
  Engine engine(1);
  LoadBalancerDef lb = balancer_def(1);
  lb.target = 1;
  engine.add_block(std::make_unique<LoadBalancer>("alb", lb, Rng(1)));
  engine.add_block(std::make_unique<Station>("db", StationDef{}, Rng(2), Rng(3)));
  REQUIRE_THROWS_AS(engine.start(), std::invalid_argument);
}
