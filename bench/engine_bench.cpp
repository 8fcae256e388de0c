// engine_bench: throughput and memory of the engine on reference models, built directly with the engine API.
// Run by hand or by bench/run.sh; not part of CI and not timed there.
//
// Contracts:
//  - Events = Engine::events_processed(): one per source emission (arrival) plus one per service completion,
//  so
//    an M/M/c customer costs 2 events and a customer of a 5-station tandem costs 6.
//  - Customers = requests finished end to end (the source's completions).
//  - Wall time covers Engine::start() to Engine::end_run() (the model is built beforehand); each scenario is
//    repeated (3 times by default) and the best wall time is kept.
//  - Every repetition runs in a forked child process, so each one's peak RSS (VmHWM) is its own; the peak RSS
//    of an idle child (the fork baseline) is reported so that it can be subtracted.
//  - Bytes per in-flight request: for closed runs, (peak RSS - baseline) / users, an upper bound that also
//    counts histograms and code pages; the marginal figure compares the 10,000- and 100,000-user runs.
//
// Usage: engine_bench [--quick] [--json FILE] [--reps N] [--only NAME]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "sim/blocks/closed_source.hpp"
#include "sim/blocks/open_source.hpp"
#include "sim/blocks/station.hpp"
#include "sim/core/engine.hpp"
#include "sim/metrics/collector.hpp"

namespace sdsim {
namespace {

// The shared model parameters: SimPy's bench/simpy_mmc.py uses the same M/M/c figures.
constexpr std::uint32_t mmc_servers = 8;
constexpr double mmc_rho = 0.9;
constexpr double service_mean_ns = 1e6;  // 1 ms, so mu = 1000/s per server
constexpr std::uint32_t tandem_stations = 5;
constexpr std::uint64_t run_seed = 20240601;

enum class ModelKind { mmc, tandem_open, tandem_closed };

struct Scenario {
  std::string name;         // short key, also used by --only and in the JSON
  std::string description;  // table label
  ModelKind kind = ModelKind::mmc;
  std::uint64_t customers = 0;  // stop once this many requests finished (open: horizon customers / lambda)
  std::uint32_t users = 0;      // closed: users with zero think time, i.e. requests always in flight
  std::uint32_t servers = mmc_servers;  // per station
  bool metrics = true;                  // attach a MetricsCollector (latency histograms on)
};

// What one child process reports back through a pipe (plain data).
struct Figures {
  std::uint64_t customers = 0;
  std::uint64_t events = 0;
  double wall_s = 0;
  double mean_in_flight = 0;    // time-averaged outstanding requests at the source
  double mean_response_ms = 0;  // from the latency histogram (0 without metrics); M/M/8 rho 0.9: 1.877 ms
  std::uint64_t peak_rss_bytes = 0;
  bool ok = false;
};

struct Result {
  Scenario scenario;
  Figures best;  // best wall time of the repetitions; peak RSS is the largest seen
};

// Peak resident set size of this process so far: VmHWM from /proc/self/status, else getrusage.
std::uint64_t peak_rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtoull(line.c_str() + 6, nullptr, 10) * 1024;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;
}

double lambda_per_s(const Scenario& s) {
  return mmc_rho * static_cast<double>(s.servers) * (1e9 / service_mean_ns);
}

// Builds the model, runs it to `customers` finished requests and measures. Runs in the child.
Figures run_scenario(const Scenario& s) {
  MetricsCollector metrics({"requests"});
  Engine engine(run_seed);
  const BlockId source = 0;
  const BlockId first_station = 1;
  const std::uint32_t stations = s.kind == ModelKind::mmc ? 1 : tandem_stations;

  if (s.kind == ModelKind::tandem_closed) {
    ClosedSourceDef def;
    def.users = s.users;
    def.think = Distribution::constant(0);
    def.flow = 0;
    def.target = first_station;
    engine.add_block(std::make_unique<ClosedSource>("client", def, engine.stream("client")));
  } else {
    OpenSourceDef def{.profile = RateProfile::constant(lambda_per_s(s)), .flow = 0, .target = first_station};
    engine.add_block(std::make_unique<OpenSource>("client", def, engine.stream("client")));
  }
  for (std::uint32_t i = 0; i < stations; ++i) {
    StationDef def;
    def.servers = s.servers;
    def.service = Distribution::exponential(service_mean_ns);
    if (i + 1 < stations) def.route.add(first_station + i + 1, 1.0);
    std::string name = "station" + std::to_string(i);
    engine.add_block(std::make_unique<Station>(name, std::move(def), engine.stream(name + "/service"),
                                               engine.stream(name + "/route")));
  }
  if (s.metrics) engine.add_observer(metrics);

  auto completed = [&] { return engine.block(source).counters(engine.now()).completions; };
  const auto t0 = std::chrono::steady_clock::now();
  engine.start();
  if (s.kind == ModelKind::tandem_closed) {
    // Throughput is not known in advance: run in slices of about 1% of the expected length until done.
    const double x_est = static_cast<double>(std::min(s.users, s.servers)) * 1e9 / service_mean_ns /
                         static_cast<double>(stations);
    const SimTime slice = std::max<SimTime>(1, from_s(static_cast<double>(s.customers) / x_est / 100.0));
    while (completed() < s.customers)
      engine.run_until(engine.now() + slice);
  } else {
    engine.run_until(from_s(static_cast<double>(s.customers) / lambda_per_s(s)));
  }
  engine.end_run();
  const auto t1 = std::chrono::steady_clock::now();

  Figures f;
  BlockCounters c = engine.block(source).counters(engine.now());
  f.customers = c.completions;
  f.events = engine.events_processed();
  f.wall_s = std::chrono::duration<double>(t1 - t0).count();
  f.mean_in_flight = c.mean_in_system;
  if (s.metrics) f.mean_response_ms = metrics.flow_latency(0).mean() / 1e6;
  f.peak_rss_bytes = peak_rss_bytes();
  f.ok = true;
  return f;
}

// Runs `work` in a forked child and returns what it wrote to the pipe.
template <typename Fn>
Figures in_child(Fn work) {
  int fds[2];
  if (pipe(fds) != 0) {
    std::perror("pipe");
    std::exit(1);
  }
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) {
    std::perror("fork");
    std::exit(1);
  }
  if (pid == 0) {
    close(fds[0]);
    Figures f = work();
    ssize_t written = write(fds[1], &f, sizeof f);
    close(fds[1]);
    _exit(written == static_cast<ssize_t>(sizeof f) ? 0 : 1);
  }
  close(fds[1]);
  Figures f;
  ssize_t got = read(fds[0], &f, sizeof f);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (got != static_cast<ssize_t>(sizeof f) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) f.ok = false;
  return f;
}

