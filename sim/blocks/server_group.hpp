#pragma once
// The queueing core every serving block shares: `servers` identical servers and one FIFO waiting line,
// bounded or not, with the time-average of busy servers. Blocks with instances (compute, database) hold one
// per instance.
#include <cstdint>
#include <optional>

#include "sim/core/counters.hpp"
#include "sim/core/request.hpp"
#include "sim/core/ring_queue.hpp"

namespace sdsim {

class ServerGroup {
 public:
  enum class Admission { serve, wait, refuse };

  ServerGroup(std::uint32_t servers, std::optional<std::uint64_t> queue_capacity)
      : servers_(servers), queue_capacity_(queue_capacity) {}

  // A task arrives: it takes a free server now (serve), joins the line (wait), or finds the line full
  // (refuse).
  Admission admit(SimTime now, TaskId id) {
    if (busy_ < servers_) {
      occupy(now);
      return Admission::serve;
    }
    if (queue_capacity_ && waiting_.size() >= *queue_capacity_) return Admission::refuse;
    waiting_.push(id);
    return Admission::wait;
  }

  // A task in service leaves; returns the waiting task that takes its server (no_task when the line is
  // empty).
  TaskId depart(SimTime now) {
    --busy_;
    busy_level_.change(now, -1);
    if (waiting_.empty() || busy_ >= servers_) return no_task;
    occupy(now);
    return waiting_.pop();
  }

  // The server count from now on. Fewer: tasks in service finish, and no waiting task starts until fewer
  // than `servers` are busy. More: admit_waiting() starts waiting tasks on the new servers.
  void set_servers(std::uint32_t servers) { servers_ = servers; }
  // The waiting places from now on (none: unbounded). A line already longer keeps its tasks; arrivals are
  // refused until it is shorter.
  void set_queue_capacity(std::optional<std::uint64_t> places) { queue_capacity_ = places; }
  // A waiting task that takes a free server now; no_task when no server is free or no task waits.
  TaskId admit_waiting(SimTime now) {
    if (busy_ >= servers_ || waiting_.empty()) return no_task;
    occupy(now);
    return waiting_.pop();
  }

  std::uint32_t servers() const { return servers_; }
  std::uint32_t busy() const { return busy_; }
  std::size_t waiting() const { return waiting_.size(); }
  std::uint64_t outstanding() const { return busy_ + waiting_.size(); }
  double mean_busy(SimTime now) const { return busy_level_.average(now); }
  void restart(SimTime now) { busy_level_.restart(now); }

 private:
  void occupy(SimTime now) {
    ++busy_;
    busy_level_.change(now, +1);
  }

  std::uint32_t servers_;
  std::optional<std::uint64_t> queue_capacity_;
  std::uint32_t busy_ = 0;
  RingQueue<TaskId> waiting_;
  LevelIntegral busy_level_;
};

}  // namespace sdsim
