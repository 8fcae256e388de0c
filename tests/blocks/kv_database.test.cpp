#include "sim/blocks/kv_database.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/blocks/open_source.hpp"
#include "sim/core/engine.hpp"

using namespace sdsim;

namespace {

// Emits one request at each scripted time with its key, and remembers how each ended.
class ScriptedSource final : public Block {
 public:
  struct Shot {
    SimTime at;
    std::uint64_t key;
  };
  ScriptedSource(std::vector<Shot> shots, BlockId target)
      : Block("script"), shots_(std::move(shots)), target_(target) {}
  void start(Engine& engine) override {
    for (std::size_t i = 0; i < shots_.size(); ++i)
      engine.schedule(shots_[i].at, id(), 0, static_cast<std::uint32_t>(i));
  }
  void on_event(Engine& engine, const Event& e) override {
    engine.start_request(id(), 0, e.arg, target_, shots_[e.arg].key);
  }
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override {
    const Request& r = engine.request(id);
    ends.push_back({engine.now() - r.created, outcome});
  }
  BlockCounters counters(SimTime) const override { return {}; }

  struct End {
    SimTime latency;
    Outcome outcome;
  };
  std::vector<End> ends;

 private:
  std::vector<Shot> shots_;
  BlockId target_;
};

// One flow whose only call asks the database (block 1) for `op`.
CallPlan plan_of(Operation op) {
  CallPlan plan;
  CallNode node;
  node.block = 1;
  node.operation = op;
  plan.nodes.push_back(node);
  plan.flow_roots.push_back(0);
  return plan;
}

struct Rig {
  Engine engine{11};
  KvDatabase* db = nullptr;
  ScriptedSource* script = nullptr;
};

// Block 0 is the traffic (a Poisson source or a script), block 1 the database.
std::unique_ptr<Rig> make_rig(KvDatabaseDef def, Operation op, std::unique_ptr<Block> traffic) {
  auto rig = std::make_unique<Rig>();
  rig->engine.add_block(std::move(traffic));
  auto db = std::make_unique<KvDatabase>("db", std::move(def), rig->engine.stream("db/latency"));
  rig->db = db.get();
  rig->engine.add_block(std::move(db));
  rig->engine.set_call_plan(plan_of(op));
  rig->engine.start();
  return rig;
}

std::unique_ptr<Rig> poisson_rig(KvDatabaseDef def, Operation op, double rate_per_s, KeySampler keys) {
  Engine seeds(5);
  OpenSourceDef source{.profile = RateProfile::constant(rate_per_s), .flow = 0, .target = 1, .keys = keys};
  return make_rig(
      std::move(def), op,
      std::make_unique<OpenSource>("client", source, seeds.stream("client"), seeds.stream("client/keys")));
}

std::unique_ptr<Rig> scripted_rig(KvDatabaseDef def, Operation op, std::vector<ScriptedSource::Shot> shots) {
  auto script = std::make_unique<ScriptedSource>(std::move(shots), 1);
  ScriptedSource* raw = script.get();
  auto rig = make_rig(std::move(def), op, std::move(script));
  rig->script = raw;
  return rig;
}

// `count` requests, `gap` apart from time 0, each to key `key` (or key i when `key` is negative).
std::vector<ScriptedSource::Shot> shots(std::size_t count, SimTime gap, std::int64_t key = -1) {
  std::vector<ScriptedSource::Shot> out;
  for (std::size_t i = 0; i < count; ++i) {
    auto k = key < 0 ? static_cast<std::uint64_t>(i) : static_cast<std::uint64_t>(key);
    out.push_back({static_cast<SimTime>(i) * gap, k});
  }
  return out;
}

KvDatabaseDef table(std::uint32_t partitions, double write_units) {
  KvDatabaseDef def;
  def.partitions = partitions;
  def.write_capacity_units = write_units;
  def.latency = Distribution::constant(1e6);
  return def;
}

}  // namespace

