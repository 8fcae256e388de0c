#include "sim/blocks/relational_database.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/blocks/closed_source.hpp"
#include "sim/core/engine.hpp"
#include "sim/metrics/consistency.hpp"

using namespace sdsim;

namespace {

constexpr FlowId read_flow = 0;
constexpr std::uint32_t first_writer = 0;  // the writer's instance before any failover
constexpr FlowId write_flow = 1;

// Emits one request at each scripted time, of the read or the write flow, and remembers how each ended.
class ScriptedSource final : public Block {
 public:
  static constexpr std::uint64_t own_index = ~std::uint64_t{0};
  struct Shot {
    SimTime at;
    FlowId flow;
    std::uint64_t key = own_index;  // the request's key; by default the shot's index in the script
  };
  explicit ScriptedSource(std::vector<Shot> shots) : Block("script"), shots_(std::move(shots)) {}
  void start(Engine& engine) override {
    for (std::size_t i = 0; i < shots_.size(); ++i)
      engine.schedule(shots_[i].at, id(), 0, static_cast<std::uint32_t>(i));
  }
  void on_event(Engine& engine, const Event& e) override {
    const std::uint64_t key = shots_[e.arg].key == own_index ? e.arg : shots_[e.arg].key;
    engine.start_request(id(), shots_[e.arg].flow, e.arg, 1, key);
  }
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override {
    const Request& r = engine.request(id);
    ends.push_back({engine.now() - r.created, outcome, r.user});
  }
  BlockCounters counters(SimTime) const override { return {}; }

  struct End {
    SimTime latency;
    Outcome outcome;
    std::uint32_t shot;  // index in the script
  };
  std::vector<End> ends;

 private:
  std::vector<Shot> shots_;
};

// Flow 0 asks the database (block 1) to `read_op`, flow 1 to `write_op`.
CallPlan plan_of(Operation read_op, Operation write_op) {
  CallPlan plan;
  CallNode node;
  node.block = 1;
  node.operation = read_op;
  plan.nodes.push_back(node);
  node.operation = write_op;
  plan.nodes.push_back(node);
  plan.flow_roots = {0, 1};
  return plan;
}

struct Rig {
  Engine engine{11};
  RelationalDatabase* db = nullptr;
  ScriptedSource* script = nullptr;
};

std::unique_ptr<Rig> make_rig(RelationalDatabaseDef def, std::vector<ScriptedSource::Shot> shots,
                              Operation read_op = Operation::read, Operation write_op = Operation::write,
                              Network network = {}, Observer* observer = nullptr) {
  auto rig = std::make_unique<Rig>();
  if (observer) rig->engine.add_observer(*observer);
  auto script = std::make_unique<ScriptedSource>(std::move(shots));
  rig->script = script.get();
  rig->engine.add_block(std::move(script));
  auto db = std::make_unique<RelationalDatabase>("db", std::move(def), rig->engine.stream("db/service"));
  rig->db = db.get();
  rig->engine.add_block(std::move(db));
  rig->engine.set_call_plan(plan_of(read_op, write_op));
  if (!network.empty()) rig->engine.set_network(std::move(network));
  rig->engine.start();
  return rig;
}

// `reads` reads and `writes` writes interleaved (a write after every reads/writes reads), `gap` apart.
std::vector<ScriptedSource::Shot> mix(std::size_t reads, std::size_t writes, SimTime gap) {
  std::vector<ScriptedSource::Shot> out;
  std::size_t every = writes == 0 ? reads + 1 : reads / writes + 1;
  for (std::size_t i = 0; i < reads + writes; ++i) {
    FlowId flow = (i % every == every - 1) ? write_flow : read_flow;
    out.push_back({static_cast<SimTime>(i) * gap, flow});
  }
  return out;
}

RelationalDatabaseDef cluster(std::uint32_t replicas, double service_ms) {
  RelationalDatabaseDef def;
  def.read_replicas = replicas;
  def.connections = 2;
  def.read_time = Distribution::constant(service_ms * 1e6);
  def.write_time = Distribution::constant(service_ms * 1e6);
  return def;
}

}  // namespace

