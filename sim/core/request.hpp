#pragma once
// A request in flight and the pool that stores them. Requests are addressed by a 32-bit id into one growing
// array with a free list, so creating and finishing a request never allocates once the pool has grown to the
// run's peak in-flight count.
#include <cstdint>
#include <vector>

#include "sim/core/event.hpp"
#include "sim/core/time.hpp"

namespace sdsim {

using RequestId = std::uint32_t;
using FlowId = std::uint32_t;

enum class Outcome : std::uint8_t { completed, rejected };

struct Request {
  SimTime created;     // ns, when its source emitted it
  SimTime arrived;     // ns, when it reached the block that holds it now
  SimTime started;     // ns, when that block started serving it
  FlowId flow;         // which request type (flow) it belongs to
  BlockId origin;      // the source that emitted it; told when the request finishes
  std::uint32_t user;  // closed-loop user index at the origin (0 for open-loop sources)
  RequestId next_free;
};

class RequestPool {
 public:
  RequestId acquire() {
    if (free_head_ != none) {
      RequestId id = free_head_;
      free_head_ = slots_[id].next_free;
      ++in_use_;
      return id;
    }
    slots_.push_back(Request{});
    ++in_use_;
    return static_cast<RequestId>(slots_.size() - 1);
  }

  void release(RequestId id) {
    slots_[id].next_free = free_head_;
    free_head_ = id;
    --in_use_;
  }

  Request& operator[](RequestId id) { return slots_[id]; }
  const Request& operator[](RequestId id) const { return slots_[id]; }
  std::size_t in_use() const { return in_use_; }
  std::size_t capacity() const { return slots_.size(); }

 private:
  static constexpr RequestId none = 0xFFFF'FFFFu;
  std::vector<Request> slots_;
  RequestId free_head_ = none;
  std::size_t in_use_ = 0;
};

}  // namespace sdsim
