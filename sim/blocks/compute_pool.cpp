#include "sim/blocks/compute_pool.hpp"

#include "sim/core/engine.hpp"

namespace sdsim {

std::optional<Balancing> balancing_named(std::string_view name) {
  if (name == "round_robin") return Balancing::round_robin;
  if (name == "least_outstanding") return Balancing::least_outstanding;
  if (name == "random") return Balancing::random;
  if (name == "power_of_two") return Balancing::power_of_two;
  return std::nullopt;
}

ComputePool::ComputePool(std::string name, ComputePoolDef def, Rng service_rng, Rng balancing_rng,
                         Rng route_rng)
    : Block(std::move(name)),
      def_(std::move(def)),
      service_rng_(service_rng),
      balancing_rng_(balancing_rng),
      route_rng_(route_rng),
      instances_(def_.instances, Instance{ServerGroup(def_.concurrency, def_.queue_capacity), 0}) {}

bool ComputePool::route_with(Balancing policy) {
  if (balanced_by_front_ && def_.balancing != policy) return false;
  balanced_by_front_ = true;
  def_.balancing = policy;
  return true;
}

std::uint64_t ComputePool::outstanding(std::uint32_t instance) const {
  return instances_[instance].group.outstanding();
}

std::uint32_t ComputePool::choose_instance() {
  const auto n = instance_count();
  if (n == 1) return 0;
  switch (def_.balancing) {
    case Balancing::round_robin: {
      std::uint32_t chosen = next_instance_;
      next_instance_ = (next_instance_ + 1) % n;
      return chosen;
    }
    case Balancing::least_outstanding: {
      // Scanning from a rotating start breaks ties in turn, so an idle pool is not all sent to instance 0.
      std::uint32_t best = next_instance_;
      for (std::uint32_t k = 1; k < n; ++k) {
        std::uint32_t i = (next_instance_ + k) % n;
        if (outstanding(i) < outstanding(best)) best = i;
      }
      next_instance_ = (next_instance_ + 1) % n;
      return best;
    }
    case Balancing::random:
      return static_cast<std::uint32_t>(balancing_rng_.below(n));
    case Balancing::power_of_two: {
      auto a = static_cast<std::uint32_t>(balancing_rng_.below(n));
      auto b = static_cast<std::uint32_t>(balancing_rng_.below(n - 1));
      if (b >= a) ++b;  // two distinct instances
      return outstanding(b) < outstanding(a) ? b : a;
    }
  }
  return 0;
}

void ComputePool::accept(Engine& engine, TaskId id) {
  accept_at(engine, id, choose_instance());
}

void ComputePool::accept_at(Engine& engine, TaskId id, std::uint32_t instance) {
  ++arrivals_;
  Instance& in = instances_[instance];
  ++in.arrivals;
  SimTime now = engine.now();
  ServerGroup::Admission admission = in.group.admit(now, id);
  if (admission == ServerGroup::Admission::refuse) {
    ++rejections_;
    engine.refuse(id);
    return;
  }
  if (instance_of_.size() <= id) instance_of_.resize(id + 1);
  instance_of_[id] = instance;
  in_system_.change(now, +1);
  if (admission == ServerGroup::Admission::serve) start_service(engine, id);
}

void ComputePool::start_service(Engine& engine, TaskId id) {
  engine.task(id).started = engine.now();
  engine.schedule_in(def_.service.sample(service_rng_), this->id(), 0, id);
}

void ComputePool::on_event(Engine& engine, const Event& e) {
  engine.served(e.arg);
}

BlockId ComputePool::release(Engine& engine, TaskId id) {
  SimTime now = engine.now();
  TaskId next = instances_[instance_of_[id]].group.depart(now);
  in_system_.change(now, -1);
  ++completions_;
  engine.report_departure(id);
  // Start the next waiting task before routing, so a request routed back here queues behind it.
  if (next != no_task) start_service(engine, next);
  return def_.route.choose(route_rng_);
}

double ComputePool::instance_utilization(std::uint32_t instance, SimTime now) const {
  return instances_[instance].group.mean_busy(now) / def_.concurrency;
}

void ComputePool::reset_statistics(SimTime now) {
  in_system_.restart(now);
  for (Instance& in : instances_) {
    in.group.restart(now);
    in.arrivals = 0;
  }
  arrivals_ = completions_ = rejections_ = 0;
}

BlockCounters ComputePool::counters(SimTime now) const {
  BlockCounters c = serving_counters(name(), "compute", arrivals_, completions_, rejections_,
                                     instance_count() * def_.concurrency, in_system_, now);
  for (const Instance& in : instances_)
    c.mean_busy += in.group.mean_busy(now);
  return c;
}

}  // namespace sdsim
