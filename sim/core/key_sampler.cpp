#include "sim/core/key_sampler.hpp"

#include <cmath>

#include "sim/core/portable_math.hpp"

namespace sdsim {

namespace {

// log(1 + x) / x and (exp(x) - 1) / x, accurate near x = 0, from portable operations only.
double log1p_over_x(double x) {
  if (std::abs(x) > 1e-4) return portable_log(1 + x) / x;
  return 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x));
}

double expm1_over_x(double x) {
  if (std::abs(x) > 1e-5) return (portable_exp(x) - 1) / x;
  return 1 + x * 0.5 * (1 + x / 3 * (1 + 0.25 * x));
}

}  // namespace

KeySampler KeySampler::uniform(std::uint64_t count) {
  return {count, false, 0};
}
KeySampler KeySampler::zipf(std::uint64_t count, double skew) {
  return {count, true, skew};
}

KeySampler::KeySampler(std::uint64_t count, bool zipf, double skew)
    : count_(count), zipf_(zipf), skew_(skew) {
  if (!zipf_) return;
  h_integral_x1_ = h_integral(1.5) - 1;
  h_integral_n_ = h_integral(static_cast<double>(count_) + 0.5);
  s_ = 2 - h_integral_inverse(h_integral(2.5) - h(2));
}

double KeySampler::h(double x) const {
  return portable_exp(-skew_ * portable_log(x));
}

// The integral of h from 1 to x (x^(1-s) - 1) / (1 - s), continuous through s = 1.
double KeySampler::h_integral(double x) const {
  double log_x = portable_log(x);
  return expm1_over_x((1 - skew_) * log_x) * log_x;
}

double KeySampler::h_integral_inverse(double x) const {
  double t = x * (1 - skew_);
  if (t < -1) t = -1;  // rounding near the lower end
  return portable_exp(log1p_over_x(t) * x);
}

KeySampler KeySampler::with_hot_keys(double share, std::uint64_t hot_keys) const {
  KeySampler s = *this;
  s.hot_share_ = share;
  s.hot_keys_ = hot_keys < 1 ? 1 : hot_keys > count_ ? count_ : hot_keys;
  return s;
}

std::uint64_t KeySampler::sample(Rng& rng) const {
  if (hot_share_ > 0 && rng.uniform() < hot_share_) return rng.below(hot_keys_);
  if (!zipf_) return rng.below(count_);
  const double n = static_cast<double>(count_);
  for (;;) {
    double u = h_integral_n_ + rng.uniform() * (h_integral_x1_ - h_integral_n_);
    double x = h_integral_inverse(u);
    double k = std::floor(x + 0.5);
    if (k < 1) k = 1;
    if (k > n) k = n;
    if (k - x <= s_ || u >= h_integral(k + 0.5) - h(k)) return static_cast<std::uint64_t>(k) - 1;
  }
}

double KeySampler::probability(std::uint64_t key) const {
  double hot = key < hot_keys_ ? hot_share_ / static_cast<double>(hot_keys_) : 0;
  return hot + (1 - hot_share_) * base_probability(key);
}

double KeySampler::base_probability(std::uint64_t key) const {
  if (!zipf_) return 1.0 / static_cast<double>(count_);
  if (normaliser_ == 0) {
    for (std::uint64_t k = count_; k >= 1; --k)
      normaliser_ += h(static_cast<double>(k));
  }
  return h(static_cast<double>(key + 1)) / normaliser_;
}

}  // namespace sdsim
