#pragma once
// The flows' call trees, flattened: each node is one call to a block, with the calls that block makes while
// serving it (in sequence or in parallel), each possibly conditional, probabilistic or asynchronous.
#include <cstdint>
#include <vector>

#include "sim/core/event.hpp"
#include "sim/core/resilience.hpp"

namespace sdsim {

inline constexpr std::uint32_t no_guard = 0xFFFF'FFFFu;

// What a call asks its block to do; each kind reads the operations it understands.
enum class Operation : std::uint8_t { call, read, write, get, set, remove, send, receive, query, invoke };

enum class CallCondition : std::uint8_t {
  always,
  if_hit,    // only when the previous sibling call was answered with a hit (a cache hit)
  if_miss,   // only when it was a miss (cache-aside: read the database on a cache miss)
  selected,  // only when the calling block picks it (Block::selects_call): a DNS name answering one target
};

struct CallNode {
  BlockId block = no_block;
  std::uint32_t first_child = 0;  // index of the first child in CallPlan::children
  std::uint32_t child_count = 0;
  bool parallel = false;  // children all start at once and are joined, instead of one after another
  bool async = false;     // the caller does not wait for this call
  CallCondition condition = CallCondition::always;
  double probability = 1;  // the chance this call is made at all
  Operation operation = Operation::call;
  std::uint32_t guard = no_guard;  // its resilience, in CallPlan::guards; no_guard: none
};

// What one call carries over the network: its request on the way to the callee, its answer on the way back.
struct CallPayload {
  std::uint64_t request_bytes = 0;
  std::uint64_t response_bytes = 0;
};

struct CallPlan {
  std::vector<CallNode> nodes;
  std::vector<CallPayload>
      payloads;  // per node; empty when no call carries any (hops then cost latency only)
  std::vector<std::uint32_t> children;    // node indices, grouped per parent
  std::vector<std::uint32_t> flow_roots;  // per FlowId: its root node, or no_node for a plain visit
  std::vector<CallGuard> guards;          // the resilience of the calls that have any

  std::uint32_t root_of(std::uint32_t flow) const {
    return flow < flow_roots.size() ? flow_roots[flow] : 0xFFFF'FFFFu;
  }
};

}  // namespace sdsim
