// Timeouts, retries, retry budgets and circuit breakers on calls, driven through the engine with scripted
// blocks: exact times where the model is deterministic, confidence intervals where it draws.
#include "sim/core/resilience.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <optional>
#include <vector>

#include "sim/core/engine.hpp"
#include "tests/blocks/scripted_source.hpp"

using namespace sdsim;
using sdsim::testing::ScriptedSource;

namespace {

constexpr SimTime ms = ns_per_ms;

// Serves every task for a fixed time with unlimited servers, or refuses it at once with probability
// `refuse_p`; records when tasks arrive and leave.
class Callee final : public Block {
 public:
  Callee(SimTime service, double refuse_probability = 0, Outcome reason = Outcome::rejected)
      : Block("callee"), refuse_p(refuse_probability), service_(service), reason_(reason) {}
  void start(Engine& engine) override { rng_ = engine.stream("callee"); }
  void accept(Engine& engine, TaskId task) override {
    arrivals.push_back(engine.now());
    if (refuse_p >= 1 || (refuse_p > 0 && rng_.uniform() < refuse_p)) {
      engine.refuse(task, reason_);
      return;
    }
    engine.schedule_in(service_, id(), 0, task);
  }
  void on_event(Engine& engine, const Event& e) override { engine.served(e.arg); }
  BlockId release(Engine& engine, TaskId) override {
    releases.push_back(engine.now());
    return no_block;
  }
  BlockCounters counters(SimTime) const override { return {}; }

  double refuse_p;
  std::vector<SimTime> arrivals;
  std::vector<SimTime> releases;

 private:
  SimTime service_;
  Outcome reason_;
  Rng rng_;
};

CallGuard timeout_of(SimTime t) {
  CallGuard g;
  g.timeout = t;
  return g;
}

CallGuard retries(std::uint32_t max, SimTime base, SimTime cap, Jitter jitter = Jitter::none) {
  CallGuard g;
  g.retry = RetryPolicy{.max = max, .base = base, .cap = cap, .jitter = jitter};
  return g;
}

// Flow 0: a call to `root` (guarded by `root_guard`, if any), which calls `children` in sequence.
CallPlan plan_of(BlockId root, std::optional<CallGuard> root_guard,
                 const std::vector<std::pair<BlockId, std::optional<CallGuard>>>& children = {}) {
  CallPlan plan;
  auto guard_index = [&](const std::optional<CallGuard>& g) {
    if (!g) return no_guard;
    plan.guards.push_back(*g);
    return static_cast<std::uint32_t>(plan.guards.size() - 1);
  };
  plan.nodes.push_back(CallNode{.block = root,
                                .first_child = 0,
                                .child_count = static_cast<std::uint32_t>(children.size()),
                                .guard = guard_index(root_guard)});
  for (std::size_t i = 0; i < children.size(); ++i) {
    plan.nodes.push_back(CallNode{.block = children[i].first, .guard = guard_index(children[i].second)});
    plan.children.push_back(static_cast<std::uint32_t>(i + 1));
  }
  plan.flow_roots = {0};
  return plan;
}

std::vector<SimTime> every(SimTime step, std::size_t count) {
  std::vector<SimTime> times;
  for (std::size_t i = 0; i < count; ++i)
    times.push_back(static_cast<SimTime>(i) * step);
  return times;
}

struct Rig {
  Engine engine{7};
  ScriptedSource* client = nullptr;

  template <typename B>
  B& add(std::unique_ptr<B> block) {
    B& b = *block;
    engine.add_block(std::move(block));
    return b;
  }
  void run(std::vector<SimTime> times, BlockId entry, CallPlan plan, SimTime until) {
    client = &add(std::make_unique<ScriptedSource>(std::move(times), entry));
    engine.set_call_plan(std::move(plan));
    engine.start();
    engine.run_until(until);
  }
  // Nothing is left behind: every task, request and guarded call record was freed.
  void require_drained() const {
    REQUIRE(engine.tasks().in_use() == 0);
    REQUIRE(engine.requests().in_use() == 0);
    REQUIRE(engine.guarded_calls_in_flight() == 0);
  }
};

}  // namespace

TEST_CASE("A client timeout fires at exactly timeout_ms and the late answer is discarded", "[resilience]") {
  Rig rig;
  Callee& slow = rig.add(std::make_unique<Callee>(100 * ms));
  rig.run({0}, slow.id(), plan_of(slow.id(), timeout_of(30 * ms)), 1000 * ms);
  REQUIRE(rig.client->ends.size() == 1);
  REQUIRE(rig.client->ends[0].at == 30 * ms);
  REQUIRE(rig.client->ends[0].outcome == Outcome::timeout);
  // The callee's work is not cancelled: it holds its server until its own service ends.
  REQUIRE(slow.releases == std::vector<SimTime>{100 * ms});
  REQUIRE(rig.engine.guard_counters(0).timeouts == 1);
  rig.require_drained();
}

