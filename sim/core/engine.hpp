#pragma once
// The discrete-event engine: a clock, the pending events, the requests and tasks in flight, the blocks and
// the flows' call plan. It is a value (no globals): build one per run from a seed, add blocks and observers,
// then start() and run_until().
#include <cstdint>
#include <functional>
#include <memory>
#include <queue>
#include <string_view>
#include <vector>

#include "sim/core/block.hpp"
#include "sim/core/call_plan.hpp"
#include "sim/core/event_queue.hpp"
#include "sim/core/fault_state.hpp"
#include "sim/core/network.hpp"
#include "sim/core/observer.hpp"
#include "sim/core/request.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/versions.hpp"

namespace sdsim {

class Engine {
 public:
  explicit Engine(std::uint64_t seed)
      : seed_(seed), call_rng_(stream("engine/calls")), zone_rng_(stream("engine/zones")) {}
  // Events addressed to the engine itself: the arrival of a task or of an answer after a network hop.
  static constexpr BlockId engine_target = 0xFFFF'FFFEu;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Takes ownership; the returned id addresses the block in events, routes and plans.
  BlockId add_block(std::unique_ptr<Block> block);
  // The observer must outlive the run.
  void add_observer(Observer& observer);
  // The flows' call trees; without one, a request is a single task at its entry block.
  void set_call_plan(CallPlan plan) {
    plan_ = std::move(plan);
    carries_payload_ = !plan_.payloads.empty();
    guard_states_.clear();
    for (const CallGuard& g : plan_.guards)
      guard_states_.emplace_back(g);
    jitter_rng_ = stream("engine/retry-jitter");
    launch_table_.assign(plan_.children.size(), 0);  // built at start(), when every block knows its routing
  }
  const CallPlan& call_plan() const { return plan_; }
  // Changes the resilience of plan node `node` from now on (a live session's command): calls in flight keep
  // their attempts made and follow the new policy for the rest. An unguarded node gains a guard; the retry
  // budget's window starts afresh when the budget changes, the breaker's state when the breaker does.
  void set_call_guard(std::uint32_t node, const CallGuard& guard) {
    std::uint32_t& index = plan_.nodes[node].guard;
    if (index == no_guard) {
      index = static_cast<std::uint32_t>(plan_.guards.size());
      plan_.guards.push_back(guard);
      guard_states_.emplace_back(guard);
      build_launch_table();
      return;
    }
    const CallGuard old = plan_.guards[index];
    plan_.guards[index] = guard;
    GuardState& state = guard_states_[index];
    const auto& b = guard.budget;
    if (b.enabled != old.budget.enabled || b.ratio != old.budget.ratio ||
        b.min_per_s != old.budget.min_per_s || b.window != old.budget.window)
      state.budget = RetryBudget(b);
    const auto& c = guard.breaker;
    if (c.enabled != old.breaker.enabled || c.failure_ratio != old.breaker.failure_ratio ||
        c.window != old.breaker.window || c.min_calls != old.breaker.min_calls || c.open != old.breaker.open)
      state.breaker = CircuitBreaker(c);
  }
  // A guarded call edge (CallPlan::guards index): its counts since the last reset, and its breaker.
  const GuardCounters& guard_counters(std::uint32_t guard) const { return guard_states_[guard].counters; }
  const CircuitBreaker& breaker(std::uint32_t guard) const { return guard_states_[guard].breaker; }
  // Guarded calls in flight (records awaiting an answer, a backoff or a stale timer).
  std::size_t guarded_calls_in_flight() const { return calls_.in_use(); }
  // Zones, placement, hop latencies and link speeds; without one every hop is instantaneous.
  void set_network(Network network);
  const Network& network() const { return network_; }
  // Whether any call of the plan carries a request or response size.
  bool carries_payload() const { return carries_payload_; }
  // Bytes moved over the network per hop class since the last statistics reset (counted as a hop starts).
  const HopBytes& bytes_moved() const { return bytes_moved_; }
  // Faults now in force (from a fault injector), replacing the previous state. While none is active, hops,
  // deliveries and services pay one flag test. With faults: a call to a block in a dead zone goes to one of
  // its live zones (none: Outcome::unavailable), and a task in a dead zone fails on arrival or when its
  // service ends, unless the block handles its zones itself; a cut hop fails the call or answer crossing it
  // (unavailable); an added latency lengthens the hop; a lost transmission is resent after TCP's
  // retransmission timeout (200 ms, doubling per loss; failing after 15 losses); a brownout stretches the
  // block's service periods (from Task::started) and refuses calls at its error rate.
  void set_faults(FaultState faults);
  const FaultState& faults() const { return faults_; }
  bool zone_down(ZoneId zone) const { return faults_active_ && faults_.zone_is_down(zone); }
  // The actor acts (act(engine, arg)) at `at`; it must outlive the run. One actor per engine.
  void schedule_fault_action(SimTime at, FaultActor& actor, std::uint32_t arg);
  // A uniform draw from the engine's zone stream (a block's default zone choice).
  std::uint64_t random_below(std::uint64_t n) { return zone_rng_.below(n); }
  // An independent random stream keyed by a name, the same whatever other blocks the model holds.
  Rng stream(std::string_view name) const { return Rng(derive_seed(seed_, stable_hash(name))); }

