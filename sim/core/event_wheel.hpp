#pragma once
// A timing wheel for the events of the near future: 4,096 buckets of 16.4 us each (67 ms ahead of the
// clock), each a short list in (time, seq) order, and a bitmap of the buckets in use. A push is a bucket
// index and an append (or a prepend); the earliest event is the first of the first bucket in use. The wheel
// refuses an event beyond its window, before its start, that would go inside a bucket's list, or for a bucket
// already holding two (with 100,000 requests in flight a bucket would hold hundreds, scattered in memory),
// for the caller to keep in a heap.
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/core/queue_entry.hpp"

namespace sdsim {

class EventWheel {
 public:
  static constexpr unsigned bucket_bits = 14;  // 2^14 ns per bucket
  static constexpr std::uint32_t bucket_count = 4096;

  std::size_t size() const { return count_; }

  // Takes the event if it falls in the window at either end of its bucket; false: it is the caller's to keep.
  bool push(const QueueKey& k, const QueuePayload& p) {
    const std::uint64_t bucket = k.time >> bucket_bits;
    if (bucket - start_ >= bucket_count) return false;  // unsigned: also before the window's start
    const auto s = static_cast<std::uint32_t>(bucket & mask);
    Slot& slot = slots_[s];
    std::uint32_t next = none;  // a prepend's successor
    if (slot.size != 0) {
      if (slot.size == bucket_capacity) return false;
      if (!before(nodes_[slot.tail].key, k)) {
        if (!before(k, nodes_[slot.head].key)) return false;  // inside the list
        next = slot.head;
      }
    }
    const std::uint32_t n = new_node(k, p, next);
    if (slot.size == 0) {
      slot.head = slot.tail = n;
      bits_[s / 64] |= std::uint64_t{1} << (s % 64);
      if (bucket < front_bucket_) front_bucket_ = bucket;
    } else if (next == none) {
      nodes_[slot.tail].next = n;
      slot.tail = n;
    } else {
      slot.head = n;
    }
    ++slot.size;
    ++count_;
    if (before(k, front_key_)) front_key_ = k;
    return true;
  }

  // The earliest key, or no_queue_key when empty.
  QueueKey front_key() const { return front_key_; }

  // Removes and returns the earliest event; the wheel must not be empty.
  Event pop_front() {
    Slot& slot = front_slot();
    const std::uint32_t n = slot.head;
    const Node& node = nodes_[n];
    const Event e = event_of(node.key, QueuePayload{node.target, node.kind, node.arg});
    slot.head = node.next;
    release_node(n);
    --count_;
    if (--slot.size == 0) {  // its head and tail are read again only once it holds an event
      clear_bit(front_bucket_);
      front_bucket_ = count_ == 0 ? no_bucket : next_bucket_in_use(front_bucket_ + 1);
    }
    front_key_ = count_ == 0 ? no_queue_key : nodes_[front_slot().head].key;
    return e;
  }

  // No event fires before `time` any more (the clock got there): the window starts at its bucket.
  void advance(std::uint64_t time) {
    const std::uint64_t bucket = time >> bucket_bits;
    start_ = bucket > start_ ? bucket : start_;  // a select: a branch here mispredicts at every bucket change
  }

 private:
  static constexpr std::uint32_t none = 0xFFFF'FFFFu;
  static constexpr std::uint64_t mask = bucket_count - 1;
  static constexpr std::uint64_t no_bucket = ~std::uint64_t{0};
  static constexpr std::uint32_t word_count = bucket_count / 64;

  struct Node {  // 32 bytes
    QueueKey key;
    BlockId target;
    std::uint32_t kind;
    std::uint32_t arg;
    std::uint32_t next;  // the bucket's next event, or the next free node
  };
  static constexpr std::uint32_t bucket_capacity = 2;
  struct Slot {
    std::uint32_t head = none;
    std::uint32_t tail = none;
    std::uint32_t size = 0;
  };

  Slot& front_slot() { return slots_[front_bucket_ & mask]; }
  const Slot& front_slot() const { return slots_[front_bucket_ & mask]; }
  void clear_bit(std::uint64_t bucket) {
    bits_[(bucket & mask) / 64] &= ~(std::uint64_t{1} << (bucket % 64));
  }

  // The first bucket in use at or after `from`: every bucket in use lies within the window, so the first
  // bit set going round the ring from `from` is the earliest. The wheel must hold an event.
  std::uint64_t next_bucket_in_use(std::uint64_t from) const {
    const auto p = static_cast<std::uint32_t>(from & mask);
    std::uint32_t w = p / 64;
    std::uint64_t word = bits_[w] & (~std::uint64_t{0} << (p % 64));
    while (word == 0) {
      w = (w + 1) % word_count;
      word = bits_[w];
    }
    const std::uint32_t s = w * 64 + static_cast<std::uint32_t>(std::countr_zero(word));
    return from + ((s - p) & mask);
  }

  std::uint32_t new_node(const QueueKey& k, const QueuePayload& p, std::uint32_t next) {
    std::uint32_t n = free_;
    if (n != none) {
      free_ = nodes_[n].next;
    } else {
      n = static_cast<std::uint32_t>(nodes_.size());
      nodes_.emplace_back();
    }
    nodes_[n] = Node{k, p.target, p.kind, p.arg, next};
    return n;
  }
  void release_node(std::uint32_t n) {
    nodes_[n].next = free_;
    free_ = n;
  }

  std::vector<Node> nodes_;
  std::uint32_t free_ = none;
  std::array<Slot, bucket_count> slots_{};
  std::array<std::uint64_t, word_count> bits_{};
  std::uint64_t start_ = 0;  // the window's first bucket: every event held is in [start, start + count)
  std::uint64_t front_bucket_ = no_bucket;  // the earliest bucket in use
  // Its first key (no_queue_key when empty), kept so that every pop's comparison of the queue's three
  // fronts does not wait on a chain of three dependent loads.
  QueueKey front_key_ = no_queue_key;
  std::size_t count_ = 0;
};

}  // namespace sdsim