TEST_CASE("An answer before the timeout wins, and the stale timer changes nothing", "[resilience]") {
  Rig rig;
  Callee& fast = rig.add(std::make_unique<Callee>(10 * ms));
  rig.run({0, 20 * ms}, fast.id(), plan_of(fast.id(), timeout_of(30 * ms)), 1000 * ms);
  REQUIRE(rig.client->ends.size() == 2);
  REQUIRE(rig.client->ends[0].at == 10 * ms);
  REQUIRE(rig.client->ends[1].at == 30 * ms);  // as the first request's stale timer fires
  REQUIRE(rig.client->ends[0].outcome == Outcome::completed);
  REQUIRE(rig.client->ends[1].outcome == Outcome::completed);
  REQUIRE(rig.engine.guard_counters(0).timeouts == 0);
  rig.require_drained();
}

TEST_CASE("A timed-out call stops its caller's sequence; each retry is new load on the callee",
          "[resilience]") {
  Rig rig;
  Callee& api = rig.add(std::make_unique<Callee>(5 * ms));
  Callee& slow = rig.add(std::make_unique<Callee>(100 * ms));
  Callee& after = rig.add(std::make_unique<Callee>(1 * ms));
  CallGuard g = retries(2, 10 * ms, 1000 * ms);
  g.timeout = 30 * ms;
  rig.run({0}, api.id(), plan_of(api.id(), std::nullopt, {{slow.id(), g}, {after.id(), std::nullopt}}),
          1000 * ms);
  // Attempts at 5, 45 and 95 ms: each times out after 30 ms, then backs off 10, then 20 ms.
  REQUIRE(slow.arrivals == std::vector<SimTime>{5 * ms, 45 * ms, 95 * ms});
  REQUIRE(slow.releases == std::vector<SimTime>{105 * ms, 145 * ms, 195 * ms});
  REQUIRE(rig.client->ends.size() == 1);
  REQUIRE(rig.client->ends[0].at == 125 * ms);
  REQUIRE(rig.client->ends[0].outcome == Outcome::timeout);
  REQUIRE(after.arrivals.empty());
  REQUIRE(rig.engine.guard_counters(0).attempts == 3);
  REQUIRE(rig.engine.guard_counters(0).retries == 2);
  rig.require_drained();
}

TEST_CASE("Backoff without jitter waits exactly base x 2^k, capped", "[resilience]") {
  SECTION("uncapped") {
    Rig rig;
    Callee& down = rig.add(std::make_unique<Callee>(1 * ms, 1.0));
    rig.run({0}, down.id(), plan_of(down.id(), retries(3, 10 * ms, 1000 * ms)), 1000 * ms);
    REQUIRE(down.arrivals == std::vector<SimTime>{0, 10 * ms, 30 * ms, 70 * ms});
    REQUIRE(rig.client->ends[0].at == 70 * ms);
    REQUIRE(rig.client->ends[0].outcome == Outcome::rejected);
    rig.require_drained();
  }
  SECTION("capped at 25 ms") {
    Rig rig;
    Callee& down = rig.add(std::make_unique<Callee>(1 * ms, 1.0));
    rig.run({0}, down.id(), plan_of(down.id(), retries(3, 10 * ms, 25 * ms)), 1000 * ms);
    REQUIRE(down.arrivals == std::vector<SimTime>{0, 10 * ms, 30 * ms, 55 * ms});
  }
}

TEST_CASE("Jittered backoffs lie in their interval with the uniform mean", "[resilience]") {
  Rng rng(11);
  const RetryPolicy full{.max = 10, .base = 1 * ms, .cap = 50 * ms, .jitter = Jitter::full};
  const RetryPolicy equal{.max = 10, .base = 1 * ms, .cap = 50 * ms, .jitter = Jitter::equal};
  constexpr int n = 100'000;
  for (std::uint32_t k : {0u, 3u, 9u}) {
    const double d = static_cast<double>(std::min<SimTime>(full.base << k, full.cap));
    double sum_full = 0, sum_equal = 0;
    for (int i = 0; i < n; ++i) {
      SimTime f = backoff_delay(full, k, rng);
      SimTime e = backoff_delay(equal, k, rng);
      REQUIRE(f >= 0);
      REQUIRE(static_cast<double>(f) <= d);
      REQUIRE(static_cast<double>(e) >= d / 2);
      REQUIRE(static_cast<double>(e) <= d);
      sum_full += static_cast<double>(f);
      sum_equal += static_cast<double>(e);
    }
    // Uniform on [0, d] (full) and on [d/2, d] (equal): means d/2 and 3d/4; 99.9% intervals (3.29 sigma).
    const double sigma_full = d / std::sqrt(12.0 * n);
    INFO("k = " << k);
    REQUIRE(std::abs(sum_full / n - d / 2) <= 3.29 * sigma_full);
    REQUIRE(std::abs(sum_equal / n - 0.75 * d) <= 3.29 * sigma_full / 2);
  }
}

