#pragma once
// A request (one client interaction, end to end) and the tasks it runs: a task is one call served by one
// block. A flow's call plan makes a tree of tasks; a request without a plan is one task that may be
// forwarded.
#include <cstdint>

#include "sim/core/call_plan.hpp"
#include "sim/core/event.hpp"
#include "sim/core/pool.hpp"
#include "sim/core/time.hpp"

namespace sdsim {

using RequestId = std::uint32_t;
using TaskId = std::uint32_t;
using FlowId = std::uint32_t;
inline constexpr TaskId no_task = 0xFFFF'FFFFu;
inline constexpr std::uint32_t no_node = 0xFFFF'FFFFu;

// How a request (or one call) ended. Everything but `completed` is a failure, by its reason.
enum class Outcome : std::uint8_t {
  completed,
  rejected,     // no room: a full waiting line, a connection limit
  throttled,    // a rate or capacity limit answered "slow down" (HTTP 429/503, ProvisionedThroughputExceeded)
  unavailable,  // the part that should serve it is down (a crashed instance, a lost node, a failover)
  timeout,      // the caller stopped waiting
  circuit_open,  // a circuit breaker refused it without trying
};
inline constexpr std::size_t outcome_count = 6;
// "completed", "rejected", "throttled"... as reports and JSON name them.
constexpr const char* outcome_name(Outcome o) {
  constexpr const char* names[] = {"completed",   "rejected", "throttled",
                                   "unavailable", "timeout",  "circuit_open"};
  return names[static_cast<std::size_t>(o)];
}

struct Request {
  SimTime created;           // ns, when its source emitted it
  std::uint64_t key;         // the data item it touches (caches, databases), drawn by its source
  FlowId flow;               // which request type (flow) it belongs to
  BlockId origin;            // the source that emitted it; told when the request finishes
  std::uint32_t user;        // closed-loop user index at the origin (0 for open-loop sources)
  std::uint32_t live_tasks;  // tasks not yet released (asynchronous calls may outlive the response)
  bool answered;             // the client has its response
  std::uint16_t zone;  // where its client sits (a region's clients): the root call starts and ends there
  std::uint32_t next_free;
};

enum class TaskRole : std::uint8_t {
  root,        // the client's call: its answer ends the request
  call,        // a synchronous call: its caller waits for the answer
  async_call,  // fire and forget: nobody waits (also a timed-out attempt whose caller moved on)
  guarded,     // one attempt of a call with resilience: its answer goes to the GuardedCall `parent` names
};

struct Task {
  SimTime arrived;  // ns, when it reached its current block
  SimTime started;  // ns, when that block began serving it
  RequestId request;
  TaskId parent;             // the waiting caller (role call); its GuardedCall record (role guarded)
  std::uint32_t node;        // its call in the plan; no_node outside any plan
  std::uint32_t payload;     // the plan node whose sizes its hops carry (kept when forwarded); no_node: none
  std::uint32_t next_child;  // sequential calls: the next child to consider
  std::uint32_t pending;     // synchronous child calls not yet answered
  BlockId block;             // where it is served now
  std::uint16_t zone;        // the zone of that block it runs in (0: the clients' zone)
  TaskRole role;
  Outcome outcome;      // failed once its block or any awaited call failed
  BlockId failed_at;    // where an awaited call's failure began; no_block: none, or the task's own block
  bool hit;             // set by keyed blocks (a cache hit); read by the caller's "if" conditions
  bool last_child_hit;  // the answer of the last finished child call (before any: the task's own)
  bool launching;       // the engine is starting its calls right now
  std::uint32_t next_free;
};

using RequestPool = Pool<Request>;
using TaskPool = Pool<Task>;

}  // namespace sdsim
