#include "sim/core/engine.hpp"

#include <algorithm>

namespace sdsim {

ZoneId Block::choose_zone(Engine& engine, TaskId, ZoneId, const std::vector<ZoneId>& zones) {
  return zones[engine.random_below(zones.size())];
}

BlockId Engine::add_block(std::unique_ptr<Block> block) {
  auto id = static_cast<BlockId>(blocks_.size());
  block->id_ = id;
  blocks_.push_back(std::move(block));
  return id;
}

void Engine::set_network(Network network) {
  network_ = std::move(network);
  std::vector<SimTime> latencies;
  const std::size_t zones = network_.zone_count();
  for (std::size_t a = 0; a < zones; ++a) {
    for (std::size_t b = 0; b < zones; ++b) {
      SimTime l = network_.latency(static_cast<ZoneId>(a), static_cast<ZoneId>(b));
      if (l > 0) latencies.push_back(l);
    }
  }
  std::sort(latencies.begin(), latencies.end());
  latencies.erase(std::unique(latencies.begin(), latencies.end()), latencies.end());
  if (latencies.size() > EventQueue::max_lanes) latencies.resize(EventQueue::max_lanes);
  // Lanes are opened once, before any event: a later network keeps them and maps its hops onto them.
  if (queue_.lane_count() == 0 && queue_.empty())
    queue_.open_lanes(static_cast<std::uint32_t>(latencies.size()));
  const std::size_t usable = std::min<std::size_t>(latencies.size(), queue_.lane_count());
  hops_.assign(zones * zones, Hop{0, no_lane});
  for (std::size_t a = 0; a < zones; ++a) {
    for (std::size_t b = 0; b < zones; ++b) {
      SimTime l = network_.latency(static_cast<ZoneId>(a), static_cast<ZoneId>(b));
      Hop& hop = hops_[a * zones + b];
      hop.latency = l;
      auto it =
          std::lower_bound(latencies.begin(), latencies.begin() + static_cast<std::ptrdiff_t>(usable), l);
      if (l > 0 && it != latencies.begin() + static_cast<std::ptrdiff_t>(usable) && *it == l)
        hop.lane = static_cast<std::uint32_t>(it - latencies.begin());
    }
  }
}

void Engine::add_observer(Observer& observer) {
  all_observers_.push_back(&observer);
  std::uint32_t wants = observer.interests();
  if (wants & interest_events) event_observers_.push_back(&observer);
  if (wants & interest_departures) departure_observers_.push_back(&observer);
  if (wants & interest_request_ends) end_observers_.push_back(&observer);
  if (wants & interest_reads) read_observers_.push_back(&observer);
}

RequestId Engine::start_request(BlockId origin, FlowId flow, std::uint32_t user, BlockId entry,
                                std::uint64_t key, ZoneId zone) {
  RequestId id = requests_.acquire();
  Request& r = requests_[id];
  r.created = now_;
  r.key = key;
  r.flow = flow;
  r.origin = origin;
  r.user = user;
  r.live_tasks = 0;
  r.answered = false;
  r.zone = zone;
  if (!read_observers_.empty()) {
    if (seen_.size() <= id) seen_.resize(std::size_t{id} + 1);
    seen_[id] = SeenVersion{};
  }
  std::uint32_t root = plan_.root_of(flow);
  BlockId block = root == no_node ? entry : plan_.nodes[root].block;
  if (root != no_node && plan_.nodes[root].guard != no_guard) [[unlikely]] {
    start_guarded(root, no_task, id);  // a client timeout, retries or breaker
    return id;
  }
  send(block, create_task(id, no_task, root, block, TaskRole::root), zone);
  return id;
}

TaskId Engine::create_task(RequestId request, TaskId parent, std::uint32_t node, BlockId block,
                           TaskRole role) {
  TaskId id = tasks_.acquire();
  Request& r = requests_[request];
  tasks_[id] = Task{.arrived = now_,
                    .started = now_,
                    .request = request,
                    .parent = parent,
                    .node = node,
                    .payload = node,
                    .next_child = 0,
                    .pending = 0,
                    .block = block,
                    .zone = r.zone,
                    .role = role,
                    .outcome = Outcome::completed,
                    .failed_at = no_block,
                    .hit = false,
                    .last_child_hit = false,
                    .launching = false,
                    .next_free = 0};
  ++r.live_tasks;
  return id;
}

void Engine::deliver(BlockId to, TaskId id) {
  Task& t = tasks_[id];
  t.block = to;
  t.arrived = now_;
  t.started = now_;
  if (faults_active_) [[unlikely]] {
    if (!deliver_with_faults(id)) return;
  }
  blocks_[to]->accept(*this, id);
}

void Engine::served(TaskId id) {
  if (faults_active_) [[unlikely]] {
    if (served_with_faults(id)) return;
  }
  finish_service(id);
}

// Folded steps. Some events only resume a task's call loop, whose first act is to send a call: a service
// that ends in served() (Engine::serve), and an answer's hop back to a caller that goes on to its next call.
// Such an event is folded into the one before it: the loop runs then, and each call it sends arrives as much
// later as the folded step would have taken (so every hop and service time is kept; the callee sees the
// call when it would have). What moves is the moment the loop draws: its "p" and the callee's zone (a
// random zone or instance in turn; a callee choosing by load, health or failover is never folded into).
// Nothing else may act in between: no fault in force or due, and the loop must be certain to leave its task
// waiting on a call, so the task's block lets it go in an event of its own at the right time.
void Engine::serve(TaskId id, SimTime duration, BlockId block, std::uint32_t kind) {
  const Task& t = tasks_[id];
  if (t.outcome == Outcome::completed && launches_ahead(t) && may_fold(duration)) {
    fold_delay_ = duration;
    finish_service(id);  // with calls to make: they are launched, none answers before this returns
    fold_delay_ = 0;
    return;
  }
  schedule_in(duration, block, kind, id);
}

// The answer of a call that succeeded, to a sequence whose next step is certain to launch a call.
bool Engine::answer_folds(const Task& callee) const {
  if (callee.role != TaskRole::call || callee.outcome != Outcome::completed) return false;
  const Task& caller = tasks_[callee.parent];
  return caller.pending == 1 && caller.outcome == Outcome::completed && launches_ahead(caller) &&
         !plan_.nodes[caller.node].parallel;
}

// Resumed at child i of a sequence, the loop is certain to launch a synchronous call when a later sync call
// has neither condition nor "p", and everything it may launch up to that one is unguarded, not picked by its
// caller, and to a callee whose zone choice may be drawn early. A parallel group launches all its calls:
// every one must qualify, and one must be certain.
void Engine::build_launch_table() {
  launch_table_.assign(plan_.children.size(), 0);
  for (const CallNode& n : plan_.nodes) {
    bool certain = false;  // from the child after i on (a sequence), or among all children (a group)
    bool all_early = true;
    for (std::uint32_t i = n.child_count; i-- > 0;) {
      const CallNode& c = plan_.nodes[plan_.children[n.first_child + i]];
      const bool early = c.guard == no_guard && c.condition != CallCondition::selected &&
                         c.block < blocks_.size() && !blocks_[c.block]->chooses_zone_by_state();
      const bool sure = !c.async && c.condition == CallCondition::always && c.probability >= 1.0;
      certain = n.parallel ? certain || sure : early && (sure || certain);
      all_early = all_early && early;
      if (!n.parallel) launch_table_[n.first_child + i] = certain ? 1 : 0;
    }
    if (n.parallel && n.child_count > 0) launch_table_[n.first_child] = all_early && certain ? 1 : 0;
  }
}

void Engine::finish_service(TaskId id) {
  Task& t = tasks_[id];
  if (t.node == no_node || plan_.nodes[t.node].child_count == 0) {
    complete(id);
  } else {
    // A first call's "if" tests the block's own answer (an edge cache that missed calls its origin).
    t.last_child_hit = t.hit;
    run_next_call(id);
  }
}

void Engine::refuse(TaskId id, Outcome reason) {
  tasks_[id].outcome = reason;
  answer(id);
}

bool Engine::should_call(const CallNode& child, TaskId id) {
  const Task& caller = tasks_[id];
  if (child.condition == CallCondition::if_hit && !caller.last_child_hit) return false;
  if (child.condition == CallCondition::if_miss && caller.last_child_hit) return false;
  if (child.condition == CallCondition::selected) [[unlikely]]
    return blocks_[caller.block]->selects_call(*this, id, child.block);
  return child.probability >= 1.0 || call_rng_.uniform() < child.probability;
}

void Engine::launch(std::uint32_t child_node, TaskId caller) {
  const CallNode& child = plan_.nodes[child_node];
  if (child.guard != no_guard) [[unlikely]] {
    ++tasks_[caller].pending;  // the loader allows resilience on synchronous calls only
    start_guarded(child_node, caller, tasks_[caller].request);
    return;
  }
  const TaskRole role = child.async ? TaskRole::async_call : TaskRole::call;
  if (role == TaskRole::call) ++tasks_[caller].pending;
  TaskId id = create_task(tasks_[caller].request, role == TaskRole::call ? caller : no_task, child_node,
                          child.block, role);
  send(child.block, id, tasks_[caller].zone);
}

// Starts the task's next calls: in sequence, the next one made (and any asynchronous ones before it); in
// parallel, all of them at once. Completes the task when nothing is left to wait for.
void Engine::run_next_call(TaskId id) {
  const CallNode& node = plan_.nodes[tasks_[id].node];
  // A call refused at once is answered inside launch(); `launching` keeps that answer from re-entering here.
  tasks_[id].launching = true;
  while (tasks_[id].next_child < node.child_count && tasks_[id].outcome == Outcome::completed) {
    std::uint32_t child = plan_.children[node.first_child + tasks_[id].next_child++];
    if (!should_call(plan_.nodes[child], id)) continue;
    launch(child, id);  // may grow the task pool: re-read the task afterwards
    if (!node.parallel && tasks_[id].pending > 0) break;
  }
  tasks_[id].launching = false;
  if (tasks_[id].pending == 0) complete(id);
}

void Engine::answered(TaskId caller, Outcome outcome, bool hit, BlockId failed_at) {
  Task& t = tasks_[caller];
  --t.pending;
  t.last_child_hit = hit;
  if (outcome != Outcome::completed) {
    t.outcome = outcome;
    t.failed_at = failed_at;
  }
  // A failed call stops a sequence; a parallel group still waits for its other members.
  if (t.launching || t.pending > 0) return;
  if (t.outcome == Outcome::completed) {
    run_next_call(caller);
  } else {
    complete(caller);
  }
}

// The task's work and calls are done: its block lets it go and says where it goes next.
void Engine::complete(TaskId id) {
  BlockId next = blocks_[tasks_[id].block]->release(*this, id);
  if (next != no_block && tasks_[id].outcome == Outcome::completed) {
    Task& t = tasks_[id];
    t.node = no_node;  // a forwarded visit has no calls of its own, but carries the same payload onwards
    send(next, id, t.zone);
    return;
  }
  answer(id);
}

void Engine::send(BlockId to, TaskId id, ZoneId from) {
  if (faults_active_) [[unlikely]] {
    send_with_faults(to, id, from);
    return;
  }
  const std::vector<ZoneId>& zones = network_.zones_of(to);
  ZoneId zone = zones.empty()       ? from
                : zones.size() == 1 ? zones[0]
                                    : blocks_[to]->choose_zone(*this, id, from, zones);
  Task& t = tasks_[id];
  t.zone = zone;
  auto [delay, lane] = hop(from, zone);
  if (carries_payload_) [[unlikely]] {
    SimTime transfer = carry_request(t, from);
    if (transfer != 0) lane = no_lane;
    delay += transfer;
  }
  lane = fold_delay_ == 0 ? lane : no_lane;
  delay += fold_delay_;
  if (delay == 0) {
    deliver(to, id);
  } else {
    t.block = to;
    schedule_hop(delay, lane, engine_event_deliver, id);
  }
}

// The answer travels back to the caller's zone (the clients' zone for the root) before the caller sees it.
// Only a successful answer carries the response payload; a failure is a short error.
void Engine::answer(TaskId id) {
  const Task& t = tasks_[id];
  if (t.role == TaskRole::async_call) {
    free_task(id);
    return;
  }
  ZoneId to = t.role == TaskRole::call      ? tasks_[t.parent].zone
              : t.role == TaskRole::guarded ? guarded_caller_zone(t.parent)
                                            : requests_[t.request].zone;
  auto [delay, lane] = hop(t.zone, to);
  if (faults_active_ || carries_payload_) [[unlikely]] {
    SimTime extra = faults_active_ ? answer_fault_delay(id, to) : 0;  // first: a cut hop fails the answer
    if (carries_payload_) extra += carry_response(t, to);
    if (extra != 0) lane = no_lane;
    delay += extra;
  }
  if (delay == 0) {
    deliver_answer(id);
  } else if (answer_folds(t) && may_fold(delay)) {
    fold_delay_ = delay;
    deliver_answer(id);
    fold_delay_ = 0;
  } else {
    schedule_hop(delay, lane, engine_event_answer, id);
  }
}

SimTime Engine::carry(ZoneId from, ZoneId to, std::uint64_t bytes) {
  if (bytes == 0) return 0;
  HopClass c = network_.hop_class(from, to);
  if (c != HopClass::none) bytes_moved_[static_cast<std::size_t>(c)] += bytes;
  return network_.transfer_time(from, to, bytes);
}

SimTime Engine::carry_request(const Task& t, ZoneId from) {
  return t.payload == no_node ? 0 : carry(from, t.zone, plan_.payloads[t.payload].request_bytes);
}

SimTime Engine::carry_response(const Task& t, ZoneId to) {
  if (t.payload == no_node || t.outcome != Outcome::completed) return 0;
  return carry(t.zone, to, plan_.payloads[t.payload].response_bytes);
}

void Engine::on_engine_event(const Event& e) {
  if (e.kind == engine_event_deliver) {
    deliver(tasks_[e.arg].block, e.arg);
  } else if (e.kind == engine_event_answer) {
    deliver_answer(e.arg);
  } else if (e.kind == engine_event_call_timeout) {
    on_call_timeout(e.arg);
  } else if (e.kind == engine_event_call_retry) {
    on_call_retry(e.arg);
  } else if (e.kind == engine_event_fault_action) {
    fault_times_.pop();
    fault_actor_->act(*this, e.arg);
  } else if (e.kind == engine_event_served_late) {
    finish_service(e.arg);
  }
}

void Engine::deliver_answer(TaskId id) {
  const Task& t = tasks_[id];
  switch (t.role) {
    case TaskRole::call: {
      TaskId caller = t.parent;
      Outcome outcome = t.outcome;
      bool hit = t.hit;
      BlockId failed_at = failure_origin(t);
      free_task(id);
      answered(caller, outcome, hit, failed_at);
      return;
    }
    case TaskRole::async_call:
      free_task(id);
      return;
    case TaskRole::guarded:
      guarded_answer(id);
      return;
    case TaskRole::root:
      break;
  }
  finish_request(t.request, t.outcome == Outcome::completed ? t.block : failure_origin(t), t.outcome);
  free_task(id);
}

void Engine::finish_request(RequestId id, BlockId at, Outcome outcome) {
  Request& r = requests_[id];
  r.answered = true;
  if (!end_observers_.empty()) {
    RequestEnd end{r.flow, at, r.created, now_, outcome};
    for (Observer* o : end_observers_)
      o->on_request_end(end);
  }
  blocks_[r.origin]->on_request_finished(*this, id, outcome);
}

void Engine::free_task(TaskId id) {
  RequestId request_id = tasks_[id].request;
  tasks_.release(id);
  Request& r = requests_[request_id];
  if (--r.live_tasks == 0 && r.answered) requests_.release(request_id);
}

void Engine::notify_departure(const Task& t) {
  Departure d{t.block, t.arrived, t.started, now_};
  for (Observer* o : departure_observers_)
    o->on_departure(d);
}

void Engine::notify_read(TaskId id, const ReadJudgement& j, const Versions* source) {
  const Task& t = tasks_[id];
  const Request& q = requests_[t.request];
  ReadRecord r{q.flow,        t.block,  now_,   j.stale, j.age,  j.versions_behind,
               j.since_write, q.origin, q.user, q.key,   source, j.version};
  for (Observer* o : read_observers_)
    o->on_read(r);
}

void Engine::notify_write(TaskId id, const Versions& source, std::uint64_t version,
                          std::uint64_t lost_updates) {
  const Task& t = tasks_[id];
  const Request& q = requests_[t.request];
  WriteRecord w{q.flow, t.block, q.origin, q.user, q.key, &source, version, lost_updates};
  for (Observer* o : read_observers_)
    o->on_write(w);
}

void Engine::start() {
  for (auto& block : blocks_)
    block->start(*this);
  build_launch_table();  // after start(): a balancer installs its policy on its pool there
}

void Engine::run_until(SimTime until) {
  Event e;
  if (event_observers_.empty()) {
    while (queue_.take_next(until, e)) {
      now_ = e.time;
      ++events_processed_;
      dispatch(e);
      queue_.settle();
    }
  } else {
    while (queue_.take_next(until, e)) {
      now_ = e.time;
      ++events_processed_;
      for (Observer* o : event_observers_)
        o->on_event(e);
      dispatch(e);
      queue_.settle();
    }
  }
  if (until > now_) now_ = until;
}

void Engine::reset_statistics() {
  bytes_moved_ = {};
  for (GuardState& g : guard_states_)
    g.counters = {};
  for (auto& block : blocks_)
    block->reset_statistics(now_);
  for (Observer* o : all_observers_)
    o->on_statistics_reset(now_);
}

void Engine::end_run() {
  std::vector<BlockCounters> counters;
  counters.reserve(blocks_.size());
  for (auto& block : blocks_)
    counters.push_back(block->counters(now_));
  for (Observer* o : all_observers_)
    o->on_run_end(now_, counters);
}

}  // namespace sdsim
