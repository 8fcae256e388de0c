#pragma once
// What a live client sees, several times a second: plain values, sent as one JSON line each
// (format sdsim.snapshot/1). Figures are over the window since the previous snapshot.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sdsim::live {

inline constexpr const char* snapshot_format = "sdsim.snapshot/1";

struct FlowSnapshot {
  std::string name;
  double throughput_per_s = 0;  // completed per simulated second
  double success = 1;           // completed / finished; 1 when nothing finished
  std::uint64_t failed = 0;
  std::vector<std::pair<std::string, std::uint64_t>> failed_by;  // reason ("rejected", "timeout"...), count
  double p50_ms = 0;                                             // ms; 0 when nothing completed
  double p99_ms = 0;
};

struct BlockSnapshot {
  std::string name;
  std::string kind;
  double utilization = 0;  // [0, 1]
  double mean_in_system = 0;
  std::int64_t in_system = 0;  // waiting or in service now
  std::uint32_t servers = 0;
  std::uint64_t arrivals = 0;  // over the window
  std::uint64_t completions = 0;
  std::uint64_t rejections = 0;
  double rejected_share = 0;  // rejections / arrivals over the window
  std::string health;         // "ok", "busy" (utilization >= 0.8), "failing" (over 1% refused)
};

struct FaultSnapshot {
  std::size_t id = 0;  // for 'clear ID'
  std::string type;
  std::string target;
  double start_s = 0;
  double duration_s = 0;  // 0: a one-off (a termination, a failover...), listed for a few seconds after it
};

// A call with resilience (a timeout, retries, a retry budget or a circuit breaker), over the window.
struct CallSnapshot {
  std::string call;  // "flow: caller -> callee"
  std::uint64_t calls = 0;
  std::uint64_t attempts = 0;  // attempts / calls: the load its retries add
  std::uint64_t retries = 0;
  std::uint64_t timeouts = 0;
};

struct Snapshot {
  std::uint64_t seq = 0;  // 0, 1, 2... per session
  std::string state;      // "running", "paused" or "ended"
  double t_s = 0;         // simulated time, warm-up included
  double end_s = 0;       // when the run ends
  double window_s = 0;    // simulated seconds the figures newly cover; 0 while the clock stands (paused):
                          // the figures are then the last window's
  double speed = 1;
  double sent_unix_ms = 0;  // wall clock when built (a client's latency check)
  std::vector<FlowSnapshot> flows;
  std::vector<BlockSnapshot> blocks;  // the design's blocks (no load sources)
  std::vector<FaultSnapshot> faults;  // in force now, and one-offs of the last few seconds
  std::vector<CallSnapshot> calls;    // in plan order; calls given resilience while running come last
};

std::string to_json_line(const Snapshot& s);  // ends with '\n'
// nullopt when `line` is not a snapshot of this format.
std::optional<Snapshot> snapshot_from_json(const std::string& line);

}  // namespace sdsim::live
