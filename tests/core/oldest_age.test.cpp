#include "sim/core/oldest_age.hpp"

#include <catch2/catch.hpp>

using namespace sdsim;

TEST_CASE("Oldest age reads zero while nothing was ever stored", "[oldest_age]") {
  OldestAge age;
  age.restart(0, time_never);
  age.advance(from_s(3), time_never);
  OldestAge::Reading r = age.read(from_s(4), time_never);
  CHECK(r.now_s == 0);
  CHECK(r.max_s == 0);
  CHECK(r.mean_s == 0);
}

TEST_CASE("Oldest age integrates the age of whichever item is oldest as trapezoids", "[oldest_age]") {
  OldestAge age;
  age.restart(0, time_never);
  // Empty until 2 s, when A is stored; B is stored at 5 s; A is removed at 6 s, leaving B oldest.
  age.advance(from_s(2), time_never);
  age.advance(from_s(5), from_s(2));  // A's age grows 0 -> 3 s over 3 s: 4.5 s^2
  age.advance(from_s(6), from_s(2));  // 3 -> 4 s over 1 s: 3.5 s^2
  // Read at 10 s with B (born at 5 s) oldest: 1 -> 5 s over 4 s adds 12 s^2; 20 s^2 over 10 s.
  OldestAge::Reading r = age.read(from_s(10), from_s(5));
  CHECK(r.now_s == Approx(5).epsilon(1e-12));
  CHECK(r.max_s == Approx(5).epsilon(1e-12));
  CHECK(r.mean_s == Approx(2).epsilon(1e-12));

  SECTION("reading changes nothing") {
    OldestAge::Reading again = age.read(from_s(10), from_s(5));
    CHECK(again.mean_s == r.mean_s);
    CHECK(again.max_s == r.max_s);
  }
  SECTION("the largest age is kept after the oldest item goes") {
    age.advance(from_s(10), from_s(5));
    OldestAge::Reading empty = age.read(from_s(20), time_never);
    CHECK(empty.now_s == 0);
    CHECK(empty.max_s == Approx(5).epsilon(1e-12));
    CHECK(empty.mean_s == Approx(1).epsilon(1e-12));  // 20 s^2 over 20 s: the empty time counts as 0
  }
  SECTION("a restart starts the mean afresh from the present age") {
    age.advance(from_s(10), from_s(5));
    age.restart(from_s(10), from_s(5));
    OldestAge::Reading after = age.read(from_s(12), from_s(5));
    CHECK(after.now_s == Approx(7).epsilon(1e-12));
    CHECK(after.max_s == Approx(7).epsilon(1e-12));
    CHECK(after.mean_s == Approx(6).epsilon(1e-12));  // 5 -> 7 s over 2 s
  }
}
