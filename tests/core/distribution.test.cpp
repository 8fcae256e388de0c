#include "sim/core/distribution.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using namespace sdsim;

namespace {

struct SampleStats {
  double mean;
  double standard_error;
  std::vector<double> sorted;
  double quantile(double p) const {
    return sorted[static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1))];
  }
};

SampleStats draw(const Distribution& d, int n, std::uint64_t seed) {
  Rng rng(seed);
  SampleStats s{};
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    auto x = static_cast<double>(d.sample(rng));
    s.sorted.push_back(x);
    sum += x;
    sum2 += x * x;
  }
  s.mean = sum / n;
  s.standard_error = std::sqrt((sum2 / n - s.mean * s.mean) / n);
  std::sort(s.sorted.begin(), s.sorted.end());
  return s;
}

// The sample mean lies within 4 standard errors of the true mean (a false alarm about once in 16,000 runs),
// plus half a nanosecond for rounding samples to the integer clock.
void check_mean(const Distribution& d, std::uint64_t seed) {
  SampleStats s = draw(d, 200000, seed);
  INFO(d.describe());
  REQUIRE(std::abs(s.mean - d.mean_ns()) <= 4 * s.standard_error + 0.5);
}

}  // namespace

TEST_CASE("Each distribution's samples match its stated mean", "[distribution]") {
  check_mean(Distribution::exponential(1e6), 1);
  check_mean(Distribution::lognormal(4e6, 40e6), 2);
  check_mean(Distribution::uniform(2e6, 8e6), 3);
  check_mean(Distribution::pareto(1e6, 3.5), 4);
  check_mean(Distribution::empirical({{1e6, 0.5}, {4e6, 0.9}, {20e6, 1.0}}), 5);
  Rng one(1);
  REQUIRE(Distribution::constant(5e6).sample(one) == 5'000'000);
}

TEST_CASE("A lognormal fitted to p50 and p99 reproduces them", "[distribution]") {
  Distribution d = Distribution::lognormal(4e6, 40e6);
  REQUIRE(d.quantile_ns(0.5) == Approx(4e6).epsilon(1e-9));
  REQUIRE(d.quantile_ns(0.99) == Approx(40e6).epsilon(1e-9));
  SampleStats s = draw(d, 400000, 9);
  // Order-statistic standard error of a p-quantile: sqrt(p(1-p)/n) / density; 4 of them in probability terms.
  double p_tolerance = 4 * std::sqrt(0.99 * 0.01 / 400000.0);
  REQUIRE(s.quantile(0.99 - p_tolerance) <= 40e6);
  REQUIRE(s.quantile(0.99 + p_tolerance) >= 40e6);
  REQUIRE(s.quantile(0.5 - 4 * std::sqrt(0.25 / 400000.0)) <= 4e6);
  REQUIRE(s.quantile(0.5 + 4 * std::sqrt(0.25 / 400000.0)) >= 4e6);
}

TEST_CASE("Quantiles invert the CDF for every kind", "[distribution]") {
  REQUIRE(Distribution::exponential(2.0).quantile_ns(1 - std::exp(-1.0)) == Approx(2.0));
  REQUIRE(Distribution::uniform(2, 6).quantile_ns(0.25) == Approx(3.0));
  REQUIRE(Distribution::pareto(1, 2).quantile_ns(0.75) == Approx(2.0));
  Distribution e = Distribution::empirical({{0, 0}, {10, 0.5}, {30, 1}});
  REQUIRE(e.quantile_ns(0.25) == Approx(5.0));
  REQUIRE(e.quantile_ns(0.75) == Approx(20.0));
  REQUIRE(e.mean_ns() == Approx(12.5));
  REQUIRE(e.variance_ns2() == Approx(0.5 * 100.0 / 3 + 0.5 * (100 + 300 + 900) / 3.0 - 12.5 * 12.5));
}

TEST_CASE("The inverse normal CDF is accurate", "[distribution]") {
  REQUIRE(inverse_normal_cdf(0.5) == Approx(0.0).margin(1e-12));
  REQUIRE(inverse_normal_cdf(0.975) == Approx(1.959963984540054).epsilon(1e-12));
  REQUIRE(inverse_normal_cdf(0.99) == Approx(2.326347874040841).epsilon(1e-12));
  REQUIRE(inverse_normal_cdf(1e-6) == Approx(-4.753424308822899).epsilon(1e-10));
}

TEST_CASE("Pareto with shape at most 1 has no finite mean", "[distribution]") {
  REQUIRE(std::isinf(Distribution::pareto(1, 1).mean_ns()));
  REQUIRE(std::isinf(Distribution::pareto(1, 1.5).variance_ns2()));
}
