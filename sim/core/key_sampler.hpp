#pragma once
// Which key a request touches: uniform over `count` keys, or Zipf with exponent `skew` (key 0 the most
// popular). Sampling is O(1) for any key count (rejection-inversion, Hörmann and Derflinger 1996), so a key
// space of 10^12 costs no memory. Optionally a hot-key share: that fraction of requests goes to the first
// `hot_keys` keys (uniformly among them), the rest follow the base popularity.
#include <cstdint>

#include "sim/core/rng.hpp"

namespace sdsim {

class KeySampler {
 public:
  static KeySampler uniform(std::uint64_t count);
  static KeySampler zipf(std::uint64_t count, double skew);
  // This sampler with `share` (0 to 1) of requests sent to keys 0 .. hot_keys - 1.
  KeySampler with_hot_keys(double share, std::uint64_t hot_keys) const;

  std::uint64_t sample(Rng& rng) const;
  std::uint64_t count() const { return count_; }
  bool is_zipf() const { return zipf_; }
  double skew() const { return skew_; }
  double hot_share() const { return hot_share_; }
  std::uint64_t hot_keys() const { return hot_keys_; }
  // P(key k) for 0 <= k < count; O(count) the first time for Zipf (its normalising sum), for tests and
  // theory.
  double probability(std::uint64_t key) const;

 private:
  KeySampler(std::uint64_t count, bool zipf, double skew);
  double base_probability(std::uint64_t key) const;
  double h(double x) const;
  double h_integral(double x) const;
  double h_integral_inverse(double x) const;

  std::uint64_t count_;
  bool zipf_;
  double skew_;
  double h_integral_x1_ = 0;
  double h_integral_n_ = 0;
  double s_ = 0;
  mutable double normaliser_ = 0;
  double hot_share_ = 0;
  std::uint64_t hot_keys_ = 1;
};

}  // namespace sdsim
