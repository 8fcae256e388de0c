#include "sim/core/event_queue.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

#include "sim/core/rng.hpp"

using namespace sdsim;

TEST_CASE("Event queue pops in time order and same-time events in insertion order", "[event_queue]") {
  EventQueue q;
  std::uint64_t seq = 0;
  Rng rng(3);
  std::vector<Event> pushed;
  for (int i = 0; i < 5000; ++i) {
    Event e{static_cast<SimTime>(rng.below(50)), seq++, 0, 0, static_cast<std::uint32_t>(i)};
    pushed.push_back(e);
    q.push(e);
  }
  std::stable_sort(pushed.begin(), pushed.end(),
                   [](const Event& a, const Event& b) { return a.time < b.time; });
  for (const Event& expected : pushed) {
    REQUIRE_FALSE(q.empty());
    Event got = q.pop();
    REQUIRE(got.time == expected.time);
    REQUIRE(got.arg == expected.arg);
  }
  REQUIRE(q.empty());
}

TEST_CASE("Event queue interleaves pushes and pops like a priority queue", "[event_queue]") {
  EventQueue q;
  Rng rng(11);
  std::uint64_t seq = 0;
  SimTime now = 0;
  std::vector<Event> reference;
  for (int step = 0; step < 20000; ++step) {
    if (q.empty() || rng.uniform() < 0.55) {
      Event e{now + static_cast<SimTime>(rng.below(1000)), seq++, 0, 0, 0};
      q.push(e);
      reference.push_back(e);
    } else {
      auto best = std::min_element(reference.begin(), reference.end(), fires_before);
      Event got = q.pop();
      REQUIRE(got.seq == best->seq);
      now = got.time;
      reference.erase(best);
    }
  }
  REQUIRE(q.size() == reference.size());
}
