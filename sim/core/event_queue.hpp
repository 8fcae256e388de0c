#pragma once
// Pending events ordered by (time, seq), in three stores: a timing wheel for the near future (most service
// ends and arrivals), a 4-ary heap for the rest, and a few FIFO lanes for events pushed in time order (a
// fixed delay after a clock that never goes back: the network's hops). The earliest of the three fires
// next, so the order is that of one priority queue. take_next/settle split a pop around its event's
// handling, so that the handler's first push fills a taken heap root in one pass.
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/core/event.hpp"
#include "sim/core/event_heap.hpp"
#include "sim/core/event_wheel.hpp"
#include "sim/core/queue_entry.hpp"

namespace sdsim {

class EventQueue {
 public:
  static constexpr std::uint32_t max_lanes = 8;

  bool empty() const { return size() == 0; }
  std::size_t size() const { return heap_.size() + wheel_.size() + lane_events_; }

  // Opens `count` (<= max_lanes) FIFO lanes, before anything is pushed to one.
  void open_lanes(std::uint32_t count) { lane_count_ = count < max_lanes ? count : max_lanes; }
  std::uint32_t lane_count() const { return lane_count_; }
  // Pushes to a lane; `e` must not fire before the lane's previous event (so the lane stays in order).
  void push_to_lane(std::uint32_t lane, const Event& e) {
    const QueueKey k = key_of(e);
    Lane& l = lanes_[lane];
    if (l.size == l.slots.size()) grow(l);
    l.slots[(l.head + l.size) & l.mask] = LaneEntry{k, payload_of(e)};
    if (l.size++ == 0) {
      lane_heads_[lane] = k;
      if (before(k, lane_heads_[first_lane_])) first_lane_ = lane;
    }
    ++lane_events_;
  }

  void push(const Event& e) {
    const QueueKey k = key_of(e);
    const QueuePayload p = payload_of(e);
    if (!wheel_.push(k, p)) heap_.push(k, p);
  }

  // The earliest event, if it fires at or before `until`: it leaves the queue (size() no longer counts it);
  // a heap's root is repaired by settle().
  bool take_next(SimTime until, Event& out) {
    if (until < 0) return false;
    // Which store fires next is close to random (a hop or a service end), so the three fronts are compared
    // with selects, not branches: one unpredictable branch an event (where to pop) instead of three.
    const QueueKey heap = heap_.top_key();
    const QueueKey wheel = wheel_.front_key();  // no_queue_key when empty
    const QueueKey lane = lane_heads_[first_lane_];
    const bool wheel_first = before(wheel, heap);
    std::uint64_t time = wheel_first ? wheel.time : heap.time;
    const std::uint64_t seq = wheel_first ? wheel.seq : heap.seq;
    std::uint32_t from = wheel_first ? from_wheel : from_heap;
    const bool lane_first = before(lane, QueueKey{time, seq});
    time = lane_first ? lane.time : time;
    from = lane_first ? first_lane_ : from;
    if (time > static_cast<std::uint64_t>(until) || time == no_queue_key.time) return false;
    wheel_.advance(time);
    if (from < max_lanes) {
      Lane& l = lanes_[from];
      const LaneEntry entry = l.slots[l.head];
      l.head = (l.head + 1) & l.mask;
      lane_heads_[from] = --l.size == 0 ? no_queue_key : l.slots[l.head].key;
      --lane_events_;
      out = event_of(entry.key, entry.payload);
      find_first_lane();
    } else if (from == from_wheel) {
      out = wheel_.pop_front();
    } else {
      out = heap_.take_top();
    }
    return true;
  }
  // ...and the heap repaired, unless a push since take_next() has already done it.
  void settle() { heap_.settle(); }

  // take_next and settle in one, whatever the time; the queue must not be empty.
  Event pop() {
    Event e;
    take_next(std::numeric_limits<SimTime>::max(), e);
    settle();
    return e;
  }

 private:
  static constexpr std::uint32_t from_heap = max_lanes;
  static constexpr std::uint32_t from_wheel = max_lanes + 1;

  struct LaneEntry {
    QueueKey key;
    QueuePayload payload;
  };
  // A power-of-two ring that doubles when full.
  struct Lane {
    std::vector<LaneEntry> slots;
    std::size_t head = 0;
    std::size_t size = 0;
    std::size_t mask = 0;
  };
  void find_first_lane() {
    std::uint32_t first = 0;
    for (std::uint32_t l = 1; l < lane_count_; ++l)
      first = before(lane_heads_[l], lane_heads_[first]) ? l : first;
    first_lane_ = first;
  }
  [[gnu::noinline]] static void grow(Lane& l) {
    std::vector<LaneEntry> bigger(l.slots.empty() ? 64 : l.slots.size() * 2);
    for (std::size_t i = 0; i < l.size; ++i)
      bigger[i] = l.slots[(l.head + i) & l.mask];
    l.slots = std::move(bigger);
    l.head = 0;
    l.mask = l.slots.size() - 1;
  }

  EventHeap heap_;
  EventWheel wheel_;
  std::array<Lane, max_lanes> lanes_;
  std::array<QueueKey, max_lanes> lane_heads_ = filled_heads();  // each lane's first key, or no_queue_key
  std::uint32_t lane_count_ = 0;
  std::uint32_t first_lane_ = 0;  // the lane with the earliest head (an empty one when all are empty)
  std::size_t lane_events_ = 0;

  static constexpr std::array<QueueKey, max_lanes> filled_heads() {
    std::array<QueueKey, max_lanes> heads{};
    heads.fill(no_queue_key);
    return heads;
  }
};

}  // namespace sdsim
