#include "sim/blocks/storage.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/blocks/open_source.hpp"
#include "sim/core/engine.hpp"

using namespace sdsim;

namespace {

// Emits one request at each scripted time with key i, and remembers each latency and outcome.
class ScriptedSource final : public Block {
 public:
  ScriptedSource(std::vector<SimTime> times, BlockId target)
      : Block("script"), times_(std::move(times)), target_(target) {}
  void start(Engine& engine) override {
    for (std::size_t i = 0; i < times_.size(); ++i)
      engine.schedule(times_[i], id(), 0, static_cast<std::uint32_t>(i));
  }
  void on_event(Engine& engine, const Event& e) override {
    engine.start_request(id(), 0, e.arg, target_, e.arg);
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
  std::vector<SimTime> times_;
  BlockId target_;
};

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
  Engine engine{23};
  Storage* storage = nullptr;
  ScriptedSource* script = nullptr;
};

std::unique_ptr<Rig> make_rig(StorageDef def, Operation op, std::unique_ptr<Block> traffic) {
  auto rig = std::make_unique<Rig>();
  rig->engine.add_block(std::move(traffic));
  auto storage = std::make_unique<Storage>("s3", std::move(def), rig->engine.stream("s3/latency"));
  rig->storage = storage.get();
  rig->engine.add_block(std::move(storage));
  rig->engine.set_call_plan(plan_of(op));
  rig->engine.start();
  return rig;
}

std::unique_ptr<Rig> poisson_rig(StorageDef def, Operation op, double rate_per_s, KeySampler keys) {
  Engine seeds(9);
  OpenSourceDef source{.profile = RateProfile::constant(rate_per_s), .flow = 0, .target = 1, .keys = keys};
  return make_rig(
      std::move(def), op,
      std::make_unique<OpenSource>("client", source, seeds.stream("client"), seeds.stream("client/keys")));
}

std::unique_ptr<Rig> scripted_rig(StorageDef def, Operation op, std::vector<SimTime> times) {
  auto script = std::make_unique<ScriptedSource>(std::move(times), 1);
  ScriptedSource* raw = script.get();
  auto rig = make_rig(std::move(def), op, std::move(script));
  rig->script = raw;
  return rig;
}

}  // namespace

TEST_CASE("A hot prefix throttles at 5,500 GET/s while keys over many prefixes do not", "[storage]") {
  const double rate = 8000;  // GET/s
  const double limit = 5500;
  const double window_s = 10;
  StorageDef def;
  def.prefixes = 10;
  auto hot = poisson_rig(def, Operation::get, rate, KeySampler::uniform(1));
  hot->engine.run_until(from_s(5));  // the prefix's banked second of requests is spent after ~2.2 s
  hot->engine.reset_statistics();
  hot->engine.run_until(from_s(5 + window_s));
  const Storage& s3 = *hot->storage;
  // In overload the prefix passes exactly `limit` per second up to its bucket level at the window's edges;
  // the arrivals N are Poisson(rate T), so 1 - A/N has standard deviation (limit / rate) / sqrt(rate T).
  double n = static_cast<double>(s3.gets());
  double throttled = static_cast<double>(s3.throttles()) / n;
  double sd = (limit / rate) / std::sqrt(rate * window_s);
  double edge = 10 / n;
  INFO("throttled " << throttled << ", theory " << 1 - limit / rate << " ± " << 3 * sd + edge);
  REQUIRE(std::abs(n - rate * window_s) <= 3 * std::sqrt(rate * window_s));
  REQUIRE(std::abs(throttled - (1 - limit / rate)) <= 3 * sd + edge);
  REQUIRE(s3.prefix_throttles(s3.prefix_of(0)) == s3.throttles());
  REQUIRE(s3.counters(hot->engine.now()).rejections == s3.throttles());

  // Uniform keys put 800 GET/s on each of the 10 prefixes: nothing throttles.
  auto spread = poisson_rig(def, Operation::get, rate, KeySampler::uniform(1'000'000));
  spread->engine.run_until(from_s(5 + window_s));
  REQUIRE(spread->storage->gets() > 0);
  REQUIRE(spread->storage->throttles() == 0);
}

TEST_CASE("Writes and deletes share the 3,500 requests/s per-prefix limit, apart from reads", "[storage]") {
  StorageDef def;
  def.prefixes = 1;
  def.first_byte = Distribution::constant(1e6);
  auto puts = scripted_rig(def, Operation::write, std::vector<SimTime>(3600, 0));
  puts->engine.run_until(from_s(1));
  REQUIRE(puts->storage->puts() == 3600);
  REQUIRE(puts->storage->throttles() == 100);
  auto deletes = scripted_rig(def, Operation::remove, std::vector<SimTime>(3501, 0));
  deletes->engine.run_until(from_s(1));
  REQUIRE(deletes->storage->deletes() == 3501);
  REQUIRE(deletes->storage->throttles() == 1);
  auto gets = scripted_rig(def, Operation::read, std::vector<SimTime>(5501, 0));
  gets->engine.run_until(from_s(1));
  REQUIRE(gets->storage->gets() == 5501);
  REQUIRE(gets->storage->throttles() == 1);
}

TEST_CASE("Latency is first-byte latency plus the object's transfer time", "[storage]") {
  StorageDef def;
  def.first_byte = Distribution::constant(30e6);
  def.object_kb = 1000;  // 1 MB at 50 MB/s: 20 ms
  def.throughput_mb_s = 50;
  REQUIRE(Storage::transfer_ns(1000, 50) == Approx(20e6));
  for (Operation op : {Operation::get, Operation::set, Operation::remove}) {
    auto rig = scripted_rig(def, op, {0, from_ms(5), from_ms(7)});
    rig->engine.run_until(from_s(1));
    REQUIRE(rig->script->ends.size() == 3);
    SimTime expected = op == Operation::remove ? from_ms(30) : from_ms(50);  // a DELETE moves no body
    for (const auto& end : rig->script->ends) {
      REQUIRE(end.outcome == Outcome::completed);
      REQUIRE(end.latency == expected);
    }
  }
}

TEST_CASE("Operations map to S3 request types", "[storage]") {
  for (Operation op : {Operation::get, Operation::read, Operation::query, Operation::call})
    REQUIRE(Storage::request_of(op) == StorageRequest::get);
  for (Operation op : {Operation::write, Operation::set, Operation::send})
    REQUIRE(Storage::request_of(op) == StorageRequest::put);
  REQUIRE(Storage::request_of(Operation::remove) == StorageRequest::remove);
}
