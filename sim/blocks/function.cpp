#include "sim/blocks/function.hpp"

#include "sim/core/engine.hpp"

namespace sdsim {

namespace {

constexpr std::uint32_t invocation_done = 0;
constexpr std::uint32_t idle_check = 1;

}  // namespace

Function::Function(std::string name, FunctionDef def, Rng cold_start_rng, Rng duration_rng)
    : Block(std::move(name)),
      def_(std::move(def)),
      cold_start_rng_(cold_start_rng),
      duration_rng_(duration_rng),
      scale_up_(def_.scale_up_per_s, def_.scale_up_burst) {}

void Function::reclaim_expired(SimTime now) {
  std::size_t before = idle_head_;
  while (idle_head_ < idle_.size() && idle_[idle_head_] + def_.idle_timeout <= now)
    ++idle_head_;
  std::size_t gone = idle_head_ - before;
  if (gone > 0) {
    reclaimed_ += gone;
    environments_.change(now, -static_cast<std::int64_t>(gone));
  }
  // Compact once the dead front outweighs the live part: amortised O(1), and no growth beyond the peak.
  if (idle_head_ == idle_.size()) {
    idle_.clear();
    idle_head_ = 0;
  } else if (idle_head_ > idle_.size() / 2) {
    idle_.erase(idle_.begin(), idle_.begin() + static_cast<std::ptrdiff_t>(idle_head_));
    idle_head_ = 0;
  }
}

void Function::accept(Engine& engine, TaskId id) {
  ++arrivals_;
  SimTime now = engine.now();
  reclaim_expired(now);
  SimTime delay = 0;
  // Busy environments reach the limit only when it was lowered during the run; otherwise none is idle then.
  if (busy_count() >= def_.concurrency_limit) {
    ++concurrency_throttles_;
    engine.refuse(id, Outcome::throttled);  // TooManyRequestsException (429): the concurrency limit
    return;
  }
  if (idle_count() > 0) {
    idle_.pop_back();
    ++warm_starts_;
  } else {
    scale_up_.refill(now);
    if (!scale_up_.holds(1)) {
      ++scaling_throttles_;
      engine.refuse(id, Outcome::throttled);  // 429 as well: the function scales no faster than its rate
      return;
    }
    scale_up_.take(1);
    ++cold_starts_;
    environments_.change(now, +1);
    delay = def_.cold_start.sample(cold_start_rng_);
  }
  busy_.change(now, +1);
  engine.task(id).started = now;
  engine.schedule_in(delay + def_.duration.sample(duration_rng_), this->id(), invocation_done, id);
}

void Function::on_event(Engine& engine, const Event& e) {
  if (e.kind == idle_check) {
    reclaim_expired(engine.now());
    return;
  }
  engine.served(e.arg);
}

// The environment stays busy until the invocation's own downstream calls return: a synchronous function
// waits for them.
BlockId Function::release(Engine& engine, TaskId id) {
  SimTime now = engine.now();
  busy_.change(now, -1);
  if (busy_count() + idle_count() >= def_.concurrency_limit) {
    // Over a lowered limit: the environment is reclaimed instead of kept warm.
    ++reclaimed_;
    environments_.change(now, -1);
  } else {
    idle_.push_back(now);
    engine.schedule_in(def_.idle_timeout, this->id(), idle_check, 0);
  }
  ++completions_;
  engine.report_departure(id);
  return no_block;
}

std::string Function::set_param(Engine& engine, std::string_view name, const ParamValue& value) {
  if (name != "concurrency_limit") return "a running function changes only \"concurrency_limit\"";
  def_.concurrency_limit = static_cast<std::uint32_t>(value.number);
  const SimTime now = engine.now();
  reclaim_expired(now);
  // The oldest idle environments go first, as they would have expired first.
  while (idle_count() > 0 && busy_count() + idle_count() > def_.concurrency_limit) {
    ++idle_head_;
    ++reclaimed_;
    environments_.change(now, -1);
  }
  return {};
}

void Function::reset_statistics(SimTime now) {
  busy_.restart(now);
  environments_.restart(now);
  arrivals_ = completions_ = 0;
  cold_starts_ = warm_starts_ = 0;
  concurrency_throttles_ = scaling_throttles_ = 0;
  reclaimed_ = 0;
}

BlockCounters Function::counters(SimTime now) const {
  BlockCounters c;
  c.name = name();
  c.kind = "function";
  c.arrivals = arrivals_;
  c.completions = completions_;
  c.rejections = throttles();
  c.servers = def_.concurrency_limit;
  c.mean_in_system = busy_.average(now);  // no waiting line: every admitted invocation holds an environment
  c.mean_busy = c.mean_in_system;
  c.peak_in_system = busy_.peak();
  c.in_system_at_end = busy_.level();
  c.usage.units = c.mean_busy;  // Lambda bills the GB-seconds of busy environments, initialization included
  c.usage.requests = static_cast<double>(arrivals_ - throttles());
  return c;
}

}  // namespace sdsim
