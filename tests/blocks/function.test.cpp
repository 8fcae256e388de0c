#include "sim/blocks/function.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/core/engine.hpp"

using namespace sdsim;

namespace {

// Emits one request at each scripted time and counts how they ended.
class ScriptedSource final : public Block {
 public:
  ScriptedSource(std::vector<SimTime> times, BlockId target)
      : Block("script"), times_(std::move(times)), target_(target) {}
  void start(Engine& engine) override {
    for (std::size_t i = 0; i < times_.size(); ++i)
      engine.schedule(times_[i], id(), 0, static_cast<std::uint32_t>(i));
  }
  void on_event(Engine& engine, const Event& e) override {
    engine.start_request(id(), 0, e.arg, target_, e.arg);
  }
  void on_request_finished(Engine&, RequestId, Outcome outcome) override {
    ++(outcome == Outcome::completed ? completed : failed);
  }
  BlockCounters counters(SimTime) const override { return {}; }

  std::uint64_t completed = 0;
  std::uint64_t failed = 0;

 private:
  std::vector<SimTime> times_;
  BlockId target_;
};

CallPlan invoke_plan() {
  CallPlan plan;
  CallNode node;
  node.block = 1;
  node.operation = Operation::invoke;
  plan.nodes.push_back(node);
  plan.flow_roots.push_back(0);
  return plan;
}

struct Rig {
  Engine engine{17};
  Function* function = nullptr;
  ScriptedSource* script = nullptr;
};

std::unique_ptr<Rig> make_rig(FunctionDef def, std::vector<SimTime> times) {
  auto rig = std::make_unique<Rig>();
  auto script = std::make_unique<ScriptedSource>(std::move(times), 1);
  rig->script = script.get();
  rig->engine.add_block(std::move(script));
  auto function = std::make_unique<Function>("fn", std::move(def), rig->engine.stream("fn/cold_start"),
                                             rig->engine.stream("fn/duration"));
  rig->function = function.get();
  rig->engine.add_block(std::move(function));
  rig->engine.set_call_plan(invoke_plan());
  rig->engine.start();
  return rig;
}

// Poisson arrival times at `rate_per_s` over [from, to).
void poisson(std::vector<SimTime>& out, Rng& rng, double rate_per_s, SimTime from, SimTime to) {
  double t = static_cast<double>(from);
  for (;;) {
    t += -std::log(rng.uniform_open_zero()) / rate_per_s * 1e9;
    if (t >= static_cast<double>(to)) return;
    out.push_back(static_cast<SimTime>(t));
  }
}

// Erlang B by its recurrence B(k) = a B(k-1) / (k + a B(k-1)), B(0) = 1.
double erlang_b(std::uint32_t servers, double offered) {
  double b = 1;
  for (std::uint32_t k = 1; k <= servers; ++k)
    b = offered * b / (k + offered * b);
  return b;
}

std::vector<SimTime> at(std::size_t count, SimTime when) {
  return std::vector<SimTime>(count, when);
}

FunctionDef unthrottled(double mean_duration_ms, double cold_start_ms) {
  FunctionDef def;
  def.concurrency_limit = 100'000;
  def.scale_up_per_s = 1e9;
  def.scale_up_burst = 1e9;
  def.idle_timeout = from_s(3600);
  def.cold_start = Distribution::constant(cold_start_ms * 1e6);
  def.duration = Distribution::exponential(mean_duration_ms * 1e6);
  return def;
}

}  // namespace