  void schedule(SimTime at, BlockId target, std::uint32_t kind, std::uint32_t arg) {
    queue_.push(Event{at, next_seq_++, target, kind, arg});
  }
  void schedule_in(SimTime delay, BlockId target, std::uint32_t kind, std::uint32_t arg) {
    schedule(now_ + delay, target, kind, arg);
  }

  // For sources: a new request of `flow` from `origin`, whose first task goes to the flow's plan root, or to
  // `entry` when the flow has no plan. Its client sits in `zone` (a region's clients), where the answer
  // returns.
  RequestId start_request(BlockId origin, FlowId flow, std::uint32_t user, BlockId entry,
                          std::uint64_t key = 0, ZoneId zone = client_zone);
  // What the task's call asks of its block (Operation::call outside any plan).
  Operation operation(TaskId id) const {
    std::uint32_t node = tasks_[id].node;
    return node == no_node ? Operation::call : plan_.nodes[node].operation;
  }
  // The key of the task's request.
  std::uint64_t key(TaskId id) const { return requests_[tasks_[id].request].key; }
  // For serving blocks: the task's own work is done (its server is still held): run its calls, then release
  // it.
  void served(TaskId id);
  // For serving blocks whose task's work takes `duration` and then ends with nothing but served(): the engine
  // schedules the block's event `kind` (arg: the task) for its end, or folds it (see "Folded steps" in
  // engine.cpp): when the task is certain to go on to wait on a call, its calls are launched now, each sent
  // `duration` later than its hop alone.
  void serve(TaskId id, SimTime duration, BlockId block, std::uint32_t kind);
  // Folded steps are on unless turned off; a live session turns them off, as it may change anything at any
  // moment.
  void set_folding(bool on) { folding_ = on; }
  // For serving blocks, from release(): observers interested in departures hear that the task left its block.
  void report_departure(TaskId id) {
    if (!departure_observers_.empty()) notify_departure(tasks_[id]);
  }
  // For data blocks: whether any observer hears judged reads (a block may skip its version tracking if not).
  bool reads_observed() const { return !read_observers_.empty(); }
  // For data blocks: the task's read was served and judged (Versions::read or judge); observers hear it.
  // `source`, the versions it read, is remembered for the request with the version returned: a cache the
  // request fills next holds that version (see seen_version).
  void report_read(TaskId id, const ReadJudgement& judgement, Versions* source = nullptr) {
    if (read_observers_.empty()) return;
    if (source) seen_[tasks_[id].request] = SeenVersion{source, judgement.version};
    notify_read(id, judgement, source);
  }
  // For data blocks: the task's write committed `version` of its request's key in `source`, overwriting
  // `lost_updates` concurrent versions it never saw (last writer wins across regions); remembered for the
  // request (as report_read's), and observers hear it.
  void report_write(TaskId id, Versions& source, std::uint64_t version, std::uint64_t lost_updates = 0) {
    if (read_observers_.empty()) return;
    seen_[tasks_[id].request] = SeenVersion{&source, version};
    notify_write(id, source, version, lost_updates);
  }
  // The version of the task's request's key its last judged read or noted write returned, and where it
  // lives; source null when none (or when no observer judges reads).
  SeenVersion seen_version(TaskId id) const {
    return read_observers_.empty() ? SeenVersion{} : seen_[tasks_[id].request];
  }
  // For serving blocks: the task was refused, for `reason` (a full queue, throttling, a dead part); its
  // caller sees that failure.
  void refuse(TaskId id, Outcome reason = Outcome::rejected);

