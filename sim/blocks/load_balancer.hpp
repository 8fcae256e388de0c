#pragma once
// A front door (ALB, NLB, API Gateway) for one compute pool, its target. Each arrival is throttled by a token
// bucket (refused at once, as API Gateway answers 429), then delayed by the balancer's own latency; after
// that it is forwarded to the target, whose instance is chosen by the balancer's routing policy.
//
// How the task reaches the pool. The balancer holds the task for its latency and then calls Engine::served.
// - A visit without calls of its own (a flow whose entry is the balancer, or a route to it) is forwarded:
//   release() returns the target, and the engine delivers the same task to the pool, which answers the
//   caller directly.
// - In a flow's call tree, calls written under the balancer are its calls (normally one, to its target): the
//   balancer stays in the path as a proxy until they are answered, then answers its caller.
// Either way the pool picks the instance on arrival. At start() the balancer installs its policy on the pool
// (ComputePool::route_with), so it applies whatever path brings the task; this needs no per-task state and
// no change to how the engine delivers tasks. Two balancers with different policies on one pool are refused.
//
// Health checks (ALB target groups): every `health_check_interval` the balancer probes each registered
// instance. A crashed instance keeps receiving requests (which fail) until `unhealthy_threshold` probes in a
// row fail; an unhealthy instance that answers again rejoins after `healthy_threshold` passes, while a newly
// registered one (a replacement, a scale-out) joins after one pass, as ALB documents. With no instance in
// rotation the balancer fails open and routes to every registered instance. Probes run on a fixed grid
// (multiples of the interval) but are only scheduled while some instance's health can change: a probe of a
// healthy serving instance changes nothing.
//
// Cross-zone load balancing: on, a request is routed among all instances in rotation and pays the hop from
// the balancer's zone to the instance's; off, a request reaching the balancer in zone z goes only to
// instances of zone z, or to all when zone z has none in rotation.
#include <cstdint>
#include <vector>

#include "sim/blocks/compute_pool.hpp"
#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/sample_stream.hpp"
#include "sim/core/token_bucket.hpp"

namespace sdsim {

struct LoadBalancerDef {
  BlockId target = no_block;                           // a ComputePool
  Balancing policy = Balancing::round_robin;           // applied to the target's instances
  Distribution latency = Distribution::constant(1e6);  // ns, added to every request passing through
  double rate_limit_per_s = 0;                         // token refill rate, requests/s; 0 = no limit
  double burst = 5000;                                 // token bucket size, requests (>= 1)
  SimTime health_check_interval = 30 * ns_per_s;       // ns, between probes of each instance
  std::uint32_t unhealthy_threshold = 2;               // failed probes in a row to take an instance out
  std::uint32_t healthy_threshold = 5;                 // passed probes in a row to put an unhealthy one back
  bool cross_zone = true;                              // route across zones (ALB) or within the zone (NLB)
};

class LoadBalancer final : public Block, public InstanceWatcher {
 public:
  LoadBalancer(std::string name, LoadBalancerDef def, Rng latency_rng);

  // Finds the target pool and installs the routing policy on it; throws std::invalid_argument when the target
  // is not a compute pool, already routed by another balancer with a different policy or cross-zone setting.
  void start(Engine& engine) override;
  // From the pool: an instance started, stopped or was replaced; probe until every health is settled.
  void on_instances_changed(Engine& engine) override;
  void accept(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  BlockId release(Engine& engine, TaskId id) override;
  // "policy" (the next request is routed by it; refused when another balancer routes the same pool) and
  // "rate_limit_per_s" (a limit newly set starts with a full bucket; 0 lifts it).
  std::string set_param(Engine& engine, std::string_view name, const ParamValue& value) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

 private:
  // What the balancer believes of one instance slot.
  struct TargetHealth {
    std::uint32_t generation = 0;  // the instance it was registered as
    std::uint32_t streak = 0;      // probes in a row contradicting `healthy`
    bool known = false;            // registered when last probed
    bool healthy = false;
    bool initial = false;  // newly registered: one passed probe makes it healthy
  };
  static constexpr std::uint32_t event_forward = 0;
  static constexpr std::uint32_t event_probe = 1;

  void probe(Engine& engine);
  bool settled() const;

  LoadBalancerDef def_;
  ComputePool* pool_ = nullptr;
  bool checks_health_ = false;  // the first balancer attached to the pool probes it
  bool probing_ = false;        // a probe is scheduled
  std::vector<TargetHealth> health_;
  SampleStream<Distribution> latency_;
  TokenBucket bucket_;
  LevelIntegral in_system_;
  std::uint64_t arrivals_ = 0;
  std::uint64_t completions_ = 0;
  std::uint64_t rejections_ = 0;
};

}  // namespace sdsim
