#include "sim/core/event_queue.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <queue>
#include <vector>

#include "sim/core/rng.hpp"

using namespace sdsim;

namespace {
struct Later {
  bool operator()(const Event& a, const Event& b) const { return fires_before(b, a); }
};
using Reference = std::priority_queue<Event, std::vector<Event>, Later>;

void push_both(EventQueue& q, Reference& reference, const Event& e) {
  q.push(e);
  reference.push(e);
}

// Takes the queue's next event, which must be the reference's earliest (the reference drops it too).
bool take_matching(EventQueue& q, Reference& reference, Event& got) {
  if (!q.take_next(time_never, got)) return false;
  REQUIRE(got.seq == reference.top().seq);
  REQUIRE(got.time == reference.top().time);
  REQUIRE(got.arg == reference.top().arg);
  reference.pop();
  return true;
}
}  // namespace

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

TEST_CASE("Event queue pops in exactly the (time, seq) order of a sorted reference, with many equal times",
          "[event_queue]") {
  Rng rng(29);
  for (int round = 0; round < 20; ++round) {
    EventQueue q;
    std::vector<Event> live;    // pushed and not yet popped
    std::vector<Event> popped;  // in pop order
    std::vector<Event> all;
    std::uint64_t seq = 0;
    SimTime now = 0;
    // Few distinct times (many ties) in half the rounds; times near 10^18 in some rounds.
    const std::uint64_t spread = round % 2 == 0 ? 4 : 100000;
    const SimTime base = round % 5 == 4 ? SimTime{1'000'000'000'000'000'000} : 0;
    for (int step = 0; step < 6000; ++step) {
      if (q.empty() || rng.uniform() < 0.5) {
        // seq values jump now and then, as a long run's counter does, and exceed 2^32.
        seq += rng.uniform() < 0.01 ? (std::uint64_t{1} << 33) : 1;
        Event e{base + now + static_cast<SimTime>(rng.below(spread)), seq,
                static_cast<BlockId>(rng.below(10)), static_cast<std::uint32_t>(rng.below(7)),
                static_cast<std::uint32_t>(step)};
        q.push(e);
        all.push_back(e);
      } else {
        Event got = q.pop();
        popped.push_back(got);
        now = got.time - base;
      }
    }
    while (!q.empty())
      popped.push_back(q.pop());
    // Pops never go back in time, so the pop order equals the whole history sorted by (time, seq) as long
    // as every event pushed after a pop fires no earlier than it (now + spread >= now here).
    std::sort(all.begin(), all.end(), fires_before);
    REQUIRE(popped.size() == all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
      REQUIRE(popped[i].time == all[i].time);
      REQUIRE(popped[i].seq == all[i].seq);
      REQUIRE(popped[i].target == all[i].target);
      REQUIRE(popped[i].kind == all[i].kind);
      REQUIRE(popped[i].arg == all[i].arg);
    }
  }
}

TEST_CASE("Event queue matches std::priority_queue on arbitrary (time, seq) pairs", "[event_queue]") {
  Rng rng(31);
  EventQueue q;
  Reference reference;
  for (int step = 0; step < 30000; ++step) {
    if (q.empty() || rng.uniform() < 0.52) {
      // Unique seq in any order (not insertion order), times with many ties.
      auto seq = static_cast<std::uint64_t>(step) * 0x9E37'79B9'7F4A'7C15ull;
      Event e{static_cast<SimTime>(rng.below(8)), seq, 1, 2, static_cast<std::uint32_t>(step)};
      q.push(e);
      reference.push(e);
    } else {
      Event got = q.pop();
      REQUIRE(got.time == reference.top().time);
      REQUIRE(got.seq == reference.top().seq);
      REQUIRE(got.arg == reference.top().arg);
      reference.pop();
    }
  }
  REQUIRE(q.size() == reference.size());
}

TEST_CASE("Event queue keeps the order across its wheel's window, its heap and its lanes, at any time scale",
          "[event_queue]") {
  // Delays from 1 ns to 100 s (log-uniform), so events land in the wheel's buckets, beyond its window (the
  // heap) and then come within it, the ring wraps many times, and same-time bursts overflow their bucket.
  Rng rng(47);
  EventQueue q;
  q.open_lanes(2);
  const SimTime lane_delay[2] = {150'000, 900'000};
  Reference reference;
  std::uint64_t seq = 0;
  auto delay = [&] { return static_cast<SimTime>(std::pow(10.0, 11.0 * rng.uniform())); };
  for (int i = 0; i < 200; ++i)
    push_both(q, reference, Event{delay(), seq++, 0, 0, static_cast<std::uint32_t>(i)});
  Event got;
  for (int step = 0; take_matching(q, reference, got); ++step) {
    const std::uint64_t pushes = step < 60000 ? rng.below(3) : 0;
    for (std::uint64_t k = 0; k < pushes; ++k) {
      const std::uint64_t how = rng.below(4);
      Event e{got.time, seq++, 1, 2, static_cast<std::uint32_t>(step)};
      if (how == 0) {
        e.time += lane_delay[k % 2];
        q.push_to_lane(static_cast<std::uint32_t>(k % 2), e);
      } else {
        e.time += how == 1 ? static_cast<SimTime>(rng.below(3)) : delay();  // same-time bursts too
        q.push(e);
      }
      reference.push(e);
    }
    q.settle();
    REQUIRE(q.size() == reference.size());
  }
  REQUIRE(reference.empty());
}

