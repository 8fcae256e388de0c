#pragma once
// Duration distributions stated the way people think of them (mean, p50 and p99, min and max...). Sampling is
// a switch on the kind, computed with the project's own Rng so results match on every machine. Values are in
// ns.
#include <string>
#include <vector>

#include "sim/core/portable_math.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/time.hpp"

namespace sdsim {

class Distribution {
 public:
  enum class Kind { constant, exponential, lognormal, uniform, pareto, empirical };
  struct Point {
    double value_ns;    // a duration
    double cumulative;  // P(X <= value), non-decreasing, last point 1
  };

  static Distribution constant(double value_ns);
  static Distribution exponential(double mean_ns);
  // Lognormal fitted to a median and a 99th percentile (p99 > p50 > 0).
  static Distribution lognormal(double p50_ns, double p99_ns);
  static Distribution uniform(double min_ns, double max_ns);
  // Pareto type I: P(X > x) = (scale / x)^shape for x >= scale.
  static Distribution pareto(double scale_ns, double shape);
  // Piecewise-linear CDF through the points (at least 2, values and probabilities non-decreasing, last p =
  // 1).
  static Distribution empirical(std::vector<Point> points);

  SimTime sample(Rng& rng) const {
    switch (kind_) {
      case Kind::constant:
        return to_sim_time(a_);
      case Kind::exponential:
        return to_sim_time(-a_ * portable_log(rng.uniform_open_zero()));
      default:
        return sample_slow(rng);
    }
  }

  Kind kind() const { return kind_; }
  double mean_ns() const;              // +infinity for a Pareto with shape <= 1
  double variance_ns2() const;         // +infinity where it does not exist
  double quantile_ns(double p) const;  // inverse CDF, p in (0, 1)
  std::string describe() const;        // e.g. "exponential(mean 10 ms)"

 private:
  Distribution(Kind kind, double a, double b) : kind_(kind), a_(a), b_(b) {}
  SimTime sample_slow(Rng& rng) const;

  Kind kind_;
  double a_;  // constant: value; exponential: mean; lognormal: mu; uniform: min; pareto: scale
  double b_;  // lognormal: sigma; uniform: max; pareto: shape
  std::vector<Point> points_;  // empirical only
};

// Inverse of the standard normal CDF (Acklam's rational approximation with one Halley step; error < 1e-12).
double inverse_normal_cdf(double p);
// The same without the refinement step (relative error < 1.2e-9), from portable operations only: for
// sampling.
double inverse_normal_cdf_portable(double p);

}  // namespace sdsim
