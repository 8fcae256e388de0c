// RateProfile: the shapes' rates and integrals are exact, and the thinned arrivals are a Poisson process
// with that rate: counts per window within the Poisson spread of their expected values.
#include "sim/core/rate_profile.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/core/portable_math.hpp"

using namespace sdsim;

namespace {

// Arrival counts in `windows` equal windows of [0, horizon_s).
std::vector<double> counts(const RateProfile& profile, double horizon_s, int windows, std::uint64_t seed) {
  std::vector<double> n(static_cast<std::size_t>(windows), 0);
  Rng rng(seed);
  SimTime horizon = from_s(horizon_s);
  for (SimTime t = profile.next_arrival(0, rng); t < horizon; t = profile.next_arrival(t, rng)) {
    auto w = static_cast<std::size_t>(static_cast<double>(t) / static_cast<double>(horizon) * windows);
    n[w] += 1;
  }
  return n;
}

// Each window's count is Poisson with mean m: within 4.5 standard deviations (sqrt m) of it. With 20
// windows the chance that any falls outside by chance is below 2e-4.
void check_poisson(const RateProfile& profile, double horizon_s, int windows, std::uint64_t seed) {
  std::vector<double> n = counts(profile, horizon_s, windows, seed);
  double width = horizon_s / windows;
  double total = 0, expected_total = 0;
  for (int w = 0; w < windows; ++w) {
    double m = profile.expected_arrivals(w * width, (w + 1) * width);
    INFO("window " << w << " expected " << m << " got " << n[static_cast<std::size_t>(w)]);
    CHECK(std::abs(n[static_cast<std::size_t>(w)] - m) <= 4.5 * std::sqrt(m) + 1);
    total += n[static_cast<std::size_t>(w)];
    expected_total += m;
  }
  CHECK(std::abs(total - expected_total) <= 4 * std::sqrt(expected_total));
}

}  // namespace

TEST_CASE("Profile shapes give the rates and expected counts of their definitions", "[core][rate]") {
  SECTION("a ramp: flat, a straight line, flat") {
    RateProfile ramp = RateProfile::ramp(100, 300, 10, 20);
    CHECK(ramp.rate_at(0) == 100);
    CHECK(ramp.rate_at(15) == Approx(200));
    CHECK(ramp.rate_at(25) == 300);
    CHECK(ramp.expected_arrivals(0, 30) == Approx(100 * 10 + 200 * 10 + 300 * 10));
    CHECK(ramp.peak_rate() == 300);
  }
  SECTION("a spike with ramps: a trapezoid above the base") {
    RateProfile spike = RateProfile::spike(50, 450, 100, 20, 5);
    CHECK(spike.rate_at(99) == 50);
    CHECK(spike.rate_at(102.5) == Approx(250));
    CHECK(spike.rate_at(110) == 450);
    CHECK(spike.rate_at(131) == 50);
    // base for 200 s plus the trapezoid (20 s at the top, two 5 s ramps) of height 400.
    CHECK(spike.expected_arrivals(0, 200) == Approx(50 * 200 + 400 * (20 + 5)));
  }
  SECTION("a step made of two knots at one time") {
    RateProfile step = RateProfile::from_knots({{0, 10}, {60, 10}, {60, 40}});
    CHECK(step.rate_at(59.999) == 10);
    CHECK(step.rate_at(60) == 40);
    CHECK(step.expected_arrivals(0, 120) == Approx(10 * 60 + 40 * 60));
  }
  SECTION("a diurnal cosine peaks at peak_at and bottoms half a period later") {
    RateProfile day = RateProfile::diurnal(100, 900, 86400, 50400, 2 * 86400);
    CHECK(day.rate_at(50400) == Approx(900));
    CHECK(day.rate_at(50400 - 43200) == Approx(100));
    CHECK(day.rate_at(50400 + 21600) == Approx(500).margin(0.1));
    // Over whole days the mean is the midpoint.
    CHECK(day.expected_arrivals(0, 86400) / 86400 == Approx(500).epsilon(1e-4));
  }
}

TEST_CASE("Thinned arrivals follow the profile as a Poisson process", "[core][rate]") {
  SECTION("constant") {
    check_poisson(RateProfile::constant(2000), 10, 20, 1);
  }
  SECTION("ramp") {
    check_poisson(RateProfile::ramp(0, 4000, 2, 8), 10, 20, 2);
  }
  SECTION("spike") {
    check_poisson(RateProfile::spike(200, 5000, 4, 2, 0.5), 10, 20, 3);
  }
  SECTION("step down to zero and back") {
    check_poisson(RateProfile::from_knots({{0, 1000}, {3, 1000}, {3, 0}, {6, 0}, {6, 3000}}), 10, 20, 4);
  }
  SECTION("a compressed day") {
    check_poisson(RateProfile::diurnal(200, 3000, 10, 7, 10), 10, 20, 5);
  }
}

TEST_CASE("A rate that stays 0 ends the arrivals", "[core][rate]") {
  RateProfile stop = RateProfile::from_knots({{0, 1000}, {1, 1000}, {1, 0}});
  Rng rng(9);
  SimTime t = 0;
  int n = 0;
  while ((t = stop.next_arrival(t, rng)) != time_never)
    ++n;
  CHECK(std::abs(n - 1000) <= 4.5 * std::sqrt(1000.0));
  CHECK(RateProfile::constant(0).next_arrival(0, rng) == time_never);
}

TEST_CASE("A constant profile draws exponential gaps of mean 1/rate", "[core][rate]") {
  RateProfile c = RateProfile::constant(500);
  Rng a(3), b(3);
  SimTime t = 0;
  for (int i = 0; i < 5; ++i) {
    SimTime next = c.next_arrival(t, a);
    CHECK(next - t == to_sim_time(-(1e9 / 500) * portable_log(b.uniform_open_zero())));
    t = next;
  }
}
