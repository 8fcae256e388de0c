#include "sim/core/engine.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <tuple>
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

namespace {

// Serves each task for a fixed time (or refuses it), then lets it go to `forward` (no_block: back to its
// caller).
class FixedServer final : public Block {
 public:
  FixedServer(SimTime service, BlockId forward = no_block, bool refuse = false, bool by_state = false)
      : Block("server"), service_(service), forward_(forward), refuse_(refuse), by_state_(by_state) {}
  bool chooses_zone_by_state() const override { return by_state_; }
  void accept(Engine& engine, TaskId task) override {
    if (refuse_) {
      engine.refuse(task);
    } else {
      engine.serve(task, service_, id(), 0);
    }
  }
  void on_event(Engine& engine, const Event& e) override { engine.served(e.arg); }
  BlockId release(Engine&, TaskId) override { return forward_; }
  BlockCounters counters(SimTime) const override { return {}; }

 private:
  SimTime service_;
  BlockId forward_;
  bool refuse_;
  bool by_state_;  // claims to choose zones by load: no call to it is launched ahead
};

// Emits one request of flow 0 at time 0 and records when and how it ends.
class OneRequest final : public Block {
 public:
  explicit OneRequest(BlockId entry) : Block("client"), entry_(entry) {}
  void start(Engine& engine) override { engine.schedule(0, id(), 0, 0); }
  void on_event(Engine& engine, const Event&) override { engine.start_request(id(), 0, 0, entry_); }
  void on_request_finished(Engine& engine, RequestId, Outcome how) override {
    finished_at = engine.now();
    outcome = how;
  }
  BlockCounters counters(SimTime) const override { return {}; }
  SimTime finished_at = -1;
  Outcome outcome = Outcome::completed;

