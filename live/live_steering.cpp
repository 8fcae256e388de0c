#include "live/live_steering.hpp"

#include <algorithm>
#include <sstream>

namespace sdsim::live {

namespace {

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace

LiveSteering::LiveSteering(const Design& design, const Scenario& scenario, PacingOptions options,
                           Publish publish)
    : scenario_(scenario), options_(options), publish_(std::move(publish)), panel_(design, scenario) {
  log_.design = design.name;
  log_.scenario = scenario.name;
  log_.seed = scenario.seed;
}

void LiveSteering::attach(BuiltModel& model, SimTime end) {
  model_ = &model;
  end_ = end;
  panel_.attach(model, end);
  meters_.push_back(std::make_unique<WindowMeter>(model.flow_names.size()));
  meter_ = meters_.back().get();
  model.engine->add_observer(*meter_);
  flow_names_ = model.flow_names;
  block_names_.clear();
  for (BlockId b = 0; b < model.engine->block_count(); ++b)
    block_names_.push_back({model.engine->block(b).name(), model.engine->block(b).counters(0).kind});
  rebase();
  next_snapshot_ = Clock::now();
  plan_next_stop();
}

void LiveSteering::rebase() {
  wall_origin_ = Clock::now();
  sim_origin_ = model_ ? model_->engine->now() : 0;
}

LiveSteering::Clock::time_point LiveSteering::wall_for(SimTime t) const {
  const double wall_s = static_cast<double>(t - sim_origin_) / 1e9 / options_.speed;
  return wall_origin_ + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wall_s));
}

SimTime LiveSteering::next_stop() const {
  return next_stop_;
}

void LiveSteering::plan_next_stop() {
  const SimTime now = model_->engine->now();
  const SimTime slice = std::max<SimTime>(1, from_s(options_.slice_s * options_.speed));
  next_stop_ = now >= end_ ? time_never : std::min(end_, now + slice);
}

void LiveSteering::submit(Command command, ReplyTo reply) {
  {
    std::lock_guard lock(mutex_);
    if (!over_) {
      inbox_.push_back(Pending{std::move(command), std::move(reply)});
      wake_.notify_all();
      return;
    }
  }
  reply(Reply{false, "the run is over"});
}

void LiveSteering::request_stop() {
  std::lock_guard lock(mutex_);
  stop_requested_ = true;
  wake_.notify_all();
}

void LiveSteering::apply(Pending& p) {
  const Command& c = p.command;
  Reply reply{true, ""};
  const double now_s = to_s(model_->engine->now());
  switch (c.kind) {
    case CommandKind::pause:
      paused_ = true;
      reply.message = "paused at " + format_number(now_s) + " s";
      break;
    case CommandKind::resume:
      if (paused_) rebase();
      paused_ = false;
      reply.message = "running at " + format_number(now_s) + " s";
      break;
    case CommandKind::speed:
      rebase();
      options_.speed = c.number;
      reply.message = "speed " + format_number(c.number);
      break;
    case CommandKind::status:
      reply.message = std::string(paused_ ? "paused" : "running") + " at " + format_number(now_s) + " s of " +
                      format_number(to_s(end_)) + " s, speed " + format_number(options_.speed);
      break;
    case CommandKind::load:
    case CommandKind::fault:
    case CommandKind::clear:
    case CommandKind::set:
      reply = panel_.apply(c);
      if (reply.ok) log_.commands.push_back({model_->engine->now(), c.line});
      break;
  }
  p.reply(reply);
}

void LiveSteering::drain() {
  std::deque<Pending> batch;
  bool stop = false;
  {
    std::lock_guard lock(mutex_);
    batch.swap(inbox_);
    stop = stop_requested_;
    if (stop) over_ = true;
  }
  if (stop) {
    for (Pending& p : batch)
      p.reply(Reply{false, "the live run is shutting down"});
    throw RunStopped();
  }
  for (Pending& p : batch)
    apply(p);
}