TEST_CASE("Event queue keeps the order when thousands of events share a wheel bucket", "[event_queue]") {
  // 100,000 requests in flight put thousands of events in each 16 us bucket: all but two of a bucket's (and
  // any that would go inside its list) wait in the heap instead, and the merged order is still exact.
  Rng rng(53);
  EventQueue q;
  Reference reference;
  std::uint64_t seq = 0;
  for (int i = 0; i < 20000; ++i) {
    const auto at = static_cast<SimTime>(rng.below(50'000));
    push_both(q, reference, Event{at, seq++, 0, 0, static_cast<std::uint32_t>(i)});
  }
  Event got;
  for (int step = 0; take_matching(q, reference, got); ++step) {
    if (step < 100000) {
      const auto later = static_cast<SimTime>(rng.below(50'000));
      push_both(q, reference, Event{got.time + later, seq++, 0, 0, static_cast<std::uint32_t>(step)});
    }
    q.settle();
  }
  REQUIRE(reference.empty());
}

TEST_CASE("Event queue taking the top, pushing during its handling and settling pops as pop() and push() do",
          "[event_queue]") {
  Rng rng(41);
  EventQueue split;
  EventQueue plain;
  std::uint64_t seq = 0;
  SimTime now = 0;
  for (int i = 0; i < 50; ++i) {
    Event e{static_cast<SimTime>(rng.below(100)), seq++, 0, 0, static_cast<std::uint32_t>(i)};
    split.push(e);
    plain.push(e);
  }
  for (int step = 0; !plain.empty(); ++step) {
    Event expected = plain.pop();
    Event got;
    REQUIRE(split.take_next(SimTime{1} << 60, got));
    REQUIRE(got.seq == expected.seq);
    REQUIRE(got.time == expected.time);
    REQUIRE(got.arg == expected.arg);
    REQUIRE(split.size() == plain.size());
    now = got.time;
    // Zero to three new events per handled one, some at the same time (ties broken by seq); then it drains.
    const std::uint64_t pushes = step < 15000 ? rng.below(4) : 0;
    for (std::uint64_t k = 0; k < pushes; ++k) {
      Event e{now + static_cast<SimTime>(rng.below(3) == 0 ? 0 : rng.below(500)), seq++,
              static_cast<BlockId>(k), 1, static_cast<std::uint32_t>(step)};
      split.push(e);
      plain.push(e);
      REQUIRE(split.size() == plain.size());
    }
    split.settle();
    REQUIRE(split.size() == plain.size());
  }
  REQUIRE(plain.empty());
  REQUIRE(split.empty());
}

TEST_CASE("Event queue with lanes for fixed delays pops in the same order as the heap alone",
          "[event_queue]") {
  // An engine's loop: take the next event, handle it (pushing new ones a fixed delay later to that delay's
  // lane, others to the heap), settle; the lanes must change nothing in the order, including ties.
  Rng rng(43);
  const std::vector<SimTime> delays{7, 20, 60, 1000};
  EventQueue laned;
  laned.open_lanes(static_cast<std::uint32_t>(delays.size()));
  EventQueue plain;
  std::uint64_t seq = 0;
  for (int i = 0; i < 40; ++i) {
    Event e{static_cast<SimTime>(rng.below(100)), seq++, 0, 0, static_cast<std::uint32_t>(i)};
    laned.push(e);
    plain.push(e);
  }
  Event got;
  for (int step = 0; laned.take_next(SimTime{1} << 60, got); ++step) {
    Event expected = plain.pop();
    REQUIRE(got.seq == expected.seq);
    REQUIRE(got.time == expected.time);
    REQUIRE(got.arg == expected.arg);
    REQUIRE(laned.size() == plain.size());
    const std::uint64_t pushes = step < 20000 ? rng.below(4) : 0;
    for (std::uint64_t k = 0; k < pushes; ++k) {
      const bool to_lane = rng.below(3) != 0;
      const auto lane = static_cast<std::uint32_t>(rng.below(delays.size()));
      Event e{
          got.time + (to_lane ? delays[lane] : static_cast<SimTime>(rng.below(3) == 0 ? 0 : rng.below(500))),
          seq++, static_cast<BlockId>(k), 1, static_cast<std::uint32_t>(step)};
      if (to_lane) {
        laned.push_to_lane(lane, e);
      } else {
        laned.push(e);
      }
      plain.push(e);
    }
    laned.settle();
    REQUIRE(laned.size() == plain.size());
  }
  REQUIRE(plain.empty());
  REQUIRE(laned.empty());
}

TEST_CASE("Event queue's take_next stops at the limit and leaves later events queued", "[event_queue]") {
  EventQueue q;
  q.open_lanes(1);
  q.push(Event{50, 0, 0, 0, 1});
  q.push_to_lane(0, Event{30, 1, 0, 0, 2});
  q.push_to_lane(0, Event{80, 2, 0, 0, 3});
  Event e;
  REQUIRE(q.take_next(40, e));
  REQUIRE(e.arg == 2);
  q.settle();
  REQUIRE_FALSE(q.take_next(40, e));
  REQUIRE(q.size() == 2);
  REQUIRE_FALSE(q.take_next(-1, e));
  REQUIRE(q.take_next(100, e));
  REQUIRE(e.arg == 1);
  q.settle();
  REQUIRE(q.take_next(100, e));
  REQUIRE(e.arg == 3);
  q.settle();
  REQUIRE(q.empty());
  REQUIRE_FALSE(q.take_next(100, e));
}
