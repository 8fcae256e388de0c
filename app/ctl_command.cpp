#include <iostream>

#include "app/cli_args.hpp"
#include "app/commands.hpp"
#include "live/command.hpp"
#include "live/line_client.hpp"
#include "live/reply_line.hpp"
#include "live/snapshot.hpp"

namespace sdsim::app {

const char* const ctl_help =
    R"(Usage: sdsim ctl HOST:PORT COMMAND... [--token T] [--timeout-s S]
       sdsim ctl HOST:PORT --watch [--count N] [--token T]

Sends one command to a live session ('sdsim live') and prints its reply; the exit status is 0
when the session answered ok, 1 when it refused the command, 2 when it could not be reached or
did not answer. With --watch, prints the session's snapshots (JSON lines) as they come.

Options:
  --token T       the session's token (sent first as 'auth T')
  --timeout-s S   how long to wait for the connection and the reply (default 5)
  --watch         print snapshots instead of sending a command
  --count N       with --watch: stop after N snapshots
  --help          show this help

)"
    "%COMMANDS%"
    R"(
Examples:
  sdsim ctl 127.0.0.1:7878 status
  sdsim ctl 127.0.0.1:7878 fail zone use1-az1 60
  sdsim ctl 127.0.0.1:7878 brownout db 4 0.1 30
  sdsim ctl 127.0.0.1:7878 load shorten 800
  sdsim ctl 127.0.0.1:7878 set blocks/api/instances=24
  sdsim ctl 127.0.0.1:7878 set flows/checkout/retry/max=0
  sdsim ctl 127.0.0.1:7878 --watch --count 20
)";

std::string ctl_help_text() {
  std::string help = ctl_help;
  const std::string mark = "%COMMANDS%";
  help.replace(help.find(mark), mark.size(), live::command_help);
  return help;
}

int ctl_command(const std::vector<std::string>& args) {
  std::string error;
  // Options start with "--"; every other word is HOST:PORT or the command's (no command word starts so).
  std::vector<std::string> options;
  std::vector<std::string> words;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool option = args[i].rfind("--", 0) == 0;
    if (!option) {
      words.push_back(args[i]);
      continue;
    }
    options.push_back(args[i]);
    if ((args[i] == "--token" || args[i] == "--timeout-s" || args[i] == "--count") && i + 1 < args.size())
      options.push_back(args[++i]);
  }
  auto parsed = parse_args(
      options, {{"token", true}, {"timeout-s", true}, {"watch", false}, {"count", true}, {"help", false}},
      error);
  if (!parsed) {
    std::cerr << "sdsim ctl: " << error << "\n\nRun 'sdsim ctl --help' for usage.\n";
    return exit_usage;
  }
  if (parsed->has("help")) {
    std::cout << ctl_help_text();
    return exit_ok;
  }
  const bool watch = parsed->has("watch");
  if (words.empty() || (!watch && words.size() < 2) || (watch && words.size() != 1)) {
    std::cerr
        << "sdsim ctl: give HOST:PORT and a command (or --watch)\n\nRun 'sdsim ctl --help' for usage.\n";
    return exit_usage;
  }
  const auto colon = words[0].rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == words[0].size()) {
    std::cerr << "sdsim ctl: '" << words[0] << "' is not HOST:PORT (e.g. 127.0.0.1:7878)\n";
    return exit_usage;
  }
  std::uint64_t timeout_s = 5;
  if (auto v = parsed->value("timeout-s")) {
    auto t = parse_count("timeout-s", *v, 1, 3600, error);
    if (!t) {
      std::cerr << "sdsim ctl: " << error << "\n";
      return exit_usage;
    }
    timeout_s = *t;
  }
  std::uint64_t count = 0;
  if (auto v = parsed->value("count")) {
    auto n = parse_count("count", *v, 1, 1'000'000'000, error);
    if (!n) {
      std::cerr << "sdsim ctl: " << error << "\n";
      return exit_usage;
    }
    count = *n;
  }
  const std::chrono::milliseconds limit(timeout_s * 1000);
  std::string host = words[0].substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  live::LineClient client;
  if (std::string problem = client.connect(host, words[0].substr(colon + 1), limit); !problem.empty()) {
    std::cerr << "sdsim ctl: " << problem << " (is 'sdsim live' running there?)\n";
    return exit_usage;
  }
  // Reads lines until a reply comes; snapshots in between are skipped.
  auto await_reply = [&]() -> std::optional<std::pair<live::Reply, std::string>> {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      auto line = client.read_line(std::max(left, std::chrono::milliseconds(1)));
      if (!line) return std::nullopt;
      if (auto reply = live::reply_from_json(*line)) return std::pair{*reply, *line};
    }
    return std::nullopt;
  };
  if (auto token = parsed->value("token")) {
    client.send_line("auth " + *token, limit);
    auto reply = await_reply();
    if (!reply || !reply->first.ok) {
      std::cerr << "sdsim ctl: " << (reply ? reply->first.message : client.error()) << "\n";
      return reply ? exit_bad_input : exit_usage;
    }
  }
  if (watch) {
    std::uint64_t seen = 0;
    for (;;) {
      auto line = client.read_line(limit);
      if (!line) {
        if (seen > 0 && client.error() == "the session closed the connection") return exit_ok;
        std::cerr << "sdsim ctl: " << client.error() << "\n";
        return exit_usage;
      }
      if (auto reply = live::reply_from_json(*line); reply && !reply->ok) {
        std::cerr << "sdsim ctl: " << reply->message << "\n";
        return exit_bad_input;
      }
      std::cout << *line << "\n" << std::flush;
      if (live::snapshot_from_json(*line) && ++seen == count) return exit_ok;
    }
  }
  std::string command;
  for (std::size_t i = 1; i < words.size(); ++i)
    command += (i > 1 ? " " : "") + words[i];
  if (std::string problem = client.send_line(command, limit); !problem.empty()) {
    std::cerr << "sdsim ctl: " << problem << "\n";
    return exit_usage;
  }
  auto reply = await_reply();
  if (!reply) {
    std::cerr << "sdsim ctl: " << (client.error().empty() ? "no reply in time" : client.error()) << "\n";
    return exit_usage;
  }
  std::cout << reply->second << "\n";
  return reply->first.ok ? exit_ok : exit_bad_input;
}

}  // namespace sdsim::app
