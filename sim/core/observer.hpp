#pragma once
// The only way information leaves the engine. An observer says which notifications it wants; the engine calls
// only those, so a run without observers of per-event detail pays nothing for them.
#include <cstdint>
#include <span>

#include "sim/core/counters.hpp"
#include "sim/core/event.hpp"
#include "sim/core/request.hpp"

namespace sdsim {

enum Interest : std::uint32_t {
  interest_none = 0,
  interest_events = 1u << 0,        // every event as it fires (traces, fingerprints)
  interest_departures = 1u << 1,    // every request leaving a serving block
  interest_request_ends = 1u << 2,  // every request finishing end to end
};

struct Departure {
  BlockId block;
  FlowId flow;
  SimTime arrived;   // ns, reached the block
  SimTime started;   // ns, service began
  SimTime finished;  // ns, service ended
};

struct RequestEnd {
  FlowId flow;
  BlockId at;  // the block where it ended (the last server, or the one that rejected it)
  SimTime created;
  SimTime finished;
  Outcome outcome;
};

class Observer {
 public:
  virtual ~Observer() = default;
  virtual std::uint32_t interests() const = 0;
  virtual void on_event(const Event&) {}
  virtual void on_departure(const Departure&) {}
  virtual void on_request_end(const RequestEnd&) {}
  // Warm-up is over: forget what was seen so far.
  virtual void on_statistics_reset(SimTime) {}
  // The run is over; `blocks` holds every block's counters since the last reset, indexed by BlockId.
  virtual void on_run_end(SimTime, std::span<const BlockCounters>) {}
};

}  // namespace sdsim
