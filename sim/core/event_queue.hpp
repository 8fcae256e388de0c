#pragma once
// Pending events ordered by (time, seq) in a 4-ary min-heap over one contiguous array. Push and pop allocate
// only when the array grows past its largest size so far; no per-event allocation.
#include <cstddef>
#include <vector>

#include "sim/core/event.hpp"

namespace sdsim {

class EventQueue {
 public:
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const Event& top() const { return heap_.front(); }
  void reserve(std::size_t n) { heap_.reserve(n); }
  void clear() { heap_.clear(); }

  void push(const Event& e) {
    heap_.push_back(e);
    sift_up(heap_.size() - 1, e);
  }

  Event pop() {
    Event first = heap_.front();
    Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) refill_root(last);
    return first;
  }

 private:
  static constexpr std::size_t arity = 4;

  // Places `moving` in the hole at `i`, moving later parents down.
  void sift_up(std::size_t i, const Event& moving) {
    Event* h = heap_.data();
    while (i > 0) {
      std::size_t parent = (i - 1) / arity;
      if (!fires_before(moving, h[parent])) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = moving;
  }

  // Fills the hole at the root with `moving` (the former last element). The hole first sinks to a leaf
  // along the earliest children, then `moving` rises from there: the last element is usually among the
  // latest, so this skips comparing it at every level on the way down (Floyd's variant of the heap pop).
  void refill_root(const Event& moving) {
    Event* h = heap_.data();
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    for (;;) {
      std::size_t c = i * arity + 1;
      std::size_t best;
      if (c + arity <= n) {  // a full set of children: a tournament of three comparisons
        std::size_t a = fires_before(h[c + 1], h[c]) ? c + 1 : c;
        std::size_t b = fires_before(h[c + 3], h[c + 2]) ? c + 3 : c + 2;
        best = fires_before(h[b], h[a]) ? b : a;
      } else if (c < n) {
        best = c;
        for (std::size_t k = c + 1; k < n; ++k) {
          if (fires_before(h[k], h[best])) best = k;
        }
      } else {
        break;
      }
      h[i] = h[best];
      i = best;
    }
    sift_up(i, moving);
  }

  std::vector<Event> heap_;
};

}  // namespace sdsim