TEST_CASE("Writes all land on the writer and reads go round robin over the replicas",
          "[relational_database]") {
  auto rig = make_rig(cluster(3, 0.1), mix(30, 10, from_ms(1)));
  rig->engine.run_until(from_s(1));
  const RelationalDatabase& db = *rig->db;
  REQUIRE(db.instance_count() == 4);
  CHECK(db.writes(first_writer) == 10);
  CHECK(db.reads(first_writer) == 0);
  for (std::uint32_t r = 1; r <= 3; ++r) {
    INFO("replica " << r);
    CHECK(db.reads(r) == 10);
    CHECK(db.writes(r) == 0);
  }
  REQUIRE(rig->script->ends.size() == 40);
  for (const auto& end : rig->script->ends)
    CHECK(end.outcome == Outcome::completed);
  CHECK(db.counters(rig->engine.now()).completions == 40);
  CHECK(db.counters(rig->engine.now()).servers == 8);
}

TEST_CASE("Every operation is a read or a write", "[relational_database]") {
  for (Operation op : {Operation::write, Operation::set, Operation::remove, Operation::send})
    CHECK(RelationalDatabase::is_write(op));
  for (Operation op : {Operation::read, Operation::get, Operation::query, Operation::call})
    CHECK_FALSE(RelationalDatabase::is_write(op));
  // get and set are read and write too.
  auto rig = make_rig(cluster(2, 0.1), mix(4, 2, from_ms(1)), Operation::query, Operation::set);
  rig->engine.run_until(from_s(1));
  CHECK(rig->db->writes(first_writer) == 2);
  CHECK(rig->db->reads(1) == 2);
  CHECK(rig->db->reads(2) == 2);
}

TEST_CASE("Reads are served by the writer without replicas or when routed there", "[relational_database]") {
  SECTION("no replicas") {
    auto rig = make_rig(cluster(0, 0.1), mix(6, 2, from_ms(1)));
    rig->engine.run_until(from_s(1));
    CHECK(rig->db->instance_count() == 1);
    CHECK(rig->db->reads(first_writer) == 6);
    CHECK(rig->db->writes(first_writer) == 2);
  }
  SECTION("read routing to the writer") {
    RelationalDatabaseDef def = cluster(2, 0.1);
    def.read_routing = ReadRouting::writer;
    auto rig = make_rig(def, mix(6, 2, from_ms(1)));
    rig->engine.run_until(from_s(1));
    CHECK(rig->db->reads(first_writer) == 6);
    CHECK(rig->db->reads(1) + rig->db->reads(2) == 0);
  }
}

TEST_CASE("A full waiting line refuses: too many connections", "[relational_database]") {
  SECTION("with waiting places") {
    RelationalDatabaseDef def = cluster(0, 10);  // 2 connections, 10 ms per query
    def.queue_capacity = 1;
    auto rig = make_rig(def, mix(5, 0, 0));
    rig->engine.run_until(from_s(1));
    const RelationalDatabase& db = *rig->db;
    CHECK(db.rejections(first_writer) == 2);
    CHECK(db.counters(rig->engine.now()).rejections == 2);
    std::vector<SimTime> served;
    int refused = 0;
    for (const auto& end : rig->script->ends) {
      if (end.outcome == Outcome::rejected) {
        ++refused;
        CHECK(end.latency == 0);
      } else {
        served.push_back(end.latency);
      }
    }
    CHECK(refused == 2);
    CHECK(served == std::vector<SimTime>{from_ms(10), from_ms(10), from_ms(20)});
  }
  SECTION("by default a query beyond the connections is refused at once") {
    RelationalDatabaseDef def = cluster(1, 10);
    auto rig = make_rig(def, mix(3, 0, 0));
    rig->engine.run_until(from_s(1));
    CHECK(rig->db->reads(1) == 3);
    CHECK(rig->db->rejections(1) == 1);
    CHECK(rig->db->rejections(first_writer) == 0);
  }
}

TEST_CASE("Each instance reports its own utilization", "[relational_database]") {
  // One read and one write every 4 ms of 1 ms each, on 2 connections: the writer and the one replica are
  // each busy a quarter of the time on one of their two connections.
  RelationalDatabaseDef def = cluster(1, 1);
  std::vector<ScriptedSource::Shot> shots;
  for (int i = 0; i < 250; ++i) {
    shots.push_back({from_ms(4.0 * i), read_flow});
    shots.push_back({from_ms(4.0 * i), write_flow});
  }
  auto rig = make_rig(def, shots);
  rig->engine.run_until(from_s(1));
  CHECK(rig->db->utilization(first_writer, rig->engine.now()) == Approx(0.125));
  CHECK(rig->db->utilization(1, rig->engine.now()) == Approx(0.125));
  CHECK(rig->db->outstanding(1) == 0);
  rig->engine.reset_statistics();
  CHECK(rig->db->reads(1) == 0);
  CHECK(rig->db->writes(first_writer) == 0);
}

