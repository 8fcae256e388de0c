#pragma once
// A DynamoDB-like partitioned key-value table: a key maps to a partition by a stable hash; each request costs
// capacity units (from item size and read consistency) taken from its partition's token bucket and the
// table's; when either lacks them the request is throttled (refused at once). Otherwise it is a pure delay.
// Each key is kept in 3 copies (one per AZ): a write commits at its partition's leader when its service ends
// and reaches the other two after a replication lag each; an eventually consistent read is served by one of
// the 3 at random, a strongly consistent read by the leader. Reads are judged when observers want them.
// A member of a global table (see global_table.hpp) keeps its items in the table's shared versions instead:
// its writes also reach the other regions after a cross-region lag, and a strongly consistent read is
// strong only within its region.
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/blocks/global_table.hpp"
#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/sample_stream.hpp"
#include "sim/core/token_bucket.hpp"
#include "sim/core/versions.hpp"

namespace sdsim {

struct KvDatabaseDef {
  std::uint32_t partitions = 4;         // count, >= 1
  bool provisioned = false;             // false: on-demand (the table limits are its throughput quota)
  double read_capacity_units = 40000;   // RCU/s for the whole table (provisioned) or its quota (on-demand)
  double write_capacity_units = 40000;  // WCU/s, likewise
  double partition_read_units = 3000;   // RCU/s, each partition's hard ceiling
  double partition_write_units = 1000;  // WCU/s, likewise
  double burst_s = 1;                   // s of table capacity a bucket may bank (provisioned only)
  bool strong_reads = false;            // strongly consistent reads cost twice eventual ones
  double item_kb = 1;                   // KB per item, > 0
  Distribution latency = Distribution::lognormal(5e6, 10e6);  // ns, one request's service time
  // ns, from a write's commit at the leader to a follower applying it (drawn per follower per write).
  Distribution replication_lag = Distribution::exponential(10e6);
  // ns, from a write's commit in one region to another region's table receiving it (global tables only;
  // drawn per other region per write, its local copies' lag added).
  Distribution cross_region_lag = Distribution::lognormal(300e6, 1000e6);
};

class KvDatabase final : public Block {
 public:
  // DynamoDB keeps 3 copies of every item; replica 0 is the leader.
  static constexpr std::uint32_t replicas = 3;
  // `replication_rng` draws the followers' lags, `replica_rng` the replica an eventually consistent read
  // asks.
  KvDatabase(std::string name, KvDatabaseDef def, Rng latency_rng, Rng replication_rng = Rng(1),
             Rng replica_rng = Rng(2));
  // Makes the table member `member` of `global` (before the run): `cross_region_rng` draws the lags to the
  // other members.
  void join_global_table(std::shared_ptr<GlobalTable> global, std::uint32_t member, Rng cross_region_rng);

  // Capacity units one request costs: reads ceil(item / 4 KB), halved when eventually consistent; writes
  // ceil(item / 1 KB).
  static double read_units(double item_kb, bool strong);
  static double write_units(double item_kb);
  // Operations write, set and delete write; every other operation (read, get, query, a plain call) reads.
  static bool is_write(Operation operation);

  void accept(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  BlockId release(Engine& engine, TaskId id) override;
  // "consistency": reads from now on are eventual or strong, and cost accordingly. "read_capacity_units",
  // "write_capacity_units": the table's capacity from now on (an UpdateTable that takes effect at once):
  // credit banked beyond the new burst is lost; utilization and a provisioned table's bill follow the time
  // average.
  std::string set_param(Engine& engine, std::string_view name, const ParamValue& value) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

  std::uint32_t partition_of(std::uint64_t key) const;
  // Counts since the last statistics reset: reads and writes that arrived (throttled ones included), and the
  // capacity units consumed by those let through.
  std::uint64_t reads() const { return reads_; }
  std::uint64_t writes() const { return writes_; }
  std::uint64_t throttled_reads() const { return throttled_reads_; }
  std::uint64_t throttled_writes() const { return throttled_writes_; }
  double consumed_read_units() const { return consumed_read_units_; }
  double consumed_write_units() const { return consumed_write_units_; }
  std::uint64_t partition_requests(std::uint32_t partition) const { return partition_requests_[partition]; }
  std::uint64_t partition_throttles(std::uint32_t partition) const { return partition_throttles_[partition]; }
  // The partition with the most throttled requests (ties: the most requests, then the lowest index).
  std::uint32_t hottest_partition() const;
  // Consumed units over what the table could have served since the last reset.
  double read_utilization(SimTime now) const;
  double write_utilization(SimTime now) const;
  const KvDatabaseDef& def() const { return def_; }
  // The items' versions (kept only while observers judge reads).
  const Versions& versions() const { return global_ ? global_->versions() : versions_; }
  // Since the last statistics reset: versions from other regions this table's writes overwrote unseen.
  std::uint64_t lost_updates() const { return lost_updates_; }

 private:
  // The service ended: a write commits, a read is judged.
  void track(Engine& engine, TaskId id);
  void track_global(Engine& engine, TaskId id);

  KvDatabaseDef def_;
  SampleStream<Distribution> latency_;
  Rng replication_rng_;
  Rng replica_rng_;
  Versions versions_{replicas};
  std::shared_ptr<GlobalTable> global_;
  std::uint32_t member_ = 0;
  Rng cross_region_rng_{4};
  std::vector<SimTime> global_lags_;  // per replica of the global table, one write's lags, reused
  std::uint64_t lost_updates_ = 0;
  double read_cost_;
  double write_cost_;
  TokenBucket table_reads_;
  TokenBucket table_writes_;
  SettingAverage read_capacity_;  // RCU/s, over time since the last reset
  SettingAverage write_capacity_;
  std::vector<TokenBucket> partition_reads_;
  std::vector<TokenBucket> partition_writes_;
  std::vector<std::uint64_t> partition_requests_;
  std::vector<std::uint64_t> partition_throttles_;
  LevelIntegral in_system_;
  SimTime since_ = 0;
  std::uint64_t arrivals_ = 0;
  std::uint64_t completions_ = 0;
  std::uint64_t reads_ = 0;
  std::uint64_t writes_ = 0;
  std::uint64_t throttled_reads_ = 0;
  std::uint64_t throttled_writes_ = 0;
  double consumed_read_units_ = 0;
  double consumed_write_units_ = 0;
};

}  // namespace sdsim
