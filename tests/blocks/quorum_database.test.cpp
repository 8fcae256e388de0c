#include "sim/blocks/quorum_database.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

#include "sim/blocks/open_source.hpp"
#include "sim/core/engine.hpp"
#include "sim/metrics/confidence.hpp"

using namespace sdsim;

namespace {

constexpr FlowId read_flow = 0;
constexpr FlowId write_flow = 1;

// Emits one request at each scripted time, of the read or the write flow, and remembers how each ended.
class ScriptedSource final : public Block {
 public:
  struct Shot {
    SimTime at;
    FlowId flow;
    std::uint64_t key = no_key;  // no_key: the shot's index
  };
  static constexpr std::uint64_t no_key = ~std::uint64_t{0};
  explicit ScriptedSource(std::vector<Shot> shots) : Block("script"), shots_(std::move(shots)) {}
  void start(Engine& engine) override {
    for (std::size_t i = 0; i < shots_.size(); ++i)
      engine.schedule(shots_[i].at, id(), 0, static_cast<std::uint32_t>(i));
  }
  void on_event(Engine& engine, const Event& e) override {
    const std::uint64_t key = shots_[e.arg].key == no_key ? e.arg : shots_[e.arg].key;
    engine.start_request(id(), shots_[e.arg].flow, e.arg, 1, key);
  }
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override {
    const Request& r = engine.request(id);
    ends.push_back({r.user, engine.now() - r.created, outcome});
  }
  BlockCounters counters(SimTime) const override { return {}; }

  struct End {
    std::uint32_t shot;
    SimTime latency;
    Outcome outcome;
  };
  std::vector<End> ends;

  // How shot `shot` ended; fails the test when it has not.
  End end_of(std::uint32_t shot) const {
    for (const End& e : ends) {
      if (e.shot == shot) return e;
    }
    FAIL("shot " << shot << " has not ended");
    return {};
  }

 private:
  std::vector<Shot> shots_;
};

// Flow 0 reads from the database (block 1), flow 1 writes to it.
CallPlan read_write_plan() {
  CallPlan plan;
  CallNode node;
  node.block = 1;
  node.operation = Operation::read;
  plan.nodes.push_back(node);
  node.operation = Operation::write;
  plan.nodes.push_back(node);
  plan.flow_roots = {0, 1};
  return plan;
}

struct Rig {
  Engine engine{11};
  QuorumDatabase* db = nullptr;
  ScriptedSource* script = nullptr;
};

// Block 0 is the traffic, block 1 the database; `network` (when not empty) places the database in zones
// 1..zones.
std::unique_ptr<Rig> make_rig(QuorumDatabaseDef def, std::unique_ptr<Block> traffic, Network network = {},
                              std::vector<ZoneId> zones = {}, std::uint64_t seed = 11) {
  auto rig = std::unique_ptr<Rig>(new Rig{Engine(seed)});
  rig->engine.add_block(std::move(traffic));
  auto db = std::make_unique<QuorumDatabase>("db", std::move(def), rig->engine.stream("db/service"),
                                             rig->engine.stream("db/coordinator"));
  rig->db = db.get();
  BlockId id = rig->engine.add_block(std::move(db));
  network.place(id, std::move(zones));
  rig->engine.set_network(std::move(network));
  rig->engine.set_call_plan(read_write_plan());
  rig->engine.start();
  return rig;
}

std::unique_ptr<Rig> scripted_rig(QuorumDatabaseDef def, std::vector<ScriptedSource::Shot> shots,
                                  Network network = {}, std::vector<ZoneId> zones = {}) {
  auto script = std::make_unique<ScriptedSource>(std::move(shots));
  ScriptedSource* raw = script.get();
  auto rig = make_rig(std::move(def), std::move(script), std::move(network), std::move(zones));
  rig->script = raw;
  return rig;
}

QuorumDatabaseDef cluster(std::uint32_t replicas, std::uint32_t read_quorum, std::uint32_t write_quorum,
                          double read_ms = 1, double write_ms = 2) {
  QuorumDatabaseDef def;
  def.replicas = replicas;
  def.read_quorum = read_quorum;
  def.write_quorum = write_quorum;
  def.read_time = Distribution::constant(read_ms * 1e6);
  def.write_time = Distribution::constant(write_ms * 1e6);
  return def;
}

// One-way latencies between zones 1..3 (0 is the clients, next to all of them): 0.25 ms within a zone,
// 0.5 ms across.
Network three_zones() {
  std::vector<std::vector<SimTime>> latency(4, std::vector<SimTime>(4, 0));
  for (std::size_t a = 1; a < 4; ++a) {
    for (std::size_t b = 1; b < 4; ++b)
      latency[a][b] = from_ms(a == b ? 0.25 : 0.5);
  }
  return Network(std::move(latency));
}

// Every judged read, as the engine reports it.
class ReadLog final : public Observer {
 public:
  std::uint32_t interests() const override { return interest_reads; }
  void on_read(const ReadRecord& r) override { reads.push_back(r); }
  std::vector<ReadRecord> reads;
};

}  // namespace