namespace {

// A read and a write every millisecond from 0 to `last_ms`: shot 2i reads and shot 2i + 1 writes at i ms.
std::vector<ScriptedSource::Shot> every_ms(int last_ms) {
  std::vector<ScriptedSource::Shot> out;
  for (int i = 0; i <= last_ms; ++i) {
    out.push_back({from_ms(i), read_flow});
    out.push_back({from_ms(i), write_flow});
  }
  return out;
}

// Clients in zone 0; zones 1, 2 and 3 are 1, 3 and 5 ms away from them and 0.5 ms from each other.
Network three_zones(BlockId db) {
  std::vector<std::vector<SimTime>> latency(4, std::vector<SimTime>(4, from_ms(0.5)));
  for (ZoneId z = 0; z < 4; ++z)
    latency[z][z] = 0;
  for (ZoneId z = 1; z < 4; ++z)
    latency[0][z] = latency[z][0] = from_ms(2 * z - 1);
  Network network(std::move(latency));
  network.place(db, {1, 2, 3});
  return network;
}

}  // namespace

TEST_CASE("Aurora failover: writes are refused for exactly failover_s, then the first replica writes",
          "[relational_database][failover]") {
  // Reads take 0.1 ms, writes 1.6 ms on 2 connections: at 100.5 ms the writes of 99 and 100 ms are being
  // served, and die with the writer.
  RelationalDatabaseDef def = cluster(2, 0.1);
  def.write_time = Distribution::constant(1.6e6);
  def.failover = from_ms(50);
  auto rig = make_rig(def, every_ms(300));
  rig->engine.run_until(from_ms(100.5));
  RelationalDatabase& db = *rig->db;
  REQUIRE(db.fail_writer(rig->engine));
  REQUIRE(db.failing_over());
  REQUIRE_FALSE(db.fail_writer(rig->engine));  // one failover at a time
  rig->engine.run_until(from_s(1));

  REQUIRE(rig->script->ends.size() == 602);
  int refused_writes = 0;
  for (const auto& end : rig->script->ends) {
    int ms = static_cast<int>(end.shot / 2);
    INFO("shot " << end.shot << " at " << ms << " ms");
    if (end.shot % 2 == 0) {
      CHECK(end.outcome == Outcome::completed);  // the replicas keep serving reads
      continue;
    }
    bool in_service = ms == 99 || ms == 100;
    bool during_failover = ms >= 101 && ms <= 150;  // arrived in [100.5 ms, 150.5 ms)
    CHECK((end.outcome == Outcome::unavailable) == (in_service || during_failover));
    if (end.outcome != Outcome::unavailable) continue;
    ++refused_writes;
    CHECK(end.latency == (in_service ? from_ms(100.5) - from_ms(ms) : 0));
  }
  CHECK(refused_writes == 52);
  CHECK(db.writes_refused_in_failover() == 50);
  CHECK(db.failed_with_writer() == 2);
  CHECK_FALSE(db.failing_over());
  CHECK(db.failovers() == 1);
  // The first replica was promoted: it takes the writes from 151 ms on and leaves the read rotation.
  CHECK(db.writer() == 1);
  CHECK(db.replicas() == std::vector<std::uint32_t>{2});
  CHECK(db.writes(first_writer) == 151);
  CHECK(db.writes(1) == 150);
  CHECK(db.reads(1) == 76);  // the even milliseconds 0 to 150, round robin with replica 2
  CHECK(db.reads(2) == 301 - 76);
  CHECK(db.counters(rig->engine.now()).servers == 4);
}

