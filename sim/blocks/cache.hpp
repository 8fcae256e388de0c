#pragma once
// A keyed cache cluster (ElastiCache cluster mode, DAX): `nodes` shards, each an LRU store of
// `capacity_items` keys with an optional time to live, served like a station; a key lives on the node its
// hash picks. Gets hit or miss by what the store holds, so the hit ratio emerges from key popularity,
// capacity and TTL. Cache-aside: the flow fills a miss with a set; read-through (DAX): a get that missed
// fills once its origin call succeeded. While observers judge reads, an item holds the version of its key
// that the filling request last read or wrote in a data block (its source), and every hit is judged against
// that source's newest version (a stale hit's age is exact for TTLs up to 5 minutes, a lower bound beyond).
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/blocks/server_group.hpp"
#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"
#include "sim/core/key_index.hpp"
#include "sim/core/sample_stream.hpp"
#include "sim/core/versions.hpp"

namespace sdsim {

// Keys in least-recently-used order with their expiry times. Memory grows with the keys stored (at most the
// capacity), never with the key space, and stays at its peak: no allocation once it is reached.
class LruStore {
 public:
  enum class Lookup { hit, miss, expired };

  // capacity in items (0 stores nothing); ttl in ns (0: items never expire).
  LruStore(std::uint64_t capacity, SimTime ttl) : capacity_(capacity), ttl_(ttl) {}

  // A read at `now`: a hit moves the key to the front and gives its value to `value` (when not null). An item
  // written at t is readable while now < t + ttl; at t + ttl it has expired and is dropped.
  Lookup get(std::uint64_t key, SimTime now, SeenVersion* value = nullptr);
  // Inserts the key, or refreshes it (value and expiry as of `now`), at the front; evicts the least recently
  // used key beyond the capacity.
  void set(std::uint64_t key, SimTime now, SeenVersion value = {});
  // True when the key was held.
  bool remove(std::uint64_t key);

  // Keys held, expired ones not yet dropped included (expiry is lazy, as in Redis).
  std::uint64_t size() const { return index_.size(); }
  bool contains(std::uint64_t key) const { return index_.contains(key); }
  // A hint that the key is about to be read or written (KeyIndex::prefetch); changes nothing.
  void prefetch(std::uint64_t key) const { index_.prefetch(key); }
  // Keys from most to least recently used; O(size), for tests and views.
  std::vector<std::uint64_t> keys_by_recency() const;
  std::uint64_t evictions() const { return evictions_; }
  std::uint64_t expirations() const { return expirations_; }
  // Item slots ever allocated: the peak number of keys held.
  std::size_t slots_allocated() const { return nodes_.size(); }

 private:
  static constexpr std::uint32_t none = 0xFFFF'FFFFu;
  struct Node {
    std::uint64_t key;
    SimTime expires;  // time_never without TTL
    SeenVersion value;
    std::uint32_t prev;
    std::uint32_t next;
  };

  void unlink(std::uint32_t slot);
  void push_front(std::uint32_t slot);
  // Drops the slot's key from the index and the recency list, freeing the slot.
  void drop(std::uint32_t slot);

  std::uint64_t capacity_;
  SimTime ttl_;
  KeyIndex index_;  // key -> slot in nodes_
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> free_slots_;
  std::uint32_t head_ = none;  // most recently used
  std::uint32_t tail_ = none;  // least recently used
  std::uint64_t evictions_ = 0;
  std::uint64_t expirations_ = 0;
};

// How a miss and a write reach the store.
enum class CacheMode : std::uint8_t {
  // The application fills: a get that misses stores nothing, the flow's set does. A set or write stores the
  // key when its service ends, and a delete removes it.
  cache_aside,
  // The cache fills (DAX): a get that missed stores the key when the task is released after its calls (the
  // origin fetch) succeeded; a set or write stores it likewise after its calls succeeded. Write-through is
  // written in the flow as a set whose call writes the database: the item is cached once the database took
  // the write, and not when that call failed.
  read_through,
};

// The mode named in a design ("cache_aside", "read_through"); nullopt for an unknown name.
std::optional<CacheMode> cache_mode_named(std::string_view name);

// Defaults as declared in the catalog (sim/catalog/kind_cache.cpp), where their sources are given.
struct CacheDef {
  std::uint32_t nodes = 1;                                       // shards, >= 1
  std::uint64_t capacity_items = 1'000'000;                      // items per node
  SimTime ttl = 0;                                               // ns; 0 = no expiry
  std::uint32_t servers = 335;                                   // requests one node serves at once, >= 1
  std::optional<std::uint64_t> queue_capacity;                   // waiting places per node; none = unbounded
  Distribution service = Distribution::lognormal(0.3e6, 0.9e6);  // ns
  CacheMode mode = CacheMode::cache_aside;
  SimTime node_replacement = 30'000'000'000;  // ns a lost node stays down before it returns empty
};

// Operations: set and write store the key; delete removes it; every other operation reads it and answers
// hit or miss (Task::hit). The operation takes effect when its service ends (in read-through mode, fills and
// writes when the task is released). Node i sits in zone i % zones of the block's placement; a task is sent
// to its key's node's zone.
class Cache final : public Block {
 public:
  Cache(std::string name, CacheDef def, Rng service_rng);

