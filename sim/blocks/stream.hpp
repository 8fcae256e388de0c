#pragma once
// A Kinesis Data Streams-like stream: puts go to a shard by the request key, each shard refuses writes
// beyond its records/s and MB/s limits, and one consumer worker per shard (a KCL lease, a Lambda poller)
// runs the consumer flow for its records strictly in order, so throttling, a blocked shard and a growing
// iterator age emerge from the shards rather than being assumed.
//
// Reading is modelled as one consumer application polling with shared throughput: a record becomes
// readable a fixed propagation delay after its put (the average PUT-to-GET delay of one polling consumer,
// which already reflects the 5 GetRecords calls/s per shard), and each record read takes its size from the
// shard's read bucket (2 MB/s). The GetRecords call limit is not a separate throughput limit: a consumer that
// is behind fetches large batches (up to 10,000 records per call), so the calls bound only the delay.
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/oldest_age.hpp"
#include "sim/core/token_bucket.hpp"

namespace sdsim {

struct StreamDef {
  std::uint32_t shards = 1;
  double record_kb = 1;                      // KB per record (1 MB = 1,024 KB)
  double write_records_per_s = 1000;         // per shard
  double write_mb_per_s = 1;                 // per shard
  double read_mb_per_s = 2;                  // per shard, shared by the shard's reads
  SimTime propagation = from_ms(200);        // ns from a put until the record is readable
  SimTime retention = from_s(24 * 3600);     // ns a record stays in the stream, read or not
  std::optional<std::uint32_t> max_retries;  // retries of a failing record before it is skipped; none:
                                             // retried until it expires
  SimTime retry_delay = from_s(1);           // ns from a failed processing to the next attempt (> 0)
  Distribution put_latency = Distribution::lognormal(15e6, 50e6);  // ns, until a put is acknowledged
  FlowId consumer_flow = 0;
  BlockId consumer_entry = no_block;  // no_block: nobody consumes, records stay until they expire
};

// What the stream counts beyond BlockCounters, since the last statistics reset.
struct StreamStats {
  std::uint64_t put = 0;           // records stored
  std::uint64_t throttled = 0;     // puts refused (ProvisionedThroughputExceededException)
  std::uint64_t processed = 0;     // records whose consumer-flow request completed
  std::uint64_t failed = 0;        // processing attempts that failed (each is retried or skipped)
  std::uint64_t retried = 0;       // attempts beyond a record's first
  std::uint64_t skipped = 0;       // records given up after max_retries failed retries
  std::uint64_t lost = 0;          // records dropped by retention before being processed
  std::int64_t depth = 0;          // records in the stream not yet processed, skipped or lost
  double mean_depth = 0;           // time-averaged
  double iterator_age_s = 0;       // the oldest unprocessed record's age now (0 while empty)
  double max_iterator_age_s = 0;   // the oldest unprocessed record's age, at its largest
  double mean_iterator_age_s = 0;  // the oldest unprocessed record's age, time-averaged (0 while empty)
};

class Stream final : public Block {
 public:
  Stream(std::string name, StreamDef def, Rng latency_rng);

  void accept(Engine& engine, TaskId id) override;
  BlockId release(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  void on_request_finished(Engine& engine, RequestId id, Outcome outcome) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;
  StreamStats stats(SimTime now) const;
  // The shard a key's records go to.
  std::uint32_t shard_of_key(std::uint64_t key) const;
  // Records waiting or in processing on one shard.
  std::size_t shard_depth(std::uint32_t shard) const;
  // The put time of the shard's oldest unprocessed record (the one its worker processes now or next);
  // time_never when the shard is empty.
  SimTime head_put(std::uint32_t shard) const;

 private:
  struct Record {
    SimTime put;
    std::uint64_t key;
  };
  // A worker (one per shard): idle with nothing to read, sleeping until a timer (propagation, read
  // throttling, a retry), or busy while the head record's consumer request runs.
  enum class Worker : std::uint8_t { idle, sleeping, busy };
  struct Shard {
    std::vector<Record> log;  // unprocessed records in put order, from index `head`
    std::size_t head = 0;
    std::uint64_t removed = 0;   // records ever removed: the sequence number of log[head]
    std::uint32_t attempts = 0;  // failed attempts of the head record so far
    Worker worker = Worker::idle;
    bool starting = false;        // run_worker is on the stack
    bool expiry_pending = false;  // a retention timer is scheduled
    TokenBucket write_records{0, 0};
    TokenBucket write_kb{0, 0};
    TokenBucket read_kb{0, 0};
    std::size_t size() const { return log.size() - head; }
  };
  struct AgeEntry {
    std::uint32_t shard;
    std::uint64_t sequence;  // per shard
  };
  static constexpr std::uint32_t event_put = 0;
  static constexpr std::uint32_t event_wake = 1;
  static constexpr std::uint32_t event_expiry = 2;

  void run_worker(Engine& engine, std::uint32_t s);
  bool start_next(Engine& engine, std::uint32_t s);
  void sleep_until(Engine& engine, std::uint32_t s, SimTime at);
  void drop_expired(SimTime now, std::uint32_t s);
  void watch_expiry(Engine& engine, std::uint32_t s);
  void remove_head(SimTime now, std::uint32_t s);
  // The oldest unprocessed record's put time, skipping removed ones; time_never when there is none.
  SimTime oldest();

  StreamDef def_;
  Rng latency_rng_;
  double kb_per_mb_;
  std::vector<Shard> shards_;
  // Every stored record in put order; removed ones are skipped lazily. Puts are stored at their arrival, so
  // this order is also the order of put times.
  std::vector<AgeEntry> by_age_;
  std::size_t age_head_ = 0;

  LevelIntegral depth_;
  LevelIntegral busy_;
  OldestAge age_;
  StreamStats counts_;
  std::uint64_t arrivals_ = 0;
};

}  // namespace sdsim
