#pragma once
// The event queue's internal form of an event: a 16-byte (time, seq) key that orders it and a payload that
// follows it. Shared by the heap, the wheel and the lanes of EventQueue.
#include <cstdint>

#include "sim/core/event.hpp"
#include "sim/core/uint128.hpp"

namespace sdsim {

struct QueueKey {
  std::uint64_t time;  // SimTime's bits: the order is the one fires_before gives
  std::uint64_t seq;
};
struct QueuePayload {
  BlockId target;
  std::uint32_t kind;
  std::uint32_t arg;
  std::uint32_t unused = 0;  // 16 bytes: one vector move, and the same scaled index as the keys
};

inline constexpr QueueKey no_queue_key{~std::uint64_t{0}, ~std::uint64_t{0}};  // after every event

inline bool before(const QueueKey& a, const QueueKey& b) {
  return ((static_cast<Uint128>(a.time) << 64) | a.seq) < ((static_cast<Uint128>(b.time) << 64) | b.seq);
}
inline QueueKey key_of(const Event& e) {
  return QueueKey{static_cast<std::uint64_t>(e.time), e.seq};
}
inline QueuePayload payload_of(const Event& e) {
  return QueuePayload{e.target, e.kind, e.arg, 0};
}
inline Event event_of(const QueueKey& k, const QueuePayload& p) {
  return Event{static_cast<SimTime>(k.time), k.seq, p.target, p.kind, p.arg};
}

}  // namespace sdsim
