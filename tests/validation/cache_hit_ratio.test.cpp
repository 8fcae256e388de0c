// A cache-aside design (entry -> cache get -> database if miss -> cache set if miss) against the theory of
// caches under the independent reference model: Che's approximation for LRU with Zipf keys, the exact C/N for
// uniform keys, and the exact renewal result for a TTL cache. Every service time is 1 us and requests arrive
// 100 us apart on average, so the set that fills a miss follows it before any other request for that key
// (the model's assumption) but for a negligible fraction.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sim/core/key_sampler.hpp"
#include "sim/core/rng.hpp"
#include "sim/theory/cache_theory.hpp"
#include "tests/validation/validation_support.hpp"

using namespace sdsim;
using namespace sdsim::testing;

namespace {

constexpr double rate_per_s = 10'000;
constexpr std::uint64_t key_count = 10'000;

std::string design_json(const std::string& cache_params) {
  return R"({"blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0.001}},
      "cache": {"kind": "cache", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0.001}, )" +
         cache_params + R"(},
      "db": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0.001}}},
    "flows": {"read": {"entry": "api", "calls": [
      {"to": "cache", "op": "get"},
      {"to": "db", "op": "read", "if": "miss"},
      {"to": "cache", "op": "set", "if": "miss"}]}}})";
}

// 20,000 requests of warm-up (the cache fills and mixes) and 50,000 measured, in 8 replications.
std::string scenario_json(const std::string& keys) {
  return R"({"duration_s": 5, "warmup_s": 2, "seed": 7, "replications": 8,
      "keys": )" +
         keys + R"(, "load": {"read": {"type": "open", "rate_per_s": 10000}}})";
}

std::size_t block_index(const RunSummary& s, const std::string& name) {
  for (std::size_t i = 0; i < s.blocks.size(); ++i) {
    if (s.blocks[i].name == name) return i;
  }
  FAIL("no block " << name);
  return 0;
}

// Per replication, the share of reads the cache answered: 1 - (database reads / requests).
Estimate hit_ratio(const ExperimentResult& r) {
  std::vector<double> ratios;
  for (const RunSummary& s : r.replications) {
    double requests = s.blocks[block_index(s, "api")].arrivals;
    double misses = s.blocks[block_index(s, "db")].arrivals;
    ratios.push_back(1.0 - misses / requests);
  }
  return estimate_mean(ratios);
}

std::vector<double> probabilities(const KeySampler& keys) {
  std::vector<double> p(keys.count());
  for (std::uint64_t k = 0; k < keys.count(); ++k)
    p[k] = keys.probability(k);
  return p;
}

// A cluster of `nodes` LRU nodes of `capacity` items each, keys hashed to nodes: node n sees the keys it
// holds with their probabilities given the node (p_k / P_n), so its hit ratio is Che's for those, and the
// cluster's is their mean weighted by the nodes' shares P_n.
double che_over_nodes(const std::vector<double>& p, std::uint32_t nodes, double capacity) {
  double hit_ratio = 0;
  for (std::uint32_t n = 0; n < nodes; ++n) {
    std::vector<double> given_node;
    double share = 0;
    for (std::uint64_t k = 0; k < p.size(); ++k) {
      if (shard_of(k, nodes) != n) continue;
      given_node.push_back(p[k]);
      share += p[k];
    }
    for (double& q : given_node)
      q /= share;
    hit_ratio += share * theory::che_lru_hit_ratio(given_node, capacity);
  }
  return hit_ratio;
}

// A read-through cache (DAX): the flow only reads the database on a miss; the cache fills itself.
std::string read_through_design_json(const std::string& cache_params) {
  return R"({"blocks": {
      "api": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0.001}},
      "cache": {"kind": "cache", "mode": "read_through", "servers": 100000,
                "service_time": {"dist": "constant", "value_ms": 0.001}, )" +
         cache_params + R"(},
      "db": {"kind": "station", "servers": 100000, "service_time": {"dist": "constant", "value_ms": 0.001}}},
    "flows": {"read": {"entry": "api", "calls": [
      {"to": "cache", "op": "get", "calls": [{"to": "db", "op": "read", "if": "miss"}]}]}}})";
}

}  // namespace

TEST_CASE("Cache-aside with Zipf keys hits as Che's approximation for LRU predicts", "[validation][cache]") {
  auto r = run_text(design_json(R"("capacity_items": 500)"),
                    scenario_json(R"({"count": 10000, "popularity": "zipf", "skew": 0.8})"));
  double che = theory::che_lru_hit_ratio(probabilities(KeySampler::zipf(key_count, 0.8)), 500);
  // Che's approximation is not exact: against the exact LRU result it errs by under 2% with 2 of 12 Zipf keys
  // cached and under 0.5% with 6 of 12 (tests/theory), shrinking as the cache grows (Fricker, Robert and
  // Roberts 2012: asymptotically exact). With 500 of 10,000 keys, a direct 10^8-request LRU simulation run
  // while writing this test put it within 0.01%; the interval is widened by 0.5% of the value, a safe bound.
  check_agrees("hit ratio", hit_ratio(r), che, 0.005, 0.02);
}

