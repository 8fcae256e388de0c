#include "live/command.hpp"

#include <cmath>
#include <sstream>
#include <vector>

namespace sdsim::live {

const char* const command_help =
    R"(Commands (one per line; every reply is one JSON line with "ok" true or false):
  pause | resume                  stop or restart the simulated clock (snapshots keep coming)
  speed X                         simulated seconds per wall second (0.01 to 1000)
  load FLOW RATE                  the open load of FLOW now arrives at RATE requests/s
  fail zone ZONE [SECONDS]        an Availability Zone loses power (az_power_interruption)
  fail region REGION [SECONDS]    a region is cut off from clients and other regions (region_isolation)
  terminate BLOCK COUNT           COUNT running instances of a compute pool crash (instance_termination)
  reduce BLOCK COUNT [SECONDS]    a compute pool loses COUNT instances for a while (capacity_reduction)
  brownout BLOCK SLOWDOWN [ERROR_RATE [SECONDS]]   a block serves SLOWDOWN times slower, refusing a share
  failover BLOCK                  a relational database's writer fails over (writer_failover)
  lose-node BLOCK NODE            a cache cluster loses one node (cache_node_loss)
  partition A B [SECONDS]         zones or regions A and B cannot reach each other (network_partition)
  latency A B MS [SECONDS]        hops between A and B take MS milliseconds more (added_latency)
  loss A B FRACTION [SECONDS]     hops between A and B lose FRACTION of packets (packet_loss)
  fault {JSON}                    any fault of the scenario format, without "start_s" (it starts now)
  clear ID                        end fault ID (as listed in snapshots) now
  set load/FLOW/rate_per_s=RATE   the same as 'load FLOW RATE'
  set blocks/BLOCK/PARAM=VALUE    change a block's capacity or consistency now, checked as in the design
                                  file: compute instances (launched ones serve after warmup_s), station
                                  servers, compute and station queue_capacity (arrivals refused
                                  while a line is that long), function concurrency_limit,
                                  kv_database consistency (eventual or strong) and read_ and
                                  write_capacity_units (billed over time), quorum_database
                                  read_quorum and write_quorum, load_balancer policy and
                                  rate_limit_per_s (0: no limit)
  set flows/FLOW[/calls/I...]/KEY=VALUE   change a call's resilience now: KEY is timeout_ms, retry,
                                  retry_budget or circuit_breaker, whole (a JSON object) or one field
                                  (retry/max, retry/backoff_ms, retry/max_backoff_ms, retry/jitter,
                                  retry_budget/ratio...); calls/I is the I-th call (from 0) of the call above
  status                          the simulated time, speed and state
A fault without SECONDS lasts until the run ends; a one-off (terminate, failover, lose-node) is listed in
snapshots' "faults" for a few seconds after it happens. What was built (placement, partitions, kinds,
service times, the call trees) cannot change while running: restart with --set PATH=VALUE.
With a token, the first line must be 'auth TOKEN'.
)";

