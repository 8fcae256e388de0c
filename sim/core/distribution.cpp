#include "sim/core/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace sdsim {

namespace {

constexpr double z99 = 2.3263478740408408;  // standard normal 99th percentile
constexpr double infinity = std::numeric_limits<double>::infinity();

std::string ms_text(double ns) {
  std::ostringstream out;
  out.precision(4);
  out << ns / 1e6 << " ms";
  return out.str();
}

}  // namespace

namespace {

// Acklam's rational approximation of the standard normal quantile, with `log` supplied by the caller.
template <typename Log>
double acklam(double p, Log log) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01, -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  if (p <= 0.0) return -infinity;
  if (p >= 1.0) return infinity;
  if (p < 0.02425) {
    double q = std::sqrt(-2 * log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p <= 1 - 0.02425) {
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  double q = std::sqrt(-2 * log(1 - p));
  return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
         ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
}

}  // namespace

double inverse_normal_cdf_portable(double p) {
  return acklam(p, [](double x) { return portable_log(x); });
}

double inverse_normal_cdf(double p) {
  double x = acklam(p, [](double v) { return std::log(v); });
  if (!std::isfinite(x)) return x;
  // One Halley step against the exact CDF brings the error to machine precision.
  double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

Distribution Distribution::constant(double value_ns) {
  return {Kind::constant, value_ns, 0};
}
Distribution Distribution::exponential(double mean_ns) {
  return {Kind::exponential, mean_ns, 0};
}
Distribution Distribution::lognormal(double p50_ns, double p99_ns) {
  double mu = portable_log(p50_ns);
  return {Kind::lognormal, mu, (portable_log(p99_ns) - mu) / z99};
}
Distribution Distribution::uniform(double min_ns, double max_ns) {
  return {Kind::uniform, min_ns, max_ns};
}
Distribution Distribution::pareto(double scale_ns, double shape) {
  return {Kind::pareto, scale_ns, shape};
}
Distribution Distribution::empirical(std::vector<Point> points) {
  Distribution d{Kind::empirical, 0, 0};
  d.points_ = std::move(points);
  return d;
}

SimTime Distribution::sample_slow(Rng& rng) const {
  switch (kind_) {
    case Kind::lognormal:
      return to_sim_time(portable_exp(a_ + b_ * inverse_normal_cdf_portable(rng.uniform_open_zero())));
    case Kind::uniform:
      return to_sim_time(a_ + (b_ - a_) * rng.uniform());
    case Kind::pareto:
      return to_sim_time(a_ * portable_exp(-portable_log(rng.uniform_open_zero()) / b_));
    case Kind::empirical:
      return to_sim_time(quantile_ns(rng.uniform()));
    default:
      return sample(rng);
  }
}

double Distribution::mean_ns() const {
  switch (kind_) {
    case Kind::constant:
    case Kind::exponential:
      return a_;
    case Kind::lognormal:
      return std::exp(a_ + b_ * b_ / 2);
    case Kind::uniform:
      return (a_ + b_) / 2;
    case Kind::pareto:
      return b_ > 1 ? b_ * a_ / (b_ - 1) : infinity;
    case Kind::empirical: {
      double mean = points_.front().value_ns * points_.front().cumulative;
      for (std::size_t i = 1; i < points_.size(); ++i) {
        double mass = points_[i].cumulative - points_[i - 1].cumulative;
        mean += mass * (points_[i].value_ns + points_[i - 1].value_ns) / 2;
      }
      return mean;
    }
  }
  return 0;
}

double Distribution::variance_ns2() const {
  switch (kind_) {
    case Kind::constant:
      return 0;
    case Kind::exponential:
      return a_ * a_;
    case Kind::lognormal:
      return (std::exp(b_ * b_) - 1) * std::exp(2 * a_ + b_ * b_);
    case Kind::uniform:
      return (b_ - a_) * (b_ - a_) / 12;
    case Kind::pareto:
      return b_ > 2 ? a_ * a_ * b_ / ((b_ - 1) * (b_ - 1) * (b_ - 2)) : infinity;
    case Kind::empirical: {
      // Each linear segment is a uniform on [lo, hi] carrying its probability mass.
      double second = points_.front().value_ns * points_.front().value_ns * points_.front().cumulative;
      for (std::size_t i = 1; i < points_.size(); ++i) {
        double lo = points_[i - 1].value_ns, hi = points_[i].value_ns;
        double mass = points_[i].cumulative - points_[i - 1].cumulative;
        second += mass * (lo * lo + lo * hi + hi * hi) / 3;
      }
      double mean = mean_ns();
      return second - mean * mean;
    }
  }
  return 0;
}

double Distribution::quantile_ns(double p) const {
  switch (kind_) {
    case Kind::constant:
      return a_;
    case Kind::exponential:
      return -a_ * std::log(1 - p);
    case Kind::lognormal:
      return std::exp(a_ + b_ * inverse_normal_cdf(p));
    case Kind::uniform:
      return a_ + (b_ - a_) * p;
    case Kind::pareto:
      return a_ / std::pow(1 - p, 1.0 / b_);
    case Kind::empirical: {
      if (p <= points_.front().cumulative) return points_.front().value_ns;
      auto upper = std::lower_bound(points_.begin(), points_.end(), p,
                                    [](const Point& point, double q) { return point.cumulative < q; });
      if (upper == points_.end()) return points_.back().value_ns;
      auto lower = upper - 1;
      double span = upper->cumulative - lower->cumulative;
      if (span <= 0) return upper->value_ns;
      return lower->value_ns + (upper->value_ns - lower->value_ns) * (p - lower->cumulative) / span;
    }
  }
  return 0;
}

std::string Distribution::describe() const {
  switch (kind_) {
    case Kind::constant:
      return "constant(" + ms_text(a_) + ")";
    case Kind::exponential:
      return "exponential(mean " + ms_text(a_) + ")";
    case Kind::lognormal:
      return "lognormal(p50 " + ms_text(quantile_ns(0.5)) + ", p99 " + ms_text(quantile_ns(0.99)) + ")";
    case Kind::uniform:
      return "uniform(" + ms_text(a_) + " to " + ms_text(b_) + ")";
    case Kind::pareto: {
      std::ostringstream out;
      out << "pareto(scale " << ms_text(a_) << ", shape " << b_ << ")";
      return out.str();
    }
    case Kind::empirical:
      return "empirical(" + std::to_string(points_.size()) + " points)";
  }
  return "";
}

}  // namespace sdsim
