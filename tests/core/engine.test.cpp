#include "sim/core/engine.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace sdsim;

namespace {

// Records the events it receives; at start it schedules a fixed pattern.
class Recorder final : public Block {
 public:
  explicit Recorder(std::vector<std::pair<SimTime, std::uint32_t>>& log) : Block("recorder"), log_(log) {}
  void start(Engine& engine) override {
    engine.schedule(20, id(), 0, 1);
    engine.schedule(10, id(), 0, 2);
    engine.schedule(20, id(), 0, 3);  // same time as arg 1, scheduled later: fires after it
    engine.schedule(10, id(), 0, 4);
  }
  void on_event(Engine& engine, const Event& e) override {
    log_.emplace_back(engine.now(), e.arg);
    if (e.arg == 2) engine.schedule_in(0, id(), 0, 5);  // zero delay: after everything already due at 10
  }
  BlockCounters counters(SimTime) const override { return {}; }

 private:
  std::vector<std::pair<SimTime, std::uint32_t>>& log_;
};

class CountingObserver final : public Observer {
 public:
  std::uint32_t interests() const override { return interest_events; }
  void on_event(const Event&) override { ++events; }
  void on_run_end(SimTime, std::span<const BlockCounters> blocks) override { blocks_at_end = blocks.size(); }
  int events = 0;
  std::size_t blocks_at_end = 0;
};

}  // namespace

TEST_CASE("Events fire in (time, insertion) order and run_until stops at its bound", "[engine]") {
  std::vector<std::pair<SimTime, std::uint32_t>> log;
  Engine engine(1);
  engine.add_block(std::make_unique<Recorder>(log));
  CountingObserver observer;
  engine.add_observer(observer);
  engine.start();

  engine.run_until(15);
  REQUIRE(engine.now() == 15);
  REQUIRE(log == std::vector<std::pair<SimTime, std::uint32_t>>{{10, 2}, {10, 4}, {10, 5}});

  engine.run_until(100);
  REQUIRE(log.size() == 5);
  REQUIRE(log[3] == std::pair<SimTime, std::uint32_t>{20, 1});
  REQUIRE(log[4] == std::pair<SimTime, std::uint32_t>{20, 3});
  REQUIRE(observer.events == 5);
  REQUIRE(engine.events_processed() == 5);
  engine.end_run();
  REQUIRE(observer.blocks_at_end == 1);
}

TEST_CASE("Named streams do not depend on which other blocks exist", "[engine]") {
  Engine a(99), b(99), c(100);
  REQUIRE(a.stream("api").next_u64() == b.stream("api").next_u64());
  REQUIRE(a.stream("api").next_u64() != a.stream("db").next_u64());
  REQUIRE(a.stream("api").next_u64() != c.stream("api").next_u64());
}

TEST_CASE("The request pool reuses storage", "[engine]") {
  RequestPool pool;
  RequestId a = pool.acquire();
  RequestId b = pool.acquire();
  pool.release(a);
  RequestId c = pool.acquire();
  REQUIRE(c == a);
  REQUIRE(pool.in_use() == 2);
  REQUIRE(pool.capacity() == 2);
  pool.release(b);
  pool.release(c);
  REQUIRE(pool.in_use() == 0);
}
