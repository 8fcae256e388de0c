#include "sim/theory/cache_theory.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

using namespace sdsim::theory;

namespace {

std::vector<double> zipf(std::size_t n, double skew) {
  std::vector<double> p(n);
  double total = 0;
  for (std::size_t k = 0; k < n; ++k) {
    p[k] = 1.0 / std::pow(static_cast<double>(k + 1), skew);
    total += p[k];
  }
  for (double& x : p)
    x /= total;
  return p;
}

}  // namespace

TEST_CASE("Under uniform popularity an LRU cache hits capacity / keys of its requests, exactly and by Che") {
  std::vector<double> p(10, 0.1);
  CHECK(lru_hit_ratio_exact(p, 3) == Approx(0.3).epsilon(1e-12));
  CHECK(che_lru_hit_ratio(p, 3) == Approx(0.3).epsilon(1e-12));
  std::vector<double> big(10'000, 1e-4);
  CHECK(che_lru_hit_ratio(big, 500) == Approx(0.05).epsilon(1e-10));
}

TEST_CASE("Che's characteristic time solves its defining equation") {
  auto p = zipf(10'000, 0.8);
  double t = che_characteristic_time(p, 500);
  double held = 0;
  for (double x : p)
    held += 1.0 - std::exp(-x * t);
  CHECK(held == Approx(500).epsilon(1e-10));
  // A cache as large as the key set holds everything: T is infinite and every request hits.
  CHECK(std::isinf(che_characteristic_time(p, 10'000)));
  CHECK(che_lru_hit_ratio(p, 10'000) == 1.0);
}

TEST_CASE("The exact LRU hit ratio for two keys and one slot is p1^2 + p2^2") {
  // With one slot the cache holds the last key requested: a hit is two requests in a row for the same key.
  std::vector<double> p{0.7, 0.3};
  CHECK(lru_hit_ratio_exact(p, 1) == Approx(0.7 * 0.7 + 0.3 * 0.3).epsilon(1e-12));
}

TEST_CASE("Che's approximation approaches the exact LRU hit ratio as the cache grows") {
  // Twelve Zipf(0.8) keys: Che errs by about 1% with a two-item cache, much less with six (Fricker, Robert
  // and Roberts 2012: the approximation is asymptotically exact in the cache size).
  auto p = zipf(12, 0.8);
  double error2 = std::abs(che_lru_hit_ratio(p, 2) / lru_hit_ratio_exact(p, 2) - 1);
  double error6 = std::abs(che_lru_hit_ratio(p, 6) / lru_hit_ratio_exact(p, 6) - 1);
  CHECK(error2 < 0.02);
  CHECK(error6 < 0.005);
  CHECK(error6 < error2);
}

TEST_CASE("A TTL cache hits lambda D / (1 + lambda D) of a key's requests") {
  std::vector<double> one{1.0};
  CHECK(ttl_hit_ratio(one, 10, 0.5) == Approx(5.0 / 6.0).epsilon(1e-12));
  std::vector<double> two{0.5, 0.5};
  CHECK(ttl_hit_ratio(two, 4, 1) == Approx(2.0 / 3.0).epsilon(1e-12));
  CHECK(ttl_hit_ratio(two, 4, 0) == 0.0);
}

TEST_CASE("Cache theory refuses probabilities that do not sum to 1") {
  std::vector<double> bad{0.5, 0.4};
  CHECK_THROWS_AS(che_lru_hit_ratio(bad, 1), std::invalid_argument);
  CHECK_THROWS_AS(lru_hit_ratio_exact(bad, 1), std::invalid_argument);
  CHECK_THROWS_AS(ttl_hit_ratio(bad, 1, 1), std::invalid_argument);
}
