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
  interest_reads = 1u << 3,         // every read of versioned data, judged fresh or stale
};

struct Departure {
  BlockId block;
  SimTime arrived;   // ns, reached the block
  SimTime started;   // ns, service began
  SimTime finished;  // ns, service ended
};

struct RequestEnd {
  FlowId flow;
  BlockId at;  // completed: the block that answered the client; failed: where the failure began
  SimTime created;
  SimTime finished;
  Outcome outcome;
};

// A read of versioned data judged against the newest version committed when it was served (see
// sim/core/versions.hpp).
struct ReadRecord {
  FlowId flow;
  BlockId block;                  // the data block that served it
  SimTime time;                   // ns, when it was served
  bool stale;                     // a newer version had been committed
  SimTime age;                    // ns, stale only: time since the commit of the first version it missed
  std::uint64_t versions_behind;  // committed versions it did not see
  SimTime since_write;            // ns since the key's newest committed write; -1: never written
  // Who read what, for session guarantees: the request's origin (its source block) and closed-loop user,
  // the key, the versions it was read from (null when unknown) and the version returned.
  BlockId origin;
  std::uint32_t user;
  std::uint64_t key;
  const void* source;
  std::uint64_t version;
};

// A write of versioned data committed (reported while reads are judged), for session guarantees.
struct WriteRecord {
  FlowId flow;
  BlockId block;   // the data block that committed it
  BlockId origin;  // the request's source block
  std::uint32_t user;
  std::uint64_t key;
  const void* source;  // the versions written
  std::uint64_t version;
  std::uint64_t lost_updates;  // concurrent versions from other regions it overwrote unseen
};

class Observer {
 public:
  virtual ~Observer() = default;
  virtual std::uint32_t interests() const = 0;
  virtual void on_event(const Event&) {}
  virtual void on_departure(const Departure&) {}
  virtual void on_request_end(const RequestEnd&) {}
  virtual void on_read(const ReadRecord&) {}
  virtual void on_write(const WriteRecord&) {}  // with interest_reads
  // Warm-up is over: forget what was seen so far.
  virtual void on_statistics_reset(SimTime) {}
  // The run is over; `blocks` holds every block's counters since the last reset, indexed by BlockId.
  virtual void on_run_end(SimTime, std::span<const BlockCounters>) {}
};

}  // namespace sdsim
