#include "sim/blocks/load_balancer.hpp"

#include <stdexcept>

#include "sim/core/engine.hpp"

namespace sdsim {

LoadBalancer::LoadBalancer(std::string name, LoadBalancerDef def, Rng latency_rng)
    : Block(std::move(name)),
      def_(std::move(def)),
      latency_rng_(latency_rng),
      bucket_(def_.rate_limit_per_s, def_.burst) {}

void LoadBalancer::start(Engine& engine) {
  auto* pool =
      def_.target < engine.block_count() ? dynamic_cast<ComputePool*>(&engine.block(def_.target)) : nullptr;
  if (!pool) {
    throw std::invalid_argument("load balancer \"" + name() + "\": its target is not a compute block");
  }
  if (!pool->route_with(def_.policy)) {
    throw std::invalid_argument("load balancer \"" + name() + "\": compute block \"" + pool->name() +
                                "\" is already routed by another load balancer with a different policy");
  }
}

void LoadBalancer::accept(Engine& engine, TaskId id) {
  ++arrivals_;
  SimTime now = engine.now();
  if (def_.rate_limit_per_s > 0 && !bucket_.try_take(now)) {
    ++rejections_;  // throttled: HTTP 429
    engine.refuse(id);
    return;
  }
  in_system_.change(now, +1);
  engine.task(id).started = now;
  engine.schedule_in(def_.latency.sample(latency_rng_), this->id(), 0, id);
}

void LoadBalancer::on_event(Engine& engine, const Event& e) {
  engine.served(e.arg);
}

BlockId LoadBalancer::release(Engine& engine, TaskId id) {
  in_system_.change(engine.now(), -1);
  ++completions_;
  engine.report_departure(id);
  // A task whose plan node listed calls has made them through this balancer (proxy); any other visit is
  // forwarded to the target, which answers the caller itself.
  const Task& t = engine.task(id);
  const bool made_calls = t.node != no_node && t.next_child > 0;
  return made_calls ? no_block : def_.target;
}

void LoadBalancer::reset_statistics(SimTime now) {
  in_system_.restart(now);
  arrivals_ = completions_ = rejections_ = 0;
}

BlockCounters LoadBalancer::counters(SimTime now) const {
  // A balancer has no servers of its own: it never queues, and its utilization would mean nothing.
  return serving_counters(name(), "load_balancer", arrivals_, completions_, rejections_, 0, in_system_, now);
}

}  // namespace sdsim
