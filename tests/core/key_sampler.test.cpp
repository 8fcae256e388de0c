#include "sim/core/key_sampler.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using namespace sdsim;

namespace {

// Pearson's chi-square statistic of observed counts against the sampler's own probabilities.
double chi_square(const KeySampler& sampler, int draws, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<double> counts(sampler.count());
  for (int i = 0; i < draws; ++i) {
    std::uint64_t k = sampler.sample(rng);
    REQUIRE(k < sampler.count());
    counts[k] += 1;
  }
  double chi = 0;
  for (std::uint64_t k = 0; k < sampler.count(); ++k) {
    double expected = draws * sampler.probability(k);
    chi += (counts[k] - expected) * (counts[k] - expected) / expected;
  }
  return chi;
}

}  // namespace

TEST_CASE("Zipf keys follow the Zipf probabilities", "[keys]") {
  // 50 keys: 49 degrees of freedom; the chi-square 99.9th percentile is 85.35, so a correct sampler fails
  // this check about once in a thousand seeds.
  for (double skew : {0.5, 0.99, 1.0, 1.5}) {
    INFO("skew " << skew);
    REQUIRE(chi_square(KeySampler::zipf(50, skew), 200000, 7) < 85.35);
  }
  REQUIRE(chi_square(KeySampler::uniform(50), 200000, 8) < 85.35);
}

TEST_CASE("Zipf probabilities are the normalised power law", "[keys]") {
  KeySampler z = KeySampler::zipf(1000, 1.0);
  double harmonic = 0;
  for (int k = 1; k <= 1000; ++k)
    harmonic += 1.0 / k;
  REQUIRE(z.probability(0) == Approx(1 / harmonic));
  REQUIRE(z.probability(9) == Approx(0.1 / harmonic));
}

TEST_CASE("A huge key space samples in constant memory", "[keys]") {
  KeySampler z = KeySampler::zipf(1'000'000'000'000ull, 0.99);
  Rng rng(3);
  int top = 0;
  for (int i = 0; i < 100000; ++i) {
    std::uint64_t k = z.sample(rng);
    REQUIRE(k < z.count());
    top += k == 0;
  }
  // P(key 0) = 1 / H(10^12, 0.99), about 0.0325 (H by the Euler-Maclaurin integral, within 1%).
  double h = (std::pow(1e12, 0.01) - 1) / 0.01 + 0.5772 + 0.5;
  double p = 1 / h;
  REQUIRE(std::abs(top - 100000 * p) <= 4 * std::sqrt(100000 * p) + 0.01 * 100000 * p);
}

TEST_CASE("A hot-key share sends that fraction to the hot keys on top of the popularity curve", "[keys]") {
  KeySampler hot = KeySampler::uniform(50).with_hot_keys(0.3, 2);
  CHECK(hot.probability(0) == Approx(0.15 + 0.7 / 50));
  CHECK(hot.probability(7) == Approx(0.7 / 50));
  // The same 99.9th-percentile chi-square bound as above (49 degrees of freedom).
  REQUIRE(chi_square(hot, 200000, 9) < 85.35);
  REQUIRE(chi_square(KeySampler::zipf(50, 0.99).with_hot_keys(0.1, 5), 200000, 10) < 85.35);
}