TEST_CASE("Retries against independent failures: success 1 - q^(max+1), attempts 1 + q + ... + q^max",
          "[resilience]") {
  constexpr std::size_t n = 20'000;
  constexpr double q = 0.5;
  Rig rig;
  Callee& flaky = rig.add(std::make_unique<Callee>(1 * ms, q, Outcome::throttled));
  rig.run(every(1 * ms, n), flaky.id(), plan_of(flaky.id(), retries(2, 1 * ms, 100 * ms, Jitter::full)),
          100'000 * ms);
  REQUIRE(rig.client->ends.size() == n);
  double successes = 0;
  for (const auto& end : rig.client->ends)
    successes += end.outcome == Outcome::completed ? 1 : 0;
  const double p = 1 - q * q * q;  // 0.875
  // Binomial and per-request attempt count (1, 2 or 3: mean 1.75, variance 0.6875); 99.9% intervals.
  REQUIRE(std::abs(successes / n - p) <= 3.29 * std::sqrt(p * (1 - p) / n));
  const double attempts = static_cast<double>(flaky.arrivals.size()) / n;
  REQUIRE(std::abs(attempts - (1 + q + q * q)) <= 3.29 * std::sqrt(0.6875 / n));
  REQUIRE(rig.engine.guard_counters(0).attempts == flaky.arrivals.size());
  rig.require_drained();
}

TEST_CASE("A retry budget caps retries at ratio x first attempts plus min_per_s x window", "[resilience]") {
  constexpr std::size_t n = 9'500;  // one request per ms: 9.5 s, inside one 10 s budget window
  CallGuard g = retries(3, 0, 0);
  g.budget = RetryBudgetPolicy{.enabled = true, .ratio = 0.1, .min_per_s = 5, .window = 10 * ns_per_s};
  Rig rig;
  Callee& down = rig.add(std::make_unique<Callee>(1 * ms, 1.0));
  rig.run(every(1 * ms, n), down.id(), plan_of(down.id(), g), 20'000 * ms);
  const GuardCounters& c = rig.engine.guard_counters(0);
  const double cap = 0.1 * n + 5 * 10.0;  // 1000 retries
  REQUIRE(c.calls == n);
  REQUIRE(static_cast<double>(c.retries) <= cap);
  REQUIRE(static_cast<double>(c.retries) >= cap - 1);
  REQUIRE(c.attempts == n + c.retries);
  REQUIRE(c.budget_denied > 0);
  rig.require_drained();
}

TEST_CASE("A circuit breaker opens at its failure ratio, fails fast for open_s, then half-opens",
          "[resilience]") {
  CallGuard g;
  g.breaker = BreakerPolicy{
      .enabled = true, .failure_ratio = 0.5, .window = 10 * ns_per_s, .min_calls = 20, .open = 5 * ns_per_s};
  Rig rig;
  Callee& down = rig.add(std::make_unique<Callee>(1 * ms, 1.0, Outcome::unavailable));
  rig.run(every(10 * ms, 1500), down.id(), plan_of(down.id(), g), 8'000 * ms);
  // 20 failures by 190 ms open it until 5190 ms; the trial then fails and re-opens it until 10190 ms.
  std::vector<SimTime> expected = every(10 * ms, 20);
  expected.push_back(5190 * ms);
  REQUIRE(down.arrivals == expected);
  REQUIRE(rig.engine.breaker(0).state() == CircuitBreaker::State::open);
  down.refuse_p = 0;  // the callee recovers; the next trial, at 10190 ms, closes the breaker
  rig.engine.run_until(20'000 * ms);
  REQUIRE(rig.engine.breaker(0).state() == CircuitBreaker::State::closed);
  REQUIRE(rig.engine.breaker(0).times_opened() == 2);
  REQUIRE(down.arrivals[21] == 10'190 * ms);
  REQUIRE(down.arrivals.size() == 20 + 1 + (1500 - 1019));
  std::size_t fast_failures = 0, completed = 0;
  for (const auto& end : rig.client->ends) {
    if (end.outcome == Outcome::circuit_open) {
      ++fast_failures;
      REQUIRE(end.at == static_cast<SimTime>(end.index) * 10 * ms);  // at once, without a hop or a try
    }
    completed += end.outcome == Outcome::completed ? 1 : 0;
  }
  REQUIRE(fast_failures == (519 - 20) + (1019 - 520));
  REQUIRE(completed == 1500 - 1019);
  REQUIRE(rig.engine.guard_counters(0).circuit_open == fast_failures);
  rig.require_drained();
}

TEST_CASE("A breaker stays closed while failures stay under the ratio", "[resilience]") {
  CallGuard g;
  g.breaker = BreakerPolicy{
      .enabled = true, .failure_ratio = 0.5, .window = 10 * ns_per_s, .min_calls = 20, .open = 5 * ns_per_s};
  Rig rig;
  Callee& flaky = rig.add(std::make_unique<Callee>(1 * ms, 0.2));
  rig.run(every(10 * ms, 2000), flaky.id(), plan_of(flaky.id(), g), 30'000 * ms);
  REQUIRE(rig.engine.breaker(0).times_opened() == 0);
  REQUIRE(flaky.arrivals.size() == 2000);
}
