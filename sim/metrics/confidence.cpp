#include "sim/metrics/confidence.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "sim/core/distribution.hpp"

namespace sdsim {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// Continued fraction for the regularized incomplete beta (modified Lentz), valid for x < (a + 1) / (a + b +
// 2).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  constexpr double eps = 1e-16;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::abs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 100000; ++m) {
    const double md = static_cast<double>(m);
    const double m2 = 2.0 * md;
    double aa = md * (b - md) * x / ((a + m2 - 1.0) * (a + m2));
    d = 1.0 + aa * d;
    if (std::abs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::abs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + md) * (a + b + md) * x / ((a + m2) * (a + m2 + 1.0));
    d = 1.0 + aa * d;
    if (std::abs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::abs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double step = d * c;
    h *= step;
    if (std::abs(step - 1.0) < eps) break;
  }
  return h;
}

// I_x(a, b) with y = 1 - x passed separately: for the t tail x = nu / (nu + t^2) sits next to 1, and forming
// 1 - x by subtraction would throw away the digits that matter.
double regularized_beta(double a, double b, double x, double y) {
  if (x <= 0.0) return 0.0;
  if (y <= 0.0) return 1.0;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log(y);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, y) / b;
}

// P(T > t) for t >= 0.
double t_upper_tail(double t, double nu) {
  const double t2 = t * t;
  return 0.5 * regularized_beta(0.5 * nu, 0.5, nu / (nu + t2), t2 / (nu + t2));
}

double t_density(double t, double nu) {
  const double log_norm =
      std::lgamma(0.5 * (nu + 1.0)) - std::lgamma(0.5 * nu) - 0.5 * std::log(nu * std::numbers::pi);
  return std::exp(log_norm - 0.5 * (nu + 1.0) * std::log1p(t * t / nu));
}

// Cornish-Fisher expansion of the t quantile around the normal one (Abramowitz & Stegun 26.7.5): the starting
// point for the Newton refinement, and already exact to double precision for very large nu.
double cornish_fisher_t(double z, double nu) {
  const double z2 = z * z;
  const double g1 = z * (z2 + 1.0) / 4.0;
  const double g2 = z * ((5.0 * z2 + 16.0) * z2 + 3.0) / 96.0;
  const double g3 = z * (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) / 384.0;
  const double g4 = z * ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) / 92160.0;
  return z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu;
}

}  // namespace

double normal_quantile(double p) {
  if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("normal_quantile: p must be in [0, 1]");
  return inverse_normal_cdf(p);
}

double student_t_quantile(double p, std::uint32_t degrees_of_freedom) {
  if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("student_t_quantile: p must be in [0, 1]");
  if (degrees_of_freedom == 0)
    throw std::invalid_argument("student_t_quantile: degrees of freedom must be >= 1");
  if (p == 0.0) return -infinity;
  if (p == 1.0) return infinity;
  if (p == 0.5) return 0.0;
  if (p < 0.5) return -student_t_quantile(1.0 - p, degrees_of_freedom);
  // Closed forms exist for 1 and 2 degrees of freedom; use them rather than iterate.
  if (degrees_of_freedom == 1) return std::tan(std::numbers::pi * (p - 0.5));
  if (degrees_of_freedom == 2) return (2.0 * p - 1.0) / std::sqrt(2.0 * p * (1.0 - p));
  const double nu = static_cast<double>(degrees_of_freedom);
  double t = cornish_fisher_t(normal_quantile(p), nu);
  // From here on the expansion's first omitted term (order nu^-5) is below 1e-12 relative even for tails of
  // 1e-6, while the incomplete beta loses about as much to cancellation between large lgamma values.
  if (nu >= 1000.0) return t;
  // Safeguarded Newton on the upper tail: the tail is 0.5 at t = 0, so [0, hi] brackets the root once hi is
  // pushed past it, and any Newton step leaving the bracket is replaced by bisection.
  const double target = 1.0 - p;
  double lo = 0.0;
  double hi = std::max(t, 1.0);
  while (t_upper_tail(hi, nu) > target) {
    lo = hi;
    hi *= 2.0;
  }
  t = std::clamp(t, lo, hi);
  for (int i = 0; i < 100; ++i) {
    const double excess = t_upper_tail(t, nu) - target;
    if (excess > 0.0) {
      lo = t;
    } else {
      hi = t;
    }
    double next = t + excess / t_density(t, nu);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const bool done = std::abs(next - t) <= 1e-14 * std::abs(next);
    t = next;
    if (done || hi - lo <= 1e-15 * hi) break;
  }
  return t;
}

Estimate estimate_mean(std::span<const double> samples, double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw std::invalid_argument("estimate_mean: confidence must be in (0, 1)");
  }
  Estimate out;
  out.samples = static_cast<std::uint32_t>(samples.size());
  if (samples.empty()) return out;
  // Summing offsets from the first sample keeps digits when the samples sit far from zero, and makes
  // identical samples give exactly their value and a zero width.
  const double shift = samples.front();
  double offset_sum = 0.0;
  for (const double x : samples) {
    offset_sum += x - shift;
  }
  const double n = static_cast<double>(samples.size());
  const double offset_mean = offset_sum / n;
  out.mean = shift + offset_mean;
  if (samples.size() < 2) return out;
  // Two passes (deviations from the mean) rather than a sum of squares, which cancels for clustered data.
  double squares = 0.0;
  for (const double x : samples) {
    const double deviation = (x - shift) - offset_mean;
    squares += deviation * deviation;
  }
  const double stddev = std::sqrt(squares / (n - 1.0));
  out.half_width = student_t_quantile(0.5 * (1.0 + confidence), out.samples - 1) * stddev / std::sqrt(n);
  return out;
}

}  // namespace sdsim
