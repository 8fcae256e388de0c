#include "sim/blocks/load_balancer.hpp"

#include <optional>
#include <stdexcept>

#include "sim/core/engine.hpp"

namespace sdsim {

LoadBalancer::LoadBalancer(std::string name, LoadBalancerDef def, Rng latency_rng)
    : Block(std::move(name)),
      def_(std::move(def)),
      latency_(def_.latency, latency_rng),
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
  if (!pool->attach_front(*this, def_.cross_zone)) {
    throw std::invalid_argument("load balancer \"" + name() + "\": compute block \"" + pool->name() +
                                "\" is already routed by another load balancer with a different cross_zone");
  }
  pool_ = pool;
  checks_health_ = pool->front() == this;
  health_.assign(pool->instance_count(), TargetHealth{});
  for (std::uint32_t i = 0; i < pool->instance_count(); ++i) {
    if (!pool->instance_registered(i)) continue;
    health_[i] = TargetHealth{pool->instance_generation(i), 0, true, pool->instance_alive(i), false};
  }
}

void LoadBalancer::on_instances_changed(Engine& engine) {
  if (!checks_health_ || probing_) return;
  const SimTime interval = def_.health_check_interval;
  probing_ = true;
  engine.schedule((engine.now() / interval + 1) * interval, id(), event_probe, 0);
}

void LoadBalancer::probe(Engine& engine) {
  ComputePool& pool = *pool_;
  if (health_.size() < pool.instance_count()) health_.resize(pool.instance_count());
  for (std::uint32_t i = 0; i < pool.instance_count(); ++i) {
    TargetHealth& h = health_[i];
    if (!pool.instance_registered(i)) {
      h.known = false;
      continue;
    }
    if (!h.known || h.generation != pool.instance_generation(i)) {
      h = TargetHealth{pool.instance_generation(i), 0, true, false, true};
    }
    const bool pass = pool.instance_alive(i);
    if (h.healthy == pass) {
      h.streak = 0;
      continue;
    }
    const std::uint32_t needed =
        h.healthy ? def_.unhealthy_threshold : (h.initial ? 1 : def_.healthy_threshold);
    if (++h.streak < needed) continue;
    h.healthy = pass;
    h.initial = false;
    h.streak = 0;
    pool.set_in_rotation(i, pass);
  }
  probing_ = !settled();
  if (probing_) engine.schedule_in(def_.health_check_interval, id(), event_probe, 0);
}

// Settled: every registered instance is believed healthy and is alive, so further probes change nothing.
bool LoadBalancer::settled() const {
  for (std::uint32_t i = 0; i < pool_->instance_count(); ++i) {
    if (!pool_->instance_registered(i)) continue;
    const TargetHealth& h = health_[i];
    if (!h.known || h.generation != pool_->instance_generation(i) || !h.healthy || h.streak != 0 ||
        !pool_->instance_alive(i)) {
      return false;
    }
  }
  return true;
}

void LoadBalancer::accept(Engine& engine, TaskId id) {
  ++arrivals_;
  SimTime now = engine.now();
  if (def_.rate_limit_per_s > 0 && !bucket_.try_take(now)) {
    ++rejections_;  // throttled: HTTP 429
    engine.refuse(id, Outcome::throttled);
    return;
  }
  in_system_.change(now, +1);
  engine.task(id).started = now;
  engine.serve(id, latency_.next(), this->id(), event_forward);
}

void LoadBalancer::on_event(Engine& engine, const Event& e) {
  if (e.kind == event_probe) {
    probe(engine);
  } else {
    engine.served(e.arg);
  }
}

std::string LoadBalancer::set_param(Engine& engine, std::string_view name, const ParamValue& value) {
  if (name == "policy") {
    const std::optional<Balancing> policy = balancing_named(value.text);
    if (!policy) return "\"" + value.text + "\" is not a balancing policy";
    if (!pool_->reroute_with(*policy))
      return "compute block \"" + pool_->name() + "\" is routed by another load balancer too";
    def_.policy = *policy;
    return {};
  }
  if (name == "rate_limit_per_s") {
    const double rate = value.number;
    if (def_.rate_limit_per_s > 0) {
      bucket_.set_rate(engine.now(), rate);
    } else {
      bucket_ = TokenBucket(rate, def_.burst);
    }
    def_.rate_limit_per_s = rate;
    return {};
  }
  return "a running load balancer changes only \"policy\" and \"rate_limit_per_s\"";
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
  BlockCounters c =
      serving_counters(name(), "load_balancer", arrivals_, completions_, rejections_, 0, in_system_, now);
  c.usage.units = 1;
  c.usage.requests = static_cast<double>(arrivals_);  // API Gateway bills throttled requests too
  return c;
}

}  // namespace sdsim
