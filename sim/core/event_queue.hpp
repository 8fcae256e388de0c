#pragma once
// Pending events ordered by (time, seq): a 4-ary min-heap, plus a few FIFO lanes for events pushed in time
// order (a fixed delay after a clock that never goes back: the network's hops), which skip the heap. Push and
// pop allocate only when the arrays grow past their largest size so far. take_next/settle split a pop around
// its event's handling, so that the handler's first push fills a taken heap root in one pass.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/core/event.hpp"

namespace sdsim {

class EventQueue {
 public:
  static constexpr std::uint32_t max_lanes = 8;

  bool empty() const { return size() == 0; }
  std::size_t size() const { return keys_.size() - static_cast<std::size_t>(root_taken_) + lane_events_; }
  Event top() const { return event_at(0); }  // the heap's earliest; not between take_top and settle

  // Opens `count` (<= max_lanes) FIFO lanes, before anything is pushed to one.
  void open_lanes(std::uint32_t count) { lane_count_ = count < max_lanes ? count : max_lanes; }
  std::uint32_t lane_count() const { return lane_count_; }
  // Pushes to a lane; `e` must not fire before the lane's previous event (so the lane stays in order).
  void push_to_lane(std::uint32_t lane, const Event& e) {
    Key k{static_cast<std::uint64_t>(e.time), e.seq};
    Lane& l = lanes_[lane];
    if (l.size == l.slots.size()) grow(l);
    l.slots[(l.head + l.size) & l.mask] = LaneEntry{k, Payload{e.target, e.kind, e.arg, 0}};
    if (l.size++ == 0) lane_heads_[lane] = k;
    ++lane_events_;
  }

  // The earliest event of the heap and the lanes, if it fires at or before `until`: it leaves the queue
  // (size() no longer counts it) and the heap is repaired by settle().
  bool take_next(SimTime until, Event& out) {
    if (until < 0) return false;
    Key best = keys_.empty() ? no_key : keys_[0];
    std::uint32_t from = max_lanes;  // the heap
    for (std::uint32_t l = 0; l < lane_count_; ++l) {
      if (before(lane_heads_[l], best)) {
        best = lane_heads_[l];
        from = l;
      }
    }
    if (best.time > static_cast<std::uint64_t>(until) || best.time == no_key.time) return false;
    if (from == max_lanes) {
      out = take_top();
      return true;
    }
    Lane& l = lanes_[from];
    const LaneEntry entry = l.slots[l.head];
    l.head = (l.head + 1) & l.mask;
    lane_heads_[from] = --l.size == 0 ? no_key : l.slots[l.head].key;
    --lane_events_;
    out = Event{static_cast<SimTime>(entry.key.time), entry.key.seq, entry.payload.target, entry.payload.kind,
                entry.payload.arg};
    return true;
  }
  void reserve(std::size_t n) {
    keys_.reserve(n);
    payloads_.reserve(n);
  }
  void clear() {
    keys_.clear();
    payloads_.clear();
    root_taken_ = false;
    lanes_ = {};
    lane_heads_.fill(no_key);
    lane_events_ = 0;
  }

  void push(const Event& e) {
    Key k{static_cast<std::uint64_t>(e.time), e.seq};
    Payload p{e.target, e.kind, e.arg, 0};
    if (root_taken_) {
      // One pass from the root instead of a pop's refill and then a push's climb. The heap then holds the
      // same entries as after pop() and push(), and (time, seq) keys are unique, so every later pop is the
      // same.
      root_taken_ = false;
      refill_root(k, p);
      return;
    }
    keys_.push_back(k);
    payloads_.push_back(p);
    sift_up(keys_.size() - 1, k, p);
  }

  Event pop() {
    Event first = event_at(0);
    Key last_key = keys_.back();
    Payload last_payload = payloads_.back();
    keys_.pop_back();
    payloads_.pop_back();
    if (!keys_.empty()) refill_root(last_key, last_payload);
    return first;
  }

  // pop() in two steps: the heap's earliest event, which leaves the queue now (size() no longer counts it)...
  Event take_top() {
    root_taken_ = true;
    return event_at(0);
  }
  // ...and the heap repaired, unless a push since take_top() has already done it.
  void settle() {
    if (!root_taken_) return;
    root_taken_ = false;
    Key last_key = keys_.back();
    Payload last_payload = payloads_.back();
    keys_.pop_back();
    payloads_.pop_back();
    if (!keys_.empty()) refill_root(last_key, last_payload);
  }

