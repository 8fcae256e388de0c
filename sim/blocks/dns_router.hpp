#pragma once
// A global DNS name (Route 53) in front of regional entry points, its targets: the calls written under it in
// a flow. Each request goes to exactly ONE target (the engine asks selects_call for each of them), picked by
// the routing policy among the targets believed healthy: failover (the first, in call order), latency (the
// one nearest the request's client zone) or weighted (at random by weight). With no target healthy it fails
// open and answers as if all were. The lookup itself takes no time: the block is unplaced (met in its
// caller's zone, the clients') and a name's answer is mostly in the client's cache.
//
// Health checks: every `health_check_interval` (on a fixed grid, multiples of the interval) the checkers
// probe every target. A target fails a probe when no checker zone (the clients' zones: the internet) reaches
// a live zone of it: all its zones powered off, or every path between them and the checkers cut (a region's
// isolation, a partition). After `failure_threshold` results in a row contradicting the belief, the target
// turns unhealthy (or healthy again) and the answers change.
//
// Client caching: clients resolve at random times and keep an answer for the record's TTL, so at any moment
// the cached copies' ages are spread uniformly over one TTL. A request at time t therefore uses the answer
// that was in force at t - u x TTL, u uniform in [0, 1) drawn per request from the block's own stream: after
// the answer changes at T, a request still gets the old one unless t - T >= u x TTL. The share of requests on
// the old answer falls linearly from 1 to 0 over one TTL after the change, and a request sent to a dead
// target fails through the engine's fault paths (unavailable).
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/core/block.hpp"
#include "sim/core/counters.hpp"
#include "sim/core/rng.hpp"

namespace sdsim {

enum class DnsPolicy : std::uint8_t { failover, latency, weighted };
std::optional<DnsPolicy> dns_policy_named(std::string_view name);

struct DnsTarget {
  BlockId block = no_block;
  double weight = 1;  // weighted policy: its share relative to the other healthy targets' (> 0)
};

struct DnsRouterDef {
  DnsPolicy policy = DnsPolicy::failover;
  std::vector<DnsTarget> targets;                 // in call order (failover: primary first); 1 to max_targets
  std::vector<ZoneId> checker_zones;              // where health checks come from (the clients' zones)
  SimTime health_check_interval = 30 * ns_per_s;  // ns, between probes of every target
  std::uint32_t failure_threshold = 3;            // probes in a row to turn unhealthy (or healthy again)
  SimTime ttl = 60 * ns_per_s;                    // ns, how long clients cache an answer
};

class DnsRouter final : public Block {
 public:
  static constexpr std::size_t max_targets = 64;

  // Throws std::invalid_argument without targets, with more than max_targets, or with a weight <= 0.
  DnsRouter(std::string name, DnsRouterDef def, Rng cache_rng, Rng weight_rng);

  // Measures each target's latency from every zone and starts the health checks (on a network only).
  void start(Engine& engine) override;
  void on_event(Engine& engine, const Event& e) override;
  void accept(Engine& engine, TaskId id) override;
  bool selects_call(Engine& engine, TaskId caller, BlockId child_block) override;
  BlockId release(Engine& engine, TaskId id) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

  // What the health checks believe of target i (in call order) now.
  bool healthy(std::size_t target) const { return (healthy_mask_ >> target & 1u) != 0; }
  // Times a target's health changed since the start of the run.
  std::uint64_t health_changes() const { return health_changes_; }
  // The last time a target's health changed (ns); 0 before any change.
  SimTime last_change() const { return history_.back().since < 0 ? 0 : history_.back().since; }

 private:
  // The targets' health from `since` on, one bit per target.
  struct HealthEpoch {
    SimTime since;
    std::uint64_t healthy;
  };
  static constexpr std::uint32_t event_probe = 0;

  void probe(Engine& engine);
  bool reachable(const Engine& engine, BlockId target) const;
  std::uint64_t healthy_at(SimTime t) const;
  std::size_t pick(std::uint64_t healthy, ZoneId zone);

  DnsRouterDef def_;
  Rng cache_rng_;
  Rng weight_rng_;
  std::uint64_t all_mask_ = 0;
  std::uint64_t healthy_mask_ = 0;
  std::vector<std::uint32_t> streak_;  // per target: probes in a row contradicting the belief
  std::vector<HealthEpoch> history_;   // oldest first; only the epochs a cached answer may still come from
  std::vector<SimTime> latency_;       // zone x target: one-way latency to the target's nearest zone
  std::size_t zone_count_ = 1;
  std::vector<BlockId> choice_;  // per TaskId: the target its lookup answered
  LevelIntegral in_system_;
  std::uint64_t health_changes_ = 0;
  std::uint64_t arrivals_ = 0;
  std::uint64_t completions_ = 0;
};

}  // namespace sdsim
