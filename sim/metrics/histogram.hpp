#pragma once
// Log-bucketed histogram of non-negative durations (ns). Values below 256 are exact; above, each power of two
// is split into 128 buckets, so a reported percentile is within 0.4% of the true sample value (bucket
// midpoint).
#include <array>
#include <bit>
#include <cstdint>

#include "sim/core/uint128.hpp"

namespace sdsim {

class Histogram {
 public:
  static constexpr int sub_bits = 7;                           // 128 buckets per octave
  static constexpr std::int64_t linear_limit = 2 << sub_bits;  // 256: values below are their own bucket
  static constexpr std::size_t bucket_count = 256 + (62 - 8 + 1) * 128;
  // Bound on |reported - true| / true for any percentile (half a bucket over the bucket's lower edge).
  static constexpr double max_relative_error = 1.0 / (2 * 128);

  void record(std::int64_t value) {
    if (value < 0) value = 0;
    ++buckets_[index_of(value)];
    ++count_;
    sum_ += static_cast<Uint128>(value);
    if (value > max_) max_ = value;
    if (value < min_) min_ = value;
  }

  // The same as record(0) `n` times.
  void add_zeros(std::uint64_t n) {
    if (n == 0) return;
    buckets_[0] += n;
    count_ += n;
    min_ = 0;
  }
  void clear() { *this = Histogram{}; }
  void merge(const Histogram& other);

  std::uint64_t count() const { return count_; }
  double mean() const;
  std::int64_t min() const { return count_ ? min_ : 0; }
  std::int64_t max() const { return max_; }
  // Nearest-rank percentile, q in [0, 1]; reported as the bucket midpoint clamped to [min, max].
  double percentile(double q) const;
  // Fraction of samples strictly above `value` (exact at bucket edges, interpolated inside a bucket).
  double fraction_above(std::int64_t value) const;

  static std::size_t index_of(std::int64_t value) {
    if (value < linear_limit) return static_cast<std::size_t>(value);
    int exponent = 63 - std::countl_zero(static_cast<std::uint64_t>(value));
    int shift = exponent - sub_bits;
    auto mantissa = static_cast<std::size_t>(value >> shift);  // in [128, 256)
    return 256 + static_cast<std::size_t>(exponent - 8) * 128 + (mantissa - 128);
  }
  static std::int64_t lower_edge(std::size_t index);
  static std::int64_t width(std::size_t index);

 private:
  std::array<std::uint64_t, bucket_count> buckets_{};
  std::uint64_t count_ = 0;
  Uint128 sum_ = 0;
  std::int64_t min_ = INT64_MAX;
  std::int64_t max_ = 0;
};

}  // namespace sdsim