  void start();
  // Runs every event with time <= until, then sets the clock to `until`.
  void run_until(SimTime until);
  // Forgets statistics gathered so far (end of warm-up).
  void reset_statistics();
  // Delivers the final counters to observers.
  void end_run();

  SimTime now() const { return now_; }
  std::uint64_t events_processed() const { return events_processed_; }
  std::size_t pending_events() const { return queue_.size(); }
  const RequestPool& requests() const { return requests_; }
  const TaskPool& tasks() const { return tasks_; }
  Request& request(RequestId id) { return requests_[id]; }
  Task& task(TaskId id) { return tasks_[id]; }
  const Block& block(BlockId id) const { return *blocks_[id]; }
  // For a block that configures another from start() (a load balancer and its target pool).
  Block& block(BlockId id) { return *blocks_[id]; }
  std::size_t block_count() const { return blocks_.size(); }

 private:
  TaskId create_task(RequestId request, TaskId parent, std::uint32_t node, BlockId block, TaskRole role);
  void deliver(BlockId to, TaskId id);
  // Sends the task to `to` from zone `from`: it arrives after the hop's latency, at a zone of `to`.
  void send(BlockId to, TaskId id, ZoneId from);
  // Counts `bytes` crossing the hop and returns their transfer time. Kept out of send() and answer(), which
  // call them only when the plan carries sizes.
  SimTime carry(ZoneId from, ZoneId to, std::uint64_t bytes);
  SimTime carry_request(const Task& t, ZoneId from);  // t has its destination zone set
  SimTime carry_response(const Task& t, ZoneId to);
  void on_engine_event(const Event& e);
  // Folded steps: whether nothing can make a step taken now differ from the same step `delay` later (no fault
  // in force or due by then, no payload to time), and whether the task's call loop, resumed now, is certain
  // to launch a synchronous call (the launch table, from the plan and the callees' choices of zone).
  bool may_fold(SimTime delay) const {
    return folding_ && !faults_active_ && !carries_payload_ &&
           (fault_times_.empty() || fault_times_.top() > now_ + delay);
  }
  bool launches_ahead(const Task& t) const {
    if (t.node == no_node) return false;
    const CallNode& n = plan_.nodes[t.node];
    return t.next_child < n.child_count && launch_table_[n.first_child + t.next_child] != 0;
  }
  bool answer_folds(const Task& callee) const;
  void build_launch_table();
  // A hop's event: in the hop's lane of the event queue when the delay is the hop's fixed latency (`lane`
  // from hop()), else in the wheel or heap.
  void schedule_hop(SimTime delay, std::uint32_t lane, std::uint32_t kind, std::uint32_t arg) {
    if (lane != no_lane) {
      queue_.push_to_lane(lane, Event{now_ + delay, next_seq_++, engine_target, kind, arg});
    } else {
      schedule_in(delay, engine_target, kind, arg);
    }
  }
  // A hop's latency and lane, in one table (the network's latency and the lane of that latency).
  struct Hop {
    SimTime latency;
    std::uint32_t lane;
  };
  Hop hop(ZoneId from, ZoneId to) const {
    return hops_.empty() ? Hop{0, no_lane} : hops_[std::size_t{from} * network_.zone_count() + to];
  }
  static constexpr std::uint32_t no_lane = 0xFF;
  void dispatch(const Event& e) {
    if (e.target == engine_target) {
      on_engine_event(e);
    } else {
      blocks_[e.target]->on_event(*this, e);
    }
  }
  static constexpr std::uint32_t engine_event_deliver = 0;
  static constexpr std::uint32_t engine_event_answer = 1;
  static constexpr std::uint32_t engine_event_fault_action = 8;
  static constexpr std::uint32_t engine_event_served_late = 9;
  // The faulty paths, out of line so that a run without faults pays one branch.
  void send_with_faults(BlockId to, TaskId id, ZoneId from);
  bool deliver_with_faults(TaskId id);  // false: the task was refused
  bool served_with_faults(TaskId id);   // false: the engine goes on with the task now
  void finish_service(TaskId id);
  // Extra delay for a hop under a link fault; sets `cut` when the hop fails.
  SimTime hop_fault_delay(ZoneId from, ZoneId to, bool& cut);
  SimTime answer_fault_delay(TaskId id, ZoneId to);  // a cut answer hop fails the call
  void deliver_answer(TaskId id);
  // Calls with resilience (sim/core/resilience.hpp), in engine_resilience.cpp. A guarded call's record is
  // held by every event naming it and by each engine frame working on it, and freed when the last lets go.
  static constexpr std::uint32_t engine_event_call_timeout = 2;
  static constexpr std::uint32_t engine_event_call_retry = 3;
  void start_guarded(std::uint32_t node, TaskId caller, RequestId request);
  void try_attempt(std::uint32_t call);
  void attempt_done(std::uint32_t call, Outcome outcome, bool hit, BlockId failed_at);
  void on_call_timeout(std::uint32_t call);
  void on_call_retry(std::uint32_t call);
  void guarded_answer(TaskId id);
  void settle_call(std::uint32_t call, Outcome outcome, bool hit, BlockId failed_at);
  void let_go_call(std::uint32_t call);
  ZoneId guarded_caller_zone(std::uint32_t call) const;
  // The client has its answer: observers and the origin hear how the request ended (`at`: where it
  // ended; for a failure, where the failure began).
  void finish_request(RequestId id, BlockId at, Outcome outcome);
  bool should_call(const CallNode& child, TaskId caller);
  void launch(std::uint32_t child_node, TaskId caller);
  void run_next_call(TaskId id);
  // `failed_at`: where a failed answer's failure began (ignored when completed).
  void answered(TaskId caller, Outcome outcome, bool hit, BlockId failed_at);
  // The block where a failed task's failure began: the awaited call's, or its own.
  static BlockId failure_origin(const Task& t) { return t.failed_at != no_block ? t.failed_at : t.block; }
  void complete(TaskId id);
  void answer(TaskId id);
  void free_task(TaskId id);
  void notify_departure(const Task& t);
  void notify_read(TaskId id, const ReadJudgement& judgement, const Versions* source);
  void notify_write(TaskId id, const Versions& source, std::uint64_t version, std::uint64_t lost_updates);

