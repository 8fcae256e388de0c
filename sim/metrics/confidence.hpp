#pragma once
// Student-t confidence intervals for the mean of independent replications. Deterministic: the same samples in
// the same order always give bit-identical results.
#include <cstdint>
#include <span>

namespace sdsim {

// Quantile of Student's t distribution with the given degrees of freedom (>= 1), p in [0, 1]; about 1e-12
// relative for practical arguments. -/+infinity at p = 0 / 1.
double student_t_quantile(double p, std::uint32_t degrees_of_freedom);

// Quantile of the standard normal distribution, p in [0, 1].
double normal_quantile(double p);

struct Estimate {
  double mean = 0;
  double half_width = 0;  // confidence-interval half-width; 0 with fewer than 2 samples
  std::uint32_t samples = 0;

  double low() const { return mean - half_width; }
  double high() const { return mean + half_width; }
  bool contains(double x) const { return low() <= x && x <= high(); }
};

// mean +/- t_{(1+confidence)/2, n-1} s / sqrt(n), s the sample standard deviation; confidence in (0, 1).
Estimate estimate_mean(std::span<const double> samples, double confidence = 0.95);

}  // namespace sdsim
