// The cache as a cluster: keys hashed to nodes, nodes in zones, read-through and write-through fills, and the
// loss of a node (its keys refused while it is replaced, then refilled as the theory of an empty cache says).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <vector>

#include "sim/blocks/cache.hpp"
#include "sim/core/engine.hpp"
#include "sim/core/key_sampler.hpp"
#include "sim/metrics/confidence.hpp"

using namespace sdsim;

namespace {

constexpr BlockId cache_block = 1;
constexpr BlockId origin_block = 2;
constexpr FlowId read_flow = 0;   // get at the cache; on a miss, read the origin
constexpr FlowId write_flow = 1;  // set at the cache, which writes the origin
constexpr FlowId get_flow = 2;    // get at the cache alone

// Requests of one flow at given times, each with its key; records how each ended.
class ScriptedKeys final : public Block {
 public:
  struct Send {
    SimTime at;
    FlowId flow;
    std::uint64_t key;
  };
  explicit ScriptedKeys(std::vector<Send> sends) : Block("script"), sends_(std::move(sends)) {}
  void start(Engine& engine) override {
    for (std::size_t i = 0; i < sends_.size(); ++i)
      engine.schedule(sends_[i].at, id(), 0, static_cast<std::uint32_t>(i));
  }
  void on_event(Engine& engine, const Event& e) override {
    engine.start_request(id(), sends_[e.arg].flow, e.arg, cache_block, sends_[e.arg].key);
  }
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override {
    ends.push_back({engine.request(id).user, engine.now() - engine.request(id).created, outcome});
  }
  BlockCounters counters(SimTime) const override { return {}; }

  struct End {
    std::uint32_t index;
    SimTime latency;
    Outcome outcome;
  };
  std::vector<End> ends;

 private:
  std::vector<Send> sends_;
};

// Poisson arrivals of one flow at `rate_per_s`, keys drawn from `keys`.
class PoissonKeys final : public Block {
 public:
  PoissonKeys(double rate_per_s, FlowId flow, KeySampler keys, Rng rng)
      : Block("poisson"),
        gap_(Distribution::exponential(1e9 / rate_per_s)),
        flow_(flow),
        keys_(keys),
        rng_(rng) {}
  void start(Engine& engine) override { engine.schedule_in(gap_.sample(rng_), id(), 0, 0); }
  void on_event(Engine& engine, const Event&) override {
    engine.start_request(id(), flow_, 0, cache_block, keys_.sample(rng_));
    engine.schedule_in(gap_.sample(rng_), id(), 0, 0);
  }
  BlockCounters counters(SimTime) const override { return {}; }

 private:
  Distribution gap_;
  FlowId flow_;
  KeySampler keys_;
  Rng rng_;
};

// The database behind the cache: answers after `delay`, or refuses everything while `refusing`.
class Origin final : public Block {
 public:
  explicit Origin(SimTime delay) : Block("origin"), delay_(delay) {}
  void accept(Engine& engine, TaskId id) override {
    ++calls;
    if (refusing) {
      engine.refuse(id);
      return;
    }
    engine.schedule_in(delay_, this->id(), 0, id);
  }
  void on_event(Engine& engine, const Event& e) override { engine.served(e.arg); }
  BlockId release(Engine&, TaskId) override { return no_block; }
  BlockCounters counters(SimTime) const override { return {}; }

  bool refusing = false;
  std::uint64_t calls = 0;