namespace {

std::vector<std::string> words_of(std::string_view line) {
  std::istringstream in{std::string(line)};
  std::vector<std::string> words;
  for (std::string w; in >> w;)
    words.push_back(w);
  return words;
}

// A finite number, the whole word.
std::optional<double> number_of(const std::string& word) {
  try {
    std::size_t used = 0;
    const double v = std::stod(word, &used);
    if (used != word.size() || !std::isfinite(v)) return std::nullopt;
    return v;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

ParsedCommand fail(std::string message) {
  return ParsedCommand{std::nullopt, std::move(message)};
}

// Adds the optional duration word at `index` to a fault object.
bool add_duration(const std::vector<std::string>& words, std::size_t index, Json& fault, std::string& error) {
  if (words.size() <= index) return true;
  auto seconds = number_of(words[index]);
  if (!seconds || *seconds <= 0) {
    error = "'" + words[index] + "' is not a duration: give seconds, more than 0 (e.g. 30)";
    return false;
  }
  fault["duration_s"] = *seconds;
  return true;
}

ParsedCommand fault_command(Command c, const std::vector<std::string>& w) {
  const std::string& verb = w[0];
  Json& f = c.fault;
  std::string error;
  auto need = [&](std::size_t min, std::size_t max, const char* usage) {
    if (w.size() >= min && w.size() <= max) return true;
    error = std::string("usage: ") + usage;
    return false;
  };
  auto number_at = [&](std::size_t i, const char* what) -> std::optional<double> {
    auto v = number_of(w[i]);
    if (!v) error = "'" + w[i] + "' is not a number (" + what + ")";
    return v;
  };
  if (verb == "fail") {
    if (!need(3, 4, "fail zone ZONE [SECONDS] | fail region REGION [SECONDS]")) return fail(error);
    if (w[1] == "zone" || w[1] == "az") {
      f = {{"type", "az_power_interruption"}, {"zone", w[2]}};
    } else if (w[1] == "region") {
      f = {{"type", "region_isolation"}, {"region", w[2]}};
    } else {
      return fail("'fail " + w[1] + "': fail a 'zone' or a 'region' (e.g. fail zone use1-az1 30)");
    }
    if (!add_duration(w, 3, f, error)) return fail(error);
  } else if (verb == "terminate") {
    if (!need(3, 3, "terminate BLOCK COUNT")) return fail(error);
    auto n = number_at(2, "how many instances");
    if (!n) return fail(error);
    f = {{"type", "instance_termination"}, {"block", w[1]}, {"count", *n}};
  } else if (verb == "reduce") {
    if (!need(3, 4, "reduce BLOCK COUNT [SECONDS]")) return fail(error);
    auto n = number_at(2, "how many instances");
    if (!n) return fail(error);
    f = {{"type", "capacity_reduction"}, {"block", w[1]}, {"instances", *n}};
    if (!add_duration(w, 3, f, error)) return fail(error);
  } else if (verb == "brownout") {
    if (!need(3, 5, "brownout BLOCK SLOWDOWN [ERROR_RATE [SECONDS]]")) return fail(error);
    auto slowdown = number_at(2, "the slowdown factor");
    if (!slowdown) return fail(error);
    f = {{"type", "brownout"}, {"block", w[1]}, {"slowdown", *slowdown}};
    if (w.size() > 3) {
      auto rate = number_at(3, "the error rate, 0 to 1");
      if (!rate) return fail(error);
      f["error_rate"] = *rate;
    }
    if (!add_duration(w, 4, f, error)) return fail(error);
  } else if (verb == "failover") {
    if (!need(2, 2, "failover BLOCK")) return fail(error);
    f = {{"type", "writer_failover"}, {"block", w[1]}};
  } else if (verb == "lose-node") {
    if (!need(3, 3, "lose-node BLOCK NODE")) return fail(error);
    auto node = number_at(2, "the node index");
    if (!node) return fail(error);
    f = {{"type", "cache_node_loss"}, {"block", w[1]}, {"node", *node}};
  } else if (verb == "partition") {
    if (!need(3, 4, "partition A B [SECONDS]")) return fail(error);
    f = {{"type", "network_partition"}, {"between", {w[1], w[2]}}};
    if (!add_duration(w, 3, f, error)) return fail(error);
  } else if (verb == "latency" || verb == "loss") {
    const bool latency = verb == "latency";
    if (!need(4, 5, latency ? "latency A B MS [SECONDS]" : "loss A B FRACTION [SECONDS]")) return fail(error);
    auto v = number_at(3, latency ? "milliseconds" : "the lost fraction");
    if (!v) return fail(error);
    f = {{"type", latency ? "added_latency" : "packet_loss"}, {"between", {w[1], w[2]}}};
    f[latency ? "latency_ms" : "loss"] = *v;
    if (!add_duration(w, 4, f, error)) return fail(error);
  }
  c.kind = CommandKind::fault;
  return ParsedCommand{std::move(c), ""};
}

}  // namespace

ParsedCommand parse_command(std::string_view raw) {
  if (raw.size() > max_line_bytes)
    return fail("line too long (over " + std::to_string(max_line_bytes) + " bytes)");
  const auto first = raw.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return fail(
        "empty command; try 'status' (commands: "
        "pause, resume, speed, load, fail, brownout, clear, set, status...)");
  }
  const auto last = raw.find_last_not_of(" \t\r\n");
  Command c;
  c.line = std::string(raw.substr(first, last - first + 1));
  const std::vector<std::string> w = words_of(c.line);
  const std::string& verb = w[0];
  if (verb == "pause" || verb == "resume" || verb == "status") {
    if (w.size() != 1) return fail("'" + verb + "' takes no arguments");
    c.kind = verb == "pause"    ? CommandKind::pause
             : verb == "resume" ? CommandKind::resume
                                : CommandKind::status;
    return ParsedCommand{std::move(c), ""};
  }
  if (verb == "speed") {
    auto x = w.size() == 2 ? number_of(w[1]) : std::nullopt;
    if (!x || *x < 0.01 || *x > 1000)
      return fail("usage: speed X, X simulated seconds per wall second from 0.01 to 1000 (e.g. speed 2)");
    c.kind = CommandKind::speed;
    c.number = *x;
    return ParsedCommand{std::move(c), ""};
  }
  if (verb == "load") {
    auto rate = w.size() == 3 ? number_of(w[2]) : std::nullopt;
    if (!rate || *rate < 0 || *rate > 1e7)
      return fail("usage: load FLOW RATE, RATE in requests/s from 0 to 1e7 (e.g. load checkout 500)");
    c.kind = CommandKind::load;
    c.flow = w[1];
    c.number = *rate;
    return ParsedCommand{std::move(c), ""};
  }
  if (verb == "clear") {
    auto id = w.size() == 2 ? number_of(w[1]) : std::nullopt;
    if (!id || *id < 0 || *id != std::floor(*id) || *id > 1e6)
      return fail("usage: clear ID, the fault's id as listed in snapshots (e.g. clear 0)");
    c.kind = CommandKind::clear;
    c.id = static_cast<std::size_t>(*id);
    return ParsedCommand{std::move(c), ""};
  }
  if (verb == "set") {
    // The value may be JSON with spaces: everything after the first '='.
    const std::string rest = c.line.size() > 3 ? c.line.substr(4) : "";
    const auto eq = rest.find('=');
    const auto path_start = rest.find_first_not_of(" \t");
    const std::string path =
        eq == std::string::npos || path_start >= eq ? "" : rest.substr(path_start, eq - path_start);
    const auto value_start =
        eq == std::string::npos ? std::string::npos : rest.find_first_not_of(" \t", eq + 1);
    if (path.empty() || path.find_first_of(" \t") != std::string::npos || value_start == std::string::npos) {
      return fail(
          "usage: set PATH=VALUE (e.g. set load/checkout/rate_per_s=800, set blocks/api/instances=6, set "
          "flows/checkout/retry/max=1)");
    }
    c.kind = CommandKind::set;
    c.path = path;
    c.value = rest.substr(value_start);
    return ParsedCommand{std::move(c), ""};
  }
  if (verb == "fault") {
    Json f = Json::parse(c.line.substr(5), nullptr, false);
    if (f.is_discarded() || !f.is_object()) {
      return fail(
          R"(usage: fault {JSON}, a fault object of the scenario format, e.g. fault {"type": "brownout", "block": "db", "slowdown": 4, "duration_s": 30})");
    }
    if (f.contains("start_s")) return fail("a live fault starts now: leave out \"start_s\"");
    c.kind = CommandKind::fault;
    c.fault = std::move(f);
    return ParsedCommand{std::move(c), ""};
  }
  if (verb == "fail" || verb == "terminate" || verb == "reduce" || verb == "brownout" || verb == "failover" ||
      verb == "lose-node" || verb == "partition" || verb == "latency" || verb == "loss")
    return fault_command(std::move(c), w);
  std::string shown = verb.substr(0, 40);
  for (char& ch : shown) {
    if (static_cast<unsigned char>(ch) < 0x20 || static_cast<unsigned char>(ch) >= 0x7f) ch = '?';
  }
  return fail(
      "unknown command '" + shown +
      "'; commands: pause, resume, speed, load, fail, terminate, reduce, brownout, failover, lose-node, "
      "partition, latency, loss, fault, clear, set, status");
}

}  // namespace sdsim::live