TEST_CASE("Every replica serves every read and write, and the task is answered at its quorum",
          "[quorum_database]") {
  std::vector<ScriptedSource::Shot> shots;
  for (int i = 0; i < 15; ++i)
    shots.push_back({from_ms(10.0 * i), i % 3 == 2 ? write_flow : read_flow});
  auto rig = scripted_rig(cluster(3, 2, 2), shots);
  rig->engine.run_until(from_s(1));
  const QuorumDatabase& db = *rig->db;
  REQUIRE(rig->script->ends.size() == 15);
  for (const auto& end : rig->script->ends) {
    CHECK(end.outcome == Outcome::completed);
    CHECK(end.latency == (end.shot % 3 == 2 ? from_ms(2) : from_ms(1)));
  }
  for (std::uint32_t r = 0; r < 3; ++r) {
    INFO("replica " << r);
    CHECK(db.legs(r) == 15);
    CHECK(db.outstanding(r) == 0);
    CHECK(db.replica_zone(r) == client_zone);
  }
  BlockCounters c = db.counters(rig->engine.now());
  CHECK(c.arrivals == 15);
  CHECK(c.completions == 15);
  CHECK(c.servers == 3 * 32);
  CHECK(c.in_system_at_end == 0);
}

TEST_CASE("Every operation reaches the replicas as a read or a write", "[quorum_database]") {
  for (Operation op : {Operation::write, Operation::set, Operation::remove, Operation::send})
    CHECK(QuorumDatabase::is_write(op));
  for (Operation op : {Operation::read, Operation::get, Operation::query, Operation::call, Operation::receive,
                       Operation::invoke})
    CHECK_FALSE(QuorumDatabase::is_write(op));
}

TEST_CASE("A quorum larger than the replicas is rejected", "[quorum_database]") {
  auto make = [](const QuorumDatabaseDef& def) { QuorumDatabase db("db", def, Rng(1), Rng(2)); };
  CHECK_THROWS_AS(make(cluster(3, 4, 2)), std::invalid_argument);
  CHECK_THROWS_AS(make(cluster(3, 2, 4)), std::invalid_argument);
  CHECK_THROWS_AS(make(cluster(3, 0, 2)), std::invalid_argument);
  CHECK_NOTHROW(make(cluster(3, 3, 3)));
}

TEST_CASE("Reads wait for R answers and writes for W", "[quorum_database]") {
  // R = 1, W = 3: with one replica down a read still finds its one answer; a write cannot have three.
  auto rig = scripted_rig(cluster(3, 1, 3), {{from_ms(1), read_flow}, {from_ms(1), write_flow}});
  rig->db->set_replica_up(rig->engine, 2, false);
  rig->engine.run_until(from_s(1));
  CHECK(rig->script->end_of(0).outcome == Outcome::completed);
  CHECK(rig->script->end_of(0).latency == from_ms(1));
  CHECK(rig->script->end_of(1).outcome == Outcome::unavailable);
  CHECK(rig->script->end_of(1).latency == 0);  // the coordinator knows at once
  CHECK(rig->db->legs(2) == 0);
  CHECK(rig->db->legs(0) == 1);  // the refused write sent no legs
  CHECK(rig->db->counters(rig->engine.now()).rejections == 1);
}

