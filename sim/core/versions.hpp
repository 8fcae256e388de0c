#pragma once
// The versions of one data block's keys, held so that every read can be judged against the truth at the
// moment it is served. Memory grows with the keys written (never the keys declared) and the versions still
// replicating; times are ns and must not go backwards between calls.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "sim/core/key_index.hpp"
#include "sim/core/time.hpp"

namespace sdsim {

// How one read compares with the newest version committed when it was served.
struct ReadJudgement {
  std::uint64_t version = 0;          // the version the read returned (0: the initial value)
  bool stale = false;                 // a newer version was committed
  SimTime age = 0;                    // ns, stale only: served time - commit time of the first version missed
  std::uint64_t versions_behind = 0;  // newest committed version - version returned
  SimTime since_write = -1;           // ns since the newest committed write; -1: the key was never written
};

class Versions;

// A version of a key some data block returned or wrote (or a cache holds), and the versions it belongs to.
struct SeenVersion {
  Versions* source = nullptr;  // null: none known
  std::uint64_t version = 0;
};

// A versioned store for one data block with `replicas` copies (index 0 is usually the leader or writer).
//
// Versions of a key are numbered 1, 2, ... in commit order; version 0 is the value before any write, applied
// everywhere. A commit states, per replica, when that replica would apply the version; replication is in
// order per key, so replica i applies version v at max(its apply time of v - 1, the time stated). A replica
// that applies a version before it commits (a quorum write reaching a replica before W acks) is allowed: such
// a read still counts as fresh. A leaderless store whose replicas keep the newest version they were sent
// (last writer wins) is made with Order::newest_wins: a replica applying version v then also counts as
// having applied every earlier one (a read there returns v or newer), whatever order the versions reached it
// in. An apply time may be `pending` (not known yet: the replica has not been reached) and stated by apply()
// when it is.
//
// Uses beyond the DynamoDB-like table (for the blocks that come next):
//  - leader/follower with lag (relational read replicas, DynamoDB): commit_after_lags with 0 for the leader;
//    read(key, replica, t).
//  - quorum reads (N, R, W): Order::newest_wins; commit() with each replica's arrival time (pending for
//    those not reached yet, then apply()); a read takes the newest of applied(key, r, t) over the R
//    replicas it asks and judges it with judge(key, version, t).
//  - caches and the CDN: a cache entry holds the version applied() returned when it was filled; judge() it at
//    every hit. Keep history for the longest TTL (`retention`) so that the age of a cached version stays
//    exact: a version's commit time is forgotten only `retention` after every replica applied it.
//  - sessions (read-your-writes, monotonic reads): compare ReadJudgement::version, or commit()'s return
//  value,
//    with the versions the session saw before.
//  - failover (RPO): unapplied(replica, t) counts the committed versions a replica has not applied.
class Versions {
 public:
  enum class Order : std::uint8_t {
    in_order,     // a replication log: version v applies after v - 1 at each replica
    newest_wins,  // last writer wins: applying v at a replica covers every earlier version there
  };
  // An apply time not known yet (far beyond any run, and safe to add a retention to).
  static constexpr SimTime pending = std::numeric_limits<SimTime>::max() / 4;
  // The apply time of a version lost at a replica: it never arrives, though it stays committed.
  static constexpr SimTime never = std::numeric_limits<SimTime>::max() / 2;

  explicit Versions(std::uint32_t replicas, SimTime retention = 0, Order order = Order::in_order);

  std::uint32_t replicas() const { return replicas_; }
  // Keeps each version's history at least `retention` after every replica applied it, from the next commit
  // on (a cache holding versions for a TTL asks for that TTL).
  void retain(SimTime retention) { retention_ = std::max(retention_, retention); }
  // Commits the next version of `key` at `now`; replica i applies it at max(apply_at[i], its apply time of
  // the previous version). apply_at.size() == replicas(). Returns the new version number.
  std::uint64_t commit(std::uint64_t key, SimTime now, std::span<const SimTime> apply_at);
  // The same with apply times now + lags[i] (lags >= 0; 0 for the leader).
  std::uint64_t commit_after_lags(std::uint64_t key, SimTime now, std::span<const SimTime> lags);