  std::uint64_t seed_;
  SimTime now_ = 0;
  std::uint64_t next_seq_ = 0;
  std::uint64_t events_processed_ = 0;
  EventQueue queue_;
  RequestPool requests_;
  TaskPool tasks_;
  CallPlan plan_;
  bool carries_payload_ = false;
  HopBytes bytes_moved_{};
  Rng call_rng_;
  Network network_;
  // Per (from, to) zone pair: its latency and the event-queue lane of hops with that latency (no_lane: the
  // wheel or heap). The smallest distinct latencies get lanes: they are the most common hops (within a
  // region).
  std::vector<Hop> hops_;
  Rng zone_rng_;
  // Per CallPlan::children entry: 1 when the call loop, resumed at that child, is certain to launch a
  // synchronous call, and may launch everything up to it ahead of time.
  std::vector<std::uint8_t> launch_table_;
  bool folding_ = true;
  SimTime fold_delay_ = 0;  // while a step is folded: how much later than its hop each send arrives
  // When the fault actions still to come act: a step is not folded across one.
  std::priority_queue<SimTime, std::vector<SimTime>, std::greater<>> fault_times_;
  FaultState faults_;
  bool faults_active_ = false;
  Rng fault_rng_{0};
  FaultActor* fault_actor_ = nullptr;
  std::vector<ZoneId> live_zones_;  // scratch for the zone choice under faults
  Pool<GuardedCall> calls_;
  std::vector<GuardState> guard_states_;  // per CallPlan::guards
  Rng jitter_rng_;
  std::vector<std::unique_ptr<Block>> blocks_;
  std::vector<Observer*> all_observers_;
  std::vector<Observer*> event_observers_;
  std::vector<Observer*> departure_observers_;
  std::vector<Observer*> end_observers_;
  std::vector<Observer*> read_observers_;
  std::vector<SeenVersion> seen_;  // by RequestId, while observers judge reads
};

}  // namespace sdsim
