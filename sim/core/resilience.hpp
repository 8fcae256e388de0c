#pragma once
// Resilience set on a call (an edge of a flow's call tree): a timeout per attempt, retries with exponential
// backoff and jitter, a retry budget and a circuit breaker; their per-edge state, and the record of one
// guarded call in flight. The engine applies them (Engine::launch); a call without any pays nothing.
#include <array>
#include <cstdint>

#include "sim/core/rng.hpp"
#include "sim/core/time.hpp"

namespace sdsim {

enum class Jitter : std::uint8_t {
  none,   // exactly base * 2^k, capped
  full,   // uniform in [0, capped base * 2^k]
  equal,  // half of it, plus uniform in [0, the other half]
};

struct RetryPolicy {
  std::uint32_t max = 0;  // retries after the first attempt; 0: none
  SimTime base = 0;       // ns, the backoff before the first retry (before jitter)
  SimTime cap = 0;        // ns, the longest backoff (before jitter)
  Jitter jitter = Jitter::full;
};

// A Finagle-style budget: over the last `window`, retries may not exceed `ratio` x first attempts plus
// `min_per_s` x window.
struct RetryBudgetPolicy {
  bool enabled = false;
  double ratio = 0;
  double min_per_s = 0;
  SimTime window = 10 * ns_per_s;
};

struct BreakerPolicy {
  bool enabled = false;
  double failure_ratio = 0;     // opens when failures / calls in the window reach it...
  SimTime window = 0;           // ns
  std::uint32_t min_calls = 0;  // ...with at least this many calls in the window
  SimTime open = 0;             // ns it stays open before a half-open trial
};

struct CallGuard {
  SimTime timeout = 0;  // ns each attempt may take before the caller gives up on it; 0: none
  RetryPolicy retry;
  RetryBudgetPolicy budget;
  BreakerPolicy breaker;
  bool any() const { return timeout > 0 || retry.max > 0 || budget.enabled || breaker.enabled; }
};

// The backoff before retry number `retry` (0: the first retry): min(cap, base * 2^retry), jittered.
inline SimTime backoff_delay(const RetryPolicy& policy, std::uint32_t retry, Rng& rng) {
  SimTime delay = policy.cap;
  if (retry < 62 && policy.base <= (policy.cap >> retry)) delay = policy.base << retry;
  switch (policy.jitter) {
    case Jitter::none:
      return delay;
    case Jitter::full:
      return static_cast<SimTime>(rng.below(static_cast<std::uint64_t>(delay) + 1));
    case Jitter::equal:
      return delay / 2 + static_cast<SimTime>(rng.below(static_cast<std::uint64_t>(delay - delay / 2) + 1));
  }
  return delay;
}

// Two counts over a sliding window, kept in ten fixed buckets (Hystrix's rolling statistics): adding and
// summing never allocate.
class RollingCounts {
 public:
  static constexpr std::int64_t buckets = 10;
  explicit RollingCounts(SimTime window = ns_per_s) : slot_(window / buckets > 0 ? window / buckets : 1) {}

  void add(SimTime now, std::uint64_t a, std::uint64_t b) {
    Bucket& k = bucket(now);
    k.a += a;
    k.b += b;
  }
  // The sums over the buckets of the last window ending at `now`.
  std::pair<std::uint64_t, std::uint64_t> sums(SimTime now) const {
    std::int64_t index = now / slot_;
    std::uint64_t a = 0, b = 0;
    for (const Bucket& k : buckets_) {
      if (k.index > index - buckets && k.index <= index) {
        a += k.a;
        b += k.b;
      }
    }
    return {a, b};
  }
  void clear() { buckets_ = {}; }

