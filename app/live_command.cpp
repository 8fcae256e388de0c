#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <iostream>
#include <thread>

#include "app/atomic_file.hpp"
#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "app/report_text.hpp"
#include "app/run_inputs.hpp"
#include "live/live_server.hpp"
#include "live/live_steering.hpp"
#include "sim/experiment/experiment.hpp"
#include "sim/experiment/result_json.hpp"

namespace sdsim::app {

const char* const live_help =
    R"(Usage: sdsim live DESIGN [--scenario FILE] [--set PATH=VALUE ...] [--seed N]
                  [--listen HOST:PORT] [--speed X] [--snapshots-per-s N] [--token T]
                  [--max-clients N] [--allow-remote] [--record LOG] [--json OUT] [--quiet]

Runs the scenario's first replication paced to the wall clock (times --speed) and lets clients
watch and steer it over TCP. Every client receives JSON lines: snapshots ("format":
"sdsim.snapshot/1": simulated time; per flow throughput, success, p50 and p99 over the last
window; per block utilization, queue and health; the faults in force; per call with resilience its
calls, attempts, retries and timeouts) and one reply per command
("format": "sdsim.reply/1", "ok" true or false). Commands are text lines; 'sdsim ctl' sends one.
A client that does not keep up gets fewer snapshots, then is dropped; the engine never waits for
one. When the run ends (or on Ctrl-C) the session closes; a finished run prints its report.

)"
    R"(Options:
  --scenario FILE       the scenario; default: the design's "default_scenario"
  --seed N              override the scenario's seed
  --set PATH=VALUE      change one value of the design or the scenario before the run (as for run)
  --listen HOST:PORT    where to listen (default 127.0.0.1:7878; port 0 picks a free one, printed)
  --allow-remote        needed to listen on an address other than loopback (prints a warning)
  --speed X             simulated seconds per wall second (0.01 to 1000; default 1)
  --snapshots-per-s N   snapshots per wall second (1 to 50; default 10)
  --token T             clients must first send 'auth T'
  --max-clients N       clients at once (1 to 1000; default 16)
  --record LOG          save the model commands with their simulated times (JSON lines,
                        sdsim.commands/1, written atomically) for 'sdsim run --replay LOG'
  --json OUT            write the finished run's figures as JSON (as 'sdsim run --json')
  --quiet               print no report
  --help                show this help

)"
    "%COMMANDS%"
    R"(
Examples:
  sdsim live designs/url-shortener.json --speed 5 --record out/session.log
  sdsim ctl 127.0.0.1:7878 fail zone use1-az1 60
  sdsim ctl 127.0.0.1:7878 set blocks/urls/consistency=strong
  sdsim ctl 127.0.0.1:7878 --watch
  sdsim viz designs/url-shortener.json --connect 127.0.0.1:7878
  sdsim run designs/url-shortener.json --replay out/session.log
)";

namespace {

struct ListenAddress {
  boost::asio::ip::address address;
  unsigned short port = 0;
};

std::optional<ListenAddress> parse_listen(const std::string& text, std::string& error) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
    error = "--listen '" + text + "': give HOST:PORT, e.g. 127.0.0.1:7878 (port 0 picks a free one)";
    return std::nullopt;
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  auto port = parse_count("listen", text.substr(colon + 1), 0, 65535, error);
  if (!port) return std::nullopt;
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(host, ec);
  if (ec) {
    error = "--listen: '" + host + "' is not an IP address (e.g. 127.0.0.1, ::1 or 0.0.0.0)";
    return std::nullopt;
  }
  return ListenAddress{address, static_cast<unsigned short>(*port)};
}

std::optional<double> parse_real(const std::string& option, const std::string& text, double min, double max,
                                 std::string& error) {
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size() && v >= min && v <= max) return v;
  } catch (const std::exception&) {
  }
  std::ostringstream out;
  out << "--" << option << " '" << text << "': give a number from " << min << " to " << max;
  error = out.str();
  return std::nullopt;
}

}  // namespace

std::string live_help_text() {
  std::string help = live_help;
  const std::string mark = "%COMMANDS%";
  help.replace(help.find(mark), mark.size(), live::command_help);
  return help;
}