TEST_CASE("A hot key throttles at its partition's limit while the table has capacity to spare",
          "[kv_database]") {
  const double rate = 1500;  // writes/s of 1 KB: 1500 WCU/s against a 1000 WCU/s partition
  const double limit = 1000;
  const double window_s = 20;
  auto hot = poisson_rig(table(40, 40000), Operation::write, rate, KeySampler::uniform(1));
  hot->engine.run_until(from_s(5));  // the partition's initial second of banked units is spent by then
  hot->engine.reset_statistics();
  hot->engine.run_until(from_s(5 + window_s));
  const KvDatabase& db = *hot->db;

  // In overload the partition passes exactly `limit` units per second, up to its bucket level at the
  // window's edges (a reflected walk with drift -500/s and variance 1500/s: mean level ~1.5 units); the
  // arrivals N are Poisson(rate T), so 1 - A/N has standard deviation (limit / rate) / sqrt(rate T).
  double n = static_cast<double>(db.writes());
  double throttled = static_cast<double>(db.throttled_writes()) / n;
  double sd = (limit / rate) / std::sqrt(rate * window_s);
  double edge = 10 / n;
  REQUIRE(std::abs(n - rate * window_s) <= 3 * std::sqrt(rate * window_s));
  REQUIRE(std::abs(throttled - (1 - limit / rate)) <= 3 * sd + edge);
  REQUIRE(db.write_utilization(hot->engine.now()) == Approx(limit / 40000).epsilon(0.01));
  REQUIRE(db.write_utilization(hot->engine.now()) < 0.05);
  std::uint32_t hottest = db.hottest_partition();
  REQUIRE(hottest == db.partition_of(0));
  REQUIRE(db.partition_throttles(hottest) == db.throttled_writes());
  REQUIRE(db.counters(hot->engine.now()).rejections == db.throttled_writes());

  // The same load spread over many keys puts 37.5 WCU/s on each partition: nothing throttles.
  auto spread = poisson_rig(table(40, 40000), Operation::write, rate, KeySampler::uniform(1'000'000));
  spread->engine.run_until(from_s(5 + window_s));
  REQUIRE(spread->db->writes() > 0);
  REQUIRE(spread->db->throttled_writes() == 0);
  REQUIRE(spread->db->consumed_write_units() == Approx(static_cast<double>(spread->db->writes())));
}

TEST_CASE("A table out of units throttles even when no partition is hot", "[kv_database]") {
  KvDatabaseDef def = table(4, 50);  // 50 WCU/s for the table: 5 writes of 10 KB
  def.provisioned = true;
  def.item_kb = 10;
  auto burst = shots(6, 0);
  burst.push_back({from_ms(200), 100});  // 0.2 s refills 10 units: one more write
  burst.push_back({from_ms(200), 101});
  auto rig = scripted_rig(def, Operation::write, burst);
  rig->engine.run_until(from_s(1));
  REQUIRE(rig->db->writes() == 8);
  REQUIRE(rig->db->throttled_writes() == 2);
  REQUIRE(rig->db->consumed_write_units() == 60);
}

TEST_CASE("Capacity changed while running refills at the new rate, and is billed as its time average",
          "[kv_database]") {
  KvDatabaseDef def = table(4, 50);  // 50 WCU/s, 1 s of burst: 5 writes of 10 KB at once
  def.provisioned = true;
  def.item_kb = 10;
  std::vector<ScriptedSource::Shot> writes = shots(6, 0);  // 5 pass, 1 throttled
  for (std::uint64_t k = 10; k < 15; ++k)
    writes.push_back({from_ms(600), k});  // 25 banked at 0.5 s, +20 by 0.6 s: 4 pass, 1 throttled
  for (std::uint64_t k = 20; k < 22; ++k)
    writes.push_back({from_ms(850), k});  // 45 banked at 0.8 s, cut to the new 10 of burst: 1 passes
  auto rig = scripted_rig(def, Operation::write, writes);
  rig->engine.run_until(from_ms(500));
  CHECK(rig->db->set_param(rig->engine, "write_capacity_units", ParamValue{200, ""}).empty());
  rig->engine.run_until(from_ms(800));
  CHECK(rig->db->set_param(rig->engine, "write_capacity_units", ParamValue{10, ""}).empty());
  rig->engine.run_until(from_s(1));
  CHECK(rig->db->writes() == 13);
  CHECK(rig->db->throttled_writes() == 3);
  CHECK(rig->db->consumed_write_units() == 100);
  // 50 for 0.5 s, 200 for 0.3 s, 10 for 0.2 s: 87 WCU/s on average.
  CHECK(rig->db->counters(from_s(1)).usage.write_capacity == Approx(87));
  CHECK(rig->db->counters(from_s(1)).usage.read_capacity == Approx(40000));
  CHECK(rig->db->write_utilization(from_s(1)) == Approx(100.0 / 87));
  CHECK_FALSE(rig->db->set_param(rig->engine, "partitions", ParamValue{8, ""}).empty());
}

TEST_CASE("Burst capacity banks table units but never lifts the partition ceiling", "[kv_database]") {
  KvDatabaseDef def = table(4, 50);
  def.provisioned = true;
  def.burst_s = 300;  // 15000 units banked at the start
  def.item_kb = 10;   // 10 WCU per write: a partition passes 100 at once
  auto rig = scripted_rig(def, Operation::write, shots(101, 0, 7));
  rig->engine.run_until(from_s(1));
  REQUIRE(rig->db->throttled_writes() == 1);
  REQUIRE(rig->db->consumed_write_units() == 1000);
}