 private:
  struct Bucket {
    std::int64_t index = -1'000;
    std::uint64_t a = 0;
    std::uint64_t b = 0;
  };
  Bucket& bucket(SimTime now) {
    std::int64_t index = now / slot_;
    Bucket& k = buckets_[static_cast<std::size_t>(index % buckets)];
    if (k.index != index) k = Bucket{index, 0, 0};
    return k;
  }
  SimTime slot_;
  std::array<Bucket, buckets> buckets_{};
};

class RetryBudget {
 public:
  explicit RetryBudget(const RetryBudgetPolicy& policy) : policy_(policy), counts_(policy.window) {}
  void deposit(SimTime now) { counts_.add(now, 1, 0); }
  // Spends one retry if the budget holds it.
  bool try_withdraw(SimTime now) {
    auto [firsts, retries] = counts_.sums(now);
    double allowed = policy_.ratio * static_cast<double>(firsts) + policy_.min_per_s * to_s(policy_.window);
    if (static_cast<double>(retries) + 1 > allowed) return false;
    counts_.add(now, 0, 1);
    return true;
  }

 private:
  RetryBudgetPolicy policy_;
  RollingCounts counts_;  // (first attempts, retries)
};

// Closed: calls pass and their results fill the window; open: calls fail at once; half-open: one trial call
// passes, and its result closes or re-opens the breaker.
class CircuitBreaker {
 public:
  enum class State : std::uint8_t { closed, open, half_open };
  explicit CircuitBreaker(const BreakerPolicy& policy) : policy_(policy), counts_(policy.window) {}

  // Whether a call may go now; `trial` is set when it is the half-open trial.
  bool admit(SimTime now, bool& trial) {
    trial = false;
    if (state_ == State::closed) return true;
    if (state_ == State::open && now >= open_until_) {
      state_ = State::half_open;
      trial_in_flight_ = false;
    }
    if (state_ == State::half_open && !trial_in_flight_) {
      trial_in_flight_ = true;
      trial = true;
      return true;
    }
    return false;
  }
  // The result of an admitted call. Results of calls admitted before the breaker opened are ignored.
  void record(SimTime now, bool failed, bool trial) {
    if (trial) {
      trial_in_flight_ = false;
      if (failed) {
        trip(now);
      } else {
        state_ = State::closed;
        counts_.clear();
      }
      return;
    }
    if (state_ != State::closed) return;
    counts_.add(now, failed ? 1 : 0, 1);
    if (!failed) return;
    auto [failures, calls] = counts_.sums(now);
    if (calls >= policy_.min_calls &&
        static_cast<double>(failures) >= policy_.failure_ratio * static_cast<double>(calls)) {
      trip(now);
    }
  }
  State state() const { return state_; }
  std::uint64_t times_opened() const { return opened_; }

 private:
  void trip(SimTime now) {
    state_ = State::open;
    open_until_ = now + policy_.open;
    ++opened_;
  }
  BreakerPolicy policy_;
  RollingCounts counts_;  // (failures, calls)
  State state_ = State::closed;
  bool trial_in_flight_ = false;
  SimTime open_until_ = 0;
  std::uint64_t opened_ = 0;
};

// Counts per guarded call edge since the last statistics reset.
struct GuardCounters {
  std::uint64_t calls = 0;          // calls made (each may take several attempts)
  std::uint64_t attempts = 0;       // tasks sent to the callee
  std::uint64_t retries = 0;        // attempts after the first
  std::uint64_t timeouts = 0;       // attempts the caller gave up on
  std::uint64_t budget_denied = 0;  // retries the budget refused
  std::uint64_t circuit_open = 0;   // attempts the breaker refused
};

// The live state of one guarded edge of the plan.
struct GuardState {
  explicit GuardState(const CallGuard& g) : budget(g.budget), breaker(g.breaker) {}
  RetryBudget budget;
  CircuitBreaker breaker;
  GuardCounters counters;
};

// One guarded call in flight: its attempts, one at a time. Freed once the caller has its answer and no timer
// or backoff event still names it (so an event never finds a reused record).
struct GuardedCall {
  std::uint32_t caller;    // the waiting task (TaskId); no_task: the client (a flow's root call)
  std::uint32_t request;   // RequestId
  std::uint32_t node;      // its plan node
  std::uint32_t attempt;   // the attempt's task while one is in flight; no_task between attempts
  SimTime deadline;        // ns, when the attempt in flight times out
  std::uint32_t attempts;  // made so far
  std::uint32_t holds;     // pending timer and backoff events, plus engine frames working on it
  bool settled;            // the caller has its answer
  bool trial;              // the attempt in flight is the circuit breaker's half-open trial
  std::uint32_t next_free;
};

}  // namespace sdsim
