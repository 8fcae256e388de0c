#include "sim/blocks/relational_database.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "sim/core/engine.hpp"

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
  };
  explicit ScriptedSource(std::vector<Shot> shots) : Block("script"), shots_(std::move(shots)) {}
  void start(Engine& engine) override {
    for (std::size_t i = 0; i < shots_.size(); ++i)
      engine.schedule(shots_[i].at, id(), 0, static_cast<std::uint32_t>(i));
  }
  void on_event(Engine& engine, const Event& e) override {
    engine.start_request(id(), shots_[e.arg].flow, e.arg, 1, e.arg);
  }
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override {
    ends.push_back({engine.now() - engine.request(id).created, outcome});
  }
  BlockCounters counters(SimTime) const override { return {}; }

  struct End {
    SimTime latency;
    Outcome outcome;
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
                              Operation read_op = Operation::read, Operation write_op = Operation::write) {
  auto rig = std::make_unique<Rig>();
  auto script = std::make_unique<ScriptedSource>(std::move(shots));
  rig->script = script.get();
  rig->engine.add_block(std::move(script));
  auto db = std::make_unique<RelationalDatabase>("db", std::move(def), rig->engine.stream("db/service"));
  rig->db = db.get();
  rig->engine.add_block(std::move(db));
  rig->engine.set_call_plan(plan_of(read_op, write_op));
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
  CHECK(db.writes(RelationalDatabase::writer) == 10);
  CHECK(db.reads(RelationalDatabase::writer) == 0);
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
  CHECK(rig->db->writes(RelationalDatabase::writer) == 2);
  CHECK(rig->db->reads(1) == 2);
  CHECK(rig->db->reads(2) == 2);
}

TEST_CASE("Reads are served by the writer without replicas or when routed there", "[relational_database]") {
  SECTION("no replicas") {
    auto rig = make_rig(cluster(0, 0.1), mix(6, 2, from_ms(1)));
    rig->engine.run_until(from_s(1));
    CHECK(rig->db->instance_count() == 1);
    CHECK(rig->db->reads(RelationalDatabase::writer) == 6);
    CHECK(rig->db->writes(RelationalDatabase::writer) == 2);
  }
  SECTION("read routing to the writer") {
    RelationalDatabaseDef def = cluster(2, 0.1);
    def.read_routing = ReadRouting::writer;
    auto rig = make_rig(def, mix(6, 2, from_ms(1)));
    rig->engine.run_until(from_s(1));
    CHECK(rig->db->reads(RelationalDatabase::writer) == 6);
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
    CHECK(db.rejections(RelationalDatabase::writer) == 2);
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
    CHECK(rig->db->rejections(RelationalDatabase::writer) == 0);
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
  CHECK(rig->db->utilization(RelationalDatabase::writer, rig->engine.now()) == Approx(0.125));
  CHECK(rig->db->utilization(1, rig->engine.now()) == Approx(0.125));
  CHECK(rig->db->outstanding(1) == 0);
  rig->engine.reset_statistics();
  CHECK(rig->db->reads(1) == 0);
  CHECK(rig->db->writes(RelationalDatabase::writer) == 0);
}
