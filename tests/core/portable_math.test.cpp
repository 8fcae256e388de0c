#include "sim/core/portable_math.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "sim/core/rng.hpp"

using namespace sdsim;

namespace {

double relative_error(double got, double expected) {
  return expected == 0 ? std::abs(got) : std::abs(got - expected) / std::abs(expected);
}

}  // namespace

TEST_CASE("portable_log agrees with the C library to 1e-15", "[portable_math]") {
  Rng rng(1);
  double worst = 0;
  for (int i = 0; i < 200000; ++i) {
    // Uniform samples (the sampling use) and values spread over the whole exponent range.
    double u = rng.uniform_open_zero();
    double wide = std::ldexp(1.0 + rng.uniform(), static_cast<int>(rng.below(2000)) - 1000);
    for (double x : {u, wide}) {
      double expected = std::log(x);
      // Near x = 1 the logarithm is near 0: compare the absolute error there.
      double error = std::abs(expected) < 1e-3 ? std::abs(portable_log(x) - expected)
                                               : relative_error(portable_log(x), expected);
      worst = std::max(worst, error);
    }
  }
  INFO("worst error " << worst);
  REQUIRE(worst < 1e-15);
  REQUIRE(portable_log(1.0) == 0.0);
  REQUIRE(std::isinf(portable_log(0.0)));
  REQUIRE(std::isnan(portable_log(-1.0)));
}

TEST_CASE("portable_exp agrees with the C library to 1e-15", "[portable_math]") {
  Rng rng(2);
  double worst = 0;
  for (int i = 0; i < 200000; ++i) {
    double x = (rng.uniform() - 0.5) * 1400;
    worst = std::max(worst, relative_error(portable_exp(x), std::exp(x)));
  }
  INFO("worst error " << worst);
  REQUIRE(worst < 1e-15);
  REQUIRE(portable_exp(0.0) == 1.0);
  REQUIRE(std::isinf(portable_exp(1000.0)));
  REQUIRE(portable_exp(-1000.0) == 0.0);
}

TEST_CASE("portable_exp inverts portable_log", "[portable_math]") {
  for (double x : {1e-300, 1e-9, 0.5, 1.0, 3.0, 1e9, 1e300}) {
    REQUIRE(relative_error(portable_exp(portable_log(x)), x) < 1e-13);
  }
}
