// Versions: which version a replica serves, how a read is judged, and that history is forgotten once applied.
#include "sim/core/versions.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace sdsim;

namespace {
constexpr SimTime ms = ns_per_ms;
}

TEST_CASE("A never-written key reads fresh at every replica and holds no memory", "[versions]") {
  Versions v(3);
  ReadJudgement j = v.read(42, 1, 10 * ms);
  CHECK_FALSE(j.stale);
  CHECK(j.version == 0);
  CHECK(j.since_write == -1);
  CHECK(v.keys_written() == 0);
  CHECK(v.versions_held() == 0);
}

TEST_CASE("A replica serves the old version until its lag has passed", "[versions]") {
  Versions v(3);
  const SimTime lags[] = {0, 10 * ms, 30 * ms};
  CHECK(v.commit_after_lags(7, 100 * ms, lags) == 1);
  SECTION("the leader is fresh at once") {
    ReadJudgement j = v.read(7, 0, 100 * ms);
    CHECK_FALSE(j.stale);
    CHECK(j.version == 1);
    CHECK(j.since_write == 0);
  }
  SECTION("a lagging replica is stale, by the time since the commit") {
    ReadJudgement j = v.read(7, 2, 125 * ms);
    CHECK(j.stale);
    CHECK(j.version == 0);
    CHECK(j.age == 25 * ms);
    CHECK(j.versions_behind == 1);
    CHECK(j.since_write == 25 * ms);
  }
  SECTION("a replica is fresh from the moment it applies the version") {
    CHECK_FALSE(v.read(7, 1, 110 * ms).stale);
    CHECK(v.read(7, 1, 110 * ms - 1).stale);
    CHECK_FALSE(v.read(7, 2, 130 * ms).stale);
  }
}

TEST_CASE("Replication is in order per key: a quick version waits for a slow earlier one", "[versions]") {
  Versions v(2);
  const SimTime slow[] = {0, 50 * ms};
  const SimTime quick[] = {0, 1 * ms};
  v.commit_after_lags(1, 0, slow);         // replica 1 applies v1 at 50 ms
  v.commit_after_lags(1, 10 * ms, quick);  // v2 would be there at 11 ms, but waits for v1: 50 ms
  ReadJudgement j = v.read(1, 1, 20 * ms);
  CHECK(j.stale);
  CHECK(j.version == 0);
  CHECK(j.versions_behind == 2);
  CHECK(j.age == 20 * ms);  // since v1, the first version it misses
  CHECK(j.since_write == 10 * ms);
  CHECK_FALSE(v.read(1, 1, 50 * ms).stale);
  CHECK(v.applied(1, 1, 50 * ms) == 2);
}

TEST_CASE("A held version is judged by the first version it misses", "[versions]") {
  Versions v(1, 1000 * ms);  // history kept 1 s after replication, as a cache with a 1 s TTL needs
  const SimTime none[] = {0};
  v.commit_after_lags(5, 10 * ms, none);
  v.commit_after_lags(5, 20 * ms, none);
  v.commit_after_lags(5, 40 * ms, none);
  ReadJudgement j = v.judge(5, 1, 100 * ms);
  CHECK(j.stale);
  CHECK(j.age == 80 * ms);  // version 2 committed at 20 ms
  CHECK(j.versions_behind == 2);
  CHECK(j.since_write == 60 * ms);
  CHECK_FALSE(v.judge(5, 3, 100 * ms).stale);
}

TEST_CASE("History is forgotten once every replica has applied it", "[versions]") {
  Versions v(3);
  const SimTime lags[] = {0, 5 * ms, 8 * ms};
  for (std::uint64_t key = 0; key < 100; ++key)
    v.commit_after_lags(key, 0, lags);
  CHECK(v.keys_written() == 100);
  CHECK(v.versions_held() == 100);
  CHECK(v.unapplied(2, 6 * ms) == 100);
  CHECK(v.unapplied(1, 6 * ms) == 0);
  // Touching a key after 8 ms forgets its history; its entry is reused by the next write.
  for (std::uint64_t key = 0; key < 100; ++key)
    CHECK_FALSE(v.read(key, 2, 8 * ms).stale);
  CHECK(v.versions_held() == 0);
  v.commit_after_lags(3, 20 * ms, lags);
  CHECK(v.versions_held() == 1);
  CHECK(v.latest(3) == 2);
  CHECK(v.latest_commit(3) == 20 * ms);
}

