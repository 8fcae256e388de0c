// live_bench: what a live session costs. (1) Snapshot latency: a paced run at speed 1 serving CLIENTS
// loopback clients 10 snapshots/s; each client subtracts a snapshot's sent_unix_ms from the wall clock when
// its line arrives (build, fan-out, socket, parse). (2) Engine cost: the same scenario flat out (speed 1000,
// the engine never sleeps) with no clients and with CLIENTS, against the same run without live mode; best of
// 3 wall times each. Not part of CI.
//
// Usage: live_bench [--clients N] [--latency-s S] [--duration-s S]   (default 10 clients, 5 s of latency
// sampling, url-shortener-steady shortened to 60 simulated seconds)
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

#include "live/line_client.hpp"
#include "live/live_server.hpp"
#include "live/live_steering.hpp"
#include "sim/experiment/experiment.hpp"

using namespace sdsim;
using namespace std::chrono_literals;

namespace {

double thread_cpu_s() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double unix_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Session {
  std::vector<double> latencies_ms;
  double wall_s = 0;
  double cpu_s = 0;  // the engine thread's CPU time
  double events = 0;
};

// One live run with `clients` reading clients; returns its wall time, events and every snapshot's latency.
Session run_live(const Design& design, const Scenario& scenario, double speed, int clients) {
  boost::asio::io_context io;
  std::unique_ptr<live::LiveServer> server;
  live::LiveSteering steering(design, scenario, live::PacingOptions{.speed = speed, .snapshots_per_s = 10},
                              [&](const std::string& line) { server->broadcast(line); });
  server = std::make_unique<live::LiveServer>(
      io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0),
      live::ServerOptions{},
      [&](live::Command c, live::LiveServer::Answer a) { steering.submit(std::move(c), std::move(a)); });
  std::thread network([&] { io.run(); });
  Session out;
  std::mutex mutex;
  std::atomic<int> connected{0};
  std::vector<std::thread> readers;
  readers.reserve(static_cast<std::size_t>(clients));
  for (int c = 0; c < clients; ++c) {
    readers.emplace_back([&] {
      live::LineClient client;
      if (!client.connect("127.0.0.1", std::to_string(server->port()), 2s).empty()) return;
      ++connected;
      std::vector<double> mine;
      while (auto line = client.read_line(5s)) {
        const double now = unix_ms();
        if (auto s = live::snapshot_from_json(*line)) mine.push_back(now - s->sent_unix_ms);
      }
      std::lock_guard lock(mutex);
      out.latencies_ms.insert(out.latencies_ms.end(), mine.begin(), mine.end());
    });
  }
  while (connected < clients)
    std::this_thread::sleep_for(1ms);
  std::this_thread::sleep_for(50ms);  // every client accepted before the run starts
  RunOptions options;
  options.steering = &steering;
  const auto started = std::chrono::steady_clock::now();
  const double cpu = thread_cpu_s();
  const ExperimentResult result = run_experiment(design, scenario, {}, options);
  out.cpu_s = thread_cpu_s() - cpu;
  out.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out.events = result.summary.events.mean;
  server->shutdown();
  for (std::thread& t : readers)
    t.join();
  network.join();
  return out;
}

Session plain_run(const Design& design, const Scenario& scenario) {
  Session out;
  const auto started = std::chrono::steady_clock::now();
  const double cpu = thread_cpu_s();
  out.events = run_experiment(design, scenario).summary.events.mean;
  out.cpu_s = thread_cpu_s() - cpu;
  out.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {  // NOLINT(bugprone-exception-escape): a failed bench may abort loudly
  int clients = 10;
  double latency_s = 5;
  double duration_s = 60;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--clients") == 0) clients = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--latency-s") == 0) latency_s = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--duration-s") == 0) duration_s = std::atof(argv[i + 1]);
  }
  auto design = load_design_file("designs/url-shortener.json");
  auto scenario = load_scenario_file("designs/scenarios/url-shortener-steady.json");
  if (!design.value || !scenario.value) {
    std::fprintf(stderr, "live_bench: run from the repository's root (designs/url-shortener.json)\n");
    return 1;
  }
  scenario.value->replications = 1;
  scenario.value->warmup_s = 0;

  scenario.value->duration_s = latency_s;
  const Session paced = run_live(*design.value, *scenario.value, 1, clients);
  std::printf(
      "snapshot latency, speed 1, %d clients, 10 snapshots/s, %zu snapshots received in %.2f s:\n"
      "  p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
      clients, paced.latencies_ms.size(), paced.wall_s, percentile(paced.latencies_ms, 0.5),
      percentile(paced.latencies_ms, 0.99), percentile(paced.latencies_ms, 1.0));

  scenario.value->duration_s = duration_s;
  // Best of 5 of each, interleaved so that a busy moment hits all three alike.
  Session plain;
  plain.wall_s = plain.cpu_s = 1e300;
  Session alone = plain, served = plain;
  auto keep_best = [](Session& best, const Session& s) {
    best.wall_s = std::min(best.wall_s, s.wall_s);
    best.cpu_s = std::min(best.cpu_s, s.cpu_s);
    best.events = s.events;
  };
  for (int rep = 0; rep < 5; ++rep) {
    keep_best(plain, plain_run(*design.value, *scenario.value));
    keep_best(alone, run_live(*design.value, *scenario.value, 1000, 0));
    keep_best(served, run_live(*design.value, *scenario.value, 1000, clients));
  }
  auto line = [&](const char* what, const Session& s) {
    std::printf("  %-22s wall %.3f s, engine thread CPU %.3f s (%+.1f%% vs plain), %.2f M events per CPU s\n",
                what, s.wall_s, s.cpu_s, (s.cpu_s / plain.cpu_s - 1) * 100, s.events / s.cpu_s / 1e6);
  };
  std::printf("engine flat out (speed 1000), %.0f simulated s, %.0f events, best of 5:\n", duration_s,
              served.events);
  line("plain run", plain);
  line("live, no client", alone);
  std::string served_name = "live, " + std::to_string(clients) + " clients";
  line(served_name.c_str(), served);
  return 0;
}
