#include "sim/blocks/cache.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "sim/core/engine.hpp"

using namespace sdsim;

using Keys = std::vector<std::uint64_t>;

TEST_CASE("The LRU store keeps keys from most to least recently used", "[cache]") {
  LruStore store(10, 0);
  store.set(1, 0);
  store.set(2, 0);
  store.set(3, 0);
  REQUIRE(store.keys_by_recency() == Keys{3, 2, 1});
  REQUIRE(store.get(1, 0) == LruStore::Lookup::hit);
  REQUIRE(store.keys_by_recency() == Keys{1, 3, 2});
  store.set(2, 0);  // a set of a held key refreshes it
  REQUIRE(store.keys_by_recency() == Keys{2, 1, 3});
  REQUIRE(store.get(9, 0) == LruStore::Lookup::miss);
  REQUIRE(store.size() == 3);
}

TEST_CASE("A set beyond the capacity evicts the least recently used key", "[cache]") {
  LruStore store(3, 0);
  store.set(1, 0);
  store.set(2, 0);
  store.set(3, 0);
  REQUIRE(store.get(1, 0) == LruStore::Lookup::hit);  // 2 is now the least recently used
  store.set(4, 0);
  REQUIRE(store.keys_by_recency() == Keys{4, 1, 3});
  REQUIRE_FALSE(store.contains(2));
  REQUIRE(store.evictions() == 1);
  store.set(5, 0);
  REQUIRE(store.keys_by_recency() == Keys{5, 4, 1});
  REQUIRE(store.evictions() == 2);
  REQUIRE(store.size() == 3);
}

TEST_CASE("An item expires exactly its TTL after its last set", "[cache]") {
  LruStore store(10, 100);
  store.set(7, 1000);
  REQUIRE(store.get(7, 1099) == LruStore::Lookup::hit);
  REQUIRE(store.get(7, 1100) == LruStore::Lookup::expired);
  REQUIRE_FALSE(store.contains(7));
  REQUIRE(store.expirations() == 1);
  REQUIRE(store.get(7, 1100) == LruStore::Lookup::miss);

  SECTION("a set restarts the clock; a hit does not") {
    store.set(8, 0);
    REQUIRE(store.get(8, 60) == LruStore::Lookup::hit);
    store.set(8, 50);
    REQUIRE(store.get(8, 149) == LruStore::Lookup::hit);
    REQUIRE(store.get(8, 150) == LruStore::Lookup::expired);
  }
  SECTION("an expired victim of eviction counts as an expiration, not an eviction") {
    LruStore small(1, 100);
    small.set(1, 0);
    small.set(2, 200);
    REQUIRE(small.expirations() == 1);
    REQUIRE(small.evictions() == 0);
  }
}

TEST_CASE("A delete removes the key and frees its slot for reuse", "[cache]") {
  LruStore store(10, 0);
  store.set(1, 0);
  store.set(2, 0);
  REQUIRE(store.remove(1));
  REQUIRE_FALSE(store.remove(1));
  REQUIRE(store.get(1, 0) == LruStore::Lookup::miss);
  REQUIRE(store.keys_by_recency() == Keys{2});
  store.set(3, 0);
  REQUIRE(store.slots_allocated() == 2);
  REQUIRE(store.keys_by_recency() == Keys{3, 2});
}

