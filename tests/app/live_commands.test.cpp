// 'sdsim live', 'sdsim ctl' and 'sdsim run --replay' end to end over loopback: a fault injected with ctl
// shows in the next snapshots, a client that never reads does not slow the run, and the recorded session
// replays offline to the same results.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli_test_support.hpp"
#include "live/line_client.hpp"

using namespace sdsim::cli_test;

namespace {

const std::string shortener =
    "designs/url-shortener.json --scenario designs/scenarios/url-shortener-steady.json "
    "--set duration_s=20 --set warmup_s=0";

}  // namespace

TEST_CASE("live and ctl: a fault injected with ctl shows in the snapshots, and the session replays offline") {
  const auto dir = temp_dir("live");
  const std::string log = (dir / "session.log").string();
  const std::string live_json = (dir / "live.json").string();
  const std::string replay_json = (dir / "replay.json").string();
  // 20 simulated seconds at 10 times: 2 s of wall time.
  const std::string command = std::string(SDSIM_EXECUTABLE) + " live " + shortener +
                              " --listen 127.0.0.1:0 --speed 10 --snapshots-per-s 20 --quiet --record " +
                              log + " --json " + live_json + " 2>&1";
  const auto started = std::chrono::steady_clock::now();
  FILE* live = popen(command.c_str(), "r");
  REQUIRE(live);
  char first[512] = {};
  REQUIRE(std::fgets(first, sizeof first, live));
  const std::string banner = first;
  REQUIRE(contains(banner, "listening on 127.0.0.1:"));
  const std::string port =
      banner.substr(banner.find("127.0.0.1:") + 10,
                    banner.find(' ', banner.find("127.0.0.1:")) - banner.find("127.0.0.1:") - 10);
  const std::string address = "127.0.0.1:" + port;

  // A client that connects and never reads a byte.
  sdsim::live::LineClient sleeper;
  REQUIRE(sleeper.connect("127.0.0.1", port, std::chrono::seconds(2)).empty());

  Outcome injected = run_sdsim("ctl " + address + " brownout api 3 0.3");
  CHECK(injected.status == 0);
  CHECK(contains(injected.output, "\"ok\":true"));
  CHECK(contains(injected.output, "fault 0: brownout of api"));
  Outcome watched = run_sdsim("ctl " + address + " --watch --count 3");
  CHECK(watched.status == 0);
  CHECK(contains(watched.output, "\"format\":\"sdsim.snapshot/1\""));
  CHECK(contains(watched.output, "\"type\":\"brownout\",\"target\":\"api\""));
  Outcome refused = run_sdsim("ctl " + address + " fail zone nowhere");
  CHECK(refused.status == 1);
  CHECK(contains(refused.output, "has no zone"));
  Outcome loaded = run_sdsim("ctl " + address + " load redirect 1500");
  CHECK(loaded.status == 0);

  const std::string rest = read_all(live);
  const int status = pclose(live);
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  INFO(rest);
  // Paced at 2 s; a client that never reads must not hold the run (nor its end) up.
  CHECK(wall_s < 3.5);
  CHECK(contains(read_file(log), "\"command\":\"brownout api 3 0.3\""));

  Outcome replayed =
      run_sdsim("run " + shortener + " --replay " + log + " --json " + replay_json + " --quiet");
  CHECK(replayed.status == 0);
  CHECK(replayed.output.empty());
  CHECK(read_file(replay_json) == read_file(live_json));
  CHECK_FALSE(read_file(live_json).empty());
  std::filesystem::remove_all(dir);
}

TEST_CASE("live and ctl refuse bad command lines with a clear message") {
  Outcome remote = run_sdsim("live designs/mm1.json --listen 0.0.0.0:0");
  CHECK(remote.status == 2);
  CHECK(contains(remote.output, "--allow-remote"));
  CHECK(run_sdsim("live designs/mm1.json --speed 0").status == 2);
  CHECK(run_sdsim("live designs/mm1.json --listen nowhere").status == 2);
  Outcome help = run_sdsim("live --help");
  CHECK(help.status == 0);
  CHECK(contains(help.output, "fail zone ZONE"));
  CHECK(contains(help.output, "set blocks/BLOCK/PARAM=VALUE"));
  CHECK(contains(run_sdsim("ctl --help").output, "set flows/FLOW[/calls/I...]/KEY=VALUE"));
  Outcome nobody = run_sdsim("ctl 127.0.0.1:1 status --timeout-s 1");
  CHECK(nobody.status == 2);
  CHECK(contains(nobody.output, "cannot connect"));
  CHECK(run_sdsim("ctl status").status == 2);
  Outcome bad_log = run_sdsim("run designs/mm1.json --replay designs/mm1.json");
  CHECK(bad_log.status == 1);
  CHECK(contains(bad_log.output, "not a command log"));
}

TEST_CASE("live and ctl: set changes a running model's capacity over loopback, checked as in files") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("sdsim-live-set-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string log = (dir / "session.log").string();
  const std::string live_json = (dir / "live.json").string();
  const std::string replay_json = (dir / "replay.json").string();
  const std::string mm1 = "designs/mm1.json --set duration_s=30 --set warmup_s=0";
  // 30 simulated seconds at 15 times: 2 s of wall time.
  const std::string command = std::string(SDSIM_EXECUTABLE) + " live " + mm1 +
                              " --listen 127.0.0.1:0 --speed 15 --snapshots-per-s 20 --quiet --record " +
                              log + " --json " + live_json + " 2>&1";
  FILE* live = popen(command.c_str(), "r");
  REQUIRE(live);
  char first[512] = {};
  REQUIRE(std::fgets(first, sizeof first, live));
  const std::string banner = first;
  REQUIRE(contains(banner, "listening on 127.0.0.1:"));
  const auto at = banner.find("127.0.0.1:") + 10;
  const std::string address = "127.0.0.1:" + banner.substr(at, banner.find(' ', at) - at);

  Outcome bad = run_sdsim("ctl " + address + " set blocks/server/servers=0");
  CHECK(bad.status == 1);
  CHECK(contains(bad.output, "/blocks/server/servers: must be at least 1 (got 0)"));
  Outcome refused =
      run_sdsim("ctl " + address + " 'set blocks/server/service_time={\"dist\": \"constant\"}'");
  CHECK(refused.status == 1);
  CHECK(contains(refused.output, "cannot change in a running model: the block's service_time was built"));
  Outcome bounded = run_sdsim("ctl " + address + " set blocks/server/queue_capacity=5");
  CHECK(bounded.status == 0);
  CHECK(contains(bounded.output, "server queue_capacity now 5 (a line already longer keeps its requests"));
  Outcome doubled = run_sdsim("ctl " + address + " set blocks/server/servers=2");
  CHECK(doubled.status == 0);
  CHECK(contains(doubled.output, "server servers now 2"));
  // The next snapshots count 2 servers at half the utilization (0.8 before, 0.4 after).
  Outcome watched = run_sdsim("ctl " + address + " --watch --count 2");
  CHECK(watched.status == 0);
  CHECK(contains(watched.output, "\"servers\":2"));

  std::string rest;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, live))
    rest.append(buffer, n);
  const int status = pclose(live);
  INFO(rest);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(contains(read_file(log), "\"command\":\"set blocks/server/servers=2\""));
  Outcome replayed = run_sdsim("run " + mm1 + " --replay " + log + " --json " + replay_json + " --quiet");
  CHECK(replayed.status == 0);
  CHECK(read_file(replay_json) == read_file(live_json));
  CHECK_FALSE(read_file(live_json).empty());
  std::filesystem::remove_all(dir);
}
