#include "sim/blocks/route.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace sdsim;

TEST_CASE("A route picks hops in proportion to their probabilities and exits with the rest", "[route]") {
  Route route;
  route.add(1, 0.2);
  route.add(2, 0.5);
  Rng rng(4);
  int counts[3] = {};
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    BlockId next = route.choose(rng);
    counts[next == no_block ? 0 : next]++;
  }
  // Binomial standard deviation sqrt(n p (1-p)); 4 of them.
  auto near = [&](int count, double p) { return std::abs(count - n * p) <= 4 * std::sqrt(n * p * (1 - p)); };
  REQUIRE(near(counts[1], 0.2));
  REQUIRE(near(counts[2], 0.5));
  REQUIRE(near(counts[0], 0.3));
}

TEST_CASE("A certain hop and an empty route draw no random number", "[route]") {
  Route certain;
  certain.add(7, 1.0);
  Route none;
  Rng used(1), untouched(1);
  REQUIRE(certain.choose(used) == 7);
  REQUIRE(none.choose(used) == no_block);
  REQUIRE(used.next_u64() == untouched.next_u64());
}
