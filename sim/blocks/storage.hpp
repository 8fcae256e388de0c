#pragma once
// An Amazon S3 bucket: a request's key maps to one of `prefixes` prefixes, each with its own GET/HEAD and
// PUT/DELETE request-rate token buckets (beyond them: 503 Slow Down, refused at once). A request let through
// takes first-byte latency plus the object's transfer time; concurrency is unbounded.
#include <cstdint>
#include <vector>

#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/token_bucket.hpp"

namespace sdsim {

struct StorageDef {
  std::uint32_t prefixes = 1;    // partitioned prefixes keys spread over, >= 1
  double get_rate_per_s = 5500;  // GET/HEAD requests/s per prefix
  double put_rate_per_s = 3500;  // PUT/COPY/POST/DELETE requests/s per prefix
  double object_kb = 100;        // KB moved per GET or PUT, >= 0
  double throughput_mb_s = 85;   // MB/s one request transfers at, > 0
  Distribution first_byte = Distribution::lognormal(30e6, 100e6);  // ns
};

enum class StorageRequest : std::uint8_t { get, put, remove };

class Storage final : public Block {
 public:
  Storage(std::string name, StorageDef def, Rng latency_rng);

  // get, read, query and plain calls are GETs; write, set and send PUTs; delete (remove) DELETEs.
  static StorageRequest request_of(Operation operation);
  // The transfer time of an object at the per-request throughput (1 MB = 1000 KB), in ns.
  static double transfer_ns(double object_kb, double throughput_mb_s);

  void accept(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  BlockId release(Engine& engine, TaskId id) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

  std::uint32_t prefix_of(std::uint64_t key) const;
  // Counts since the last statistics reset (throttled requests included in the totals).
  std::uint64_t gets() const { return gets_; }
  std::uint64_t puts() const { return puts_; }
  std::uint64_t deletes() const { return deletes_; }
  std::uint64_t throttles() const { return throttles_; }
  std::uint64_t prefix_requests(std::uint32_t prefix) const { return prefix_requests_[prefix]; }
  std::uint64_t prefix_throttles(std::uint32_t prefix) const { return prefix_throttles_[prefix]; }
  const StorageDef& def() const { return def_; }

 private:
  StorageDef def_;
  Rng latency_rng_;
  SimTime transfer_;
  std::vector<TokenBucket> prefix_reads_;
  std::vector<TokenBucket> prefix_writes_;  // PUT, COPY, POST and DELETE share the write limit
  std::vector<std::uint64_t> prefix_requests_;
  std::vector<std::uint64_t> prefix_throttles_;
  LevelIntegral in_system_;
  std::uint64_t arrivals_ = 0;
  std::uint64_t completions_ = 0;
  std::uint64_t gets_ = 0;
  std::uint64_t puts_ = 0;
  std::uint64_t deletes_ = 0;
  std::uint64_t throttles_ = 0;
};

}  // namespace sdsim
