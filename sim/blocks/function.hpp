#pragma once
// An AWS Lambda function: execution environments each serve one invocation at a time. An invocation takes an
// idle warm environment, or starts a new one (a cold start) while under the concurrency limit and the
// scale-up rate; otherwise it is throttled (429). Idle environments are reclaimed after a timeout.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/token_bucket.hpp"

namespace sdsim {

struct FunctionDef {
  std::uint32_t concurrency_limit = 1000;  // environments alive at once, >= 1
  double scale_up_per_s = 100;             // new environments per second (token refill)
  double scale_up_burst = 1000;            // new environments at once (token bucket depth), >= 1
  SimTime idle_timeout = from_s(600);      // an idle environment lives this long, > 0
  Distribution cold_start = Distribution::uniform(100e6, 1000e6);  // ns, init before the first invocation
  Distribution duration = Distribution::exponential(100e6);        // ns, one invocation's own work
};

class Function final : public Block {
 public:
  Function(std::string name, FunctionDef def, Rng cold_start_rng, Rng duration_rng);

  void accept(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  BlockId release(Engine& engine, TaskId id) override;
  // "concurrency_limit" only: lowered, idle environments over the limit are reclaimed now and busy ones as
  // they finish; invocations over the limit are throttled.
  std::string set_param(Engine& engine, std::string_view name, const ParamValue& value) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

  // Counts since the last statistics reset. Every cold start creates one environment.
  std::uint64_t invocations() const { return arrivals_; }
  std::uint64_t cold_starts() const { return cold_starts_; }
  std::uint64_t warm_starts() const { return warm_starts_; }
  std::uint64_t throttles() const { return concurrency_throttles_ + scaling_throttles_; }
  // Throttled because the concurrency limit was reached, or because the scale-up rate was spent.
  std::uint64_t concurrency_throttles() const { return concurrency_throttles_; }
  std::uint64_t scaling_throttles() const { return scaling_throttles_; }
  std::uint64_t environments_reclaimed() const { return reclaimed_; }
  // Environments alive now (busy, initializing or idle), their peak since the reset and their time average.
  std::uint64_t environments() const { return busy_count() + idle_count(); }
  std::int64_t peak_environments() const { return environments_.peak(); }
  double mean_environments(SimTime now) const { return environments_.average(now); }
  std::uint64_t idle_environments() const { return idle_count(); }

 private:
  std::uint64_t busy_count() const { return static_cast<std::uint64_t>(busy_.level()); }
  std::uint64_t idle_count() const { return idle_.size() - idle_head_; }
  void reclaim_expired(SimTime now);

  FunctionDef def_;
  Rng cold_start_rng_;
  Rng duration_rng_;
  TokenBucket scale_up_;
  // When each idle environment became idle, oldest first from idle_head_: the most recently used one is
  // reused first (so a shrinking load lets the oldest expire), and reclaiming takes from the front.
  std::vector<SimTime> idle_;
  std::size_t idle_head_ = 0;
  LevelIntegral busy_;
  LevelIntegral environments_;
  std::uint64_t arrivals_ = 0;
  std::uint64_t completions_ = 0;
  std::uint64_t cold_starts_ = 0;
  std::uint64_t warm_starts_ = 0;
  std::uint64_t concurrency_throttles_ = 0;
  std::uint64_t scaling_throttles_ = 0;
  std::uint64_t reclaimed_ = 0;
};

}  // namespace sdsim
