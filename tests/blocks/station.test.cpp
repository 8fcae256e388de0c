#include "sim/blocks/station.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "sim/core/engine.hpp"
#include "tests/blocks/scripted_source.hpp"

using namespace sdsim;
using sdsim::testing::ScriptedSource;

namespace {

struct Rig {
  Engine engine{1};
  ScriptedSource* source = nullptr;
  Station* station = nullptr;
};

std::unique_ptr<Rig> make_rig(std::vector<SimTime> arrivals, std::uint32_t servers,
                              std::optional<std::uint64_t> capacity, SimTime service) {
  auto rig = std::make_unique<Rig>();
  auto source = std::make_unique<ScriptedSource>(std::move(arrivals), 1);
  rig->source = source.get();
  rig->engine.add_block(std::move(source));
  StationDef def;
  def.servers = servers;
  def.queue_capacity = capacity;
  def.service = Distribution::constant(static_cast<double>(service));
  auto station = std::make_unique<Station>("s", std::move(def), Rng(1), Rng(2));
  rig->station = station.get();
  rig->engine.add_block(std::move(station));
  rig->engine.start();
  return rig;
}

}  // namespace

TEST_CASE("A station serves at most `servers` requests at once, first come first served", "[station]") {
  auto rig = make_rig({0, 0, 0, 0}, 2, std::nullopt, 10);
  rig->engine.run_until(100);
  const auto& ends = rig->source->ends;
  REQUIRE(ends.size() == 4);
  // Two start at 0 and end at 10; the next two wait and end at 20, in arrival order.
  REQUIRE(ends[0].at == 10);
  REQUIRE(ends[1].at == 10);
  REQUIRE(ends[2].index == 2);
  REQUIRE(ends[2].at == 20);
  REQUIRE(ends[3].index == 3);
  REQUIRE(ends[3].at == 20);
  BlockCounters c = rig->station->counters(rig->engine.now());
  REQUIRE(c.completions == 4);
  REQUIRE(c.peak_in_system == 4);
  // Busy 2 servers for 20 ns out of 100: mean busy 0.4.
  REQUIRE(c.mean_busy == Approx(0.4));
}

TEST_CASE("A full waiting line rejects the arrival at once", "[station]") {
  auto rig = make_rig({0, 1, 2, 3, 25}, 1, 2, 10);
  rig->engine.run_until(100);
  const auto& ends = rig->source->ends;
  // Request 0 in service, 1 and 2 wait, 3 finds the line full; 4 arrives after space opened.
  REQUIRE(ends.size() == 5);
  REQUIRE(ends[0].index == 3);
  REQUIRE(ends[0].at == 3);
  REQUIRE(ends[0].outcome == Outcome::rejected);
  BlockCounters c = rig->station->counters(rig->engine.now());
  REQUIRE(c.rejections == 1);
  REQUIRE(c.arrivals == 5);
  REQUIRE(c.completions == 4);
}

TEST_CASE("A capacity of zero makes a loss system", "[station]") {
  auto rig = make_rig({0, 5, 10}, 1, 0, 8);
  rig->engine.run_until(100);
  BlockCounters c = rig->station->counters(rig->engine.now());
  REQUIRE(c.rejections == 1);  // the arrival at 5 finds the only server busy
  REQUIRE(c.completions == 2);
}

TEST_CASE("Resetting statistics keeps requests in flight but forgets counts", "[station]") {
  auto rig = make_rig({0, 0, 0}, 1, std::nullopt, 10);
  rig->engine.run_until(5);
  rig->engine.reset_statistics();
  rig->engine.run_until(40);
  BlockCounters c = rig->station->counters(rig->engine.now());
  REQUIRE(c.arrivals == 0);
  REQUIRE(c.completions == 3);
  // From 5 to 30 the server is busy; 25 of 35 ns.
  REQUIRE(c.mean_busy == Approx(25.0 / 35.0));
}

TEST_CASE("A waiting line bounded while running keeps the requests it holds and refuses arrivals",
          "[station]") {
  // One server, 10 ns each: 0 is served, 1-3 wait in an unbounded line. At 5 the line is bounded to 1
  // place: the 3 it holds stay and are served by 40; the arrival at 6 is refused; at 35 (3 in service, the
  // line empty) one waits, and the arrival at 36 finds its one place taken.
  auto rig = make_rig({0, 1, 2, 3, 6, 35, 36}, 1, std::nullopt, 10);
  rig->engine.run_until(5);
  REQUIRE(rig->station->set_param(rig->engine, "queue_capacity", ParamValue{1, ""}).empty());
  rig->engine.run_until(100);
  std::vector<std::pair<std::uint32_t, Outcome>> refused;
  for (const auto& end : rig->source->ends) {
    if (end.outcome != Outcome::completed) refused.emplace_back(end.index, end.outcome);
  }
  REQUIRE(refused ==
          std::vector<std::pair<std::uint32_t, Outcome>>{{4, Outcome::rejected}, {6, Outcome::rejected}});
  BlockCounters c = rig->station->counters(rig->engine.now());
  REQUIRE(c.completions == 5);
  // Unbounded again: nothing more is refused.
  REQUIRE(rig->station->set_param(rig->engine, "queue_capacity", ParamValue{1e9, ""}).empty());
  REQUIRE_FALSE(rig->station->set_param(rig->engine, "service_time", ParamValue{}).empty());
}