TEST_CASE("Under steady load the environments settle near the offered concurrency and cold starts stop",
          "[function]") {
  const double rate = 200;               // invocations/s
  const double mean_s = 0.05;            // exponential durations
  const double offered = rate * mean_s;  // 10 environments busy on average (Little's law)
  const double cold_s = 0.2;
  Rng rng(3);
  std::vector<SimTime> times;
  poisson(times, rng, rate, 0, from_s(160));
  FunctionDef def = unthrottled(mean_s * 1e3, cold_s * 1e3);
  def.idle_timeout = from_s(10);
  auto rig = make_rig(def, times);
  const Function& fn = *rig->function;
  // At first every arrival during the first cold starts needs a new environment: about rate x cold start
  // more than the steady need, reclaimed once idle for the timeout.
  rig->engine.run_until(from_s(1));
  REQUIRE(fn.cold_starts() >= static_cast<std::uint64_t>(rate * cold_s));
  rig->engine.run_until(from_s(60));
  REQUIRE(fn.environments_reclaimed() > 0);
  rig->engine.reset_statistics();
  rig->engine.run_until(from_s(160));

  // Busy environments form an M/G/inf system: time-average = rate x mean holding time (cold starts, rare
  // now, lengthen it by their init time). For M/M/inf the time average over T has variance 2 a mean / T.
  double window = 100;
  double sd = std::sqrt(2 * offered * mean_s / window);
  double busy = fn.counters(rig->engine.now()).mean_busy;
  INFO("mean busy " << busy << ", theory " << offered << " ± " << 3 * sd);
  REQUIRE(std::abs(busy - offered) <= 3 * sd + static_cast<double>(fn.cold_starts()) * cold_s / window);
  // The environments kept are what the busiest moment of the last idle timeout needed: the maximum of a
  // Poisson(10)-like level over ~200 independent looks, within 5 standard deviations of the mean.
  double envs = fn.mean_environments(rig->engine.now());
  INFO("environments: mean " << envs << ", peak " << fn.peak_environments() << "; cold starts "
                             << fn.cold_starts() << " of " << fn.invocations());
  REQUIRE(envs >= offered);
  REQUIRE(envs <= offered + 5 * std::sqrt(offered));
  REQUIRE(static_cast<double>(fn.peak_environments()) <= offered + 5 * std::sqrt(offered));
  // Cold starts now come only from a new 10-s high of concurrency after an environment expired: AWS reports
  // them in under 1% of production invocations.
  REQUIRE(static_cast<double>(fn.cold_starts()) < 0.01 * static_cast<double>(fn.invocations()));
  REQUIRE(fn.warm_starts() + fn.cold_starts() == fn.invocations());
  REQUIRE(fn.throttles() == 0);
}

TEST_CASE("A step in load brings a burst of cold starts, one per environment created", "[function]") {
  const double mean_s = 0.1;
  Rng rng(5);
  std::vector<SimTime> times;
  poisson(times, rng, 100, 0, from_s(30));            // 10 environments busy on average
  poisson(times, rng, 1000, from_s(30), from_s(40));  // then 100
  auto rig = make_rig(unthrottled(mean_s * 1e3, 250), times);
  const Function& fn = *rig->function;
  rig->engine.run_until(from_s(20));
  rig->engine.reset_statistics();
  rig->engine.run_until(from_s(30));
  std::uint64_t before_step = fn.environments();
  std::uint64_t quiet_colds = fn.cold_starts();
  rig->engine.reset_statistics();
  rig->engine.run_until(from_s(40));
  std::uint64_t step_colds = fn.cold_starts();
  INFO("environments " << before_step << " -> " << fn.environments() << ", cold starts " << quiet_colds
                       << " before the step, " << step_colds << " during it");
  REQUIRE(fn.environments_reclaimed() == 0);
  REQUIRE(step_colds == fn.environments() - before_step);
  REQUIRE(quiet_colds <= 3);
  // The new level needs at least its mean of 100 busy environments (plus the cold starts' own init time),
  // while at most 10 + 5 sd existed before.
  REQUIRE(step_colds >= 100 - before_step);
  REQUIRE(fn.peak_environments() == static_cast<std::int64_t>(fn.environments()));
}

