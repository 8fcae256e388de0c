#pragma once
// A live session seen as a growing trace: each snapshot that covers new simulated time becomes a window, the
// faults it lists become fault windows (kept once they end), so the visualizer's views draw it unchanged.
#include <map>

#include "live/snapshot.hpp"
#include "sim/design/design.hpp"
#include "trace/trace.hpp"

namespace sdsim::app {

class LiveTrace {
 public:
  // `design` (for the zones a fault hits) must outlive this.
  explicit LiveTrace(const Design& design) : design_(design) {}

  // Adds a snapshot to `trace` (one from trace_outline(), then only ever given to this); true when it
  // changed.
  bool add(trace::Trace& trace, const live::Snapshot& snapshot);

 private:
  const Design& design_;
  std::map<std::size_t, std::size_t> fault_index_;  // snapshot fault id -> index in trace_.faults
};

}  // namespace sdsim::app
