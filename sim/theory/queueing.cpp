#include "sim/theory/queueing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace sdsim::theory {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(std::string("sdsim::theory: ") + what);
}

void check_mmc(double arrival_rate, double service_rate, std::uint32_t servers) {
  require(std::isfinite(arrival_rate) && arrival_rate >= 0.0, "arrival rate must be finite and >= 0");
  require(std::isfinite(service_rate) && service_rate > 0.0, "service rate must be finite and > 0");
  require(servers > 0, "at least one server is required");
}

void check_probability(double p) {
  require(p >= 0.0 && p <= 1.0, "probability must be in [0, 1]");
}

// (1 - e^{-x}) / x, continuous at 0. expm1 keeps it exact when x is tiny, which is what makes the
// hypoexponential tail below safe when theta and mu nearly coincide.
double one_minus_exp_over(double x) {
  return x == 0.0 ? 1.0 : -std::expm1(-x) / x;
}

// P(X + S > t) with X ~ Exp(theta), S ~ Exp(mu). The textbook (theta e^{-mu t} - mu e^{-theta t}) / (theta -
// mu) cancels catastrophically as theta -> mu; rewriting the difference of exponentials around the smaller
// rate gives e^{-mu t} + mu t e^{-min t} (1 - e^{-|theta - mu| t}) / (|theta - mu| t), which is exact at
// equality
// ((1 + mu t) e^{-mu t}) and never forms a growing exponential.
double hypoexponential_tail(double theta, double mu, double t) {
  const double slower = std::min(theta, mu);
  return std::exp(-mu * t) + mu * t * std::exp(-slower * t) * one_minus_exp_over(std::abs(theta - mu) * t);
}

}  // namespace

double erlang_b(std::uint32_t servers, double offered_erlangs) {
  require(std::isfinite(offered_erlangs) && offered_erlangs >= 0.0, "offered load must be finite and >= 0");
  double b = 1.0;
  for (std::uint32_t k = 1; k <= servers; ++k) {
    const double ab = offered_erlangs * b;
    b = ab / (static_cast<double>(k) + ab);
  }
  return b;
}

double erlang_c(std::uint32_t servers, double offered_erlangs) {
  require(std::isfinite(offered_erlangs) && offered_erlangs >= 0.0, "offered load must be finite and >= 0");
  const double c = static_cast<double>(servers);
  if (offered_erlangs >= c) return 1.0;
  const double b = erlang_b(servers, offered_erlangs);
  return c * b / (c - offered_erlangs * (1.0 - b));
}

MmcPrediction mmc(double arrival_rate, double service_rate, std::uint32_t servers) {
  check_mmc(arrival_rate, service_rate, servers);
  const double c = static_cast<double>(servers);
  const double capacity = c * service_rate;
  MmcPrediction out{};
  out.utilization = arrival_rate / capacity;
  if (out.utilization >= 1.0) {
    out.p_wait = 1.0;
    out.mean_wait_s = infinity;
    out.mean_response_s = infinity;
    out.mean_in_system = infinity;
    out.throughput_per_s = capacity;
    return out;
  }
  out.p_wait = erlang_c(servers, arrival_rate / service_rate);
  out.mean_wait_s = out.p_wait / (capacity - arrival_rate);
  out.mean_response_s = out.mean_wait_s + 1.0 / service_rate;
  out.mean_in_system = arrival_rate * out.mean_response_s;
  out.throughput_per_s = arrival_rate;
  return out;
}

double mmc_response_tail(double arrival_rate, double service_rate, std::uint32_t servers, double t) {
  check_mmc(arrival_rate, service_rate, servers);
  const double theta = static_cast<double>(servers) * service_rate - arrival_rate;
  if (theta <= 0.0) return 1.0;
  if (t <= 0.0) return 1.0;
  const double wait = erlang_c(servers, arrival_rate / service_rate);
  return (1.0 - wait) * std::exp(-service_rate * t) + wait * hypoexponential_tail(theta, service_rate, t);
}