TEST_CASE("The store's memory follows the keys touched, not the capacity or the key space", "[cache]") {
  LruStore store(1'000'000'000, 0);
  for (std::uint64_t k = 0; k < 10; ++k)
    store.set(k * 100'000'000'000ULL, 0);
  REQUIRE(store.slots_allocated() == 10);

  LruStore full(100, 0);
  for (std::uint64_t k = 0; k < 10'000; ++k)
    full.set(k, 0);
  REQUIRE(full.slots_allocated() == 100);
  REQUIRE(full.size() == 100);
  REQUIRE(full.evictions() == 9'900);

  LruStore none(0, 0);
  none.set(1, 0);
  REQUIRE(none.size() == 0);
  REQUIRE(none.get(1, 0) == LruStore::Lookup::miss);
}

namespace {

// Emits requests at given times, each of a flow (an operation on the cache) and a key.
class ScriptedSource final : public Block {
 public:
  struct Send {
    SimTime at;
    FlowId flow;
    std::uint64_t key;
  };
  ScriptedSource(std::vector<Send> sends, BlockId target)
      : Block("script"), sends_(std::move(sends)), target_(target) {}
  void start(Engine& engine) override {
    for (std::size_t i = 0; i < sends_.size(); ++i)
      engine.schedule(sends_[i].at, id(), 0, static_cast<std::uint32_t>(i));
  }
  void on_event(Engine& engine, const Event& e) override {
    const Send& s = sends_[e.arg];
    engine.start_request(id(), s.flow, e.arg, target_, s.key);
  }
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override {
    ends.push_back({engine.request(id).user, engine.now(), outcome});
  }
  BlockCounters counters(SimTime) const override { return {}; }

  struct End {
    std::uint32_t index;
    SimTime at;
    Outcome outcome;
  };
  std::vector<End> ends;

 private:
  std::vector<Send> sends_;
  BlockId target_;
};

constexpr FlowId get_flow = 0;
constexpr FlowId set_flow = 1;
constexpr FlowId delete_flow = 2;

struct Rig {
  Engine engine{1};
  ScriptedSource* source = nullptr;
  Cache* cache = nullptr;
};

std::unique_ptr<Rig> make_rig(std::vector<ScriptedSource::Send> sends, CacheDef def) {
  auto rig = std::make_unique<Rig>();
  auto source = std::make_unique<ScriptedSource>(std::move(sends), 1);
  rig->source = source.get();
  rig->engine.add_block(std::move(source));
  auto cache = std::make_unique<Cache>("cache", std::move(def), Rng(1));
  rig->cache = cache.get();
  rig->engine.add_block(std::move(cache));
  // One single-call flow per operation on the cache.
  CallPlan plan;
  for (Operation op : {Operation::get, Operation::set, Operation::remove}) {
    CallNode node;
    node.block = 1;
    node.operation = op;
    plan.flow_roots.push_back(static_cast<std::uint32_t>(plan.nodes.size()));
    plan.nodes.push_back(node);
  }
  rig->engine.set_call_plan(std::move(plan));
  rig->engine.start();
  return rig;
}

CacheDef small_def(std::uint32_t servers, std::optional<std::uint64_t> queue, SimTime ttl = 0) {
  CacheDef def;
  def.capacity_items = 2;
  def.ttl = ttl;
  def.servers = servers;
  def.queue_capacity = queue;
  def.service = Distribution::constant(10);
  return def;
}

}  // namespace

TEST_CASE("A cache get hits only keys a set stored and that have neither expired nor been deleted",
          "[cache]") {
  auto rig = make_rig({{0, get_flow, 5},
                       {100, set_flow, 5},
                       {200, get_flow, 5},
                       {300, get_flow, 6},
                       {400, delete_flow, 5},
                       {500, get_flow, 5},
                       {600, set_flow, 6},
                       {2000, get_flow, 6}},
                      small_def(4, std::nullopt, 1000));
  rig->engine.run_until(10'000);
  const Cache& c = *rig->cache;
  // Hit: the get at 200. Misses: never stored (0, 300), deleted (500), expired (set 610, read 2010).
  REQUIRE(c.hits() == 1);
  REQUIRE(c.misses() == 4);
  REQUIRE(c.hit_ratio() == Approx(0.2));
  REQUIRE(c.expirations() == 1);
  REQUIRE(c.items() == 0);
  BlockCounters counters = c.counters(rig->engine.now());
  REQUIRE(counters.kind == "cache");
  REQUIRE(counters.arrivals == 8);
  REQUIRE(counters.completions == 8);
}

TEST_CASE("A cache node serves `servers` requests at once and refuses beyond its waiting line", "[cache]") {
  auto rig =
      make_rig({{0, get_flow, 1}, {0, get_flow, 2}, {0, get_flow, 3}, {0, get_flow, 4}}, small_def(2, 1));
  rig->engine.run_until(100);
  const auto& ends = rig->source->ends;
  REQUIRE(ends.size() == 4);
  // The fourth finds both servers busy and the one waiting place taken: refused at once.
  REQUIRE(ends[0].index == 3);
  REQUIRE(ends[0].outcome == Outcome::rejected);
  REQUIRE(ends[0].at == 0);
  REQUIRE(ends[1].at == 10);
  REQUIRE(ends[2].at == 10);
  REQUIRE(ends[3].index == 2);
  REQUIRE(ends[3].at == 20);
  BlockCounters c = rig->cache->counters(rig->engine.now());
  REQUIRE(c.rejections == 1);
  REQUIRE(c.completions == 3);
  REQUIRE(rig->cache->misses() == 3);  // a refused get is neither a hit nor a miss
}

TEST_CASE("Resetting statistics keeps the cached items", "[cache]") {
  auto rig = make_rig({{0, set_flow, 1}, {0, set_flow, 2}, {0, set_flow, 3}, {50, get_flow, 3}},
                      small_def(4, std::nullopt));
  rig->engine.run_until(40);
  REQUIRE(rig->cache->evictions() == 1);
  rig->engine.reset_statistics();
  rig->engine.run_until(100);
  REQUIRE(rig->cache->evictions() == 0);
  REQUIRE(rig->cache->hits() == 1);
  REQUIRE(rig->cache->items() == 2);
}

TEST_CASE("The default node serves about a million requests per second at sub-millisecond latency",
          "[cache]") {
  CacheDef def;
  double per_s = def.servers / (def.service.mean_ns() * 1e-9);
  CHECK(per_s == Approx(1e6).epsilon(0.01));
  CHECK(def.service.quantile_ns(0.99) < 1e6);
}
