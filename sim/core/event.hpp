#pragma once
// An event: a plain 32-byte record addressed to one block; the block decides what `kind` and `arg` mean.
#include <cstdint>

#include "sim/core/time.hpp"
#include "sim/core/uint128.hpp"

namespace sdsim {

using BlockId = std::uint32_t;
inline constexpr BlockId no_block = 0xFFFF'FFFFu;

struct Event {
  SimTime time;        // ns, when the event fires
  std::uint64_t seq;   // insertion order: breaks ties so same-time events run first-scheduled-first
  BlockId target;      // the block that handles it
  std::uint32_t kind;  // block-defined event type
  std::uint32_t arg;   // block-defined argument (usually a RequestId)
};

// One 128-bit comparison of (time, seq) instead of two branches: time is never negative.
inline bool fires_before(const Event& a, const Event& b) {
  return ((static_cast<Uint128>(a.time) << 64) | a.seq) < ((static_cast<Uint128>(b.time) << 64) | b.seq);
}

}  // namespace sdsim