 private:
  BlockId entry_;
};

// Zones: 0 the clients, 1 and 2 two Availability Zones of one region, 3 a zone of another region. Latencies
// (ns) and ns per byte by hop class: clients 100 ns and 8 ns/B (1 Gbit/s), same zone 250 ns and 1 ns/B,
// cross-zone 500 ns and 2 ns/B, cross-region 10 us and 4 ns/B.
Network four_zones() {
  auto cls = [](std::size_t a, std::size_t b) {
    if (a == 0 && b == 0) return HopClass::none;
    if (a == 0) return HopClass::internet_in;
    if (b == 0) return HopClass::internet_out;
    if (a == b) return HopClass::same_az;
    return (a == 3 || b == 3) ? HopClass::cross_region : HopClass::cross_az;
  };
  std::vector<std::vector<SimTime>> latency(4, std::vector<SimTime>(4));
  std::vector<std::vector<double>> ns_per_byte(4, std::vector<double>(4));
  std::vector<std::vector<HopClass>> classes(4, std::vector<HopClass>(4));
  // Per class, in HopClass order: one-way latency (ns) and ns per byte.
  const std::array<std::pair<SimTime, double>, hop_class_count> links{
      {{250, 1}, {500, 2}, {10'000, 4}, {100, 8}, {100, 8}}};
  for (std::size_t a = 0; a < 4; ++a) {
    for (std::size_t b = 0; b < 4; ++b) {
      classes[a][b] = cls(a, b);
      if (classes[a][b] == HopClass::none) continue;
      std::tie(latency[a][b], ns_per_byte[a][b]) = links[static_cast<std::size_t>(classes[a][b])];
    }
  }
  Network network(std::move(latency));
  network.set_links(std::move(ns_per_byte), std::move(classes));
  return network;
}

std::uint64_t moved(const Engine& engine, HopClass c) {
  return engine.bytes_moved()[static_cast<std::size_t>(c)];
}

// One client, "api" in zone 1 and "db" in zone 2 and "remote" in zone 3, each serving for a fixed time.
struct SizedModel {
  Engine engine{7};
  OneRequest* client = nullptr;
  BlockId api = 0, db = 0, remote = 0;

  SizedModel(BlockId api_forward, bool db_refuses, bool db_by_state = false) {
    auto source = std::make_unique<OneRequest>(1);
    client = source.get();
    engine.add_block(std::move(source));
    api = engine.add_block(std::make_unique<FixedServer>(10'000, api_forward));
    db = engine.add_block(std::make_unique<FixedServer>(20'000, no_block, db_refuses, db_by_state));
    remote = engine.add_block(std::make_unique<FixedServer>(5'000));
    Network network = four_zones();
    network.place(api, {1});
    network.place(db, {2});
    network.place(remote, {3});
    engine.set_network(std::move(network));
  }
};

}  // namespace

TEST_CASE("Every hop takes its latency plus size over bandwidth, and counts its bytes by hop class",
          "[engine][network]") {
  SizedModel m(no_block, false);
  // api (request 1000 B, response 2000 B) calls db (100 B there, 300 B back), then remote asynchronously (50
  // B there; nobody waits for an answer).
  CallPlan plan;
  plan.nodes = {CallNode{.block = m.api, .first_child = 0, .child_count = 2}, CallNode{.block = m.db},
                CallNode{.block = m.remote, .async = true}};
  plan.children = {1, 2};
  plan.flow_roots = {0};
  plan.payloads = {{1000, 2000}, {100, 300}, {50, 70}};
  m.engine.set_call_plan(std::move(plan));
  m.engine.start();
  m.engine.run_until(1'000'000);
  // Client to api 100 + 1000 x 8; api 10 000; api to db 500 + 100 x 2; db 20 000; back 500 + 300 x 2; api to
  // remote goes unanswered; api to client 100 + 2000 x 8.
  REQUIRE(m.client->finished_at == 8'100 + 10'000 + 700 + 20'000 + 1'100 + 16'100);
  CHECK(moved(m.engine, HopClass::internet_in) == 1000);
  CHECK(moved(m.engine, HopClass::internet_out) == 2000);
  CHECK(moved(m.engine, HopClass::cross_az) == 400);
  CHECK(moved(m.engine, HopClass::cross_region) == 50);
  CHECK(moved(m.engine, HopClass::same_az) == 0);
  m.engine.reset_statistics();
  CHECK(moved(m.engine, HopClass::internet_in) == 0);
  CHECK(moved(m.engine, HopClass::cross_az) == 0);
}

TEST_CASE("A forwarded visit carries the request onwards and the response back from its last block",
          "[engine][network]") {
  SizedModel m(2, false);  // api forwards to db
  CallPlan plan;
  plan.nodes = {CallNode{.block = m.api}};
  plan.flow_roots = {0};
  plan.payloads = {{1000, 2000}};
  m.engine.set_call_plan(std::move(plan));
  m.engine.start();
  m.engine.run_until(1'000'000);
  // Client to api 100 + 8000; api 10 000; api to db 500 + 1000 x 2; db 20 000; db to client 100 + 2000 x 8.
  REQUIRE(m.client->finished_at == 8'100 + 10'000 + 2'500 + 20'000 + 16'100);
  CHECK(moved(m.engine, HopClass::internet_in) == 1000);
  CHECK(moved(m.engine, HopClass::cross_az) == 1000);
  CHECK(moved(m.engine, HopClass::internet_out) == 2000);
}

TEST_CASE("A refused call's answer carries no response payload", "[engine][network]") {
  SizedModel m(no_block, true);  // db refuses
  CallPlan plan;
  plan.nodes = {CallNode{.block = m.api, .first_child = 0, .child_count = 1}, CallNode{.block = m.db}};
  plan.children = {1};
  plan.flow_roots = {0};
  plan.payloads = {{1000, 2000}, {100, 300}};
  m.engine.set_call_plan(std::move(plan));
  m.engine.start();
  m.engine.run_until(1'000'000);
  // The request still crosses to db; the failures come back as bare latency.
  REQUIRE(m.client->outcome == Outcome::rejected);
  REQUIRE(m.client->finished_at == 8'100 + 10'000 + 700 + 500 + 100);
  CHECK(moved(m.engine, HopClass::cross_az) == 100);
  CHECK(moved(m.engine, HopClass::internet_out) == 0);
}

TEST_CASE("Without payloads hops cost latency only and count no bytes", "[engine][network]") {
  SizedModel m(no_block, false);
  CallPlan plan;
  plan.nodes = {CallNode{.block = m.api, .first_child = 0, .child_count = 1}, CallNode{.block = m.db}};
  plan.children = {1};
  plan.flow_roots = {0};
  m.engine.set_call_plan(std::move(plan));
  REQUIRE_FALSE(m.engine.carries_payload());
  m.engine.start();
  m.engine.run_until(1'000'000);
  REQUIRE(m.client->finished_at == 100 + 10'000 + 500 + 20'000 + 500 + 100);
  for (std::uint64_t bytes : m.engine.bytes_moved())
    CHECK(bytes == 0);
}

namespace {

// Does nothing when its fault actions fire: only their times matter (no step is folded across one).
class IdleFaults final : public FaultActor {
 public:
  void act(Engine&, std::uint32_t) override {}
};

struct FoldRun {
  SimTime finished_at;
  std::uint64_t events;
};

// api calls db, then remote, then db again, in sequence, then answers: every step after a service or an
// answer is a call, so all of them may be folded.
FoldRun run_sequence(bool folding, SimTime fault_at = -1, bool db_by_state = false) {
  SizedModel m(no_block, false, db_by_state);
  CallPlan plan;
  plan.nodes = {CallNode{.block = m.api, .first_child = 0, .child_count = 3}, CallNode{.block = m.db},
                CallNode{.block = m.remote}, CallNode{.block = m.db}};
  plan.children = {1, 2, 3};
  plan.flow_roots = {0};
  m.engine.set_call_plan(std::move(plan));
  m.engine.set_folding(folding);
  IdleFaults faults;
  if (fault_at >= 0) m.engine.schedule_fault_action(fault_at, faults, 0);
  m.engine.start();
  m.engine.run_until(1'000'000);
  return {m.client->finished_at, m.engine.events_processed()};
}

}  // namespace

TEST_CASE("Folded steps keep every service time and hop, in fewer events", "[engine][network]") {
  // Client to api 100; api 10 000; to db 500, db 20 000, back 500; to remote 10 000, remote 5 000, back
  // 10 000; to db and back as before; api to client 100.
  const SimTime expected = 100 + 10'000 + 21'000 + 25'000 + 21'000 + 100;
  const FoldRun unfolded = run_sequence(false);
  const FoldRun folded = run_sequence(true);
  REQUIRE(unfolded.finished_at == expected);
  REQUIRE(folded.finished_at == expected);
  // Unfolded: the client's event, api's delivery and service end, per call a delivery, a service end and an
  // answer, and the answer to the client (13). Api's service end and the answers of its first two calls are
  // folded.
  CHECK(unfolded.events == 13);
  CHECK(folded.events == 10);
}

TEST_CASE("No step is folded across a fault action", "[engine][network][faults]") {
  const SimTime expected = 100 + 10'000 + 21'000 + 25'000 + 21'000 + 100;
  // Due while api serves (its service end would be folded), then while the first answer is on its way.
  const FoldRun during_service = run_sequence(true, 5'000);
  const FoldRun during_answer = run_sequence(true, 100 + 10'000 + 20'800);
  const FoldRun after = run_sequence(true, 100'000);
  CHECK(during_service.finished_at == expected);
  CHECK(during_answer.finished_at == expected);
  CHECK(after.finished_at == expected);
  // Each run counts its fault action as an event; a fault due in a step's span keeps that step an event.
  CHECK(after.events == 10 + 1);
  CHECK(during_service.events == 11 + 1);
  CHECK(during_answer.events == 11 + 1);
}

TEST_CASE("No call is launched ahead to a block choosing its zone by state", "[engine][network]") {
  const FoldRun r = run_sequence(true, -1, true);
  REQUIRE(r.finished_at == 100 + 10'000 + 21'000 + 25'000 + 21'000 + 100);
  // Of the three folds, only the answer of db followed by the call to remote is left (13 - 1 events).
  CHECK(r.events == 12);
}