 private:
  SimTime delay_;
};

// read_flow: get, then read the origin if it missed; write_flow: set, then write the origin; get_flow: get.
CallPlan cache_plan() {
  CallPlan plan;
  auto add = [&plan](BlockId block, Operation op, CallCondition condition) {
    CallNode node;
    node.block = block;
    node.operation = op;
    node.condition = condition;
    plan.nodes.push_back(node);
    return static_cast<std::uint32_t>(plan.nodes.size() - 1);
  };
  std::uint32_t get = add(cache_block, Operation::get, CallCondition::always);
  std::uint32_t fetch = add(origin_block, Operation::read, CallCondition::if_miss);
  std::uint32_t set = add(cache_block, Operation::set, CallCondition::always);
  std::uint32_t store = add(origin_block, Operation::write, CallCondition::always);
  std::uint32_t plain = add(cache_block, Operation::get, CallCondition::always);
  plan.nodes[get].first_child = 0;
  plan.nodes[get].child_count = 1;
  plan.nodes[set].first_child = 1;
  plan.nodes[set].child_count = 1;
  plan.children = {fetch, store};
  plan.flow_roots = {get, set, plain};
  return plan;
}

struct Rig {
  explicit Rig(std::uint64_t seed) : engine(seed) {}
  Engine engine;
  Cache* cache = nullptr;
  Origin* origin = nullptr;
};

// Block 0 is the source, 1 the cache, 2 the origin (answering after 1 us).
std::unique_ptr<Rig> make_rig(std::unique_ptr<Block> source, CacheDef def, std::uint64_t seed = 1,
                              Network network = {}) {
  auto rig = std::make_unique<Rig>(seed);
  rig->engine.add_block(std::move(source));
  auto cache = std::make_unique<Cache>("cache", std::move(def), rig->engine.stream("cache/service"));
  rig->cache = cache.get();
  rig->engine.add_block(std::move(cache));
  auto origin = std::make_unique<Origin>(1000);
  rig->origin = origin.get();
  rig->engine.add_block(std::move(origin));
  rig->engine.set_call_plan(cache_plan());
  if (!network.empty()) rig->engine.set_network(std::move(network));
  rig->engine.start();
  return rig;
}

CacheDef cluster(std::uint32_t nodes, CacheMode mode) {
  CacheDef def;
  def.nodes = nodes;
  def.mode = mode;
  def.capacity_items = 100'000;
  def.servers = 1'000'000;
  def.service = Distribution::constant(1000);
  return def;
}

// The share of requests whose key lives on each node.
std::vector<double> node_shares(const KeySampler& keys, std::uint32_t nodes) {
  std::vector<double> share(nodes, 0.0);
  for (std::uint64_t k = 0; k < keys.count(); ++k)
    share[shard_of(k, nodes)] += keys.probability(k);
  return share;
}

}  // namespace

TEST_CASE("Keys live on the node their hash picks, and nodes sit round robin in the placement zones",
          "[cache]") {
  // Clients in zone 0; zones 1 and 2 are 1 ms and 3 ms away.
  std::vector<std::vector<SimTime>> latency{
      {0, from_ms(1), from_ms(3)}, {from_ms(1), 0, 0}, {from_ms(3), 0, 0}};
  Network network(std::move(latency));
  network.place(cache_block, {1, 2});
  std::vector<ScriptedKeys::Send> sends;
  for (std::uint64_t key = 0; key < 30; ++key)
    sends.push_back({from_ms(static_cast<double>(key)), get_flow, key});
  auto source = std::make_unique<ScriptedKeys>(sends);
  ScriptedKeys* script = source.get();
  auto rig = make_rig(std::move(source), cluster(3, CacheMode::cache_aside), 1, std::move(network));
  const Cache& cache = *rig->cache;
  REQUIRE(cache.node_count() == 3);
  CHECK(cache.node_zone(0) == 1);
  CHECK(cache.node_zone(1) == 2);
  CHECK(cache.node_zone(2) == 1);
  rig->engine.run_until(from_s(1));
  REQUIRE(script->ends.size() == 30);
  for (const auto& end : script->ends) {
    std::uint64_t key = end.index;
    INFO("key " << key);
    CHECK(cache.node_of(key) == shard_of(key, 3));
    SimTime one_way = cache.node_zone(cache.node_of(key)) == 1 ? from_ms(1) : from_ms(3);
    CHECK(end.latency == 2 * one_way + 1000);  // to its node's zone and back, plus the service
  }
  for (std::uint32_t n = 0; n < 3; ++n)
    CHECK(cache.node_misses(n) == cache.node_arrivals(n));
}

