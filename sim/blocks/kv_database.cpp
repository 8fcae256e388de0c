#include "sim/blocks/kv_database.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/engine.hpp"

namespace sdsim {

namespace {

// Size units: a read covers 4 KB, a write 1 KB (DynamoDB's RCU and WCU definitions).
constexpr double read_unit_kb = 4;
constexpr double write_unit_kb = 1;

double table_depth(const KvDatabaseDef& def, double rate) {
  // Burst credit is unused provisioned capacity banked for later; an on-demand table has none to bank.
  return rate * (def.provisioned ? def.burst_s : 1.0);
}

void set_capacity(TokenBucket& table, SettingAverage& capacity, const KvDatabaseDef& def, SimTime now,
                  double rate) {
  table.set_rate(now, rate);
  table.set_depth(table_depth(def, rate));
  capacity.set(now, rate);
}

}  // namespace

KvDatabase::KvDatabase(std::string name, KvDatabaseDef def, Rng latency_rng, Rng replication_rng,
                       Rng replica_rng)
    : Block(std::move(name)),
      def_(std::move(def)),
      latency_(def_.latency, latency_rng),
      replication_rng_(replication_rng),
      replica_rng_(replica_rng),
      read_cost_(read_units(def_.item_kb, def_.strong_reads)),
      write_cost_(write_units(def_.item_kb)),
      table_reads_(def_.read_capacity_units, table_depth(def_, def_.read_capacity_units)),
      table_writes_(def_.write_capacity_units, table_depth(def_, def_.write_capacity_units)),
      read_capacity_(def_.read_capacity_units),
      write_capacity_(def_.write_capacity_units),
      partition_reads_(def_.partitions, TokenBucket(def_.partition_read_units, def_.partition_read_units)),
      partition_writes_(def_.partitions, TokenBucket(def_.partition_write_units, def_.partition_write_units)),
      partition_requests_(def_.partitions, 0),
      partition_throttles_(def_.partitions, 0) {}

double KvDatabase::read_units(double item_kb, bool strong) {
  double units = std::ceil(item_kb / read_unit_kb);
  return strong ? units : 0.5 * units;
}

double KvDatabase::write_units(double item_kb) {
  return std::ceil(item_kb / write_unit_kb);
}

bool KvDatabase::is_write(Operation operation) {
  return operation == Operation::write || operation == Operation::set || operation == Operation::remove;
}

std::uint32_t KvDatabase::partition_of(std::uint64_t key) const {
  return shard_of(key, def_.partitions);
}

void KvDatabase::accept(Engine& engine, TaskId id) {
  ++arrivals_;
  SimTime now = engine.now();
  std::uint32_t partition = partition_of(engine.key(id));
  ++partition_requests_[partition];
  bool write = is_write(engine.operation(id));
  TokenBucket& table = write ? table_writes_ : table_reads_;
  TokenBucket& part = write ? partition_writes_[partition] : partition_reads_[partition];
  double cost = write ? write_cost_ : read_cost_;
  table.refill(now);
  part.refill(now);
  ++(write ? writes_ : reads_);
  if (!table.holds(cost) || !part.holds(cost)) {
    // ProvisionedThroughputExceededException / ThrottlingException: nothing is consumed.
    ++(write ? throttled_writes_ : throttled_reads_);
    ++partition_throttles_[partition];
    engine.refuse(id, Outcome::throttled);
    return;
  }
  table.take(cost);
  part.take(cost);
  (write ? consumed_write_units_ : consumed_read_units_) += cost;
  in_system_.change(now, +1);
  engine.task(id).started = now;
  if (engine.reads_observed() && !global_) versions_.prefetch(engine.key(id));
  engine.schedule_in(latency_.next(), this->id(), 0, id);
}

void KvDatabase::on_event(Engine& engine, const Event& e) {
  if (engine.reads_observed()) track(engine, e.arg);
  engine.served(e.arg);
}

void KvDatabase::join_global_table(std::shared_ptr<GlobalTable> global, std::uint32_t member,
                                   Rng cross_region_rng) {
  global_ = std::move(global);
  member_ = member;
  cross_region_rng_ = cross_region_rng;
  global_lags_.assign(std::size_t{global_->members()} * GlobalTable::copies_per_member, 0);
}

void KvDatabase::track(Engine& engine, TaskId id) {
  if (global_) {
    track_global(engine, id);
    return;
  }
  const std::uint64_t key = engine.key(id);
  const SimTime now = engine.now();
  if (is_write(engine.operation(id))) {
    SimTime lags[replicas] = {0};
    for (std::uint32_t r = 1; r < replicas; ++r)
      lags[r] = def_.replication_lag.sample(replication_rng_);
    engine.report_write(id, versions_, versions_.commit_after_lags(key, now, lags));
    return;
  }
  const std::uint32_t replica =
      def_.strong_reads ? 0 : static_cast<std::uint32_t>(replica_rng_.below(replicas));
  engine.report_read(id, versions_.read(key, replica, now), &versions_);
}

void KvDatabase::track_global(Engine& engine, TaskId id) {
  const std::uint64_t key = engine.key(id);
  const SimTime now = engine.now();
  Versions& versions = global_->versions();
  const std::uint32_t leader = member_ * GlobalTable::copies_per_member;
  if (is_write(engine.operation(id))) {
    // The versions committed elsewhere that have not reached this region yet: this write overwrites them.
    const std::uint64_t unseen = versions.read(key, leader, now).versions_behind;
    lost_updates_ += unseen;
    for (std::uint32_t m = 0; m < global_->members(); ++m) {
      const SimTime arrival = m == member_ ? 0 : def_.cross_region_lag.sample(cross_region_rng_);
      for (std::uint32_t c = 0; c < GlobalTable::copies_per_member; ++c) {
        const SimTime local = c == 0 ? 0 : def_.replication_lag.sample(replication_rng_);
        global_lags_[m * GlobalTable::copies_per_member + c] = arrival + local;
      }
    }
    engine.report_write(id, versions, versions.commit_after_lags(key, now, global_lags_), unseen);
    return;
  }
  const std::uint32_t copy = def_.strong_reads ? 0 : static_cast<std::uint32_t>(replica_rng_.below(replicas));
  engine.report_read(id, versions.read(key, leader + copy, now), &versions);
}

std::string KvDatabase::set_param(Engine& engine, std::string_view name, const ParamValue& value) {
  if (name == "consistency") {
    def_.strong_reads = value.text == "strong";
    read_cost_ = read_units(def_.item_kb, def_.strong_reads);
  } else if (name == "read_capacity_units") {
    def_.read_capacity_units = value.number;
    set_capacity(table_reads_, read_capacity_, def_, engine.now(), value.number);
  } else if (name == "write_capacity_units") {
    def_.write_capacity_units = value.number;
    set_capacity(table_writes_, write_capacity_, def_, engine.now(), value.number);
  } else {
    return "a running key-value database changes only its consistency and its read and write capacity units";
  }
  return {};
}

BlockId KvDatabase::release(Engine& engine, TaskId id) {
  in_system_.change(engine.now(), -1);
  ++completions_;
  engine.report_departure(id);
  return no_block;
}

std::uint32_t KvDatabase::hottest_partition() const {
  std::uint32_t best = 0;
  for (std::uint32_t p = 1; p < def_.partitions; ++p) {
    bool more_throttled = partition_throttles_[p] > partition_throttles_[best];
    bool as_throttled_busier = partition_throttles_[p] == partition_throttles_[best] &&
                               partition_requests_[p] > partition_requests_[best];
    if (more_throttled || as_throttled_busier) best = p;
  }
  return best;
}

double KvDatabase::read_utilization(SimTime now) const {
  double capacity = read_capacity_.average(now) * to_s(now - since_);
  return capacity > 0 ? consumed_read_units_ / capacity : 0;
}

double KvDatabase::write_utilization(SimTime now) const {
  double capacity = write_capacity_.average(now) * to_s(now - since_);
  return capacity > 0 ? consumed_write_units_ / capacity : 0;
}

void KvDatabase::reset_statistics(SimTime now) {
  in_system_.restart(now);
  read_capacity_.restart(now);
  write_capacity_.restart(now);
  since_ = now;
  arrivals_ = completions_ = 0;
  reads_ = writes_ = throttled_reads_ = throttled_writes_ = 0;
  consumed_read_units_ = consumed_write_units_ = 0;
  lost_updates_ = 0;
  std::fill(partition_requests_.begin(), partition_requests_.end(), 0);
  std::fill(partition_throttles_.begin(), partition_throttles_.end(), 0);
}

BlockCounters KvDatabase::counters(SimTime now) const {
  // Unbounded concurrency (servers 0): every admitted request is in service.
  BlockCounters c = serving_counters(name(), "kv_database", arrivals_, completions_,
                                     throttled_reads_ + throttled_writes_, 0, in_system_, now);
  c.mean_busy = c.mean_in_system;
  if (def_.provisioned) {
    // The table's provisioned capacity, billed per hour whatever is used.
    c.usage.read_capacity = read_capacity_.average(now);
    c.usage.write_capacity = write_capacity_.average(now);
  } else {
    c.usage.read_units = consumed_read_units_;
    c.usage.write_units = consumed_write_units_;
  }
  return c;
}

}  // namespace sdsim
