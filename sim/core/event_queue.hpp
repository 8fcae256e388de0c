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
    sift_up(heap_.size() - 1);
  }

  Event pop() {
    Event first = heap_.front();
    Event last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return first;
  }

 private:
  static constexpr std::size_t arity = 4;

  void sift_up(std::size_t i) {
    Event moving = heap_[i];
    while (i > 0) {
      std::size_t parent = (i - 1) / arity;
      if (!fires_before(moving, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = moving;
  }

  // Places `moving` (the former last element) starting from the root.
  void sift_down(const Event& moving) {
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    for (;;) {
      std::size_t first_child = i * arity + 1;
      if (first_child >= n) break;
      std::size_t last_child = first_child + arity < n ? first_child + arity : n;
      std::size_t best = first_child;
      for (std::size_t c = first_child + 1; c < last_child; ++c) {
        if (fires_before(heap_[c], heap_[best])) best = c;
      }
      if (!fires_before(heap_[best], moving)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = moving;
  }

  std::vector<Event> heap_;
};

}  // namespace sdsim
