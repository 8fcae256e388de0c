#include <catch2/catch.hpp>
#include <cmath>

#include "sim/blocks/closed_source.hpp"
#include "sim/blocks/open_source.hpp"
#include "sim/blocks/station.hpp"
#include "sim/core/engine.hpp"

using namespace sdsim;

TEST_CASE("An open source emits a Poisson process at its rate", "[sources]") {
  Engine engine(3);
  engine.add_block(std::make_unique<OpenSource>(
      "client", OpenSourceDef{.profile = RateProfile::constant(1000), .flow = 0, .target = 1}, Rng(8)));
  StationDef def;
  def.servers = 1'000'000;  // an infinite server: every request is served at once
  def.service = Distribution::constant(0);
  engine.add_block(std::make_unique<Station>("sink", def, Rng(1), Rng(2)));
  engine.start();
  engine.run_until(100 * ns_per_s);
  BlockCounters c = engine.block(0).counters(engine.now());
  // Poisson count over 100 s at 1000/s: mean 100000, standard deviation sqrt(100000); 4 of them.
  REQUIRE(std::abs(static_cast<double>(c.arrivals) - 100000) <= 4 * std::sqrt(100000.0));
}

TEST_CASE("A closed source keeps exactly `users` requests thinking or outstanding", "[sources]") {
  Engine engine(3);
  ClosedSourceDef users{50, Distribution::exponential(1e6), 0, 1};
  engine.add_block(std::make_unique<ClosedSource>("users", users, Rng(8)));
  StationDef def;
  def.servers = 1;
  def.service = Distribution::exponential(1e5);
  engine.add_block(std::make_unique<Station>("s", def, Rng(1), Rng(2)));
  engine.start();
  for (int step = 1; step <= 100; ++step) {
    engine.run_until(step * ns_per_ms);
    // Each user either thinks (one pending think event) or has one request in the system, never both. The
    // other pending event is the station's service completion, present while its single server is busy.
    std::size_t in_service = engine.block(1).counters(engine.now()).in_system_at_end > 0 ? 1 : 0;
    REQUIRE(engine.pending_events() - in_service + engine.requests().in_use() == 50);
  }
  BlockCounters source = engine.block(0).counters(engine.now());
  BlockCounters station = engine.block(1).counters(engine.now());
  REQUIRE(source.in_system_at_end == station.in_system_at_end);
  REQUIRE(source.arrivals == source.completions + static_cast<std::uint64_t>(source.in_system_at_end));
}