std::vector<CallSnapshot> LiveSteering::take_calls() {
  const Engine& engine = *model_->engine;
  const CallPlan& plan = engine.call_plan();
  std::vector<CallSnapshot> out(plan.guards.size());
  // Names by walking each flow's tree: "flow: caller -> callee", as reports name them.
  struct Visit {
    std::uint32_t node;
    std::string caller;
  };
  for (std::size_t f = 0; f < flow_names_.size(); ++f) {
    const std::uint32_t root = plan.root_of(static_cast<std::uint32_t>(f));
    if (root >= plan.nodes.size()) continue;
    std::vector<Visit> stack{{root, "client"}};
    while (!stack.empty()) {
      const Visit v = stack.back();
      stack.pop_back();
      const CallNode& node = plan.nodes[v.node];
      const std::string& callee = engine.block(node.block).name();
      if (node.guard < out.size()) out[node.guard].call = flow_names_[f] + ": " + v.caller + " -> " + callee;
      for (std::uint32_t k = node.child_count; k-- > 0;)
        stack.push_back({plan.children[node.first_child + k], callee});
    }
  }
  last_guards_.resize(out.size());
  for (std::size_t g = 0; g < out.size(); ++g) {
    const GuardCounters& now = engine.guard_counters(static_cast<std::uint32_t>(g));
    GuardCounters& before = last_guards_[g];
    if (now.calls < before.calls || now.attempts < before.attempts) before = GuardCounters{};
    out[g].calls = now.calls - before.calls;
    out[g].attempts = now.attempts - before.attempts;
    out[g].retries = now.retries - std::min(now.retries, before.retries);
    out[g].timeouts = now.timeouts - std::min(now.timeouts, before.timeouts);
    before = now;
  }
  return out;
}

void LiveSteering::publish_snapshot(const char* state) {
  std::vector<BlockCounters> counters;
  const Engine& engine = *model_->engine;
  counters.reserve(engine.block_count());
  for (BlockId b = 0; b < engine.block_count(); ++b)
    counters.push_back(engine.block(b).counters(engine.now()));
  // While the clock stands still (paused) the last window's figures stand too, over no new time.
  const bool moved = engine.now() > last_time_ || seq_ == 0;
  if (moved) {
    last_ = build_snapshot(meter_->take(engine.now(), counters), flow_names_, block_names_,
                           scenario_.loads.size(), panel_.faults(recent_span()));
    last_.calls = take_calls();
  }
  last_time_ = engine.now();
  Snapshot s = last_;
  if (!moved) s.window_s = 0;
  s.faults = build_snapshot({}, {}, {}, 0, panel_.faults(recent_span())).faults;
  s.seq = seq_++;
  s.state = state;
  s.t_s = to_s(engine.now());
  s.end_s = to_s(end_);
  s.speed = options_.speed;
  s.sent_unix_ms =
      std::chrono::duration<double, std::milli>(std::chrono::system_clock::now().time_since_epoch()).count();
  publish_(to_json_line(s));
}

SimTime LiveSteering::recent_span() const {
  return std::max(from_s(one_off_visible_s), from_s(one_off_visible_s * options_.speed));
}

void LiveSteering::at_stop(BuiltModel&) {
  const auto period = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(1.0 / options_.snapshots_per_s));
  // Sleep until the wall clock catches up with the simulated one, waking for commands and snapshots; while
  // paused, only for those.
  for (;;) {
    drain();
    const Clock::time_point now = Clock::now();
    if (now >= next_snapshot_) {
      publish_snapshot(paused_ ? "paused" : "running");
      next_snapshot_ += period;
      if (next_snapshot_ < now) next_snapshot_ = now + period;
    }
    const Clock::time_point due = wall_for(model_->engine->now());
    if (!paused_ && due <= now) {
      // Far behind (a model too heavy for this speed): catch up from here rather than in a burst.
      if (now - due > std::chrono::milliseconds(500)) rebase();
      break;
    }
    const Clock::time_point wake_at = paused_ ? next_snapshot_ : std::min(due, next_snapshot_);
    std::unique_lock lock(mutex_);
    wake_.wait_until(lock, wake_at, [&] { return !inbox_.empty() || stop_requested_; });
  }
  if (model_->engine->now() >= end_) {
    publish_snapshot("ended");
    std::deque<Pending> late;
    {
      std::lock_guard lock(mutex_);
      over_ = true;
      late.swap(inbox_);
    }
    for (Pending& p : late)
      p.reply(Reply{false, "the run is over"});
  }
  plan_next_stop();
}

}  // namespace sdsim::live