TEST_CASE("A read succeeds with N - R replicas down and is refused with one more", "[quorum_database]") {
  // N = 5, R = 3.
  SECTION("two down") {
    auto rig = scripted_rig(cluster(5, 3, 3), {{from_ms(1), read_flow}});
    rig->db->set_replica_up(rig->engine, 0, false);
    rig->db->set_replica_up(rig->engine, 3, false);
    rig->engine.run_until(from_s(1));
    CHECK(rig->script->end_of(0).outcome == Outcome::completed);
    CHECK(rig->script->end_of(0).latency == from_ms(1));
    CHECK(rig->db->legs(1) + rig->db->legs(2) + rig->db->legs(4) == 3);
    CHECK(rig->db->legs(0) + rig->db->legs(3) == 0);
  }
  SECTION("three down") {
    auto rig = scripted_rig(cluster(5, 3, 3), {{from_ms(1), read_flow}});
    for (std::uint32_t r : {0u, 2u, 4u})
      rig->db->set_replica_up(rig->engine, r, false);
    rig->engine.run_until(from_s(1));
    CHECK(rig->script->end_of(0).outcome == Outcome::unavailable);
    CHECK(rig->script->end_of(0).latency == 0);
    CHECK_FALSE(rig->db->replica_up(0));
    CHECK(rig->db->replica_up(1));
  }
}

TEST_CASE("A replica going down loses its legs, and tasks that can no longer reach their quorum are refused",
          "[quorum_database]") {
  // One connection per replica, 10 ms per operation. At 0 a write (W = 3) takes every replica and a read
  // (R = 2) waits behind it. Replica 0 fails at 5 ms: the write loses a leg it needed and is refused at once;
  // the read loses one of three and still gets two answers once replicas 1 and 2 finish the write's legs.
  QuorumDatabaseDef def = cluster(3, 2, 3, 10, 10);
  def.connections = 1;
  auto rig = scripted_rig(def, {{0, write_flow}, {0, read_flow}, {from_ms(40), read_flow}});
  QuorumDatabase& db = *rig->db;
  rig->engine.run_until(from_ms(5));
  CHECK(db.outstanding(0) == 2);
  db.set_replica_up(rig->engine, 0, false);
  CHECK(db.outstanding(0) == 0);
  CHECK(db.lost(0) == 2);
  REQUIRE(rig->script->ends.size() == 1);
  CHECK(rig->script->end_of(0).outcome == Outcome::unavailable);
  CHECK(rig->script->end_of(0).latency == from_ms(5));
  rig->engine.run_until(from_ms(30));
  CHECK(rig->script->end_of(1).outcome == Outcome::completed);
  CHECK(rig->script->end_of(1).latency == from_ms(20));
  db.set_replica_up(rig->engine, 0, true);
  rig->engine.run_until(from_ms(100));
  CHECK(rig->script->end_of(2).outcome == Outcome::completed);
  CHECK(rig->script->end_of(2).latency == from_ms(10));
  CHECK(db.legs(0) == 3);
  // Replica 0 worked 5 ms on the write and 10 on the last read; the others 10 + 10 + 10.
  CHECK(db.utilization(0, rig->engine.now()) == Approx(15.0 / 100));
  CHECK(db.utilization(1, rig->engine.now()) == Approx(30.0 / 100));
  CHECK(db.utilization(2, rig->engine.now()) == Approx(30.0 / 100));
  BlockCounters c = db.counters(rig->engine.now());
  CHECK(c.rejections == 1);
  CHECK(c.completions == 2);
  CHECK(c.in_system_at_end == 0);
}

TEST_CASE("A full line refuses a leg, which counts against the quorum", "[quorum_database]") {
  // One connection and no waiting places: a second read while the first holds every replica is refused at
  // once, and its refused legs are counted per replica.
  QuorumDatabaseDef def = cluster(3, 2, 2, 10, 10);
  def.connections = 1;
  def.queue_capacity = 0;
  auto rig = scripted_rig(def, {{0, read_flow}, {from_ms(2), read_flow}, {from_ms(20), read_flow}});
  rig->engine.run_until(from_s(1));
  CHECK(rig->script->end_of(0).outcome == Outcome::completed);
  CHECK(rig->script->end_of(1).outcome == Outcome::rejected);
  CHECK(rig->script->end_of(1).latency == 0);
  CHECK(rig->script->end_of(2).outcome == Outcome::completed);
  for (std::uint32_t r = 0; r < 3; ++r) {
    CHECK(rig->db->legs(r) == 3);
    CHECK(rig->db->rejections(r) == 1);
  }
}

