#pragma once
// Storage for short-lived records (requests, tasks) addressed by 32-bit ids: one growing array with a free
// list, so acquiring and releasing never allocate once the pool has grown to the run's peak.
#include <cstdint>
#include <vector>

namespace sdsim {

template <typename T>
class Pool {
 public:
  using Id = std::uint32_t;

  Id acquire() {
    ++in_use_;
    if (free_head_ != none) {
      Id id = free_head_;
      free_head_ = slots_[id].next_free;
      return id;
    }
    slots_.emplace_back();
    return static_cast<Id>(slots_.size() - 1);
  }

  void release(Id id) {
    slots_[id].next_free = free_head_;
    free_head_ = id;
    --in_use_;
  }

  T& operator[](Id id) { return slots_[id]; }
  const T& operator[](Id id) const { return slots_[id]; }
  std::size_t in_use() const { return in_use_; }
  std::size_t capacity() const { return slots_.size(); }

 private:
  static constexpr Id none = 0xFFFF'FFFFu;
  std::vector<T> slots_;
  Id free_head_ = none;
  std::size_t in_use_ = 0;
};

}  // namespace sdsim
