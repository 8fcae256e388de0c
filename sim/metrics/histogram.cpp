#include "sim/metrics/histogram.hpp"

#include <algorithm>
#include <cmath>

namespace sdsim {

std::int64_t Histogram::lower_edge(std::size_t index) {
  if (index < 256) return static_cast<std::int64_t>(index);
  std::size_t k = index - 256;
  int exponent = 8 + static_cast<int>(k / 128);
  auto mantissa = static_cast<std::int64_t>(128 + k % 128);
  return mantissa << (exponent - sub_bits);
}

std::int64_t Histogram::width(std::size_t index) {
  if (index < 256) return 1;
  int exponent = 8 + static_cast<int>((index - 256) / 128);
  return std::int64_t{1} << (exponent - sub_bits);
}

void Histogram::merge(const Histogram& other) {
  for (std::size_t i = 0; i < bucket_count; ++i)
    buckets_[i] += other.buckets_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  max_ = std::max(max_, other.max_);
  min_ = std::min(min_, other.min_);
}

double Histogram::mean() const {
  if (count_ == 0) return 0;
  return static_cast<double>(sum_) / static_cast<double>(count_);
}

double Histogram::percentile(double q) const {
  if (count_ == 0) return 0;
  auto rank = static_cast<std::uint64_t>(std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(count_)));
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < bucket_count; ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      double mid = static_cast<double>(lower_edge(i)) + static_cast<double>(width(i) - 1) / 2.0;
      return std::clamp(mid, static_cast<double>(min()), static_cast<double>(max_));
    }
  }
  return static_cast<double>(max_);
}

double Histogram::fraction_above(std::int64_t value) const {
  if (count_ == 0) return 0;
  if (value < 0) return 1;
  std::size_t at = index_of(value);
  std::uint64_t above = 0;
  for (std::size_t i = at + 1; i < bucket_count; ++i)
    above += buckets_[i];
  // Within the bucket holding `value`, assume samples spread evenly.
  double inside = static_cast<double>(buckets_[at]) *
                  static_cast<double>(lower_edge(at) + width(at) - 1 - value) /
                  static_cast<double>(width(at));
  return (static_cast<double>(above) + inside) / static_cast<double>(count_);
}

}  // namespace sdsim
