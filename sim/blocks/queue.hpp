#pragma once
// An Amazon SQS queue (standard or FIFO): sends store messages; `consumers` pollers each receive one message
// at a time and run a request of the consumer flow for it, so at-least-once delivery, duplicates and
// dead-lettering emerge from visibility timeouts, failures and redrive counts rather than being assumed.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/oldest_age.hpp"
#include "sim/core/pool.hpp"
#include "sim/core/ring_queue.hpp"
#include "sim/core/token_bucket.hpp"

namespace sdsim {

struct QueueDef {
  bool fifo = false;
  std::uint32_t consumers = 1;              // pollers, each processing one message at a time
  SimTime visibility_timeout = from_s(30);  // ns a received message stays invisible
  std::uint32_t max_receives = 0;           // receives before the dead-letter queue; 0: never
  double fifo_send_rate_per_s = 300;        // FIFO only: sends per second before throttling
  Distribution send_latency = Distribution::lognormal(16e6, 50e6);  // ns, until a send is stored
  FlowId consumer_flow = 0;
  BlockId consumer_entry = no_block;  // no_block: nobody consumes, messages accumulate
};

// What the queue counts beyond BlockCounters, since the last statistics reset.
struct QueueStats {
  std::uint64_t sent = 0;            // messages stored
  std::uint64_t throttled = 0;       // sends refused by the FIFO rate limit
  std::uint64_t received = 0;        // every receive, redeliveries included
  std::uint64_t redelivered = 0;     // receives beyond a message's first
  std::uint64_t deleted = 0;         // messages processed successfully and removed
  std::uint64_t duplicates = 0;      // successful processings of a message already deleted
  std::uint64_t dead_lettered = 0;   // moved to the dead-letter queue (dropped)
  std::uint64_t first_receives = 0;  // messages received at least once (wait samples)
  double mean_wait_s = 0;            // send (stored) to first receive
  double mean_depth = 0;             // time-averaged visible + in-flight messages
  std::int64_t depth = 0;
  double max_age_s = 0;   // the oldest message's age, at its largest
  double mean_age_s = 0;  // the oldest message's age, time-averaged (0 while empty)
};

class Queue final : public Block {
 public:
  Queue(std::string name, QueueDef def, Rng latency_rng);

  void accept(Engine& engine, TaskId id) override;
  BlockId release(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;
  QueueStats stats(SimTime now) const;

 private:
  enum class State : std::uint8_t { visible, in_flight, deleted };
  struct Message {
    SimTime sent;
    SimTime deadline;  // when an in-flight message becomes visible again
    std::uint64_t key;
    std::uint64_t serial;  // unique per message: tells a reused slot from the message a delivery was for
    std::uint32_t receives;
    std::uint32_t group;  // FIFO: its message group
    std::uint32_t next_in_group;
    State state;
    bool in_ring;  // standard: listed in visible_ (a deleted message stays allocated until popped)
    std::uint32_t next_free;
  };
  struct Delivery {
    std::uint32_t message;
    std::uint64_t serial;
    std::uint32_t next_free;
  };
  // A FIFO message group: its messages in send order; the head is the one delivered next or in flight.
  struct Group {
    std::uint32_t head = no_message;
    std::uint32_t tail = no_message;
    bool busy = false;   // its head is in flight
    bool ready = false;  // listed in ready_groups_
  };
  struct AgeEntry {
    std::uint32_t message = 0;
    std::uint64_t serial = 0;
  };
  static constexpr std::uint32_t no_message = 0xFFFF'FFFFu;
  static constexpr std::uint32_t event_sent = 0;
  static constexpr std::uint32_t event_visibility = 1;

  void store(Engine& engine, std::uint64_t key);
  void make_visible(std::uint32_t m);
  void deliver_waiting(Engine& engine);
  std::uint32_t next_visible();
  void receive(Engine& engine, std::uint32_t m);
  void remove(SimTime now, std::uint32_t m);
  void free_message(std::uint32_t m);
  // The oldest stored message's send time, skipping deleted ones; time_never when there is none.
  SimTime oldest();

  QueueDef def_;
  Rng latency_rng_;
  TokenBucket fifo_bucket_;
  Pool<Message> messages_;
  Pool<Delivery> deliveries_;
  std::uint64_t next_serial_ = 0;
  RingQueue<std::uint32_t> visible_;  // standard: visible messages, oldest visible first
  std::vector<Group> groups_;
  std::unordered_map<std::uint64_t, std::uint32_t> group_of_key_;  // grows with keys touched only
  RingQueue<std::uint32_t> ready_groups_;                          // FIFO: groups with a deliverable head
  RingQueue<AgeEntry> by_age_;  // every stored message in send order; deleted ones skipped lazily
  AgeEntry age_front_;
  bool has_age_front_ = false;
  std::uint32_t busy_consumers_ = 0;
  bool delivering_ = false;

  LevelIntegral depth_;
  LevelIntegral busy_;  // consumers processing a message
  OldestAge age_;
  double wait_sum_s_ = 0;
  QueueStats counts_;
  std::uint64_t arrivals_ = 0;
};

}  // namespace sdsim
