#pragma once
// Where blocks run and what a hop between places costs. Zones are numbered; zone 0 is the clients. Each block
// is placed in one or more zones; a call goes to one of its zones at random and pays the one-way latency from
// the caller's zone there, and again on the way back. A model without zones has no network delay.
#include <cstdint>
#include <vector>

#include "sim/core/event.hpp"
#include "sim/core/time.hpp"

namespace sdsim {

using ZoneId = std::uint16_t;
inline constexpr ZoneId client_zone = 0;

class Network {
 public:
  Network() = default;
  // `latency[a][b]`: one-way delay from zone a to zone b (ns); square, including zone 0 (clients).
  explicit Network(std::vector<std::vector<SimTime>> latency) : latency_(std::move(latency)) {}

  bool empty() const { return latency_.empty(); }
  std::size_t zone_count() const { return latency_.size(); }
  SimTime latency(ZoneId from, ZoneId to) const { return latency_.empty() ? 0 : latency_[from][to]; }

  // The zones a block is placed in (none: the clients' zone, so no delay).
  void place(BlockId block, std::vector<ZoneId> zones) {
    if (placement_.size() <= block) placement_.resize(block + 1);
    placement_[block] = std::move(zones);
  }
  const std::vector<ZoneId>& zones_of(BlockId block) const {
    static const std::vector<ZoneId> nowhere;
    return block < placement_.size() ? placement_[block] : nowhere;
  }

 private:
  std::vector<std::vector<SimTime>> latency_;
  std::vector<std::vector<ZoneId>> placement_;
};

}  // namespace sdsim