TEST_CASE("Aurora without a replica recreates the writer: reads and writes wait out recovery_s",
          "[relational_database][failover]") {
  RelationalDatabaseDef def = cluster(0, 0.1);
  def.failover = from_ms(50);
  def.recovery = from_ms(200);
  auto rig = make_rig(def, every_ms(500));
  rig->engine.run_until(from_ms(100.5));
  RelationalDatabase& db = *rig->db;
  REQUIRE(db.fail_writer(rig->engine));
  rig->engine.run_until(from_s(1));
  // Everything sent in [100.5 ms, 300.5 ms) goes to the failed writer, reads included.
  CHECK(db.writes_refused_in_failover() == 200);
  CHECK(db.reads_refused_in_failover() == 200);
  CHECK(db.failed_with_writer() == 0);
  for (const auto& end : rig->script->ends) {
    int ms = static_cast<int>(end.shot / 2);
    INFO("shot " << end.shot);
    CHECK((end.outcome == Outcome::unavailable) == (ms >= 101 && ms <= 300));
  }
  CHECK(db.instance_count() == 2);
  CHECK(db.writer() == 1);
  CHECK(db.replica_count() == 0);
  CHECK(db.writes(1) == 200);
  CHECK(db.reads(1) == 200);
}

TEST_CASE("Instances sit in the placement zones and a query travels to its instance's zone",
          "[relational_database][failover]") {
  SECTION("the writer in the first zone, replicas round robin after it") {
    std::vector<std::vector<SimTime>> latency(3, std::vector<SimTime>(3, 0));
    Network network(std::move(latency));
    network.place(1, {1, 2});
    auto rig = make_rig(cluster(3, 0.1), {}, Operation::read, Operation::write, std::move(network));
    CHECK(rig->db->instance_zone(0) == 1);
    CHECK(rig->db->instance_zone(1) == 2);
    CHECK(rig->db->instance_zone(2) == 1);
    CHECK(rig->db->instance_zone(3) == 2);
  }
  SECTION("an RDS Multi-AZ standby takes over in its own zone and the replicas stay") {
    RelationalDatabaseDef def = cluster(1, 0.1);
    def.failover_target = FailoverTarget::standby;
    def.failover = from_ms(50);
    auto rig = make_rig(def, every_ms(300), Operation::read, Operation::write, three_zones(1));
    RelationalDatabase& db = *rig->db;
    CHECK(db.instance_zone(first_writer) == 1);
    CHECK(db.instance_zone(1) == 2);
    rig->engine.run_until(from_ms(100.5));
    REQUIRE(db.fail_writer(rig->engine));
    rig->engine.run_until(from_s(1));
    CHECK(db.writer() == 2);  // the standby, a new instance
    CHECK(db.instance_zone(db.writer()) == 2);
    CHECK(db.replica_count() == 1);
    for (const auto& end : rig->script->ends) {
      int ms = static_cast<int>(end.shot / 2);
      INFO("shot " << end.shot);
      if (end.shot % 2 == 0) {
        CHECK(end.latency == from_ms(2 * 3 + 0.1));  // the replica in zone 2, 3 ms away
      } else if (ms < 98) {
        CHECK(end.latency == from_ms(2 * 1 + 0.1));  // the first writer in zone 1
      } else if (ms > 160) {
        CHECK(end.latency == from_ms(2 * 3 + 0.1));  // the standby in zone 2
      }
    }
  }
}

TEST_CASE("Failover presets: Aurora promotes a replica in 30 s, RDS Multi-AZ its standby in 120 s",
          "[relational_database][failover]") {
  RelationalDatabaseDef def;
  CHECK(def.failover_target == FailoverTarget::replica);
  CHECK(def.failover == from_s(30));
  CHECK(def.recovery == from_s(900));
  CHECK(failover_target_named("standby") == FailoverTarget::standby);
  CHECK_FALSE(failover_target_named("promote").has_value());
}

namespace {

// Writes only, as a Poisson stream of `rate_per_s` over [0, `until`).
std::vector<ScriptedSource::Shot> poisson_writes(double rate_per_s, SimTime until, std::uint64_t seed) {
  std::vector<ScriptedSource::Shot> out;
  Rng rng(seed);
  const Distribution gap = Distribution::exponential(1e9 / rate_per_s);
  for (SimTime t = gap.sample(rng); t < until; t += gap.sample(rng))
    out.push_back({t, write_flow});
  return out;
}

// Fails the writer at 1 s, 2 s, ... `failures` s (each failover lasting 100 ms), then runs to the end.
void fail_every_second(Rig& rig, int failures) {
  for (int k = 1; k <= failures; ++k) {
    rig.engine.run_until(from_s(k));
    REQUIRE(rig.db->fail_writer(rig.engine));
  }
  rig.engine.run_until(from_s(failures + 1));
}

// Every judged read, as the engine reports it.
class ReadLog final : public Observer {
 public:
  std::uint32_t interests() const override { return interest_reads; }
  void on_read(const ReadRecord& r) override { reads.push_back(r); }
  std::vector<ReadRecord> reads;
};

}  // namespace