TEST_CASE("Memory stays bounded under many writes to a few keys", "[versions]") {
  Versions v(3);
  const SimTime lags[] = {0, 2 * ms, 3 * ms};
  for (SimTime t = 0; t < 10'000 * ms; t += ms)
    v.commit_after_lags(static_cast<std::uint64_t>(t / ms) % 10, t, lags);
  // A key written every 10 ms holds at most its last version (replicated within 3 ms).
  CHECK(v.versions_held() <= 10);
  CHECK(v.keys_written() == 10);
}

TEST_CASE("A pending apply time becomes known when the replica is reached", "[versions]") {
  Versions v(3, 0, Versions::Order::newest_wins);
  const SimTime at[] = {90 * ms, 100 * ms, Versions::pending};
  CHECK(v.commit(7, 100 * ms, at) == 1);
  CHECK(v.read(7, 2, 500 * ms).stale);
  CHECK(v.unapplied(2, 500 * ms) == 1);
  v.apply(7, 1, 2, 600 * ms);
  CHECK(v.read(7, 2, 599 * ms).stale);
  CHECK_FALSE(v.read(7, 2, 600 * ms).stale);
  CHECK(v.unapplied(2, 600 * ms) == 0);
  SECTION("and the history is then forgotten") {
    const SimTime next[] = {700 * ms, 700 * ms, 700 * ms};
    v.commit(7, 700 * ms, next);
    CHECK(v.versions_held() == 1);
  }
  SECTION("an apply later than the known time changes nothing") {
    v.apply(7, 1, 2, 650 * ms);
    CHECK_FALSE(v.read(7, 2, 620 * ms).stale);
  }
  SECTION("unknown keys and versions are ignored") {
    v.apply(8, 1, 2, 650 * ms);
    v.apply(7, 5, 2, 650 * ms);
    CHECK(v.keys_written() == 1);
  }
}

TEST_CASE("Newest wins: a replica holding a version answers it even if it missed an earlier one",
          "[versions]") {
  Versions v(2, 0, Versions::Order::newest_wins);
  const SimTime first[] = {10 * ms, Versions::pending};  // replica 1 never gets version 1
  const SimTime second[] = {20 * ms, 25 * ms};
  v.commit(7, 10 * ms, first);
  v.commit(7, 20 * ms, second);
  ReadJudgement before = v.read(7, 1, 24 * ms);
  CHECK(before.stale);
  CHECK(before.version == 0);
  CHECK(before.versions_behind == 2);
  ReadJudgement after = v.read(7, 1, 25 * ms);
  CHECK_FALSE(after.stale);
  CHECK(after.version == 2);
  // Both versions are applied everywhere by 25 ms: nothing is left to hold.
  const SimTime third[] = {30 * ms, 30 * ms};
  v.commit(7, 30 * ms, third);
  CHECK(v.versions_held() == 1);
  SECTION("in order, the same store keeps the replica behind until it applies version 1, then 2") {
    Versions log(2);
    log.commit(7, 10 * ms, first);
    log.commit(7, 20 * ms, second);
    CHECK(log.read(7, 1, 100 * ms).version == 0);
    log.apply(7, 1, 1, 100 * ms);
    CHECK(log.read(7, 1, 100 * ms).version == 1);
    log.apply(7, 2, 1, 100 * ms);
    CHECK(log.read(7, 1, 100 * ms).version == 2);
  }
}

TEST_CASE("Promoting a replica loses the versions it had not applied until a newer write supersedes them",
          "[versions]") {
  // Copy 0 is the writer, copy 1 the replica to promote, copy 2 another replica.
  Versions v(3);
  const SimTime lags_a[] = {0, 100, 10};
  const SimTime lags_b[] = {0, 100, 100};
  v.commit_after_lags(7, 0, lags_a);   // version 1 of key 7: at copy 1 by 100
  v.commit_after_lags(7, 20, lags_b);  // version 2: at copy 1 by 120, copy 2 by 120
  v.commit_after_lags(8, 90, lags_a);  // key 8, version 1: at copy 1 by 190
  v.commit_after_lags(9, 0, lags_a);   // key 9, version 1: everywhere by 100

  const Versions::Loss loss = v.lose_unapplied(1, 110);
  CHECK(loss.versions == 2);  // key 7 version 2 and key 8 version 1; key 7 version 1 arrived at 100
  CHECK(loss.oldest_commit == 20);
  // Lost for good at copy 1: key 7 stays at version 1 (one behind), key 8 at 0.
  const ReadJudgement seven = v.read(7, 1, 1'000'000);
  CHECK(seven.stale);
  CHECK(seven.version == 1);
  CHECK(seven.versions_behind == 1);
  CHECK(seven.age == 1'000'000 - 20);
  CHECK(v.read(8, 1, 1'000'000).version == 0);
  CHECK_FALSE(v.read(9, 1, 1'000'000).stale);
  // Copy 2 had not received key 7's version 2 either: its source is gone.
  CHECK(v.read(7, 2, 1'000'000).version == 1);
  CHECK(v.read(8, 2, 1'000'000).version == 1);  // it had: applied at 100
  // A second promotion does not count the same loss again.
  CHECK(v.lose_unapplied(1, 2'000'000).versions == 0);

  // Copy 1 now writes: a new version of key 7 applies there at once, superseding the lost one, and reaches
  // copy 2 after its lag.
  const SimTime lags_new[] = {0, 0, 50};
  CHECK(v.commit_after_lags(7, 3'000'000, lags_new) == 3);
  const ReadJudgement fresh = v.read(7, 1, 3'000'000);
  CHECK_FALSE(fresh.stale);
  CHECK(fresh.version == 3);
  CHECK(v.read(7, 2, 3'000'010).version == 1);
  CHECK(v.read(7, 2, 3'000'010).versions_behind == 2);
  CHECK(v.read(7, 2, 3'000'050).version == 3);
  // Once superseded everywhere, the lost versions' history can be forgotten.
  v.commit_after_lags(7, 4'000'000, lags_new);
  CHECK(v.versions_held() <= 4);
}

TEST_CASE("A replica's apply time of a key's newest version says when a read there returns it",
          "[versions]") {
  Versions v(3);
  CHECK(v.newest_applied_at(7, 1) == -1);
  const SimTime slow[] = {0, 50 * ms, 10 * ms};
  const SimTime quick[] = {0, 5 * ms, 5 * ms};
  v.commit_after_lags(7, 100 * ms, slow);
  v.commit_after_lags(7, 110 * ms, quick);
  CHECK(v.newest_applied_at(7, 0) == 110 * ms);
  // In order: the quick version waits for the slow one before it at replica 1.
  CHECK(v.newest_applied_at(7, 1) == 150 * ms);
  CHECK(v.newest_applied_at(7, 2) == 115 * ms);
  CHECK(v.read(7, 1, 150 * ms - 1).version == 0);
  CHECK(v.read(7, 1, 150 * ms).version == 2);
}
