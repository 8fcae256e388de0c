#include "sim/theory/cache_theory.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace sdsim::theory {
namespace {

void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(std::string("sdsim::theory: ") + what);
}

void check_probabilities(std::span<const double> probabilities) {
  double total = 0;
  for (double p : probabilities) {
    require(std::isfinite(p) && p >= 0.0, "key probabilities must be finite and >= 0");
    total += p;
  }
  require(std::abs(total - 1.0) <= 1e-9, "key probabilities must sum to 1");
}

// Sum over the ordered contents extending `prefix_mass` (the probability of the keys already placed) of
// P(content) x its hit probability; `weight` is P(prefix).
double exact_from(std::span<const double> p, std::vector<bool>& used, std::uint32_t remaining,
                  double prefix_mass, double weight) {
  if (remaining == 0) return weight * prefix_mass;
  double total = 0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (used[k] || p[k] <= 0) continue;
    used[k] = true;
    // The next most recent distinct key is k with probability p_k / (1 - mass of the more recent ones).
    total += exact_from(p, used, remaining - 1, prefix_mass + p[k], weight * p[k] / (1.0 - prefix_mass));
    used[k] = false;
  }
  return total;
}

}  // namespace

double che_characteristic_time(std::span<const double> probabilities, double capacity) {
  check_probabilities(probabilities);
  require(std::isfinite(capacity) && capacity >= 0.0, "capacity must be finite and >= 0");
  std::size_t present = 0;
  for (double p : probabilities)
    present += p > 0 ? 1 : 0;
  if (capacity >= static_cast<double>(present)) return std::numeric_limits<double>::infinity();
  // f(T) = sum (1 - e^{-p T}) - C is increasing and concave, so Newton's method started left of the root
  // (at 0) climbs to it monotonically without overshooting.
  double t = 0;
  for (int i = 0; i < 500; ++i) {
    double f = -capacity;
    double slope = 0;
    for (double p : probabilities) {
      double e = std::exp(-p * t);
      f += 1.0 - e;
      slope += p * e;
    }
    double next = t - f / slope;
    if (!(next > t) || next - t <= 1e-14 * next) return next > t ? next : t;
    t = next;
  }
  return t;
}

double che_lru_hit_ratio(std::span<const double> probabilities, double capacity) {
  double t = che_characteristic_time(probabilities, capacity);
  if (std::isinf(t)) return 1.0;
  double hit = 0;
  for (double p : probabilities)
    hit += p * -std::expm1(-p * t);
  return hit;
}

double lru_hit_ratio_exact(std::span<const double> probabilities, std::uint32_t capacity) {
  check_probabilities(probabilities);
  require(probabilities.size() <= 16, "the exact LRU enumeration is for 16 keys at most");
  std::size_t present = 0;
  for (double p : probabilities)
    present += p > 0 ? 1 : 0;
  if (capacity >= present) return 1.0;
  std::vector<bool> used(probabilities.size(), false);
  return exact_from(probabilities, used, capacity, 0.0, 1.0);
}

double ttl_hit_ratio(std::span<const double> probabilities, double rate_per_s, double ttl_s) {
  check_probabilities(probabilities);
  require(std::isfinite(rate_per_s) && rate_per_s >= 0.0, "rate must be finite and >= 0");
  require(std::isfinite(ttl_s) && ttl_s >= 0.0, "ttl must be finite and >= 0");
  double hit = 0;
  for (double p : probabilities) {
    double hits_per_cycle = rate_per_s * p * ttl_s;
    hit += p * hits_per_cycle / (1.0 + hits_per_cycle);
  }
  return hit;
}

}  // namespace sdsim::theory
