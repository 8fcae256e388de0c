#include "sim/blocks/compute_pool.hpp"

#include <algorithm>
#include <cmath>

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
      service_(def_.service, service_rng),
      balancing_rng_(balancing_rng),
      route_rng_(route_rng),
      instances_(def_.instances) {
  in_service_.change(0, def_.instances);
  running_.change(0, def_.instances);
  period_in_service_.change(0, def_.instances);
  rebuild_rotation();
}

ZoneId ComputePool::zone_for(std::uint32_t instance) const {
  return zones_.empty() ? client_zone : zones_[instance % zones_.size()];
}

void ComputePool::start(Engine& engine) {
  zones_ = engine.network().zones_of(id());
  for (std::uint32_t i = 0; i < instance_count(); ++i)
    instances_[i].zone = zone_for(i);
  rebuild_rotation();
  if (def_.autoscaling) engine.schedule_in(def_.autoscaling->period, id(), event_evaluate, 0);
}

bool ComputePool::route_with(Balancing policy) {
  if (balancers_ > 0 && def_.balancing != policy) return false;
  ++balancers_;
  def_.balancing = policy;
  return true;
}

bool ComputePool::reroute_with(Balancing policy) {
  if (balancers_ > 1 && def_.balancing != policy) return false;
  def_.balancing = policy;
  return true;
}

bool ComputePool::attach_front(InstanceWatcher& front, bool cross_zone) {
  if (front_) return cross_zone_ == cross_zone;
  front_ = &front;
  cross_zone_ = cross_zone;
  return true;
}

void ComputePool::set_in_rotation(std::uint32_t instance, bool in_rotation) {
  Instance& in = instances_[instance];
  if (in_rotation && !instance_registered(instance)) return;
  if (in.in_rotation == in_rotation) return;
  in.in_rotation = in_rotation;
  rebuild_rotation();
}

// EC2 bills an instance from its launch until it stops, so warming up and draining are paid for.
bool ComputePool::is_running(State s) {
  return s == State::launching || s == State::in_service || s == State::draining;
}

bool ComputePool::instance_alive(std::uint32_t instance) const {
  State s = instances_[instance].state;
  return s == State::in_service || s == State::draining;
}

bool ComputePool::instance_registered(std::uint32_t instance) const {
  State s = instances_[instance].state;
  return s == State::in_service || s == State::crashed;
}

std::uint32_t ComputePool::pending_instances() const {
  std::uint32_t n = 0;
  for (const Instance& in : instances_)
    n += in.state == State::launching || in.state == State::crashed;
  return n;
}

std::uint64_t ComputePool::outstanding(std::uint32_t instance) const {
  const Instance& in = instances_[instance];
  return in.busy + in.waiting.size() + in.inbound;
}

// A crashed instance stays in rotation until a health check notices; without a balancer in front the pool
// knows at once. Routing happens per request, so the candidate lists are rebuilt only when rotation changes.
void ComputePool::rebuild_rotation() {
  rotation_.clear();
  registered_.clear();
  for (auto& list : rotation_in_zone_)
    list.clear();
  for (std::uint32_t i = 0; i < instance_count(); ++i) {
    const Instance& in = instances_[i];
    if (!instance_registered(i)) continue;
    registered_.push_back(i);
    if (!in.in_rotation) continue;
    rotation_.push_back(i);
    if (rotation_in_zone_.size() <= in.zone) rotation_in_zone_.resize(in.zone + 1u);
    rotation_in_zone_[in.zone].push_back(i);
  }
}

