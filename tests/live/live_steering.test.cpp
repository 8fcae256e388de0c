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