TEST_CASE("Promoting an asynchronous replica loses the writes acknowledged within its lag, w x L on average",
          "[relational_database][failover][rpo]") {
  // Writes at w = 2000/s hold a connection 1 ms; a constant lag L = 50 ms. The writes acknowledged in
  // (t - L, t] before a failure at t are those that arrived in (t - L - 1 ms, t - 1 ms]: a Poisson count of
  // mean w L = 100 per failover (the writes still in service at t fail instead of being lost).
  const double w = 2000;
  const SimTime lag = from_ms(50);
  const SimTime service = from_ms(1);
  const int failures = 12;
  RelationalDatabaseDef def;
  def.read_replicas = 15;
  def.failover_target = FailoverTarget::async_replica;
  def.replica_lag = Distribution::constant(static_cast<double>(lag));
  def.write_time = Distribution::constant(static_cast<double>(service));
  def.failover = from_ms(100);
  auto shots = poisson_writes(w, from_s(failures + 1), 1);
  auto rig = make_rig(def, shots);
  fail_every_second(*rig, failures);
  const RelationalDatabase& db = *rig->db;

  // Exactly the writes acknowledged in each failure's lag window, counted from the script.
  std::uint64_t expected = 0;
  REQUIRE(db.writer_failures().size() == failures);
  for (int k = 1; k <= failures; ++k) {
    const SimTime t = from_s(k);
    std::uint64_t in_window = 0;
    for (const auto& shot : shots) {
      const SimTime ack = shot.at + service;
      if (ack > t - lag && ack <= t) ++in_window;
    }
    const WriterFailure& failure = db.writer_failures()[static_cast<std::size_t>(k - 1)];
    INFO("failure at " << k << " s");
    CHECK(failure.at == t);
    CHECK(failure.lag == lag);
    CHECK(failure.writes_lost == in_window);
    expected += in_window;
  }
  CHECK(db.writes_lost() == expected);
  CHECK(db.counters(rig->engine.now()).writes_lost == expected);

  // The total is Poisson with mean n w L = 1200: within its 99% interval, 2.576 standard deviations.
  const double mean = failures * w * to_s(lag);
  INFO("writes lost " << expected << ", expected " << mean);
  CHECK(std::abs(static_cast<double>(expected) - mean) <= 2.576 * std::sqrt(mean));
  // Only the last lag's acknowledgements are kept, not every write.
  CHECK(db.recent_writes_held() <= 3 * static_cast<std::size_t>(w * to_s(lag)));
  CHECK(shots.size() > 20 * db.recent_writes_held());
}

TEST_CASE("Aurora and RDS Multi-AZ failovers lose no acknowledged write (RPO 0)",
          "[relational_database][failover][rpo]") {
  for (FailoverTarget target : {FailoverTarget::replica, FailoverTarget::standby}) {
    INFO("failover target " << static_cast<int>(target));
    RelationalDatabaseDef def;
    def.read_replicas = 15;
    def.failover_target = target;
    def.write_time = Distribution::constant(1e6);
    def.failover = from_ms(100);
    auto rig = make_rig(def, poisson_writes(2000, from_s(5), 7));
    fail_every_second(*rig, 4);
    CHECK(rig->db->writer_failures().size() == 4);
    for (const WriterFailure& f : rig->db->writer_failures()) {
      CHECK(f.writes_lost == 0);
      CHECK(f.lag == 0);
    }
    CHECK(rig->db->writes_lost() == 0);
    CHECK(rig->db->recent_writes_held() == 0);
    CHECK(rig->db->failovers() == 4);
  }
}

