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
#include <cstdint>

#include "sim/blocks/compute_pool.hpp"
#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/token_bucket.hpp"

namespace sdsim {

struct LoadBalancerDef {
  BlockId target = no_block;                           // a ComputePool
  Balancing policy = Balancing::round_robin;           // applied to the target's instances
  Distribution latency = Distribution::constant(1e6);  // ns, added to every request passing through
  double rate_limit_per_s = 0;                         // token refill rate, requests/s; 0 = no limit
  double burst = 5000;                                 // token bucket size, requests (>= 1)
};

class LoadBalancer final : public Block {
 public:
  LoadBalancer(std::string name, LoadBalancerDef def, Rng latency_rng);

  // Finds the target pool and installs the routing policy on it; throws std::invalid_argument when the target
  // is not a compute pool or already routed by another balancer with a different policy.
  void start(Engine& engine) override;
  void accept(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  BlockId release(Engine& engine, TaskId id) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

 private:
  LoadBalancerDef def_;
  Rng latency_rng_;
  TokenBucket bucket_;
  LevelIntegral in_system_;
  std::uint64_t arrivals_ = 0;
  std::uint64_t completions_ = 0;
  std::uint64_t rejections_ = 0;
};

}  // namespace sdsim