// `cursor` is an instance index: the candidate at or after it is next in turn. When every instance is a
// candidate this is plain round robin over the pool and draws exactly as a pool without rotation changes.
std::uint32_t ComputePool::pick(const std::vector<std::uint32_t>& candidates, std::uint32_t& cursor) {
  const auto m = static_cast<std::uint32_t>(candidates.size());
  if (m == 1) return candidates[0];
  const std::uint32_t n = instance_count();
  // The candidate at or after the cursor (wrapping), for the policies that take turns.
  auto first_in_turn = [&] {
    // Every instance a candidate (the usual case): candidates[i] is i, and the search would be a chain of
    // unpredictable branches per request.
    if (m == n) return cursor < m ? cursor : 0;
    auto start = static_cast<std::uint32_t>(std::lower_bound(candidates.begin(), candidates.end(), cursor) -
                                            candidates.begin());
    return start == m ? 0 : start;
  };
  // (i + 1) % count without a division in the usual case.
  auto after = [](std::uint32_t i, std::uint32_t count) { return i + 1 < count ? i + 1 : (i + 1) % count; };
  switch (def_.balancing) {
    case Balancing::round_robin: {
      std::uint32_t chosen = candidates[first_in_turn()];
      cursor = after(chosen, n);
      return chosen;
    }
    case Balancing::least_outstanding: {
      // Scanning from a rotating start breaks ties in turn, so an idle pool is not all sent to instance 0.
      std::uint32_t k = first_in_turn();
      std::uint32_t best = candidates[k];
      for (std::uint32_t left = m - 1; left > 0; --left) {
        k = after(k, m);
        if (outstanding(candidates[k]) < outstanding(best)) best = candidates[k];
      }
      cursor = after(cursor, n);
      return best;
    }
    case Balancing::random:
      return candidates[balancing_rng_.below(m)];
    case Balancing::power_of_two: {
      auto a = static_cast<std::uint32_t>(balancing_rng_.below(m));
      auto b = static_cast<std::uint32_t>(balancing_rng_.below(m - 1));
      if (b >= a) ++b;  // two distinct instances
      return outstanding(candidates[b]) < outstanding(candidates[a]) ? candidates[b] : candidates[a];
    }
  }
  return candidates[0];
}

std::uint32_t ComputePool::choose_instance(ZoneId from) {
  if (!cross_zone_ && from < rotation_in_zone_.size() && !rotation_in_zone_[from].empty()) {
    if (zone_cursor_.size() <= from) zone_cursor_.resize(from + 1u, 0);
    return pick(rotation_in_zone_[from], zone_cursor_[from]);
  }
  // With nothing in rotation a load balancer fails open: it routes to every registered instance.
  if (!rotation_.empty()) return pick(rotation_, next_instance_);
  if (!registered_.empty()) return pick(registered_, next_instance_);
  return no_instance;
}

ZoneId ComputePool::choose_zone(Engine&, TaskId id, ZoneId from, const std::vector<ZoneId>& zones) {
  std::uint32_t i = choose_instance(from);
  if (i == no_instance) return zones[0];  // refused on arrival
  if (routed_.size() <= id) routed_.resize(id + 1u);
  routed_[id] = Placement{i, instances_[i].epoch};
  ++instances_[i].inbound;
  return instances_[i].zone;
}

void ComputePool::accept(Engine& engine, TaskId id) {
  if (id < routed_.size() && routed_[id].instance != no_instance) {
    Placement chosen = routed_[id];
    routed_[id].instance = no_instance;
    Instance& in = instances_[chosen.instance];
    --in.inbound;
    if (in.epoch != chosen.epoch) {
      // The instance crashed (or was replaced) while the request was on its way: the connection fails.
      ++arrivals_;
      ++in.arrivals;
      ++rejections_;
      engine.refuse(id, Outcome::unavailable);
      return;
    }
    accept_at(engine, id, chosen.instance);
    retire_if_idle(engine, chosen.instance);
    return;
  }
  std::uint32_t i = choose_instance(engine.task(id).zone);
  if (i == no_instance) {
    ++arrivals_;
    ++rejections_;
    engine.refuse(id, Outcome::unavailable);
    return;
  }
  accept_at(engine, id, i);
}

