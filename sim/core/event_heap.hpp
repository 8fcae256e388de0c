#pragma once
// A 4-ary min-heap of events by (time, seq), for any time. take_top/settle split a pop around its event's
// handling, so that the handler's first push fills the taken root in one pass. Allocates only when its
// arrays grow past their largest size so far.
#include <cstddef>
#include <vector>

#include "sim/core/queue_entry.hpp"

namespace sdsim {

class EventHeap {
 public:
  std::size_t size() const { return keys_.size() - static_cast<std::size_t>(root_taken_); }
  // The earliest key, or no_queue_key when empty; not between take_top and settle.
  QueueKey top_key() const { return top_; }
  Event top() const { return event_of(keys_[0], payloads_[0]); }

  void push(const QueueKey& k, const QueuePayload& p) {
    if (root_taken_) {
      // One pass from the root instead of a pop's refill and then a push's climb. The heap then holds the
      // same entries as after pop() and push(), and (time, seq) keys are unique, so every later pop is the
      // same.
      root_taken_ = false;
      refill_root(k, p);
    } else {
      keys_.push_back(k);
      payloads_.push_back(p);
      sift_up(keys_.size() - 1, k, p);
    }
    top_ = keys_[0];
  }

  // A pop in two steps: the earliest event, which leaves the heap now (size() no longer counts it)...
  Event take_top() {
    root_taken_ = true;
    return top();
  }
  // ...and the heap repaired, unless a push since take_top() has already done it.
  void settle() {
    if (!root_taken_) return;
    root_taken_ = false;
    const QueueKey last_key = keys_.back();
    const QueuePayload last_payload = payloads_.back();
    keys_.pop_back();
    payloads_.pop_back();
    if (keys_.empty()) {
      top_ = no_queue_key;
      return;
    }
    refill_root(last_key, last_payload);
    top_ = keys_[0];
  }

 private:
  static constexpr std::size_t arity = 4;

  // Places the moving entry in the hole at `i`, moving later parents down.
  void sift_up(std::size_t i, const QueueKey& k, const QueuePayload& p) {
    QueueKey* h = keys_.data();
    QueuePayload* d = payloads_.data();
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
  void refill_root(const QueueKey& k, const QueuePayload& p) {
    QueueKey* h = keys_.data();
    QueuePayload* d = payloads_.data();
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

  // Split in two parallel arrays: the comparisons read only the 16-byte keys (four children share one or
  // two cache lines instead of two to four with 32-byte events); the payload follows each move.
  std::vector<QueueKey> keys_;
  std::vector<QueuePayload> payloads_;
  bool root_taken_ = false;  // the root is a hole left by take_top()
  // keys_[0] or no_queue_key, kept apart: the heap empties and fills again often, at random, and every pop
  // of the queue reads it, so it is better without the branch on emptiness.
  QueueKey top_ = no_queue_key;
};

}  // namespace sdsim
