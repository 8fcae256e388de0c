#pragma once
// The discrete-event engine: a clock, the pending events, the requests in flight and the blocks. It is a
// value (no globals): build one per run from a seed, add blocks and observers, then start() and run_until().
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "sim/core/block.hpp"
#include "sim/core/event_queue.hpp"
#include "sim/core/observer.hpp"
#include "sim/core/request.hpp"
#include "sim/core/rng.hpp"

namespace sdsim {

class Engine {
 public:
  explicit Engine(std::uint64_t seed) : seed_(seed) {}
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Takes ownership; the returned id addresses the block in events and routes.
  BlockId add_block(std::unique_ptr<Block> block);
  // The observer must outlive the run.
  void add_observer(Observer& observer);
  // An independent random stream keyed by a name, the same whatever other blocks the model holds.
  Rng stream(std::string_view name) const { return Rng(derive_seed(seed_, stable_hash(name))); }

  void schedule(SimTime at, BlockId target, std::uint32_t kind, std::uint32_t arg) {
    queue_.push(Event{at, next_seq_++, target, kind, arg});
  }
  void schedule_in(SimTime delay, BlockId target, std::uint32_t kind, std::uint32_t arg) {
    schedule(now_ + delay, target, kind, arg);
  }

  // Creates a request emitted now by `origin` for `flow`.
  RequestId create_request(BlockId origin, FlowId flow, std::uint32_t user);
  // Hands a request to a block, now.
  void deliver(BlockId to, RequestId id) { blocks_[to]->accept(*this, id); }
  // A serving block finished a request; observers interested in departures hear of it.
  void report_departure(BlockId block, const Request& r) {
    if (!departure_observers_.empty()) notify_departure(block, r);
  }
  // The request is over end to end: observers hear of it, its origin is told, its storage is reused.
  void finish(RequestId id, BlockId at, Outcome outcome);

  void start();
  // Runs every event with time <= until, then sets the clock to `until`.
  void run_until(SimTime until);
  // Forgets statistics gathered so far (end of warm-up).
  void reset_statistics();
  // Delivers the final counters to observers.
  void end_run();

  SimTime now() const { return now_; }
  std::uint64_t events_processed() const { return events_processed_; }
  std::size_t pending_events() const { return queue_.size(); }
  const RequestPool& requests() const { return requests_; }
  Request& request(RequestId id) { return requests_[id]; }
  const Block& block(BlockId id) const { return *blocks_[id]; }
  std::size_t block_count() const { return blocks_.size(); }

 private:
  void notify_departure(BlockId block, const Request& r);

  std::uint64_t seed_;
  SimTime now_ = 0;
  std::uint64_t next_seq_ = 0;
  std::uint64_t events_processed_ = 0;
  EventQueue queue_;
  RequestPool requests_;
  std::vector<std::unique_ptr<Block>> blocks_;
  std::vector<Observer*> all_observers_;
  std::vector<Observer*> event_observers_;
  std::vector<Observer*> departure_observers_;
  std::vector<Observer*> end_observers_;
};

}  // namespace sdsim