void ComputePool::accept_at(Engine& engine, TaskId id, std::uint32_t instance) {
  ++arrivals_;
  Instance& in = instances_[instance];
  ++in.arrivals;
  if (in.state != State::in_service && in.state != State::draining) {
    ++rejections_;  // a dead instance still in the balancer's rotation
    engine.refuse(id, Outcome::unavailable);
    return;
  }
  SimTime now = engine.now();
  const bool serve = in.busy < def_.concurrency;
  if (!serve && def_.queue_capacity && in.waiting.size() >= *def_.queue_capacity) {
    ++rejections_;
    engine.refuse(id);
    return;
  }
  if (held_.size() <= id) held_.resize(id + 1u);
  held_[id] = Placement{instance, in.epoch};
  in_system_.change(now, +1);
  if (serve) {
    change_busy(in, now, +1);
    start_service(engine, id);
  } else {
    in.waiting.push(id);
  }
}

void ComputePool::change_busy(Instance& in, SimTime now, std::int64_t delta) {
  in.busy = static_cast<std::uint32_t>(static_cast<std::int64_t>(in.busy) + delta);
  in.busy_level.change(now, delta);
  if (in.state == State::in_service) period_busy_.change(now, delta);
}

void ComputePool::start_service(Engine& engine, TaskId id) {
  engine.task(id).started = engine.now();
  engine.serve(id, service_.next(), this->id(), event_completion);
}

bool ComputePool::lost(TaskId id) const {
  const Placement& p = held_[id];
  return instances_[p.instance].epoch != p.epoch;
}

// A task whose instance crashed under it: its slot was already freed at the crash.
void ComputePool::fail_held(Engine& engine, TaskId id) {
  in_system_.change(engine.now(), -1);
  ++rejections_;
  engine.task(id).outcome = Outcome::unavailable;
}

void ComputePool::on_event(Engine& engine, const Event& e) {
  switch (e.kind) {
    case event_completion:
      if (lost(e.arg)) {
        fail_held(engine, e.arg);
        engine.refuse(e.arg, Outcome::unavailable);
      } else {
        engine.served(e.arg);
      }
      return;
    case event_evaluate:
      evaluate(engine);
      return;
    case event_ready: {
      Instance& in = instances_[e.arg];
      if (in.state == State::launching && in.due == engine.now()) set_state(engine, e.arg, State::in_service);
      return;
    }
    case event_replace: {
      Instance& in = instances_[e.arg];
      if (in.state == State::crashed && in.due == engine.now() && may_launch(e.arg)) launch(engine, e.arg);
      return;
    }
    default:
      return;
  }
}

BlockId ComputePool::release(Engine& engine, TaskId id) {
  if (lost(id)) {
    fail_held(engine, id);  // served before the crash; its calls are done, but its answer is lost
    return no_block;
  }
  SimTime now = engine.now();
  const std::uint32_t instance = held_[id].instance;
  Instance& in = instances_[instance];
  change_busy(in, now, -1);
  in_system_.change(now, -1);
  ++completions_;
  engine.report_departure(id);
  // Start the next waiting task before routing, so a request routed back here queues behind it.
  if (!in.waiting.empty()) {
    TaskId next = in.waiting.pop();
    change_busy(in, now, +1);
    start_service(engine, next);
  }
  retire_if_idle(engine, instance);
  return def_.route.choose(route_rng_);
}

void ComputePool::set_state(Engine& engine, std::uint32_t instance, State state) {
  Instance& in = instances_[instance];
  const SimTime now = engine.now();
  const bool was = in.state == State::in_service;
  const bool is = state == State::in_service;
  const bool was_running = is_running(in.state);
  if (was_running != is_running(state)) running_.change(now, was_running ? -1 : 1);
  if (was != is) {
    const std::int64_t d = is ? 1 : -1;
    in_service_.change(now, d);
    period_in_service_.change(now, d);
    period_busy_.change(now, d * static_cast<std::int64_t>(in.busy));
  }
  in.state = state;
  if (!front_) {
    in.in_rotation = is;
  } else if (!instance_registered(instance)) {
    in.in_rotation = false;  // deregistered from the target group; a new target waits for a health check
  }
  rebuild_rotation();
  if (front_) front_->on_instances_changed(engine);
}

