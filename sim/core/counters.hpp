#pragma once
// What a block counts about itself since the last statistics reset. Cheap enough to keep always on; time
// integrals give time-averaged occupancy independently of the latency samples (so Little's law is a real
// check).
#include <cstdint>
#include <string>

#include "sim/core/time.hpp"

namespace sdsim {

// Integral over time of a piecewise-constant level (number in system, busy servers).
class LevelIntegral {
 public:
  void change(SimTime now, std::int64_t delta) {
    area_ += static_cast<double>(level_) * static_cast<double>(now - last_);
    last_ = now;
    level_ += delta;
    peak_ = level_ > peak_ ? level_ : peak_;  // a select: levels rise and fall at random
  }
  void restart(SimTime now) {
    area_ = 0;
    last_ = now;
    since_ = now;
    peak_ = level_;
  }
  // Time-average of the level over [since, now].
  double average(SimTime now) const {
    double span = static_cast<double>(now - since_);
    if (span <= 0) return 0;
    return (area_ + static_cast<double>(level_) * static_cast<double>(now - last_)) / span;
  }
  std::int64_t level() const { return level_; }
  std::int64_t peak() const { return peak_; }

 private:
  double area_ = 0;  // level x ns
  SimTime last_ = 0;
  SimTime since_ = 0;
  std::int64_t level_ = 0;
  std::int64_t peak_ = 0;
};

// Time average of a setting that changes now and then (a table's provisioned capacity); the setting itself
// while it has not changed since the reset.
class SettingAverage {
 public:
  explicit SettingAverage(double value = 0) : value_(value) {}
  void set(SimTime now, double value) {
    area_ += value_ * static_cast<double>(now - last_);
    last_ = now;
    value_ = value;
  }
  void restart(SimTime now) {
    area_ = 0;
    last_ = now;
    since_ = now;
  }
  double average(SimTime now) const {
    const double span = static_cast<double>(now - since_);
    if (span <= 0 || last_ == since_) return value_;  // unchanged since the reset: exactly the setting
    return (area_ + value_ * static_cast<double>(now - last_)) / span;
  }

 private:
  double value_;
  double area_ = 0;  // value x ns
  SimTime last_ = 0;
  SimTime since_ = 0;
};

// What a block would be billed for since the last statistics reset; sim/metrics/cost prices it. Levels are
// time averages over the measured period, counts are totals.
struct BillableUsage {
  double units = 0;  // billed units running: instances, nodes, shards, a balancer, busy Lambda environments
  double requests = 0;        // billed requests (invocations, API calls, queries)
  double read_units = 0;      // read request units (DynamoDB RRUs, S3 GETs)
  double write_units = 0;     // write request units (DynamoDB WRUs, S3 PUTs)
  double read_capacity = 0;   // provisioned read units per second (DynamoDB RCUs), a time average
  double write_capacity = 0;  // provisioned write units per second (DynamoDB WCUs), a time average
};

struct BlockCounters {
  std::string name;
  std::string kind;
  std::uint64_t arrivals = 0;
  std::uint64_t completions = 0;
  std::uint64_t rejections = 0;
  std::uint32_t servers = 0;  // 0 for blocks that do not serve (sources)
  double mean_in_system = 0;  // time-averaged number waiting or in service
  double mean_busy = 0;       // time-averaged busy servers
  // Time-averaged servers when their number changes during a run (a pool's instances), unrounded; 0: always
  // `servers`.
  double mean_servers = 0;
  std::int64_t peak_in_system = 0;
  std::int64_t in_system_at_end = 0;
  std::uint64_t writes_lost = 0;  // writes acknowledged to their caller, then lost by a fault (RPO)
  BillableUsage usage;
};

// The counters every serving block reports: its counts, and its occupancy from its in-system level. The block
// adds what only it knows (mean busy servers).
inline BlockCounters serving_counters(std::string name, std::string kind, std::uint64_t arrivals,
                                      std::uint64_t completions, std::uint64_t rejections,
                                      std::uint32_t servers, const LevelIntegral& in_system, SimTime now) {
  BlockCounters c;
  c.name = std::move(name);
  c.kind = std::move(kind);
  c.arrivals = arrivals;
  c.completions = completions;
  c.rejections = rejections;
  c.servers = servers;
  c.mean_in_system = in_system.average(now);
  c.peak_in_system = in_system.peak();
  c.in_system_at_end = in_system.level();
  return c;
}

}  // namespace sdsim