TEST_CASE("Each node takes its keys' share of a Zipf load and holds only its keys", "[cache]") {
  const std::uint32_t nodes = 4;
  KeySampler keys = KeySampler::zipf(10'000, 0.8);
  auto source = std::make_unique<PoissonKeys>(100'000, get_flow, keys, Rng(5));
  auto rig = make_rig(std::move(source), cluster(nodes, CacheMode::read_through));
  rig->engine.run_until(from_s(2));
  const Cache& cache = *rig->cache;
  std::vector<double> share = node_shares(keys, nodes);
  double total = 0;
  for (std::uint32_t n = 0; n < nodes; ++n)
    total += static_cast<double>(cache.node_arrivals(n));
  REQUIRE(total > 150'000);
  for (std::uint32_t n = 0; n < nodes; ++n) {
    // Given the total, a node's arrivals are binomial(total, share): within 3.29 standard deviations (99.9%).
    double expected = total * share[n];
    double sd = std::sqrt(total * share[n] * (1 - share[n]));
    INFO("node " << n << ": " << cache.node_arrivals(n) << " arrivals, expected " << expected << " ± " << sd);
    CHECK(std::abs(static_cast<double>(cache.node_arrivals(n)) - expected) <= 3.29 * sd);
    for (std::uint64_t key : cache.store(n).keys_by_recency())
      CHECK(cache.node_of(key) == n);
    // Memory follows the keys touched: the store grew to its keys, not to the capacity.
    CHECK(cache.store(n).slots_allocated() == cache.node_items(n));
  }
}

TEST_CASE("Read-through fills a missed key once the origin answered; cache-aside leaves it to the flow",
          "[cache]") {
  std::vector<ScriptedKeys::Send> sends{{0, read_flow, 5}, {from_ms(1), read_flow, 5}};
  auto run = [&sends](CacheMode mode, bool origin_refuses) {
    auto source = std::make_unique<ScriptedKeys>(sends);
    auto rig = make_rig(std::move(source), cluster(2, mode));
    rig->origin->refusing = origin_refuses;
    rig->engine.run_until(from_s(1));
    return rig;
  };
  SECTION("read-through: the second get hits, and the origin was read once") {
    auto rig = run(CacheMode::read_through, false);
    CHECK(rig->cache->misses() == 1);
    CHECK(rig->cache->hits() == 1);
    CHECK(rig->origin->calls == 1);
    CHECK(rig->cache->store(rig->cache->node_of(5)).contains(5));
  }
  SECTION("read-through with a failing origin fills nothing") {
    auto rig = run(CacheMode::read_through, true);
    CHECK(rig->cache->misses() == 2);
    CHECK(rig->origin->calls == 2);
    CHECK(rig->cache->items() == 0);
  }
  SECTION("cache-aside: a get never fills") {
    auto rig = run(CacheMode::cache_aside, false);
    CHECK(rig->cache->misses() == 2);
    CHECK(rig->origin->calls == 2);
    CHECK(rig->cache->items() == 0);
  }
}

TEST_CASE("Write-through: a set whose call writes the database caches the key once the write succeeded",
          "[cache]") {
  std::vector<ScriptedKeys::Send> sends{{0, write_flow, 7}, {from_ms(1), get_flow, 7}};
  auto run = [&sends](CacheMode mode, bool origin_refuses) {
    auto source = std::make_unique<ScriptedKeys>(sends);
    auto rig = make_rig(std::move(source), cluster(1, mode));
    rig->origin->refusing = origin_refuses;
    rig->engine.run_until(from_s(1));
    return rig;
  };
  SECTION("read-through mode: stored after the write, not when it failed") {
    CHECK(run(CacheMode::read_through, false)->cache->hits() == 1);
    CHECK(run(CacheMode::read_through, true)->cache->hits() == 0);
  }
  SECTION("cache-aside mode: the set stores when it is served, before its call") {
    CHECK(run(CacheMode::cache_aside, false)->cache->hits() == 1);
    CHECK(run(CacheMode::cache_aside, true)->cache->hits() == 1);
  }
}

TEST_CASE("A lost node refuses its keys while it is replaced, then refills as an empty cache does",
          "[cache][fault]") {
  // 2 nodes that never evict (2,000 keys, capacity 100,000 each), read-through, 20,000 gets/s of Zipf keys.
  // After a 1 s warm-up node 0 is lost for 200 ms. Back, it starts empty: key k (rate a_k = lambda p_k) is
  // held at a lookup t after the restart iff it was requested in [0, t - d), d = 2 us (the first lookup comes
  // 1 us after the restart, its fill 1 us later, after the origin's answer), so the expected hits among the
  // lookups of a window [t1, t2] are, exactly, sum_k a_k ((t2 - t1) - (exp(-a_k (t1 - d)) - exp(-a_k (t2 -
  // d))) / a_k) for t1 >= d.
  const double rate = 20'000;
  const double replacement_s = 0.2;
  const double d = 2e-6;
  KeySampler keys = KeySampler::zipf(2'000, 0.8);
  auto expected_hits = [&](double t1, double t2) {
    double hits = 0;
    for (std::uint64_t k = 0; k < keys.count(); ++k) {
      if (shard_of(k, 2) != 0) continue;
      double a = rate * keys.probability(k);
      double from = std::max(t1, d);  // nothing is held before d
      hits += a * ((t2 - from) - (std::exp(-a * (from - d)) - std::exp(-a * (t2 - d))) / a);
    }
    return hits;
  };
  const double early_from = 0, early_to = 0.005, late_from = 0.05, late_to = 0.15;

  std::vector<double> early_hits, late_hits, early_ratio, late_ratio;
  double refused_total = 0;
  const int replications = 20;
  for (int r = 0; r < replications; ++r) {
    CacheDef def = cluster(2, CacheMode::read_through);
    def.node_replacement = from_s(replacement_s);
    auto source =
        std::make_unique<PoissonKeys>(rate, read_flow, keys, Rng(100 + static_cast<std::uint64_t>(r)));
    auto rig = make_rig(std::move(source), def, static_cast<std::uint64_t>(r));
    Engine& engine = rig->engine;
    Cache& cache = *rig->cache;
    engine.run_until(from_s(1));
    REQUIRE(cache.node_items(0) > 0);
    cache.lose_node(engine, 0);
    engine.reset_statistics();
    CHECK(cache.node_items(0) == 0);
    CHECK(cache.node_down(0, engine.now()));

    engine.run_until(from_s(1 + replacement_s) - 1);
    CHECK(cache.node_down(0, engine.now()));
    CHECK(cache.node_rejections(0) == cache.node_arrivals(0));  // every request for its keys refused
    CHECK(cache.node_hits(0) + cache.node_misses(0) == 0);
    CHECK(cache.node_rejections(1) == 0);  // the other node serves on
    CHECK(cache.node_hits(1) > 0);
    refused_total += static_cast<double>(cache.node_rejections(0));

    const SimTime back = from_s(1 + replacement_s);
    auto window = [&](double from, double to, std::vector<double>& hits, std::vector<double>& ratio) {
      engine.run_until(back + from_s(from));
      engine.reset_statistics();
      engine.run_until(back + from_s(to));
      hits.push_back(static_cast<double>(cache.node_hits(0)));
      auto h = static_cast<double>(cache.node_hits(0));
      ratio.push_back(h / (h + static_cast<double>(cache.node_misses(0))));
    };
    window(early_from, early_to, early_hits, early_ratio);
    window(late_from, late_to, late_hits, late_ratio);
  }
  // Refusals: a Poisson count of mean replications x lambda x share x 200 ms, within 3.29 standard
  // deviations.
  double share = node_shares(keys, 2)[0];
  double refused_mean = replications * rate * share * replacement_s;
  INFO("refused " << refused_total << ", expected " << refused_mean);
  CHECK(std::abs(refused_total - refused_mean) <= 3.29 * std::sqrt(refused_mean));

  Estimate early = estimate_mean(early_hits);
  Estimate late = estimate_mean(late_hits);
  double early_theory = expected_hits(early_from, early_to);
  double late_theory = expected_hits(late_from, late_to);
  INFO("hits in the first 5 ms " << early.mean << " ± " << early.half_width << ", theory " << early_theory);
  INFO("hits 50-150 ms after " << late.mean << " ± " << late.half_width << ", theory " << late_theory);
  CHECK(std::abs(early.mean - early_theory) <= early.half_width);
  CHECK(std::abs(late.mean - late_theory) <= late.half_width);
  // The hit ratio recovers: low just after the restart, higher later.
  Estimate early_r = estimate_mean(early_ratio);
  Estimate late_r = estimate_mean(late_ratio);
  INFO("hit ratio " << early_r.mean << " then " << late_r.mean);
  CHECK(early_r.high() < late_r.low());
}

TEST_CASE("The cache's modes are named in designs", "[cache]") {
  CHECK(cache_mode_named("read_through") == CacheMode::read_through);
  CHECK(cache_mode_named("cache_aside") == CacheMode::cache_aside);
  CHECK_FALSE(cache_mode_named("write_back").has_value());
  CacheDef def;
  CHECK(def.nodes == 1);
  CHECK(def.mode == CacheMode::cache_aside);
  CHECK(def.node_replacement == from_s(30));
}