void ComputePool::launch(Engine& engine, std::uint32_t instance) {
  Instance& in = instances_[instance];
  ++in.epoch;
  ++in.generation;
  in.due = engine.now() + def_.warmup;
  set_state(engine, instance, State::launching);
  engine.schedule(in.due, id(), event_ready, instance);
}

void ComputePool::launch_new(Engine& engine) {
  std::uint32_t slot = 0;
  while (slot < instance_count() && instances_[slot].state != State::off)
    ++slot;
  if (slot == instance_count()) {
    instances_.emplace_back();
    instances_[slot].state = State::off;
    instances_[slot].in_rotation = false;
    instances_[slot].zone = zone_for(slot);
    instances_[slot].busy_level.restart(stats_since_);
  }
  if (!may_launch(slot)) {
    // Its zone has no power: it waits there, counted as pending, until the zone is back.
    set_state(engine, slot, State::crashed);
    return;
  }
  launch(engine, slot);
}

void ComputePool::retire_if_idle(Engine& engine, std::uint32_t instance) {
  const Instance& in = instances_[instance];
  if (in.state == State::draining && outstanding(instance) == 0) set_state(engine, instance, State::off);
}

bool ComputePool::terminate_instance(Engine& engine, std::uint32_t instance) {
  Instance& in = instances_[instance];
  if (in.state == State::off || in.state == State::crashed) return false;
  const SimTime now = engine.now();
  const bool draining = in.state == State::draining;
  ++in.epoch;  // tasks it holds are lost: their completion events and releases see the old epoch
  change_busy(in, now, -static_cast<std::int64_t>(in.busy));
  scratch_.clear();
  while (!in.waiting.empty())
    scratch_.push_back(in.waiting.pop());
  if (draining) {
    set_state(engine, instance, State::off);
  } else {
    in.due = now + def_.replacement;
    set_state(engine, instance, State::crashed);
    engine.schedule(in.due, id(), event_replace, instance);
  }
  // Refused last: a refusal may bring new requests here at once, which must find the instance dead.
  for (TaskId t : scratch_) {
    fail_held(engine, t);
    engine.refuse(t, Outcome::unavailable);
  }
  return true;
}

void ComputePool::evaluate(Engine& engine) {
  const AutoscalingDef& as = *def_.autoscaling;
  const SimTime now = engine.now();
  const double mean_serving = period_in_service_.average(now);
  const double slots = mean_serving * def_.concurrency;
  last_utilization_ = slots > 0 ? period_busy_.average(now) / slots : 0;
  period_in_service_.restart(now);
  period_busy_.restart(now);
  engine.schedule_in(as.period, id(), event_evaluate, 0);

  const std::uint32_t serving = in_service_instances();
  if (serving == 0 || slots <= 0) return;  // nothing measured: wait for the replacements
  const std::uint32_t capacity = serving + pending_instances();
  // in service x utilization / target, with the in-service count averaged over the period the utilization
  // was measured in: instances that joined at its end have not carried any load yet. The tolerance keeps a
  // utilization exactly on target from asking for one more instance.
  const double wanted = std::ceil(mean_serving * last_utilization_ / as.target_utilization - 1e-9);
  const auto desired = static_cast<std::uint32_t>(
      std::clamp(wanted, static_cast<double>(as.min_instances), static_cast<double>(as.max_instances)));
  if (desired > capacity) {
    for (std::uint32_t k = capacity; k < desired; ++k)
      launch_new(engine);
    last_scaling_ = now;
  } else if (desired < capacity && (last_scaling_ < 0 || now - last_scaling_ >= as.cooldown)) {
    // Scale in from the highest slot, the newest instances, keeping the zones balanced.
    std::uint32_t remove = std::min(capacity - desired, serving);
    for (std::uint32_t i = instance_count(); i-- > 0 && remove > 0;) {
      if (instances_[i].state != State::in_service) continue;
      set_state(engine, i, State::draining);
      retire_if_idle(engine, i);
      --remove;
    }
    last_scaling_ = now;
  }
}