  // `replica` applied `version` of `key` at `now` if it had not by then (a pending apply time becomes known,
  // or a version arrived sooner than its commit stated); every earlier version counts as applied there too.
  // A version already forgotten, or a key never written, is ignored. In order, a later version whose apply
  // time waited on this one stays as it was: state each version's apply in turn.
  void apply(std::uint64_t key, std::uint64_t version, std::uint32_t replica, SimTime now);

  // The newest version committed (0: never written) and its commit time (ns; -1 when never written).
  std::uint64_t latest(std::uint64_t key) const;
  SimTime latest_commit(std::uint64_t key) const;
  // When `replica` applies (or applied) the newest version of `key`, in ns: from then on a read there
  // returns it. -1 when the key was never written; Versions::never when that version was lost there; its
  // commit time (no later than the apply) once its history is forgotten.
  SimTime newest_applied_at(std::uint64_t key, std::uint32_t replica) const;
  // The newest version `replica` has applied by `now`.
  std::uint64_t applied(std::uint64_t key, std::uint32_t replica, SimTime now);
  // A read at `replica` served at `now`, judged.
  ReadJudgement read(std::uint64_t key, std::uint32_t replica, SimTime now);
  // A hint that the key is about to be read or committed (KeyIndex::prefetch); changes nothing.
  void prefetch(std::uint64_t key) const { keys_.prefetch(key); }
  // A read that returned `version` (from a cache, or the newest of a quorum's answers) at `now`, judged. The
  // age is exact while the history holds version + 1 (see `retention`); past that it is a lower bound.
  ReadJudgement judge(std::uint64_t key, std::uint64_t version, SimTime now);

  // Committed versions (over all keys) that `replica` has not applied by `now`: what its promotion would
  // lose. Walks every version still replicating.
  std::uint64_t unapplied(std::uint32_t replica, SimTime now) const;
  // What promoting `replica` at `now` loses, its source gone: the versions it had not applied, and the
  // oldest one's commit time (-1 when none).
  struct Loss {
    std::uint64_t versions = 0;
    SimTime oldest_commit = -1;
  };
  // The writer failed at `now` and `replica` takes over (in order only). The versions not applied by then
  // never reach it, nor any replica that lacked them (they left with the writer), yet stay committed: a read
  // there misses them, judged stale, until a newer write to the key supersedes them. Returns what `replica`
  // lost (versions lost earlier not counted again). Walks every version still replicating.
  Loss lose_unapplied(std::uint32_t replica, SimTime now);
  // Keys written so far, and versions whose history is still held (both bound the memory).
  std::size_t keys_written() const { return keys_.size(); }
  std::size_t versions_held() const { return entries_.size() - free_entries_; }

 private:
  static constexpr std::uint32_t none = 0xFFFF'FFFFu;
  struct KeyState {
    std::uint64_t latest = 0;     // newest committed version
    SimTime latest_commit = -1;   // ns
    std::uint32_t oldest = none;  // history, oldest first (a singly linked list through Entry::next)
    std::uint32_t newest = none;
  };
  struct Entry {
    std::uint64_t version = 0;
    SimTime commit = 0;     // ns
    SimTime forget_at = 0;  // ns: every replica has applied it, plus the retention
    std::uint32_t next = none;
  };
  SimTime& apply_time(std::uint32_t entry, std::uint32_t replica) {
    return apply_at_[std::size_t{entry} * replicas_ + replica];
  }
  SimTime apply_time(std::uint32_t entry, std::uint32_t replica) const {
    return apply_at_[std::size_t{entry} * replicas_ + replica];
  }
  // Drops the key's oldest versions that every replica applied more than `retention` ago.
  void prune(KeyState& k, SimTime now);
  std::uint32_t new_entry();
  // Every version of the key older than `until` counts as applied at `replica` by `at`.
  void cover_earlier(const KeyState& k, std::uint32_t until, std::uint32_t replica, SimTime at);
  void update_forget(std::uint32_t entry);

  std::uint32_t replicas_;
  SimTime retention_;
  Order order_;
  KeyIndex keys_;                  // key -> index into states_
  std::vector<KeyState> states_;   // one per key written
  std::vector<Entry> entries_;     // pool; free entries are chained through next
  std::vector<SimTime> apply_at_;  // per entry, per replica: ns
  std::uint32_t free_head_ = none;
  std::size_t free_entries_ = 0;
};

}  // namespace sdsim
