#include "sim/core/ring_queue.hpp"

#include <catch2/catch.hpp>
#include <deque>

#include "sim/core/rng.hpp"

using namespace sdsim;

TEST_CASE("Ring queue is first in, first out while it grows and wraps", "[ring_queue]") {
  RingQueue<std::uint32_t> ring;
  std::deque<std::uint32_t> reference;
  Rng rng(5);
  for (std::uint32_t i = 0; i < 100000; ++i) {
    if (reference.empty() || rng.uniform() < 0.6) {
      ring.push(i);
      reference.push_back(i);
    } else {
      REQUIRE(ring.pop() == reference.front());
      reference.pop_front();
    }
    REQUIRE(ring.size() == reference.size());
  }
}
