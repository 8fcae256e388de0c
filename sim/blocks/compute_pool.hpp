#pragma once
// A pool of compute instances (EC2 instances, ECS tasks): each instance serves up to `concurrency` requests
// at once and has its own FIFO waiting line (bounded or not); an arriving task is given to one instance by
// the balancing policy, and a full line refuses it. After service the task follows the route.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/blocks/route.hpp"
#include "sim/blocks/server_group.hpp"
#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/ring_queue.hpp"

namespace sdsim {

// How a task is given to one instance of a pool.
enum class Balancing : std::uint8_t {
  round_robin,        // instances in turn
  least_outstanding,  // the instance with the fewest requests in service or waiting (ties in turn)
  random,             // uniformly at random
  power_of_two,       // two distinct instances at random, the one with fewer outstanding
};

// The policy named in a design ("round_robin"...); nullopt for an unknown name.
std::optional<Balancing> balancing_named(std::string_view name);

struct ComputePoolDef {
  std::uint32_t instances = 2;    // count, >= 1
  std::uint32_t concurrency = 2;  // requests one instance serves at once, >= 1
  // Waiting places per instance (not counting those in service); none = unbounded.
  std::optional<std::uint64_t> queue_capacity;
  Distribution service = Distribution::exponential(1e6);  // ns
  Balancing balancing = Balancing::round_robin;
  Route route;
};

class ComputePool final : public Block {
 public:
  ComputePool(std::string name, ComputePoolDef def, Rng service_rng, Rng balancing_rng, Rng route_rng);

  // Chooses the instance by the balancing policy, then as accept_at().
  void accept(Engine& engine, TaskId id) override;
  // Serves the task at `instance` (< instance_count()), or refuses it when that instance's line is full.
  void accept_at(Engine& engine, TaskId id, std::uint32_t instance);
  BlockId release(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

  // A load balancer in front of the pool routes with its own policy, replacing the pool's. False (and no
  // change) when another balancer already installed a different policy.
  bool route_with(Balancing policy);
  Balancing balancing() const { return def_.balancing; }
  // The instance the policy would pick now (draws from the balancing stream for random policies).
  std::uint32_t choose_instance();

  std::uint32_t instance_count() const { return static_cast<std::uint32_t>(instances_.size()); }
  // Requests in service or waiting at the instance.
  std::uint64_t outstanding(std::uint32_t instance) const;
  // Since the last statistics reset.
  std::uint64_t instance_arrivals(std::uint32_t instance) const { return instances_[instance].arrivals; }
  double instance_utilization(std::uint32_t instance, SimTime now) const;

 private:
  // A vector element per instance, so that autoscaling and crashes can add and remove instances later.
  struct Instance {
    ServerGroup group;
    std::uint64_t arrivals = 0;
  };

  void start_service(Engine& engine, TaskId id);

  ComputePoolDef def_;
  Rng service_rng_;
  Rng balancing_rng_;
  Rng route_rng_;
  std::vector<Instance> instances_;
  std::vector<std::uint32_t> instance_of_;  // by TaskId: the instance holding the task
  std::uint32_t next_instance_ = 0;         // round robin, and where least_outstanding starts looking
  bool balanced_by_front_ = false;          // a load balancer installed its policy
  LevelIntegral in_system_;
  std::uint64_t arrivals_ = 0;
  std::uint64_t completions_ = 0;
  std::uint64_t rejections_ = 0;
};

}  // namespace sdsim