TEST_CASE("Strongly consistent reads cost twice the units of eventually consistent ones", "[kv_database]") {
  for (double item_kb : {4.0, 6.0, 0.5}) {
    KvDatabaseDef eventual = table(4, 40000);
    eventual.item_kb = item_kb;
    KvDatabaseDef strong = eventual;
    strong.strong_reads = true;
    auto e = scripted_rig(eventual, Operation::read, shots(100, from_ms(1)));
    auto s = scripted_rig(strong, Operation::read, shots(100, from_ms(1)));
    e->engine.run_until(from_s(1));
    s->engine.run_until(from_s(1));
    double blocks = std::ceil(item_kb / 4);
    INFO("item " << item_kb << " KB");
    REQUIRE(e->db->reads() == 100);
    REQUIRE(e->db->throttled_reads() == 0);
    REQUIRE(e->db->consumed_read_units() == 100 * 0.5 * blocks);
    REQUIRE(s->db->consumed_read_units() == 100 * blocks);
    REQUIRE(s->db->consumed_write_units() == 0);
  }
  // get and query read too; set and delete write.
  auto g = scripted_rig(table(4, 40000), Operation::query, shots(3, from_ms(1)));
  g->engine.run_until(from_s(1));
  REQUIRE(g->db->consumed_read_units() == 1.5);
  auto d = scripted_rig(table(4, 40000), Operation::remove, shots(3, from_ms(1)));
  d->engine.run_until(from_s(1));
  REQUIRE(d->db->consumed_write_units() == 3);
}

TEST_CASE("Item sizes round up to whole 4 KB read units and 1 KB write units", "[kv_database]") {
  REQUIRE(KvDatabase::read_units(0.1, true) == 1);
  REQUIRE(KvDatabase::read_units(4, true) == 1);
  REQUIRE(KvDatabase::read_units(4.001, true) == 2);
  REQUIRE(KvDatabase::read_units(10, false) == 1.5);
  REQUIRE(KvDatabase::write_units(0.5) == 1);
  REQUIRE(KvDatabase::write_units(1) == 1);
  REQUIRE(KvDatabase::write_units(1.5) == 2);
  REQUIRE(KvDatabase::write_units(400) == 400);

  // 2.5 KB writes cost 3 units each: a partition's 1000 units pass 333 of them at once, not 400.
  KvDatabaseDef def = table(4, 40000);
  def.item_kb = 2.5;
  auto rig = scripted_rig(def, Operation::write, shots(400, 0, 3));
  rig->engine.run_until(from_s(1));
  REQUIRE(rig->db->consumed_write_units() == 999);
  REQUIRE(rig->db->throttled_writes() == 400 - 333);
}

TEST_CASE("Requests let through take the latency distribution; throttled ones fail at once",
          "[kv_database]") {
  KvDatabaseDef def;
  def.partitions = 1;
  def.strong_reads = true;  // 1 RCU per read: the partition passes 3000 reads/s
  const Distribution latency = Distribution::lognormal(5e6, 10e6);
  def.latency = latency;
  auto rig = scripted_rig(def, Operation::read, shots(10'000, from_ms(0.2)));  // 5000 reads/s for 2 s
  rig->engine.run_until(from_s(3));
  std::vector<double> served;
  std::size_t refused = 0;
  for (const auto& end : rig->script->ends) {
    if (end.outcome == Outcome::completed) {
      served.push_back(static_cast<double>(end.latency));
    } else {
      REQUIRE(end.latency == 0);
      ++refused;
    }
  }
  // Over 2 s the partition passes its banked 3000 units plus 3000 per second, about 9000 reads.
  REQUIRE(served.size() == Approx(9000).margin(2));
  REQUIRE(refused == rig->db->throttled_reads());
  double sum = 0;
  for (double x : served)
    sum += x;
  double mean = sum / static_cast<double>(served.size());
  double squares = 0;
  for (double x : served)
    squares += (x - mean) * (x - mean);
  double sd = std::sqrt(squares / static_cast<double>(served.size() - 1));
  double half_width = 2.576 * sd / std::sqrt(static_cast<double>(served.size()));  // 99% interval
  INFO("mean " << mean << " ± " << half_width << " ns, theory " << latency.mean_ns());
  REQUIRE(std::abs(mean - latency.mean_ns()) <= half_width);
}