  void start(Engine& engine) override;
  ZoneId choose_zone(Engine& engine, TaskId id, ZoneId from, const std::vector<ZoneId>& zones) override;
  void accept(Engine& engine, TaskId id) override;
  BlockId release(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

  // Fault hook (cache node loss): node `node` (< node_count()) loses its contents and goes down now. Its
  // waiting and in-service requests fail at once, and its arrivals are refused for `node_replacement`; then
  // it serves again, empty. Requests it already served whose calls are still running finish, but fill
  // nothing. Losing a node that is down restarts its replacement.
  void lose_node(Engine& engine, std::uint32_t node);
  // Fault hook (its zone's power interruption): down, the node is lost (as lose_node) and stays down until
  // set up again; then it serves at once, empty.
  void set_node_down(Engine& engine, std::uint32_t node, bool down);
  // The zone node `node` runs in: its placement zone round robin (client_zone when unplaced); valid from
  // start().
  ZoneId node_zone(std::uint32_t node) const;
  // The node holding `key`.
  std::uint32_t node_of(std::uint64_t key) const;
  std::uint32_t node_count() const { return static_cast<std::uint32_t>(nodes_.size()); }
  // True while the node is being replaced after a loss.
  bool node_down(std::uint32_t node, SimTime now) const { return now < nodes_[node].down_until; }

  // Since the last statistics reset, except items (now).
  std::uint64_t hits() const;
  std::uint64_t misses() const;
  std::uint64_t evictions() const;
  std::uint64_t expirations() const;
  std::uint64_t items() const;
  // hits / (hits + misses); 0 before any read.
  double hit_ratio() const;
  // Per node, since the last statistics reset: arrivals (refused ones included), refusals (a full line, a
  // node down or lost with the request in it), reads that hit and missed, and the keys held now.
  std::uint64_t node_arrivals(std::uint32_t node) const { return nodes_[node].arrivals; }
  std::uint64_t node_rejections(std::uint32_t node) const { return nodes_[node].rejections; }
  std::uint64_t node_hits(std::uint32_t node) const { return nodes_[node].hits; }
  std::uint64_t node_misses(std::uint32_t node) const { return nodes_[node].misses; }
  std::uint64_t node_items(std::uint32_t node) const { return nodes_[node].store.size(); }
  const LruStore& store(std::uint32_t node = 0) const { return nodes_[node].store; }
  const CacheDef& def() const { return def_; }

 private:
  struct Node {
    LruStore store;
    ServerGroup group;
    SimTime down_until = 0;
    std::uint32_t lost_in = 0;  // the loss count (losses_) at its last loss
    std::uint64_t arrivals = 0;
    std::uint64_t rejections = 0;
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
  };
  enum class Phase : std::uint8_t { none, waiting, serving, calling };
  // What the cache knows of a task it holds, by TaskId.
  struct Held {
    std::uint32_t node = 0;
    std::uint32_t admitted_in = 0;  // losses_ when it arrived; also tags its service event
    Phase phase = Phase::none;
  };

  void start_service(Engine& engine, TaskId id);
  // The task held at its node fails now: its server (if any) is freed by the caller.
  void fail_held(Engine& engine, TaskId id);
  // Stores the key with the version its request saw last (when observers judge reads).
  void fill(Engine& engine, TaskId id, LruStore& store, std::uint64_t key, SimTime now);

  CacheDef def_;
  SampleStream<Distribution> service_;
  std::vector<Node> nodes_;
  std::vector<Held> held_;
  std::vector<ZoneId> zones_;
  std::uint32_t losses_ = 0;
  // Evictions and expirations of stores emptied by a loss, and the totals at the last statistics reset.
  std::uint64_t lost_evictions_ = 0;
  std::uint64_t lost_expirations_ = 0;
  std::uint64_t evictions_at_reset_ = 0;
  std::uint64_t expirations_at_reset_ = 0;
  LevelIntegral in_system_;
  std::uint64_t completions_ = 0;
};

}  // namespace sdsim