TEST_CASE("An asynchronous replica setup without a replica recreates the writer and loses nothing",
          "[relational_database][failover][rpo]") {
  RelationalDatabaseDef def;
  def.read_replicas = 0;
  def.failover_target = FailoverTarget::async_replica;
  def.write_time = Distribution::constant(1e6);
  def.failover = from_ms(100);
  def.recovery = from_ms(200);
  auto rig = make_rig(def, poisson_writes(2000, from_s(3), 9));
  fail_every_second(*rig, 2);
  CHECK(rig->db->writes_lost() == 0);
  CHECK(rig->db->writer_failures().size() == 2);
  CHECK(failover_target_named("async_replica") == FailoverTarget::async_replica);
}

TEST_CASE("Judged, a promoted asynchronous replica loses the writes it had not applied, and they read stale",
          "[relational_database][failover][rpo]") {
  // Writes to distinct rows at 2000/s, 1 ms each, reach each replica a constant L = 50 ms after their
  // commit. A failure at 1 s loses exactly the writes acknowledged in (1 s - L, 1 s], as without judging.
  // After the failover the new writer serves the promoted replica's rows: a lost row reads its old version
  // (one version behind) until it is written again; every other row reads fresh.
  const SimTime lag = from_ms(50);
  const SimTime service = from_ms(1);
  const SimTime failure_at = from_s(1);
  RelationalDatabaseDef def;
  def.read_replicas = 2;
  def.failover_target = FailoverTarget::async_replica;
  def.read_routing = ReadRouting::writer;
  def.replica_lag = Distribution::constant(static_cast<double>(lag));
  def.write_time = Distribution::constant(static_cast<double>(service));
  def.read_time = Distribution::constant(static_cast<double>(service));
  def.failover = from_ms(100);
  auto shots = poisson_writes(2000, failure_at, 5);
  const std::size_t writes = shots.size();
  std::vector<bool> lost(writes, false);
  std::uint64_t expected = 0;
  SimTime oldest_lost = failure_at;
  for (std::size_t i = 0; i < writes; ++i) {
    const SimTime ack = shots[i].at + service;
    lost[i] = ack > failure_at - lag && ack <= failure_at;
    if (lost[i]) {
      ++expected;
      oldest_lost = std::min(oldest_lost, ack);
    }
  }
  REQUIRE(expected > 50);
  // Every row read back after the failover, then the first lost row written again and read.
  std::uint64_t rewritten = writes;
  for (std::size_t i = 0; i < writes; ++i) {
    shots.push_back({from_ms(1200) + static_cast<SimTime>(i) * from_ms(0.1), read_flow, i});
    if (lost[i] && rewritten == writes) rewritten = i;
  }
  shots.push_back({from_ms(1500), write_flow, rewritten});
  shots.push_back({from_ms(1600), read_flow, rewritten});
  ReadLog log;
  auto rig = make_rig(def, shots, Operation::read, Operation::write, {}, &log);
  rig->engine.run_until(failure_at);
  REQUIRE(rig->db->fail_writer(rig->engine));
  rig->engine.run_until(from_s(2));
  const RelationalDatabase& db = *rig->db;

  REQUIRE(db.writer_failures().size() == 1);
  CHECK(db.writer_failures()[0].writes_lost == expected);
  CHECK(db.writes_lost() == expected);
  CHECK(db.writer_failures()[0].lag == failure_at - oldest_lost);
  CHECK(db.writer_failures()[0].lag <= lag);
  CHECK(db.writer() == 1);  // the first replica, promoted

  REQUIRE(log.reads.size() == writes + 1);
  std::uint64_t stale = 0;
  for (std::size_t i = 0; i < writes; ++i) {
    const ReadRecord& r = log.reads[i];
    INFO("row " << r.key);
    REQUIRE(r.key < writes);
    CHECK(r.stale == lost[r.key]);
    // A write still in service at the failure failed: its row was never written.
    const bool written = shots[r.key].at + service <= failure_at && !lost[r.key];
    CHECK(r.version == (written ? 1u : 0u));
    if (lost[r.key]) {
      ++stale;
      CHECK(r.versions_behind == 1);
      CHECK(r.age == r.time - (shots[r.key].at + service));
    }
  }
  CHECK(stale == expected);
  // Written again at the new writer, the row reads its newest version: the lost one is superseded.
  const ReadRecord& again = log.reads.back();
  CHECK(again.key == rewritten);
  CHECK_FALSE(again.stale);
  CHECK(again.version == 2);
}

