#include "sim/metrics/confidence.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

using sdsim::Estimate;
using sdsim::estimate_mean;
using sdsim::normal_quantile;
using sdsim::student_t_quantile;

TEST_CASE("Student t quantile matches published tables") {
  SECTION("two-sided 95%") {
    CHECK(student_t_quantile(0.975, 1) == Approx(12.7062047361747).epsilon(1e-12));
    CHECK(student_t_quantile(0.975, 2) == Approx(4.30265272974946).epsilon(1e-12));
    CHECK(student_t_quantile(0.975, 3) == Approx(3.18244630528371).epsilon(1e-12));
    CHECK(student_t_quantile(0.975, 4) == Approx(2.77644510519779).epsilon(1e-12));
    CHECK(student_t_quantile(0.975, 9) == Approx(2.26215716279821).epsilon(1e-12));
    CHECK(student_t_quantile(0.975, 29) == Approx(2.04522964213270).epsilon(1e-12));
    CHECK(student_t_quantile(0.975, 1000) == Approx(1.96233908082641).epsilon(1e-12));
    CHECK(student_t_quantile(0.975, 100000) == Approx(1.95998770753461).epsilon(1e-12));
  }
  SECTION("other levels") {
    CHECK(student_t_quantile(0.995, 9) == Approx(3.24983554159213).epsilon(1e-12));
    CHECK(student_t_quantile(0.9, 5) == Approx(1.47588404882448).epsilon(1e-12));
    CHECK(student_t_quantile(0.95, 19) == Approx(1.72913281152137).epsilon(1e-12));
    CHECK(student_t_quantile(0.9995, 1) == Approx(636.619248768720).epsilon(1e-12));
    CHECK(student_t_quantile(0.9995, 3) == Approx(12.9239786366875).epsilon(1e-12));
  }
  SECTION("symmetry and limits") {
    CHECK(student_t_quantile(0.025, 9) == Approx(-2.26215716279821).epsilon(1e-12));
    CHECK(student_t_quantile(0.5, 7) == 0.0);
    CHECK(std::isinf(student_t_quantile(1.0, 7)));
    CHECK_THROWS_AS(student_t_quantile(0.9, 0), std::invalid_argument);
  }
  SECTION("large degrees of freedom approach the normal quantile") {
    CHECK(normal_quantile(0.975) == Approx(1.95996398454005).epsilon(1e-14));
    CHECK(student_t_quantile(0.975, 4000000000u) == Approx(normal_quantile(0.975)).epsilon(1e-9));
    for (std::uint32_t df = 3; df < 2000000; df *= 3) {
      CHECK(student_t_quantile(0.975, df) > student_t_quantile(0.975, df * 3));
    }
  }
}

TEST_CASE("Mean estimate with a Student t interval") {
  SECTION("known small sample") {
    const std::vector<double> xs{1.0, 2.0, 3.0, 4.0, 5.0};
    const Estimate e = estimate_mean(xs);
    CHECK(e.samples == 5);
    CHECK(e.mean == Approx(3.0));
    // s = sqrt(2.5); t(0.975, 4) = 2.7764451052.
    CHECK(e.half_width == Approx(2.77644510519779 * std::sqrt(2.5) / std::sqrt(5.0)).epsilon(1e-12));
    CHECK(e.low() == Approx(3.0 - e.half_width));
    CHECK(e.high() == Approx(3.0 + e.half_width));
    CHECK(e.contains(3.0));
    CHECK(e.contains(e.high()));
    CHECK_FALSE(e.contains(e.high() + 1e-9));
  }
  SECTION("higher confidence widens the interval") {
    const std::vector<double> xs{0.3, 0.9, 0.4, 1.2, 0.8, 0.5};
    CHECK(estimate_mean(xs, 0.99).half_width > estimate_mean(xs, 0.95).half_width);
    CHECK(estimate_mean(xs, 0.9).half_width < estimate_mean(xs, 0.95).half_width);
  }
  SECTION("fewer than two samples have no width") {
    const std::vector<double> one{4.2};
    const Estimate e = estimate_mean(one);
    CHECK(e.mean == 4.2);
    CHECK(e.half_width == 0.0);
    CHECK(e.samples == 1);
    const Estimate none = estimate_mean(std::vector<double>{});
    CHECK(none.samples == 0);
    CHECK(none.half_width == 0.0);
  }
  SECTION("identical samples are exact") {
    const std::vector<double> xs(10, 1e9 + 0.1);
    const Estimate e = estimate_mean(xs);
    CHECK(e.half_width == 0.0);
    CHECK(e.mean == Approx(1e9 + 0.1));
  }
  SECTION("invalid confidence throws") {
    const std::vector<double> xs{1.0, 2.0};
    CHECK_THROWS_AS(estimate_mean(xs, 1.0), std::invalid_argument);
    CHECK_THROWS_AS(estimate_mean(xs, 0.0), std::invalid_argument);
  }
}