std::string ComputePool::set_param(Engine& engine, std::string_view name, const ParamValue& value) {
  if (name == "queue_capacity") {
    // Each instance's line from now on; a line already longer keeps its tasks.
    def_.queue_capacity = static_cast<std::uint64_t>(value.number);
    return {};
  }
  if (name != "instances") return "a running compute pool changes only \"instances\" and \"queue_capacity\"";
  set_desired_instances(engine, static_cast<std::uint32_t>(value.number));
  return {};
}

void ComputePool::set_desired_instances(Engine& engine, std::uint32_t count) {
  const std::uint32_t capacity = in_service_instances() + pending_instances();
  if (count > capacity) {
    for (std::uint32_t k = capacity; k < count; ++k)
      launch_new(engine);
  } else if (count < capacity) {
    std::uint32_t remove = capacity - count;
    for (std::uint32_t i = instance_count(); i-- > 0 && remove > 0;) {
      const State s = instances_[i].state;
      if (s != State::launching && s != State::crashed) continue;
      set_state(engine, i, State::off);  // its ready or replace event finds it off and does nothing
      --remove;
    }
    for (std::uint32_t i = instance_count(); i-- > 0 && remove > 0;) {
      if (instances_[i].state != State::in_service) continue;
      set_state(engine, i, State::draining);
      retire_if_idle(engine, i);
      --remove;
    }
  }
  last_scaling_ = engine.now();
}

double ComputePool::instance_utilization(std::uint32_t instance, SimTime now) const {
  return instances_[instance].busy_level.average(now) / def_.concurrency;
}

double ComputePool::mean_in_service_instances(SimTime now) const {
  return now > stats_since_ ? in_service_.average(now) : static_cast<double>(in_service_.level());
}

void ComputePool::reset_statistics(SimTime now) {
  stats_since_ = now;
  in_system_.restart(now);
  in_service_.restart(now);
  running_.restart(now);
  for (Instance& in : instances_) {
    in.busy_level.restart(now);
    in.arrivals = 0;
  }
  arrivals_ = completions_ = rejections_ = 0;
}

BlockCounters ComputePool::counters(SimTime now) const {
  auto servers = static_cast<std::uint32_t>(std::llround(mean_in_service_instances(now) * def_.concurrency));
  BlockCounters c =
      serving_counters(name(), "compute", arrivals_, completions_, rejections_, servers, in_system_, now);
  for (const Instance& in : instances_)
    c.mean_busy += in.busy_level.average(now);
  c.mean_servers = mean_in_service_instances(now) * def_.concurrency;
  c.usage.units = now > stats_since_ ? running_.average(now) : static_cast<double>(running_.level());
  return c;
}

bool ComputePool::may_launch(std::uint32_t instance) const {
  const Instance& in = instances_[instance];
  return !in.held && !(in.zone < zone_down_.size() && zone_down_[in.zone]);
}

void ComputePool::hold_instance(Engine& engine, std::uint32_t instance, bool held) {
  Instance& in = instances_[instance];
  if (in.held == held) return;
  in.held = held;
  if (held) {
    terminate_instance(engine, instance);
  } else if (in.state == State::crashed && may_launch(instance)) {
    launch(engine, instance);
  }
}

void ComputePool::set_zone_down(Engine& engine, ZoneId zone, bool down) {
  if (zone_down_.size() <= zone) zone_down_.resize(zone + 1u, 0);
  if ((zone_down_[zone] != 0) == down) return;
  zone_down_[zone] = down ? 1 : 0;
  for (std::uint32_t i = 0; i < instance_count(); ++i) {
    if (instances_[i].zone != zone) continue;
    if (down) {
      terminate_instance(engine, i);
    } else if (instances_[i].state == State::crashed && may_launch(i)) {
      launch(engine, i);
    }
  }
}

void ComputePool::cancel_zone_choice(Engine& engine, TaskId id) {
  if (id >= routed_.size() || routed_[id].instance == no_instance) return;
  const std::uint32_t instance = routed_[id].instance;
  --instances_[instance].inbound;
  routed_[id].instance = no_instance;
  retire_if_idle(engine, instance);
}

}  // namespace sdsim