namespace {

// Keeps reads judged (the database tracks its rows' versions only then).
class Judging final : public Observer {
 public:
  std::uint32_t interests() const override { return interest_reads; }
};

struct LagSample {
  double mean_ms = 0;
  double standard_error_ms = 0;
  double replica_utilization = 0;
  std::size_t writes = 0;
};

// Writes at 100/s to distinct rows, and reads at `reads_per_s` (exponential 1 ms each) at the one replica
// of 8 connections, for 65 s; the statistics restart at 5 s. The lag of each write committed after that is
// read back from the versions: when the replica applies it, less its commit.
LagSample replica_lag_under(double reads_per_s, LagUnderLoad model) {
  RelationalDatabaseDef def;
  def.read_replicas = 1;
  def.connections = 8;
  def.queue_capacity = 1'000'000;
  def.read_time = Distribution::exponential(1e6);
  def.write_time = Distribution::constant(1e5);
  def.replication_lag = Distribution::exponential(20e6);
  def.lag_under_load = model;
  const SimTime warmup = from_s(5);
  const SimTime end = from_s(65);
  std::vector<ScriptedSource::Shot> shots = poisson_writes(100, end, 7);
  const std::size_t writes = shots.size();
  Rng rng(9);
  const Distribution gap = Distribution::exponential(1e9 / reads_per_s);
  for (SimTime t = gap.sample(rng); t < end; t += gap.sample(rng))
    shots.push_back({t, read_flow});
  std::sort(shots.begin(), shots.end(),
            [](const ScriptedSource::Shot& a, const ScriptedSource::Shot& b) { return a.at < b.at; });
  // Each shot's key is its index, so the writes' rows are distinct; remember which those are.
  std::vector<std::uint64_t> written;
  for (std::size_t i = 0; i < shots.size(); ++i) {
    if (shots[i].flow == write_flow) written.push_back(i);
  }
  REQUIRE(written.size() == writes);
  Judging judging;
  auto rig = make_rig(def, shots, Operation::read, Operation::write, {}, &judging);
  rig->engine.run_until(warmup);
  rig->engine.reset_statistics();
  rig->engine.run_until(end);
  const Versions& versions = rig->db->versions();
  double sum = 0, sum_sq = 0;
  LagSample out;
  for (std::uint64_t key : written) {
    const SimTime commit = versions.latest_commit(key);
    if (commit < warmup) continue;
    const double lag_ms = to_ms(versions.newest_applied_at(key, 1) - commit);
    sum += lag_ms;
    sum_sq += lag_ms * lag_ms;
    ++out.writes;
  }
  const double n = static_cast<double>(out.writes);
  out.mean_ms = sum / n;
  out.standard_error_ms = std::sqrt((sum_sq / n - out.mean_ms * out.mean_ms) / (n - 1));
  out.replica_utilization = rig->db->utilization(1, end);
  return out;
}

}  // namespace

TEST_CASE("A busy replica applies the log more slowly: its lag stretches by 1 / (1 - utilization)",
          "[relational_database][consistency]") {
  // Processor sharing (M/G/1-PS): work needing x alone takes x / (1 - rho) at utilization rho. The lags are
  // exponential of mean L = 20 ms, so the mean lag is L / (1 - rho) (the smoothed utilization varies little
  // over 1 s at thousands of queries a second); checked within a 99% interval of the mean of ~6000 lags.
  constexpr double lag_ms = 20;
  constexpr double z = 2.576;  // two-sided 99%
  SECTION("at a low load the lag is the configured one") {
    const LagSample s = replica_lag_under(40, LagUnderLoad::processor_sharing);
    INFO("mean lag " << s.mean_ms << " ms ± " << z * s.standard_error_ms << ", utilization "
                     << s.replica_utilization);
    REQUIRE(s.writes > 5000);
    CHECK(s.replica_utilization < 0.01);
    CHECK(std::abs(s.mean_ms - lag_ms) <= z * s.standard_error_ms);
  }
  SECTION("at 75% utilization the mean lag is four times the configured one") {
    const LagSample s = replica_lag_under(6000, LagUnderLoad::processor_sharing);
    const double predicted = lag_ms * RelationalDatabase::lag_stretch(s.replica_utilization);
    INFO("mean lag " << s.mean_ms << " ms ± " << z * s.standard_error_ms << ", utilization "
                     << s.replica_utilization << ", predicted " << predicted << " ms");
    REQUIRE(s.writes > 5000);
    CHECK(std::abs(s.replica_utilization - 0.75) < 0.02);
    CHECK(std::abs(s.mean_ms - predicted) <= z * s.standard_error_ms);
  }
  SECTION("without the load model the lag ignores the load") {
    const LagSample s = replica_lag_under(6000, LagUnderLoad::none);
    INFO("mean lag " << s.mean_ms << " ms ± " << z * s.standard_error_ms);
    CHECK(std::abs(s.mean_ms - lag_ms) <= z * s.standard_error_ms);
  }
  SECTION("the stretch is 1 / (1 - u), capped at 100") {
    CHECK(RelationalDatabase::lag_stretch(0) == 1);
    CHECK(RelationalDatabase::lag_stretch(0.5) == Approx(2));
    CHECK(RelationalDatabase::lag_stretch(0.999) == Approx(100));
  }
}