TEST_CASE("A refused task's legs still keep their replicas busy", "[quorum_database]") {
  // Replica 2 is down while read A takes replicas 0 and 1 (10 ms). Back up, it takes read B's leg while
  // B's other two legs find full lines: B is refused at once, yet replica 2 serves its leg for 10 ms.
  QuorumDatabaseDef def = cluster(3, 2, 2, 10, 10);
  def.connections = 1;
  def.queue_capacity = 0;
  auto rig = scripted_rig(def, {{0, read_flow}, {from_ms(2), read_flow}});
  rig->db->set_replica_up(rig->engine, 2, false);
  rig->engine.run_until(from_ms(1));
  rig->db->set_replica_up(rig->engine, 2, true);
  rig->engine.run_until(from_ms(100));
  CHECK(rig->script->end_of(1).outcome == Outcome::rejected);
  CHECK(rig->script->end_of(1).latency == 0);
  CHECK(rig->db->utilization(2, rig->engine.now()) == Approx(0.1));
  CHECK(rig->db->outstanding(2) == 0);
}

TEST_CASE("Replicas spread round robin over the placement zones and each leg pays its round trip",
          "[quorum_database]") {
  SECTION("zones") {
    auto rig = scripted_rig(cluster(5, 2, 2), {}, three_zones(), {1, 2});
    std::vector<ZoneId> zones;
    for (std::uint32_t r = 0; r < 5; ++r)
      zones.push_back(rig->db->replica_zone(r));
    CHECK(zones == std::vector<ZoneId>{1, 2, 1, 2, 1});
  }
  // One replica per zone: wherever the coordinator is, one leg stays in its zone (0.5 ms there and back)
  // and two cross (1 ms there and back); the client reaches every zone at no cost.
  std::vector<ScriptedSource::Shot> shots;
  for (int i = 0; i < 30; ++i)
    shots.push_back({from_ms(10.0 * i), i % 2 ? write_flow : read_flow});
  SECTION("R = 1 waits for the nearest replica, W = 3 for the farthest") {
    auto rig = scripted_rig(cluster(3, 1, 3), shots, three_zones(), {1, 2, 3});
    rig->engine.run_until(from_s(1));
    REQUIRE(rig->script->ends.size() == 30);
    for (const auto& end : rig->script->ends)
      CHECK(end.latency == (end.shot % 2 ? from_ms(2 + 1.0) : from_ms(1 + 0.5)));
  }
  SECTION("R = 2 waits for a cross-zone replica") {
    auto rig = scripted_rig(cluster(3, 2, 2), shots, three_zones(), {1, 2, 3});
    rig->engine.run_until(from_s(1));
    for (const auto& end : rig->script->ends)
      CHECK(end.latency == (end.shot % 2 ? from_ms(2 + 1.0) : from_ms(1 + 1.0)));
  }
  SECTION("a leg on its way to a replica that goes down is lost on arrival") {
    auto rig = scripted_rig(cluster(3, 3, 3), {{0, read_flow}}, three_zones(), {1, 2, 3});
    rig->engine.run_until(from_ms(0.1));
    rig->db->set_replica_up(rig->engine, 1, false);
    rig->engine.run_until(from_s(1));
    CHECK(rig->script->end_of(0).outcome == Outcome::unavailable);
    // The leg arrives 0.25 or 0.5 ms after the start, by the coordinator's zone.
    SimTime refused_at = rig->script->end_of(0).latency;
    CHECK((refused_at == from_ms(0.25) || refused_at == from_ms(0.5)));
    CHECK(rig->db->lost(1) == 1);
    CHECK(rig->db->legs(1) == 0);
    CHECK(rig->db->legs(0) == 1);
  }
}

