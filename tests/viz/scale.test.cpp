// Axis ticks are round numbers covering the data, and labels are short.
#include "viz/scale.hpp"

#include <catch2/catch.hpp>

using namespace sdsim::viz;

TEST_CASE("Ticks are 1, 2 or 5 times a power of ten and cover the range", "[scale]") {
  CHECK(nice_ticks(0, 10, 5) == std::vector<double>{0, 2, 4, 6, 8, 10});
  CHECK(nice_ticks(0, 230, 4) == std::vector<double>{0, 100, 200, 300});
  const std::vector<double> t = nice_ticks(90, 100, 4);
  CHECK(t.front() <= 90);
  CHECK(t.back() >= 100);
  CHECK(nice_ceiling(0) == 1);
  CHECK(nice_ceiling(183) == 200);
}

TEST_CASE("Tick labels are short", "[scale]") {
  CHECK(tick_label(0) == "0");
  CHECK(tick_label(2.5) == "2.5");
  CHECK(tick_label(1500) == "1.5k");
  CHECK(tick_label(20000) == "20k");
}

TEST_CASE("A scale maps data onto pixels, upward for values", "[scale]") {
  const LinearScale y{0, 200, 500, 100};
  CHECK(y(0) == 500);
  CHECK(y(200) == 100);
  CHECK(y(100) == 300);
}
