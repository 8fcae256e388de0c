// The RTO of a fault read from a run's SLO windows: the first window after the last breach that ends after
// the fault's start, from which every window meets the objectives.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "sim/metrics/slo.hpp"

using namespace sdsim;

namespace {

constexpr double none = std::numeric_limits<double>::quiet_NaN();

// Windows of 10 s from 20 s (the end of a warm-up): window i is (20 + 10 i, 30 + 10 i].
SloFigures<double> windows(std::vector<double> met) {
  SloFigures<double> s;
  s.window_s = 10;
  s.window_start_s = 20;
  s.windows.met = std::move(met);
  return s;
}

}  // namespace

TEST_CASE("RTO runs from the fault's start to the first window after the last breach", "[slo][recovery]") {
  // The fault at 43 s breaches the windows starting at 40 and 50 s; from 60 s on every window meets.
  Recovery r = recovery_after(windows({1, 1, 0, 0, 1, 1}), 43);
  CHECK(r.breached);
  CHECK(r.recovered);
  CHECK(r.rto_s == Approx(60 - 43));
}

TEST_CASE("A breach that comes back later pushes the recovery past it", "[slo][recovery]") {
  Recovery r = recovery_after(windows({1, 0, 1, 0, 1}), 30);
  CHECK(r.recovered);
  CHECK(r.rto_s == Approx(60 - 30));
}

TEST_CASE("A window in which nothing ended meets vacuously", "[slo][recovery]") {
  Recovery r = recovery_after(windows({1, 0, none, 1}), 31);
  CHECK(r.recovered);
  CHECK(r.rto_s == Approx(40 - 31));
}

TEST_CASE("Breaches before the fault's window are not the fault's", "[slo][recovery]") {
  // The window ending at 40 s, exactly when the fault starts, holds none of its failures.
  Recovery r = recovery_after(windows({0, 0, 1, 1}), 40);
  CHECK_FALSE(r.breached);
  CHECK_FALSE(r.recovered);
  // The window (30, 40] holds the first 5 s of a fault starting at 35 s.
  r = recovery_after(windows({1, 0, 1, 1}), 35);
  CHECK(r.breached);
  CHECK(r.rto_s == Approx(40 - 35));
}

TEST_CASE("A breach in the last window is not recovered by the end of the run", "[slo][recovery]") {
  Recovery r = recovery_after(windows({1, 1, 0, 1, 0}), 25);
  CHECK(r.breached);
  CHECK_FALSE(r.recovered);
}

TEST_CASE("A fault during warm-up is judged from the first measured window", "[slo][recovery]") {
  Recovery r = recovery_after(windows({0, 1, 1}), 5);
  CHECK(r.breached);
  CHECK(r.rto_s == Approx(30 - 5));
}

TEST_CASE("A fault is judged up to the next fault's start, not charged for that fault's harm",
          "[slo][recovery]") {
  // Windows from 20 s: breaches in (30, 40] (the first fault, at 35 s) and (60, 70] (a second one, at 60 s).
  auto s = windows({1, 0, 1, 1, 0, 1});
  Recovery first = recovery_after(s, 35, 60);
  CHECK(first.recovered);
  CHECK(first.rto_s == Approx(40 - 35));
  // Without the horizon the later breach would hold the first fault's recovery back to 70 s.
  CHECK(recovery_after(s, 35).rto_s == Approx(70 - 35));
  // Still breached when the next fault starts: not recovered before it.
  Recovery cut = recovery_after(windows({1, 0, 0, 1}), 25, 40);
  CHECK(cut.breached);
  CHECK_FALSE(cut.recovered);
}
