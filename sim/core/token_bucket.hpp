#pragma once
// A token bucket: units refill continuously at a rate per second up to `depth`, and a request takes units if
// enough are there. It models every rate limit in the catalog (throttling, partition capacity, scale-up
// rates). The bucket starts full.
#include "sim/core/time.hpp"

namespace sdsim {

class TokenBucket {
 public:
  TokenBucket(double rate_per_s, double depth)
      : rate_per_ns_(rate_per_s * 1e-9), depth_(depth), tokens_(depth) {}

  void refill(SimTime now) {
    tokens_ += rate_per_ns_ * static_cast<double>(now - last_);
    if (tokens_ > depth_) tokens_ = depth_;
    last_ = now;
  }
  bool holds(double units) const { return tokens_ >= units; }
  void take(double units) { tokens_ -= units; }
  // Refills to `now`, then takes `units` if the bucket holds them.
  bool try_take(SimTime now, double units = 1) {
    refill(now);
    if (!holds(units)) return false;
    take(units);
    return true;
  }
  double tokens() const { return tokens_; }
  // From `now` on, refills at a new rate (what was refilled until now stays).
  void set_rate(SimTime now, double rate_per_s) {
    refill(now);
    rate_per_ns_ = rate_per_s * 1e-9;
  }
  // A new depth: tokens banked beyond it are lost.
  void set_depth(double depth) {
    depth_ = depth;
    if (tokens_ > depth_) tokens_ = depth_;
  }

 private:
  double rate_per_ns_;
  double depth_;
  double tokens_;
  SimTime last_ = 0;
};

}  // namespace sdsim
