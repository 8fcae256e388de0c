#include "sim/blocks/compute_pool.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <vector>

#include "sim/core/engine.hpp"
#include "tests/blocks/scripted_source.hpp"

using namespace sdsim;
using sdsim::testing::ScriptedSource;

namespace {

struct Rig {
  Engine engine{1};
  ScriptedSource* source = nullptr;
  ComputePool* pool = nullptr;
};

std::unique_ptr<Rig> make_rig(std::vector<SimTime> arrivals, ComputePoolDef def) {
  auto rig = std::make_unique<Rig>();
  auto source = std::make_unique<ScriptedSource>(std::move(arrivals), 1);
  rig->source = source.get();
  rig->engine.add_block(std::move(source));
  auto pool = std::make_unique<ComputePool>("api", std::move(def), Rng(1), Rng(2), Rng(3));
  rig->pool = pool.get();
  rig->engine.add_block(std::move(pool));
  rig->engine.start();
  return rig;
}

ComputePoolDef pool_def(std::uint32_t instances, std::uint32_t concurrency, SimTime service,
                        Balancing balancing = Balancing::round_robin) {
  ComputePoolDef def;
  def.instances = instances;
  def.concurrency = concurrency;
  def.service = Distribution::constant(static_cast<double>(service));
  def.balancing = balancing;
  return def;
}

}  // namespace