 private:
  static constexpr std::size_t arity = 4;

  // The heap is split in two parallel arrays: the comparisons read only the 16-byte keys (four children
  // share one or two cache lines instead of two to four with 32-byte events); the payload follows each move.
  struct Key {
    std::uint64_t time;  // SimTime's bits: the order is the one fires_before gives
    std::uint64_t seq;
  };
  struct Payload {
    BlockId target;
    std::uint32_t kind;
    std::uint32_t arg;
    std::uint32_t unused = 0;  // 16 bytes: one vector move, and the same scaled index as the keys
  };
  struct LaneEntry {
    Key key;
    Payload payload;
  };
  // A power-of-two ring that doubles when full.
  struct Lane {
    std::vector<LaneEntry> slots;
    std::size_t head = 0;
    std::size_t size = 0;
    std::size_t mask = 0;
  };
  [[gnu::noinline]] static void grow(Lane& l) {
    std::vector<LaneEntry> bigger(l.slots.empty() ? 64 : l.slots.size() * 2);
    for (std::size_t i = 0; i < l.size; ++i)
      bigger[i] = l.slots[(l.head + i) & l.mask];
    l.slots = std::move(bigger);
    l.head = 0;
    l.mask = l.slots.size() - 1;
  }
  static constexpr Key no_key{~std::uint64_t{0}, ~std::uint64_t{0}};  // after every event: an empty lane

  static bool before(const Key& a, const Key& b) {
    return ((static_cast<Uint128>(a.time) << 64) | a.seq) < ((static_cast<Uint128>(b.time) << 64) | b.seq);
  }

  Event event_at(std::size_t i) const {
    const Key& k = keys_[i];
    const Payload& p = payloads_[i];
    return Event{static_cast<SimTime>(k.time), k.seq, p.target, p.kind, p.arg};
  }

  // Places the moving entry in the hole at `i`, moving later parents down.
  void sift_up(std::size_t i, const Key& k, const Payload& p) {
    Key* h = keys_.data();
    Payload* d = payloads_.data();
    while (i > 0) {
      std::size_t parent = (i - 1) / arity;
      if (!before(k, h[parent])) break;
      h[i] = h[parent];
      d[i] = d[parent];
      i = parent;
    }
    h[i] = k;
    d[i] = p;
  }

  // Fills the hole at the root with an entry (the former last one, or a new one). The hole first sinks to a
  // leaf along the earliest children, then the entry rises from there: either entry is usually among the
  // latest, so this skips comparing it at every level on the way down (Floyd's variant of the heap pop).
  void refill_root(const Key& k, const Payload& p) {
    Key* h = keys_.data();
    Payload* d = payloads_.data();
    const std::size_t n = keys_.size();
    std::size_t i = 0;
    for (;;) {
      std::size_t c = i * arity + 1;
      std::size_t best;
      if (c + arity <= n) {  // a full set of children: a tournament of three comparisons
        std::size_t a = c + static_cast<std::size_t>(before(h[c + 1], h[c]));
        std::size_t b = c + 2 + static_cast<std::size_t>(before(h[c + 3], h[c + 2]));
        best = before(h[b], h[a]) ? b : a;
      } else if (c < n) {
        best = c;
        for (std::size_t j = c + 1; j < n; ++j) {
          if (before(h[j], h[best])) best = j;
        }
      } else {
        break;
      }
      h[i] = h[best];
      d[i] = d[best];
      i = best;
    }
    sift_up(i, k, p);
  }

  std::vector<Key> keys_;
  std::vector<Payload> payloads_;
  bool root_taken_ = false;  // the root is a hole left by take_top()
  std::array<Lane, max_lanes> lanes_;
  std::array<Key, max_lanes> lane_heads_ = filled_heads();  // each lane's first key, or no_key
  std::uint32_t lane_count_ = 0;
  std::size_t lane_events_ = 0;

  static constexpr std::array<Key, max_lanes> filled_heads() {
    std::array<Key, max_lanes> heads{};
    heads.fill(no_key);
    return heads;
  }
};

}  // namespace sdsim