namespace {

struct SessionRun {
  ConsistencyFigures<double> reads;  // the database's
  std::vector<std::uint64_t> replica_reads;
  std::uint64_t writer_reads = 0;
  std::uint64_t session_reads_at_writer = 0;
};

// 50 closed-loop users over 5 rows, each request a read (80%) or a write (20%) an exponential 20 ms after the
// last answer; 3 replicas lag an exponential 20 ms behind the writer, so a user often reads a row it wrote
// moments before, and a row read at one replica may be older at the next.
SessionRun run_sessions(SessionReads session) {
  Engine engine(17);
  ConsistencyMetrics metrics({"get", "put"}, {"users", "db"}, {true, false});
  engine.add_observer(metrics);
  ClosedSourceDef users;
  users.users = 50;
  users.think = Distribution::exponential(20e6);
  users.keys = KeySampler::uniform(5);
  users.mix.flows = {{read_flow, 1, 0.8}, {write_flow, 1, 0.2}};
  engine.add_block(std::make_unique<ClosedSource>("users", users, Rng(8), Rng(9), Rng(10)));
  RelationalDatabaseDef def;
  def.read_replicas = 3;
  def.read_time = Distribution::constant(1e6);
  def.write_time = Distribution::constant(1e6);
  def.replication_lag = Distribution::exponential(20e6);
  def.session = session;
  auto db = std::make_unique<RelationalDatabase>("db", def, Rng(11));
  RelationalDatabase& table = *db;
  engine.add_block(std::move(db));
  engine.set_call_plan(plan_of(Operation::read, Operation::write));
  engine.start();
  engine.run_until(from_s(10));
  SessionRun out;
  out.reads = metrics.block_figures().at(1);
  for (std::uint32_t r : table.replicas())
    out.replica_reads.push_back(table.reads(r));
  out.writer_reads = table.reads(table.writer());
  out.session_reads_at_writer = table.session_reads_at_writer();
  return out;
}

}  // namespace

TEST_CASE("Sticky sessions read their own writes and never go back in time, reads still spread",
          "[relational_database][consistency][sessions]") {
  SECTION("round robin reads break read-your-writes and monotonic reads") {
    const SessionRun r = run_sessions(SessionReads::any);
    REQUIRE(r.reads.session_reads > 10'000);
    CHECK(r.reads.read_your_writes_violations > 100);
    CHECK(r.reads.monotonic_read_violations > 100);
    CHECK(r.writer_reads == 0);
  }
  SECTION("sticky reads violate neither, and most still go to the replicas, each its share") {
    const SessionRun r = run_sessions(SessionReads::sticky);
    REQUIRE(r.reads.session_reads > 10'000);
    CHECK(r.reads.read_your_writes_violations == 0);
    CHECK(r.reads.monotonic_read_violations == 0);
    CHECK(r.session_reads_at_writer == r.writer_reads);
    // The writer serves the reads that came too soon after a write (or a read there) for the replica.
    CHECK(r.writer_reads > 0);
    CHECK(static_cast<double>(r.writer_reads) < 0.5 * r.reads.session_reads);
    REQUIRE(r.replica_reads.size() == 3);
    for (std::uint64_t n : r.replica_reads) {
      INFO(n << " of " << r.reads.session_reads << " reads at one replica, " << r.writer_reads
             << " at the writer");
      // 50 users pinned round robin: 17, 17 and 16 per replica.
      CHECK(static_cast<double>(n) > 0.15 * r.reads.session_reads);
    }
  }
}