TEST_CASE("Round robin gives every instance the same number of requests", "[compute]") {
  std::vector<SimTime> arrivals;
  for (SimTime t = 0; t < 700; ++t)
    arrivals.push_back(t * 3);
  auto rig = make_rig(arrivals, pool_def(7, 2, 50));
  rig->engine.run_until(10'000);
  for (std::uint32_t i = 0; i < 7; ++i)
    REQUIRE(rig->pool->instance_arrivals(i) == 100);
  BlockCounters c = rig->pool->counters(rig->engine.now());
  REQUIRE(c.servers == 14);
  REQUIRE(c.completions == 700);
  REQUIRE(c.rejections == 0);
}

TEST_CASE("An instance serves `concurrency` requests at once; the rest wait in its own line", "[compute]") {
  // One instance, concurrency 2, service 10: two end at 10, two at 20, in arrival order.
  auto rig = make_rig({0, 0, 0, 0}, pool_def(1, 2, 10));
  rig->engine.run_until(100);
  const auto& ends = rig->source->ends;
  REQUIRE(ends.size() == 4);
  REQUIRE(ends[0].at == 10);
  REQUIRE(ends[1].at == 10);
  REQUIRE(ends[2].index == 2);
  REQUIRE(ends[2].at == 20);
  REQUIRE(ends[3].index == 3);
  REQUIRE(ends[3].at == 20);
  // 2 slots busy for 20 ns out of 100.
  REQUIRE(rig->pool->instance_utilization(0, rig->engine.now()) == Approx(0.2));
  REQUIRE(rig->pool->counters(rig->engine.now()).mean_busy == Approx(0.4));
}

TEST_CASE("A full line at the chosen instance refuses the request", "[compute]") {
  ComputePoolDef def = pool_def(2, 1, 100);
  def.queue_capacity = 1;
  // Round robin: instance 0 gets requests 0, 2, 4; instance 1 gets 1, 3. Request 4 finds instance 0 serving
  // one and holding one: refused at once.
  auto rig = make_rig({0, 1, 2, 3, 4}, std::move(def));
  rig->engine.run_until(1000);
  const auto& ends = rig->source->ends;
  REQUIRE(ends.size() == 5);
  REQUIRE(ends[0].index == 4);
  REQUIRE(ends[0].at == 4);
  REQUIRE(ends[0].outcome == Outcome::rejected);
  // Request 2 waited behind request 0 on instance 0.
  REQUIRE(ends[3].index == 2);
  REQUIRE(ends[3].at == 200);
  BlockCounters c = rig->pool->counters(rig->engine.now());
  REQUIRE(c.arrivals == 5);
  REQUIRE(c.rejections == 1);
  REQUIRE(c.completions == 4);
}

TEST_CASE("Least outstanding picks the instance with the fewest requests", "[compute]") {
  // Round robin first spreads five requests over three instances: 2, 2 and 1 outstanding.
  auto rig = make_rig({0, 0, 0, 0, 0}, pool_def(3, 1, 100));
  rig->engine.run_until(1);
  REQUIRE(rig->pool->outstanding(2) == 1);
  REQUIRE(rig->pool->route_with(Balancing::least_outstanding));
  for (int k = 0; k < 10; ++k)
    REQUIRE(rig->pool->choose_instance() == 2);
}

TEST_CASE("Power of two choices picks the less loaded of two distinct random instances", "[compute]") {
  // Outstanding 2, 2 and 1: instance 2 wins whenever it is sampled (2 of the 3 pairs); the pair {0, 1} is a
  // tie, won by the first sample, so instances 0 and 1 get 1/6 each.
  auto rig = make_rig({0, 0, 0, 0, 0}, pool_def(3, 1, 100));
  rig->engine.run_until(1);
  REQUIRE(rig->pool->route_with(Balancing::power_of_two));
  const int draws = 9000;
  std::vector<int> picked(3, 0);
  for (int k = 0; k < draws; ++k)
    ++picked[rig->pool->choose_instance()];
  // Binomial(9000, 2/3): standard deviation 44.7; (9000, 1/6): 35.4. Five sigma either side.
  REQUIRE(std::abs(picked[2] - 6000) < 224);
  REQUIRE(std::abs(picked[0] - 1500) < 177);
  REQUIRE(std::abs(picked[1] - 1500) < 177);
}

TEST_CASE("Power of two choices with two instances balances exactly", "[compute]") {
  // With two instances the two samples are always both instances: it behaves as least outstanding.
  auto rig = make_rig({0, 0, 0, 0, 0, 0}, pool_def(2, 1, 100, Balancing::power_of_two));
  rig->engine.run_until(1);
  REQUIRE(rig->pool->outstanding(0) == 3);
  REQUIRE(rig->pool->outstanding(1) == 3);
}

TEST_CASE("Random balancing reaches every instance", "[compute]") {
  std::vector<SimTime> arrivals;
  for (SimTime t = 0; t < 4000; ++t)
    arrivals.push_back(t * 10);
  auto rig = make_rig(arrivals, pool_def(4, 1, 1, Balancing::random));
  rig->engine.run_until(100'000);
  // Binomial(4000, 1/4): mean 1000, standard deviation 27.4; 5 sigma either side.
  for (std::uint32_t i = 0; i < 4; ++i) {
    REQUIRE(rig->pool->instance_arrivals(i) > 863);
    REQUIRE(rig->pool->instance_arrivals(i) < 1137);
  }
}

TEST_CASE("A load balancer's policy replaces the pool's, and a conflicting one is refused", "[compute]") {
  ComputePool pool("api", pool_def(3, 1, 10), Rng(1), Rng(2), Rng(3));
  REQUIRE(pool.route_with(Balancing::least_outstanding));
  REQUIRE(pool.balancing() == Balancing::least_outstanding);
  REQUIRE(pool.route_with(Balancing::least_outstanding));
  REQUIRE_FALSE(pool.route_with(Balancing::random));
  REQUIRE(pool.balancing() == Balancing::least_outstanding);
}

TEST_CASE("Balancing policies are named as in a design", "[compute]") {
  REQUIRE(balancing_named("round_robin") == Balancing::round_robin);
  REQUIRE(balancing_named("least_outstanding") == Balancing::least_outstanding);
  REQUIRE(balancing_named("random") == Balancing::random);
  REQUIRE(balancing_named("power_of_two") == Balancing::power_of_two);
  REQUIRE_FALSE(balancing_named("fastest"));
}