std::vector<Scenario> scenarios(bool quick) {
  const std::uint64_t n = quick ? 100'000 : 1'000'000;
  const std::uint64_t n4 = 4 * n;
  const std::uint32_t big = 100'000;
  const std::uint32_t small = 10'000;
  std::vector<Scenario> out;
  out.push_back({"mmc", "M/M/8 rho=0.9, histograms on", ModelKind::mmc, n, 0, mmc_servers, true});
  out.push_back({"mmc_nometrics", "M/M/8 rho=0.9, no observer", ModelKind::mmc, n, 0, mmc_servers, false});
  out.push_back({"mmc_x4", "M/M/8 rho=0.9, histograms on", ModelKind::mmc, n4, 0, mmc_servers, true});
  out.push_back({"tandem_open", "5 x M/M/8 rho=0.9 tandem", ModelKind::tandem_open, n, 0, mmc_servers, true});
  // Closed: zero think time, so every user always has one request in flight. Each station has users / 5
  // servers: the event heap holds most requests and the stations still queue (utilization ~0.8-0.9).
  out.push_back({"tandem_closed_10k", "5-station tandem, 10k in flight", ModelKind::tandem_closed, n, small,
                 small / tandem_stations, true});
  out.push_back({"tandem_closed_10k_x4", "5-station tandem, 10k in flight", ModelKind::tandem_closed, n4,
                 small, small / tandem_stations, true});
  out.push_back({"tandem_closed_100k", "5-station tandem, 100k in flight", ModelKind::tandem_closed, n, big,
                 big / tandem_stations, true});
  return out;
}

const Result* find(const std::vector<Result>& results, const std::string& name) {
  for (const Result& r : results) {
    if (r.scenario.name == name && r.best.ok) return &r;
  }
  return nullptr;
}

double mib(std::uint64_t bytes) {
  return static_cast<double>(bytes) / (1024.0 * 1024.0);
}

}  // namespace
}  // namespace sdsim

