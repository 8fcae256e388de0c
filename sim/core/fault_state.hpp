#pragma once
// What active faults do to the network and to blocks, as the engine applies them on every hop and delivery
// (set whole by a fault injector, sim/faults, each time a fault starts or ends). Empty: no fault, and the
// engine's hot path tests one flag.
#include <cstdint>
#include <vector>

#include "sim/core/event.hpp"
#include "sim/core/network.hpp"
#include "sim/core/time.hpp"

namespace sdsim {

class Engine;

// One direction of a hop between two zones.
struct LinkFault {
  bool cut = false;   // a network partition: the hop fails (Outcome::unavailable)
  SimTime added = 0;  // ns added to the hop's latency
  double loss = 0;    // probability that one transmission is lost (then retransmitted; see Engine)
  bool active() const { return cut || added > 0 || loss > 0; }
};

// A degraded block (brownout): its service periods last `slowdown` times as long, and each arriving call
// fails as unavailable with probability `error_rate`.
struct BlockFault {
  double slowdown = 1;
  double error_rate = 0;
  SimTime since = 0;  // ns, when the slowdown began: service before it ran at full speed
  bool active() const { return slowdown != 1 || error_rate > 0; }
};

struct FaultState {
  std::vector<std::uint8_t> zone_down;  // by ZoneId: 1 while the zone is powered off; empty: none
  std::vector<LinkFault> links;         // by from x zone_count + to; empty: none
  std::vector<BlockFault> blocks;       // by BlockId; empty: none
  // By BlockId: 1 for a block whose parts live in zones and that takes zone outages itself (through its
  // fault hooks: a pool's instances, a cache's nodes); the engine then neither filters its zones nor fails
  // its tasks for a dead zone.
  std::vector<std::uint8_t> zones_handled_by_block;

  bool zone_is_down(ZoneId zone) const { return zone < zone_down.size() && zone_down[zone] != 0; }
  const LinkFault* link(ZoneId from, ZoneId to, std::size_t zone_count) const {
    if (links.empty()) return nullptr;
    const LinkFault& f = links[from * zone_count + to];
    return f.active() ? &f : nullptr;
  }
  const BlockFault* block(BlockId id) const {
    return id < blocks.size() && blocks[id].active() ? &blocks[id] : nullptr;
  }
  bool handles_zones(BlockId id) const {
    return id < zones_handled_by_block.size() && zones_handled_by_block[id] != 0;
  }
  bool any() const;
};

inline bool FaultState::any() const {
  for (std::uint8_t d : zone_down)
    if (d) return true;
  for (const LinkFault& l : links)
    if (l.active()) return true;
  for (const BlockFault& b : blocks)
    if (b.active()) return true;
  return false;
}

// Something outside the blocks that acts at scheduled times (the fault injector): see
// Engine::schedule_fault_action.
class FaultActor {
 public:
  virtual void act(Engine& engine, std::uint32_t arg) = 0;

 protected:
  ~FaultActor() = default;
};

}  // namespace sdsim