TEST_CASE("Each replica reports its own utilization", "[quorum_database]") {
  // A read every 4 ms of 1 ms on one connection: every replica is busy a quarter of the time, R = 1 or not.
  QuorumDatabaseDef def = cluster(3, 1, 1, 1, 1);
  def.connections = 1;
  std::vector<ScriptedSource::Shot> shots;
  for (int i = 0; i < 250; ++i)
    shots.push_back({from_ms(4.0 * i), read_flow});
  auto rig = scripted_rig(def, shots);
  rig->engine.run_until(from_s(1));
  for (std::uint32_t r = 0; r < 3; ++r)
    CHECK(rig->db->utilization(r, rig->engine.now()) == Approx(0.25));
  CHECK(rig->db->counters(rig->engine.now()).mean_busy == Approx(0.75));
  rig->engine.reset_statistics();
  CHECK(rig->db->legs(0) == 0);
  CHECK(rig->db->counters(rig->engine.now()).arrivals == 0);
}

TEST_CASE("Under Poisson reads every replica's mean busy connections equal rate x mean service (Little)",
          "[quorum_database]") {
  // 2000 reads/s of exponential 1 ms on ample connections, R = 1 of N = 3: each replica still serves every
  // read, so each holds 2000 x 0.001 = 2 connections on average. Ten independent replications.
  const double rate = 2000, mean_s = 0.001;
  QuorumDatabaseDef def = cluster(3, 1, 1);
  def.connections = 1000;
  def.read_time = Distribution::exponential(mean_s * 1e9);
  std::vector<std::vector<double>> busy(3);
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    Engine seeds(seed);
    OpenSourceDef source{.profile = RateProfile::constant(rate), .flow = read_flow, .target = 1};
    auto rig =
        make_rig(def, std::make_unique<OpenSource>("client", source, seeds.stream("client")), {}, {}, seed);
    rig->engine.run_until(from_s(0.2));
    rig->engine.reset_statistics();
    rig->engine.run_until(from_s(2.2));
    for (std::uint32_t r = 0; r < 3; ++r)
      busy[r].push_back(rig->db->utilization(r, rig->engine.now()) * def.connections);
  }
  for (std::uint32_t r = 0; r < 3; ++r) {
    Estimate e = estimate_mean(busy[r]);
    INFO("replica " << r << ": " << e.mean << " ± " << e.half_width);
    CHECK(e.contains(rate * mean_s));
    CHECK(e.half_width < 0.05 * rate * mean_s);
  }
}

TEST_CASE("A read returns the newest of its first R answers, judged against the writes committed before it",
          "[quorum_database]") {
  // One key. Replicas 1 and 2 are down for the write at 0 ms, which only replica 0 applies (2 ms, W = 1);
  // replica 0 is down for the read at 10 ms, whose R = 2 answers (11 ms) both hold the initial value.
  QuorumDatabaseDef def = cluster(3, 2, 1);
  def.read_repair = true;
  auto rig = scripted_rig(def, {{0, write_flow, 7},
                                {from_ms(10), read_flow, 7},
                                {from_ms(20), read_flow, 7},
                                {from_ms(30), read_flow, 7},
                                {from_ms(40), write_flow, 7},
                                {from_ms(40.5), read_flow, 7}});
  ReadLog log;
  rig->engine.add_observer(log);
  Engine& engine = rig->engine;
  rig->db->set_replica_up(engine, 1, false);
  rig->db->set_replica_up(engine, 2, false);
  engine.run_until(from_ms(5));
  rig->db->set_replica_up(engine, 1, true);
  rig->db->set_replica_up(engine, 2, true);
  rig->db->set_replica_up(engine, 0, false);
  engine.run_until(from_ms(15));
  REQUIRE(log.reads.size() == 1);
  CHECK(log.reads[0].stale);
  CHECK(log.reads[0].version == 0);
  CHECK(log.reads[0].age == from_ms(9));
  CHECK(log.reads[0].versions_behind == 1);
  CHECK(rig->db->repairs() == 0);  // both answers agreed
  SECTION("with replica 0 back, its answer comes first and is the read's; the other answerer is repaired") {
    rig->db->set_replica_up(engine, 0, true);
    engine.run_until(from_ms(25));
    REQUIRE(log.reads.size() == 2);
    CHECK_FALSE(log.reads[1].stale);
    CHECK(log.reads[1].version == 1);
    CHECK(rig->db->repairs() == 1);
    CHECK(rig->db->versions().latest(7) == 1);
    engine.run_until(from_ms(35));
    CHECK(rig->db->repairs() == 1);  // replicas 0 and 1 now agree
  }
}