double mmc_response_quantile(double arrival_rate, double service_rate, std::uint32_t servers, double p) {
  check_mmc(arrival_rate, service_rate, servers);
  check_probability(p);
  const double theta = static_cast<double>(servers) * service_rate - arrival_rate;
  if (theta <= 0.0 || p == 1.0) return infinity;
  if (p == 0.0) return 0.0;
  const double target = 1.0 - p;
  // The tail is continuous and strictly decreasing from 1 at t = 0, so a doubling bracket plus bisection
  // always converges; the start is the slowest exponential's quantile, already the right order of magnitude.
  double lo = 0.0;
  double hi = -std::log(target) / std::min(theta, service_rate);
  while (mmc_response_tail(arrival_rate, service_rate, servers, hi) > target) {
    lo = hi;
    hi *= 2.0;
  }
  for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (mmc_response_tail(arrival_rate, service_rate, servers, mid) > target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

double mmc_wait_quantile(double arrival_rate, double service_rate, std::uint32_t servers, double p) {
  check_mmc(arrival_rate, service_rate, servers);
  check_probability(p);
  const double theta = static_cast<double>(servers) * service_rate - arrival_rate;
  if (theta <= 0.0) return p == 0.0 ? 0.0 : infinity;
  if (p == 1.0) return infinity;
  const double wait = erlang_c(servers, arrival_rate / service_rate);
  if (p <= 1.0 - wait) return 0.0;
  return std::log(wait / (1.0 - p)) / theta;
}

double mg1_mean_wait(double arrival_rate, double mean_service_s, double service_variance_s2) {
  require(std::isfinite(arrival_rate) && arrival_rate >= 0.0, "arrival rate must be finite and >= 0");
  require(mean_service_s >= 0.0 && service_variance_s2 >= 0.0, "service moments must be >= 0");
  const double rho = arrival_rate * mean_service_s;
  if (rho >= 1.0) return infinity;
  const double second_moment = service_variance_s2 + mean_service_s * mean_service_s;
  return arrival_rate * second_moment / (2.0 * (1.0 - rho));
}

MvaResult mva(const std::vector<MvaStation>& stations, std::uint32_t users, double think_s) {
  require(think_s >= 0.0, "think time must be >= 0");
  for (const MvaStation& station : stations) {
    require(station.demand_s >= 0.0, "demands must be >= 0");
  }
  MvaResult out;
  out.throughput_per_s = 0.0;
  out.residence_s.resize(stations.size());
  out.queue_length.assign(stations.size(), 0.0);
  for (std::size_t k = 0; k < stations.size(); ++k) {
    out.residence_s[k] = stations[k].demand_s;
  }
  for (std::uint32_t n = 1; n <= users; ++n) {
    double total = 0.0;
    for (std::size_t k = 0; k < stations.size(); ++k) {
      const double demand = stations[k].demand_s;
      out.residence_s[k] = stations[k].is_delay ? demand : demand * (1.0 + out.queue_length[k]);
      total += out.residence_s[k];
    }
    // A network with no demand and no think time has no finite cycle; report it rather than produce NaN.
    if (think_s + total <= 0.0) {
      out.throughput_per_s = infinity;
      break;
    }
    out.throughput_per_s = static_cast<double>(n) / (think_s + total);
    for (std::size_t k = 0; k < stations.size(); ++k) {
      out.queue_length[k] = out.throughput_per_s * out.residence_s[k];
    }
  }
  out.response_s = 0.0;
  for (const double r : out.residence_s) {
    out.response_s += r;
  }
  return out;
}

double tandem_mean_response(double arrival_rate, const std::vector<double>& service_rates) {
  require(std::isfinite(arrival_rate) && arrival_rate >= 0.0, "arrival rate must be finite and >= 0");
  double total = 0.0;
  for (const double mu : service_rates) {
    require(mu > 0.0, "service rates must be > 0");
    if (mu <= arrival_rate) return infinity;
    total += 1.0 / (mu - arrival_rate);
  }
  return total;
}

}  // namespace sdsim::theory
