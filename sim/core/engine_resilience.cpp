// The engine's calls with resilience: timeouts, retries, retry budgets and circuit breakers (see
// sim/core/resilience.hpp). Kept out of engine.cpp: a design without them never reaches this code.
#include "sim/core/engine.hpp"

namespace sdsim {

namespace {

// The AWS SDKs' standard retry mode retries throttling, transient server errors and timeouts
// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html): here every failure but a
// breaker's refusal, which is made precisely so that the callee is left alone.
bool retryable(Outcome outcome) {
  return outcome != Outcome::completed && outcome != Outcome::circuit_open;
}

}  // namespace

void Engine::start_guarded(std::uint32_t node, TaskId caller, RequestId request) {
  std::uint32_t call = calls_.acquire();
  calls_[call] = GuardedCall{.caller = caller,
                             .request = request,
                             .node = node,
                             .attempt = no_task,
                             .deadline = 0,
                             .attempts = 0,
                             .holds = 1,  // this frame
                             .settled = false,
                             .trial = false,
                             .next_free = 0};
  ++guard_states_[plan_.nodes[node].guard].counters.calls;
  try_attempt(call);
  let_go_call(call);
}

// Sends the call's next attempt, unless its breaker refuses it. Each attempt is a new task: new load on the
// callee.
void Engine::try_attempt(std::uint32_t call) {
  const CallNode& node = plan_.nodes[calls_[call].node];
  const CallGuard& guard = plan_.guards[node.guard];
  GuardState& state = guard_states_[node.guard];
  bool trial = false;
  if (guard.breaker.enabled && !state.breaker.admit(now_, trial)) {
    ++state.counters.circuit_open;
    settle_call(call, Outcome::circuit_open, false, node.block);
    return;
  }
  GuardedCall& g = calls_[call];
  if (g.attempts == 0 && guard.budget.enabled) state.budget.deposit(now_);
  ++g.attempts;
  ++state.counters.attempts;
  g.trial = trial;
  TaskId id = create_task(g.request, call, g.node, node.block, TaskRole::guarded);
  g.attempt = id;
  if (guard.timeout > 0) {
    g.deadline = now_ + guard.timeout;
    ++g.holds;
    schedule(g.deadline, engine_target, engine_event_call_timeout, call);
  }
  // A refusal on arrival answers inside send(), re-entering attempt_done: `g` is not used after it.
  send(node.block, id, guarded_caller_zone(call));
}

void Engine::guarded_answer(TaskId id) {
  const Task& t = tasks_[id];
  std::uint32_t call = t.parent;
  Outcome outcome = t.outcome;
  bool hit = t.hit;
  BlockId failed_at = failure_origin(t);
  ++calls_[call].holds;
  free_task(id);
  attempt_done(call, outcome, hit, failed_at);
  let_go_call(call);
}

// The attempt in flight ended (answered or timed out): settle the call, or retry it after a backoff.
void Engine::attempt_done(std::uint32_t call, Outcome outcome, bool hit, BlockId failed_at) {
  GuardedCall& g = calls_[call];
  g.attempt = no_task;
  const CallGuard& guard = plan_.guards[plan_.nodes[g.node].guard];
  GuardState& state = guard_states_[plan_.nodes[g.node].guard];
  if (guard.breaker.enabled) state.breaker.record(now_, outcome != Outcome::completed, g.trial);
  g.trial = false;
  if (retryable(outcome) && g.attempts <= guard.retry.max) {
    if (!guard.budget.enabled || state.budget.try_withdraw(now_)) {
      ++state.counters.retries;
      ++g.holds;
      schedule_in(backoff_delay(guard.retry, g.attempts - 1, jitter_rng_), engine_target,
                  engine_event_call_retry, call);
      return;
    }
    ++state.counters.budget_denied;
  }
  settle_call(call, outcome, hit, failed_at);
}

void Engine::on_call_timeout(std::uint32_t call) {
  const GuardedCall& g = calls_[call];
  // A timer of an earlier attempt finds the attempt it guarded already over: a later deadline, or none.
  if (g.attempt != no_task && now_ >= g.deadline) {
    // The caller stops waiting; the callee keeps serving the attempt, and its late answer is discarded.
    Task& t = tasks_[g.attempt];
    t.role = TaskRole::async_call;
    t.parent = no_task;
    ++guard_states_[plan_.nodes[g.node].guard].counters.timeouts;
    attempt_done(call, Outcome::timeout, false, plan_.nodes[g.node].block);
  }
  let_go_call(call);  // the timer's hold
}

void Engine::on_call_retry(std::uint32_t call) {
  try_attempt(call);
  let_go_call(call);  // the backoff's hold
}

void Engine::settle_call(std::uint32_t call, Outcome outcome, bool hit, BlockId failed_at) {
  GuardedCall& g = calls_[call];
  g.settled = true;
  TaskId caller = g.caller;
  RequestId request = g.request;
  BlockId at = outcome == Outcome::completed ? plan_.nodes[g.node].block : failed_at;
  if (caller != no_task) {
    answered(caller, outcome, hit, failed_at);
    return;
  }
  finish_request(request, at, outcome);
  // No attempt may be left to free the request (a breaker's refusal, or the last attempt already freed).
  if (requests_[request].live_tasks == 0) requests_.release(request);
}

void Engine::let_go_call(std::uint32_t call) {
  GuardedCall& g = calls_[call];
  if (--g.holds == 0 && g.settled) calls_.release(call);
}

ZoneId Engine::guarded_caller_zone(std::uint32_t call) const {
  TaskId caller = calls_[call].caller;
  return caller == no_task ? requests_[calls_[call].request].zone : tasks_[caller].zone;
}

}  // namespace sdsim
