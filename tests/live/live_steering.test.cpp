// A paced live run without sockets: wall-clock pacing, snapshots at their rate, commands from another thread
// applied at a recorded simulated time, and the recorded session replayed to the same results.
#include "live/live_steering.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <thread>

#include "live/replay_steering.hpp"
#include "live_test_support.hpp"
#include "sim/experiment/experiment.hpp"
#include "sim/experiment/result_json.hpp"

using namespace sdsim;
using namespace sdsim::live;

namespace {

struct Published {
  std::mutex mutex;
  std::vector<Snapshot> snapshots;
  void add(const std::string& line) {
    auto s = snapshot_from_json(line);
    REQUIRE(s);
    std::lock_guard lock(mutex);
    snapshots.push_back(*s);
  }
  std::size_t count() {
    std::lock_guard lock(mutex);
    return snapshots.size();
  }
};

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

TEST_CASE("A live run keeps pace with the wall clock times its speed and publishes snapshots at their rate") {
  const auto m = live_test::load_model("mm1.json", "mm1-rho-0.8.json", 10);
  Published published;
  LiveSteering steering(m.design, m.scenario, PacingOptions{.speed = 50, .snapshots_per_s = 40},
                        [&](const std::string& line) { published.add(line); });
  RunOptions options;
  options.steering = &steering;
  const auto started = std::chrono::steady_clock::now();
  const ExperimentResult result = run_experiment(m.design, m.scenario, {}, options);
  const double wall_s = seconds_since(started);
  // 10 simulated seconds at 50 times: 0.2 s of wall time (the engine alone takes a few ms).
  CHECK(wall_s >= 0.19);
  CHECK(wall_s < 0.6);
  // 40 a second over 0.2 s, the first at the start and the last at the end (a busy machine may skip some).
  REQUIRE(published.snapshots.size() >= 5);
  CHECK(published.snapshots.size() <= 12);
  CHECK(published.snapshots.back().state == "ended");
  CHECK(published.snapshots.back().t_s == 10.0);
  for (std::size_t i = 1; i < published.snapshots.size(); ++i) {
    CHECK(published.snapshots[i].seq == i);
    CHECK(published.snapshots[i].t_s >= published.snapshots[i - 1].t_s);
  }
  // The windows cover the run: their completions add up to the run's.
  double completed = 0;
  for (const Snapshot& s : published.snapshots)
    completed += s.flows[0].throughput_per_s * s.window_s;
  CHECK(std::abs(completed - result.summary.flows[0].completed.mean) < 1e-6 * completed + 1);
}

TEST_CASE("Commands from another thread apply at a recorded time, show in the next snapshots, and replay") {
  const auto m = live_test::load_model("mm1.json", "mm1-rho-0.8.json", 20);
  Published published;
  LiveSteering steering(m.design, m.scenario, PacingOptions{.speed = 40, .snapshots_per_s = 20},
                        [&](const std::string& line) { published.add(line); });
  ExperimentResult result;
  std::thread engine([&] {
    RunOptions options;
    options.steering = &steering;
    result = run_experiment(m.design, m.scenario, {}, options);
  });
  while (published.count() < 2)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::mutex mutex;
  std::vector<Reply> replies;
  auto submit = [&](const std::string& line) {
    steering.submit(*parse_command(line).command, [&](const Reply& r) {
      std::lock_guard lock(mutex);
      replies.push_back(r);
    });
  };
  submit("brownout server 3 0.5");
  submit("load requests 50");
  submit("fail zone nowhere");
  submit("status");
  const std::size_t seen = published.count();
  while (published.count() < seen + 3)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  {
    std::lock_guard lock(published.mutex);
    const Snapshot& next = published.snapshots[seen + 1];
    REQUIRE(next.faults.size() == 1);
    CHECK(next.faults[0].type == "brownout");
    CHECK(next.faults[0].target == "server");
    CHECK(next.flows[0].success < 0.75);
  }
  engine.join();
  REQUIRE(replies.size() == 4);
  CHECK(replies[0].ok);
  CHECK(replies[1].ok);
  CHECK_FALSE(replies[2].ok);
  CHECK(replies[3].ok);
  CHECK(replies[3].message.find("running at") == 0);
  // Only the two model commands were recorded, at one simulated time.
  const CommandLog& log = steering.log();
  REQUIRE(log.commands.size() == 2);
  CHECK(log.commands[0].at == log.commands[1].at);
  CHECK(log.commands[0].at > 0);

  std::string error;
  auto read_back = read_command_log(to_json_lines(log), error);
  REQUIRE(read_back);
  ReplaySteering replay(m.design, m.scenario, *read_back);
  RunOptions options;
  options.steering = &replay;
  const ExperimentResult replayed = run_experiment(m.design, m.scenario, {}, options);
  CHECK(replay.problems().empty());
  CHECK(result_to_json(replayed) == result_to_json(result));
  // And the commands mattered: the run without them differs.
  CHECK(result_to_json(run_experiment(m.design, m.scenario)) != result_to_json(result));
}

TEST_CASE("Pausing holds the simulated clock; a stop request ends the run at once") {
  const auto m = live_test::load_model("mm1.json", "mm1-rho-0.8.json", 1000);
  Published published;
  LiveSteering steering(m.design, m.scenario, PacingOptions{.speed = 10, .snapshots_per_s = 50},
                        [&](const std::string& line) { published.add(line); });
  bool stopped = false;
  std::thread engine([&] {
    RunOptions options;
    options.steering = &steering;
    try {
      run_experiment(m.design, m.scenario, {}, options);
    } catch (const RunStopped&) {
      stopped = true;
    }
  });
  steering.submit(*parse_command("pause").command, [](const Reply&) {});
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  const std::size_t seen = published.count();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  {
    std::lock_guard lock(published.mutex);
    REQUIRE(published.snapshots.size() >= seen + 2);
    CHECK(published.snapshots.back().state == "paused");
    CHECK(published.snapshots.back().t_s == published.snapshots[seen].t_s);
  }
  const auto asked = std::chrono::steady_clock::now();
  steering.request_stop();
  engine.join();
  CHECK(stopped);
  CHECK(seconds_since(asked) < 0.1);
}

TEST_CASE(
    "A pool's new instance count shows in the next snapshots, a one-off fault is listed, and both replay") {
  // 2 single-slot instances of 10 ms under 100 requests/s: utilization 0.5; with 4, 0.25. A snapshot window
  // is 2 simulated s (speed 40, 20 a second): 200 requests, a utilization sd of about 0.035 per window.
  auto design = load_design_text("pool.json", R"({"name": "pool", "blocks": {"api": {"kind": "compute",
      "instances": 2, "concurrency": 1, "warmup_s": 0, "replacement_s": 1,
      "service_time": {"dist": "exponential", "mean_ms": 10}}}, "flows": {"requests": {"entry": "api"}}})");
  REQUIRE(design.value);
  auto scenario = load_scenario_text("steady.json", R"({"name": "steady", "duration_s": 60, "seed": 3,
      "load": {"requests": {"type": "open", "rate_per_s": 100}}})");
  REQUIRE(scenario.value);
  const Design& d = *design.value;
  const Scenario& sc = *scenario.value;
  Published published;
  LiveSteering steering(d, sc, PacingOptions{.speed = 40, .snapshots_per_s = 20},
                        [&](const std::string& line) { published.add(line); });
  ExperimentResult result;
  std::thread engine([&] {
    RunOptions options;
    options.steering = &steering;
    result = run_experiment(d, sc, {}, options);
  });
  auto mean_utilization = [&](double from_s, double to_s) {
    std::lock_guard lock(published.mutex);
    double sum = 0;
    int n = 0;
    for (const Snapshot& s : published.snapshots) {
      if (s.window_s <= 0 || s.t_s - s.window_s < from_s || s.t_s > to_s) continue;
      sum += s.blocks[0].utilization;
      ++n;
    }
    REQUIRE(n >= 3);
    return sum / n;
  };
  auto wait_until = [&](double t_s) {
    for (;;) {
      {
        std::lock_guard lock(published.mutex);
        if (!published.snapshots.empty() && published.snapshots.back().t_s >= t_s) return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  };
  std::mutex mutex;
  std::vector<Reply> replies;
  auto submit = [&](const std::string& line) {
    steering.submit(*parse_command(line).command, [&](const Reply& r) {
      std::lock_guard lock(mutex);
      replies.push_back(r);
    });
  };
  wait_until(16);
  submit("set blocks/api/instances=4");
  wait_until(40);
  submit("terminate api 1");
  wait_until(44);
  {
    std::lock_guard lock(published.mutex);
    const Snapshot& last = published.snapshots.back();
    REQUIRE(last.faults.size() == 1);
    CHECK(last.faults[0].type == "instance_termination");
    CHECK(last.faults[0].duration_s == 0);
    CHECK(last.faults[0].start_s >= 40);
  }
  engine.join();
  {
    std::lock_guard lock(mutex);
    REQUIRE(replies.size() == 2);
    CHECK(replies[0].ok);
    CHECK(replies[0].message == "api instances now 4 (instances launched now serve after the 0 s warm-up)");
    CHECK(replies[1].ok);
  }
  const CommandLog& log = steering.log();
  REQUIRE(log.commands.size() == 2);
  const double set_at = to_s(log.commands[0].at);
  const double before = mean_utilization(0, set_at);
  const double after = mean_utilization(set_at + 0.1, to_s(log.commands[1].at));
  CHECK(std::abs(before - 0.5) < 0.06);
  CHECK(std::abs(after - 0.25) < 0.03);
  CHECK(after / before == Approx(0.5).margin(0.1));

  std::string error;
  auto read_back = read_command_log(to_json_lines(log), error);
  REQUIRE(read_back);
  ReplaySteering replay(d, sc, *read_back);
  RunOptions options;
  options.steering = &replay;
  const ExperimentResult replayed = run_experiment(d, sc, {}, options);
  CHECK(replay.problems().empty());
  CHECK(result_to_json(replayed) == result_to_json(result));
}

TEST_CASE("A call's new timeout and retry policy show in the next snapshots' attempts per call") {
  // Checkout retries up to 3 times. A 1 ms timeout (its calls take longer) makes every attempt time out: 4
  // attempts per call; with no retries, 1.
  const auto m = live_test::load_model("checkout-retries.json", "checkout-retries-storm.json", 10);
  Published published;
  LiveSteering steering(m.design, m.scenario, PacingOptions{.speed = 5, .snapshots_per_s = 10},
                        [&](const std::string& line) { published.add(line); });
  std::thread engine([&] {
    RunOptions options;
    options.steering = &steering;
    run_experiment(m.design, m.scenario, {}, options);
  });
  auto wait_until = [&](double t_s) {
    while (published.count() == 0 || [&] {
      std::lock_guard lock(published.mutex);
      return published.snapshots.back().t_s < t_s;
    }())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  };
  wait_until(2);
  steering.submit(*parse_command("set flows/checkout/timeout_ms=1").command,
                  [](const Reply& r) { CHECK(r.ok); });
  wait_until(5);
  steering.submit(*parse_command("set flows/checkout/retry/max=0").command,
                  [](const Reply& r) { CHECK(r.ok); });
  engine.join();
  const CommandLog& log = steering.log();
  REQUIRE(log.commands.size() == 2);
  const double timeout_at = to_s(log.commands[0].at);
  const double none_at = to_s(log.commands[1].at);
  double calls = 0, attempts = 0, calls_after = 0, attempts_after = 0, retries_after = 0;
  for (const Snapshot& s : published.snapshots) {
    if (s.window_s <= 0) continue;
    REQUIRE(s.calls.size() == 1);
    CHECK(s.calls[0].call == "checkout: client -> web");
    const double from = s.t_s - s.window_s;
    // A call started before the change may still be within its attempts: from 1 s on, a call's 4 attempts
    // (about 50 ms apart) are all in the new regime.
    if (from >= timeout_at + 1 && s.t_s <= none_at) {
      calls += static_cast<double>(s.calls[0].calls);
      attempts += static_cast<double>(s.calls[0].attempts);
    }
    if (from >= none_at) {
      calls_after += static_cast<double>(s.calls[0].calls);
      attempts_after += static_cast<double>(s.calls[0].attempts);
      retries_after += static_cast<double>(s.calls[0].retries);
    }
  }
  REQUIRE(calls > 1000);
  CHECK(attempts / calls == Approx(4).epsilon(0.05));
  REQUIRE(calls_after > 1000);
  CHECK(retries_after == 0);
  CHECK(attempts_after == calls_after);
}