TEST_CASE("A cluster of nodes hits as Che's approximation per node, weighted by the nodes' key shares",
          "[validation][cache]") {
  // A family of 2 checks at 95% (validation_support.hpp): one check in each of the two sections.
  CheckFamily checks(2);
  // 4 nodes of 125 items: the same 500 items as above, but each node's LRU serves only its hash share of the
  // keys. A direct LRU simulation of this cluster (6 x 10^6 requests, run while writing this test) agreed
  // with the per-node Che value within 0.07%, inside its own sampling error; the interval is widened by the
  // same safe 0.5% as above.
  auto p = probabilities(KeySampler::zipf(key_count, 0.8));
  double theory = che_over_nodes(p, 4, 125);
  auto zipf = R"({"count": 10000, "popularity": "zipf", "skew": 0.8})";
  SECTION("cache-aside") {
    auto r = run_text(design_json(R"("nodes": 4, "capacity_items": 125)"), scenario_json(zipf));
    checks.agrees("hit ratio", hit_ratio(r), theory, 0.005, 0.02);
  }
  SECTION("read-through: the cache fills its own misses") {
    auto r = run_text(read_through_design_json(R"("nodes": 4, "capacity_items": 125)"), scenario_json(zipf));
    checks.agrees("hit ratio", hit_ratio(r), theory, 0.005, 0.02);
  }
}

TEST_CASE("Cache-aside with uniform keys hits capacity / keys of its reads", "[validation][cache]") {
  auto r = run_text(design_json(R"("capacity_items": 500)"), scenario_json(R"({"count": 10000})"));
  check_agrees("hit ratio", hit_ratio(r), 500.0 / key_count, 0, 0.05);
}

TEST_CASE("An LRU cache whose TTL keeps it from filling hits lambda D / (1 + lambda D) per key",
          "[validation][cache]") {
  // With a 50 ms TTL the cache holds sum_k lambda_k D / (1 + lambda_k D) = 371 items on average, with a
  // standard deviation below sqrt(371) = 19 (a sum of independent indicators): the 500-item capacity is
  // beyond 6 standard deviations and never binds, so the result for a TTL cache without capacity holds.
  auto r = run_text(design_json(R"("capacity_items": 500, "ttl_s": 0.05)"),
                    scenario_json(R"({"count": 10000, "popularity": "zipf", "skew": 0.8})"));
  double theory = theory::ttl_hit_ratio(probabilities(KeySampler::zipf(key_count, 0.8)), rate_per_s, 0.05);
  check_agrees("hit ratio", hit_ratio(r), theory, 0, 0.02);
}

TEST_CASE("A TTL lowers an LRU cache's hit ratio", "[validation][cache]") {
  auto keys = R"({"count": 10000, "popularity": "zipf", "skew": 0.8})";
  Estimate lru = hit_ratio(run_text(design_json(R"("capacity_items": 500)"), scenario_json(keys)));
  Estimate with_ttl =
      hit_ratio(run_text(design_json(R"("capacity_items": 500, "ttl_s": 0.2)"), scenario_json(keys)));
  INFO("LRU " << lru.mean << " ± " << lru.half_width << ", with a 0.2 s TTL " << with_ttl.mean << " ± "
              << with_ttl.half_width);
  REQUIRE(with_ttl.high() < lru.low());
}

TEST_CASE("Cache presets set the ElastiCache node throughput, and DAX's item TTL and read-through mode",
          "[cache]") {
  auto design = load_design_text("design.json", R"({"blocks": {
      "redis": {"kind": "cache", "preset": "aws.elasticache.redis"},
      "dax": {"kind": "cache", "preset": "aws.dax", "capacity_items": 42}},
    "flows": {"f": {"entry": "redis"}}})");
  INFO(design.diagnostics.format());
  REQUIRE(design.value);
  const BlockParams& redis = design.value->find_block("redis")->params;
  CHECK(redis.number("servers") == 335);
  CHECK(redis.number("ttl_s") == 0);
  const BlockParams& dax = design.value->find_block("dax")->params;
  CHECK(dax.number("ttl_s") == 300);
  CHECK(dax.text_or("mode", "") == "read_through");
  CHECK(redis.text_or("mode", "") == "cache_aside");
  CHECK(dax.number("capacity_items") == 42);
}
