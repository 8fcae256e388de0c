#include "sim/blocks/storage.hpp"

#include <algorithm>

#include "sim/core/engine.hpp"

namespace sdsim {

Storage::Storage(std::string name, StorageDef def, Rng latency_rng)
    : Block(std::move(name)),
      def_(std::move(def)),
      latency_rng_(latency_rng),
      transfer_(to_sim_time(transfer_ns(def_.object_kb, def_.throughput_mb_s))),
      // One second of requests banked per prefix, as for DynamoDB partitions: S3 states only per-second
      // rates.
      prefix_reads_(def_.prefixes, TokenBucket(def_.get_rate_per_s, def_.get_rate_per_s)),
      prefix_writes_(def_.prefixes, TokenBucket(def_.put_rate_per_s, def_.put_rate_per_s)),
      prefix_requests_(def_.prefixes, 0),
      prefix_throttles_(def_.prefixes, 0) {}

StorageRequest Storage::request_of(Operation operation) {
  switch (operation) {
    case Operation::write:
    case Operation::set:
    case Operation::send:
      return StorageRequest::put;
    case Operation::remove:
      return StorageRequest::remove;
    default:
      return StorageRequest::get;
  }
}

double Storage::transfer_ns(double object_kb, double throughput_mb_s) {
  return object_kb / (throughput_mb_s * 1000) * 1e9;
}

std::uint32_t Storage::prefix_of(std::uint64_t key) const {
  return shard_of(key, def_.prefixes);
}

void Storage::accept(Engine& engine, TaskId id) {
  ++arrivals_;
  SimTime now = engine.now();
  std::uint32_t prefix = prefix_of(engine.key(id));
  ++prefix_requests_[prefix];
  StorageRequest request = request_of(engine.operation(id));
  ++(request == StorageRequest::get ? gets_ : request == StorageRequest::put ? puts_ : deletes_);
  TokenBucket& bucket = request == StorageRequest::get ? prefix_reads_[prefix] : prefix_writes_[prefix];
  bucket.refill(now);
  if (!bucket.holds(1)) {
    ++throttles_;
    ++prefix_throttles_[prefix];
    engine.refuse(id, Outcome::throttled);  // 503 Slow Down
    return;
  }
  bucket.take(1);
  in_system_.change(now, +1);
  engine.task(id).started = now;
  // A DELETE moves no object body.
  SimTime transfer = request == StorageRequest::remove ? 0 : transfer_;
  engine.schedule_in(def_.first_byte.sample(latency_rng_) + transfer, this->id(), 0, id);
}

void Storage::on_event(Engine& engine, const Event& e) {
  engine.served(e.arg);
}

BlockId Storage::release(Engine& engine, TaskId id) {
  in_system_.change(engine.now(), -1);
  ++completions_;
  engine.report_departure(id);
  return no_block;
}

void Storage::reset_statistics(SimTime now) {
  in_system_.restart(now);
  arrivals_ = completions_ = 0;
  gets_ = puts_ = deletes_ = throttles_ = 0;
  std::fill(prefix_requests_.begin(), prefix_requests_.end(), 0);
  std::fill(prefix_throttles_.begin(), prefix_throttles_.end(), 0);
}

BlockCounters Storage::counters(SimTime now) const {
  // Unbounded concurrency (servers 0): every admitted request is in service.
  BlockCounters c =
      serving_counters(name(), "storage", arrivals_, completions_, throttles_, 0, in_system_, now);
  c.mean_busy = c.mean_in_system;
  c.usage.read_units = static_cast<double>(gets_);
  c.usage.write_units = static_cast<double>(puts_);
  return c;
}

}  // namespace sdsim