int live_command(const std::vector<std::string>& args) {
  std::string error;
  auto parsed = parse_args(args,
                           {{"scenario", true},
                            {"seed", true},
                            {"set", true, true},
                            {"listen", true},
                            {"allow-remote", false},
                            {"speed", true},
                            {"snapshots-per-s", true},
                            {"token", true},
                            {"max-clients", true},
                            {"record", true},
                            {"json", true},
                            {"quiet", false},
                            {"help", false}},
                           error);
  if (!parsed) {
    std::cerr << "sdsim live: " << error << "\n\nRun 'sdsim live --help' for usage.\n";
    return exit_usage;
  }
  if (parsed->has("help")) {
    std::cout << live_help_text();
    return exit_ok;
  }
  if (parsed->positional.size() != 1) {
    std::cerr << "sdsim live: give exactly one design file (got " << parsed->positional.size()
              << ")\n\nRun 'sdsim live --help' for usage.\n";
    return exit_usage;
  }
  auto usage_error = [](const std::string& message) {
    std::cerr << "sdsim live: " << message << "\n";
    return exit_usage;
  };
  auto listen = parse_listen(parsed->value("listen").value_or("127.0.0.1:7878"), error);
  if (!listen) return usage_error(error);
  if (!listen->address.is_loopback() && !parsed->has("allow-remote")) {
    return usage_error("--listen " + listen->address.to_string() +
                       " is reachable from other machines: anyone who can connect can steer the run; add "
                       "--allow-remote (and a --token) to do it anyway, or listen on 127.0.0.1");
  }
  live::PacingOptions pacing;
  live::ServerOptions server_options;
  if (auto v = parsed->value("speed")) {
    auto speed = parse_real("speed", *v, 0.01, 1000, error);
    if (!speed) return usage_error(error);
    pacing.speed = *speed;
  }
  if (auto v = parsed->value("snapshots-per-s")) {
    auto rate = parse_real("snapshots-per-s", *v, 1, 50, error);
    if (!rate) return usage_error(error);
    pacing.snapshots_per_s = *rate;
  }
  if (auto v = parsed->value("max-clients")) {
    auto n = parse_count("max-clients", *v, 1, 1000, error);
    if (!n) return usage_error(error);
    server_options.max_clients = static_cast<std::size_t>(*n);
  }
  server_options.token = parsed->value("token").value_or("");
  // A live session is one run: its replay ('sdsim run --replay') is the same single replication.
  int exit_code = exit_ok;
  auto inputs = load_run_inputs(*parsed, parsed->positional,
                                {.command = "live", .min_replications = 1, .max_replications = 1}, exit_code);
  if (!inputs) return exit_code;
  const Design& design = inputs->designs[0];
  const Scenario& scenario = inputs->scenario;

  boost::asio::io_context io;
  std::unique_ptr<live::LiveServer> server;
  std::unique_ptr<live::LiveSteering> steering;
  steering = std::make_unique<live::LiveSteering>(
      design, scenario, pacing, [&server](const std::string& line) { server->broadcast(line); });
  try {
    server = std::make_unique<live::LiveServer>(
        io, boost::asio::ip::tcp::endpoint(listen->address, listen->port), server_options,
        [&steering](live::Command command, live::LiveServer::Answer answer) {
          steering->submit(std::move(command), std::move(answer));
        });
  } catch (const boost::system::system_error& e) {
    std::cerr << "sdsim live: cannot listen on " << listen->address.to_string() << ":" << listen->port << ": "
              << e.code().message() << " (pick another port, or 0 for any free one)\n";
    return exit_usage;
  }
  if (!listen->address.is_loopback()) {
    std::cerr << "sdsim live: warning: listening on " << listen->address.to_string()
              << ", reachable from other machines"
              << (server_options.token.empty() ? " and without a token" : "") << "\n";
  }
  std::cout << "sdsim live: listening on " << listen->address.to_string() << ":" << server->port() << " ("
            << design.name << " under " << scenario.name << ", speed " << pacing.speed << ")" << std::endl;

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code ec, int) {
    if (ec) return;
    std::cerr << "sdsim live: stopping\n";
    steering->request_stop();
  });
  ExperimentResult result;
  bool finished = false;
  std::string failure;
  std::thread engine([&] {
    try {
      RunOptions options;
      options.steering = steering.get();
      result = run_experiment(design, scenario, {}, options);
      finished = true;
    } catch (const live::RunStopped&) {
    } catch (const std::exception& e) {
      failure = e.what();
    }
    server->shutdown();
    boost::asio::post(io, [&signals] {
      boost::system::error_code ignored;
      signals.cancel(ignored);
    });
  });
  io.run();
  engine.join();
  if (!failure.empty()) throw std::runtime_error(failure);

  int code = exit_ok;
  if (auto out = parsed->value("record")) {
    std::string problem = write_file_atomically(*out, live::to_json_lines(steering->log()));
    if (!problem.empty()) {
      std::cerr << "sdsim live: cannot write the command log: " << problem << "\n";
      code = exit_output;
    } else if (!parsed->has("quiet")) {
      std::cout << "Wrote " << *out << " (" << steering->log().commands.size() << " commands)\n";
    }
  }
  if (!finished) {
    std::cout << "sdsim live: stopped before the end of the run; no report\n";
    return code;
  }
  if (!parsed->has("quiet")) std::cout << format_report(result, scenario.warmup_s);
  if (auto out = parsed->value("json")) {
    std::string problem = write_file_atomically(*out, result_to_json(result));
    if (!problem.empty()) {
      std::cerr << "sdsim live: cannot write the JSON result: " << problem << "\n";
      code = exit_output;
    }
  }
  return code;
}

}  // namespace sdsim::app