TEST_CASE("Invocations beyond the concurrency limit are throttled as in an Erlang loss system",
          "[function]") {
  const std::uint32_t limit = 20;
  const double rate = 200;
  const double mean_s = 0.1;
  const double expected = erlang_b(limit, rate * mean_s);  // ~0.159
  FunctionDef def = unthrottled(mean_s * 1e3, 300);
  def.concurrency_limit = limit;
  Rng rng(7);
  std::vector<SimTime> times;
  const int batches = 20;
  const double batch_s = 5;
  const double warm_up_s = 10;
  poisson(times, rng, rate, 0, from_s(warm_up_s + batches * batch_s));
  auto rig = make_rig(def, times);
  rig->engine.run_until(from_s(warm_up_s));
  REQUIRE(rig->function->environments() == limit);  // all created in warm-up: no cold start from now on
  const Function& fn = *rig->function;
  // Batch means: a batch of 5 s is 50 mean durations, so batches are nearly independent.
  std::vector<double> fractions;
  for (int b = 1; b <= batches; ++b) {
    rig->engine.reset_statistics();
    rig->engine.run_until(from_s(warm_up_s + b * batch_s));
    REQUIRE(fn.cold_starts() == 0);
    REQUIRE(fn.scaling_throttles() == 0);
    fractions.push_back(static_cast<double>(fn.concurrency_throttles()) /
                        static_cast<double>(fn.invocations()));
  }
  double mean = 0;
  for (double f : fractions)
    mean += f;
  mean /= batches;
  double squares = 0;
  for (double f : fractions)
    squares += (f - mean) * (f - mean);
  double half_width = 2.861 * std::sqrt(squares / (batches - 1) / batches);  // t(19), 99%
  INFO("throttled " << mean << " ± " << half_width << ", Erlang B " << expected);
  REQUIRE(std::abs(mean - expected) <= half_width);
  REQUIRE(half_width <= 0.1 * expected);
}

TEST_CASE("The scale-up rate throttles a burst that exceeds it", "[function]") {
  SECTION("small bucket, exact counts") {
    FunctionDef def;
    def.scale_up_per_s = 1;
    def.scale_up_burst = 10;
    def.duration = Distribution::constant(10e9);  // every environment stays busy through the test
    std::vector<SimTime> times = at(15, 0);
    for (SimTime t : at(5, from_s(2.5)))
      times.push_back(t);
    auto rig = make_rig(def, times);
    rig->engine.run_until(from_s(3));
    REQUIRE(rig->function->cold_starts() == 12);  // 10 at once, then 2 refilled in 2.5 s
    REQUIRE(rig->function->scaling_throttles() == 8);
    REQUIRE(rig->function->concurrency_throttles() == 0);
  }
  SECTION("the AWS rate: 1,000 environments per 10 s") {
    FunctionDef def;  // defaults: 1,000 concurrency, 1,000 new environments per 10 s
    def.concurrency_limit = 10'000;
    def.duration = Distribution::constant(60e9);
    std::vector<SimTime> times = at(1500, 0);
    for (SimTime t : at(600, from_s(5.001)))
      times.push_back(t);
    auto rig = make_rig(def, times);
    rig->engine.run_until(from_s(6));
    REQUIRE(rig->function->cold_starts() == 1500);
    REQUIRE(rig->function->scaling_throttles() == 600);
    REQUIRE(rig->script->failed == 600);
  }
}

TEST_CASE("The account concurrency limit throttles beyond it even with scaling rate to spare", "[function]") {
  FunctionDef def;
  def.concurrency_limit = 5;
  def.duration = Distribution::constant(1e9);
  auto rig = make_rig(def, at(8, 0));
  rig->engine.run_until(from_s(5));
  REQUIRE(rig->function->cold_starts() == 5);
  REQUIRE(rig->function->concurrency_throttles() == 3);
  REQUIRE(rig->function->counters(rig->engine.now()).rejections == 3);
  REQUIRE(rig->script->completed == 5);
}

TEST_CASE("Idle environments are reclaimed after the timeout, so cold starts recur after a quiet spell",
          "[function]") {
  FunctionDef def;
  def.idle_timeout = from_s(60);
  def.cold_start = Distribution::constant(200e6);
  def.duration = Distribution::constant(100e6);
  std::vector<SimTime> times = at(5, 0);
  for (SimTime t : at(5, from_s(30)))  // idle 29.7 s: still warm
    times.push_back(t);
  for (SimTime t : at(5, from_s(200)))  // idle ~170 s: reclaimed
    times.push_back(t);
  auto rig = make_rig(def, times);
  const Function& fn = *rig->function;
  rig->engine.run_until(from_s(31));
  REQUIRE(fn.cold_starts() == 5);
  REQUIRE(fn.warm_starts() == 5);
  rig->engine.run_until(from_s(150));
  REQUIRE(fn.environments() == 0);
  REQUIRE(fn.environments_reclaimed() == 5);
  rig->engine.run_until(from_s(201));
  REQUIRE(fn.cold_starts() == 10);
  REQUIRE(fn.peak_environments() == 5);
}