int main(int argc, char** argv) {
  using namespace sdsim;
  bool quick = false;
  int reps = 3;
  std::string json_path, only;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--quick") {
      quick = true;
    } else if (arg == "--json" && i + 1 < argc) {
      json_path = argv[++i];
    } else if (arg == "--reps" && i + 1 < argc) {
      reps = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else {
      std::fprintf(stderr, "usage: %s [--quick] [--json FILE] [--reps N] [--only NAME]\n", argv[0]);
      return arg == "--help" || arg == "-h" ? 0 : 2;
    }
  }

  const std::uint64_t baseline = in_child([] {
                                   Figures f;
                                   f.peak_rss_bytes = peak_rss_bytes();
                                   f.ok = true;
                                   return f;
                                 }).peak_rss_bytes;

  std::printf("engine_bench (%s, best of %d; each repetition in a fresh child process)\n",
              quick ? "quick" : "full", reps);
  std::printf("fork baseline peak RSS: %.1f MiB\n\n", mib(baseline));
  std::printf("%-22s %-34s %10s %11s %8s %9s %9s %9s %8s %9s %10s\n", "scenario", "model", "customers",
              "events", "wall s", "M ev/s", "M req/s", "in flight", "resp ms", "peak MiB", "B/in-flt");

  std::vector<Result> results;
  bool failed = false;
  for (const Scenario& s : scenarios(quick)) {
    if (!only.empty() && s.name != only) continue;
    Result r{s, {}};
    for (int rep = 0; rep < reps; ++rep) {
      Figures f = in_child([&] { return run_scenario(s); });
      if (!f.ok) {
        failed = true;
        continue;
      }
      std::uint64_t peak = std::max(r.best.peak_rss_bytes, f.peak_rss_bytes);
      if (!r.best.ok || f.wall_s < r.best.wall_s) r.best = f;
      r.best.peak_rss_bytes = peak;
    }
    const Figures& b = r.best;
    if (!b.ok) {
      std::printf("%-22s FAILED\n", s.name.c_str());
      results.push_back(r);
      continue;
    }
    char per_request[32] = "-";
    if (s.kind == ModelKind::tandem_closed) {
      std::snprintf(per_request, sizeof per_request, "%.0f",
                    static_cast<double>(b.peak_rss_bytes - std::min(baseline, b.peak_rss_bytes)) / s.users);
    }
    std::printf("%-22s %-34s %10llu %11llu %8.3f %9.2f %9.2f %9.1f %8.3f %9.1f %10s\n", s.name.c_str(),
                s.description.c_str(), static_cast<unsigned long long>(b.customers),
                static_cast<unsigned long long>(b.events), b.wall_s,
                static_cast<double>(b.events) / b.wall_s / 1e6,
                static_cast<double>(b.customers) / b.wall_s / 1e6, b.mean_in_flight, b.mean_response_ms,
                mib(b.peak_rss_bytes), per_request);
    std::fflush(stdout);
    results.push_back(r);
  }

  // Derived memory figures.
  double marginal = -1, mmc_growth = -1, tandem_growth = -1;
  const Result* small = find(results, "tandem_closed_10k");
  const Result* big = find(results, "tandem_closed_100k");
  if (small && big) {
    marginal =
        (static_cast<double>(big->best.peak_rss_bytes) - static_cast<double>(small->best.peak_rss_bytes)) /
        (big->best.mean_in_flight - small->best.mean_in_flight);
    std::printf("\nmemory per in-flight request (100k vs 10k in flight): %.1f bytes\n", marginal);
  }
  const Result* mmc1 = find(results, "mmc");
  const Result* mmc4 = find(results, "mmc_x4");
  if (mmc1 && mmc4) {
    mmc_growth =
        static_cast<double>(mmc4->best.peak_rss_bytes) / static_cast<double>(mmc1->best.peak_rss_bytes);
    std::printf("peak RSS growth, M/M/8 4x customers: %.3fx (%.1f -> %.1f MiB)\n", mmc_growth,
                mib(mmc1->best.peak_rss_bytes), mib(mmc4->best.peak_rss_bytes));
  }
  const Result* t4 = find(results, "tandem_closed_10k_x4");
  if (small && t4) {
    tandem_growth =
        static_cast<double>(t4->best.peak_rss_bytes) / static_cast<double>(small->best.peak_rss_bytes);
    std::printf("peak RSS growth, tandem 10k in flight 4x customers: %.3fx (%.1f -> %.1f MiB)\n",
                tandem_growth, mib(small->best.peak_rss_bytes), mib(t4->best.peak_rss_bytes));
  }

  if (!json_path.empty()) {
    std::FILE* out = std::fopen(json_path.c_str(), "w");
    if (!out) {
      std::perror(json_path.c_str());
      return 1;
    }
    std::fprintf(out, "{\n  \"mode\": \"%s\",\n  \"reps\": %d,\n  \"baseline_peak_rss_bytes\": %llu,\n",
                 quick ? "quick" : "full", reps, static_cast<unsigned long long>(baseline));
    std::fprintf(out, "  \"bytes_per_in_flight_marginal\": %.3f,\n", marginal);
    std::fprintf(out, "  \"rss_growth_mmc_x4\": %.5f,\n  \"rss_growth_tandem_closed_x4\": %.5f,\n",
                 mmc_growth, tandem_growth);
    std::fprintf(out, "  \"scenarios\": [\n");
    for (std::size_t i = 0; i < results.size(); ++i) {
      const Result& r = results[i];
      const Figures& b = r.best;
      std::fprintf(
          out,
          "    {\"name\": \"%s\", \"model\": \"%s\", \"ok\": %s, \"customers\": %llu, \"events\": %llu, "
          "\"wall_s\": %.6f, \"events_per_s\": %.1f, \"requests_per_s\": %.1f, \"in_flight\": %.3f, "
          "\"mean_response_ms\": %.4f, \"users\": %u, \"peak_rss_bytes\": %llu}%s\n",
          r.scenario.name.c_str(), r.scenario.description.c_str(), b.ok ? "true" : "false",
          static_cast<unsigned long long>(b.customers), static_cast<unsigned long long>(b.events), b.wall_s,
          b.ok ? static_cast<double>(b.events) / b.wall_s : 0.0,
          b.ok ? static_cast<double>(b.customers) / b.wall_s : 0.0, b.mean_in_flight, b.mean_response_ms,
          r.scenario.users, static_cast<unsigned long long>(b.peak_rss_bytes),
          i + 1 < results.size() ? "," : "");
    }
    std::fprintf(out, "  ]\n}\n");
    std::fclose(out);
  }
  return failed ? 1 : 0;
}
