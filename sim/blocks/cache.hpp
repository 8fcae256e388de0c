#pragma once
// A keyed cache node (ElastiCache, DAX): an LRU store of `capacity_items` keys with an optional time to live,
// served like a station (servers, a waiting line, a service time). Gets hit or miss by what the store holds,
// so the hit ratio emerges from key popularity, capacity and TTL; a miss does not fill the cache (the flow
// does that with a set: cache-aside).
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "sim/blocks/server_group.hpp"
#include "sim/core/block.hpp"
#include "sim/core/distribution.hpp"

namespace sdsim {

// Keys in least-recently-used order with their expiry times. Memory grows with the keys stored (at most the
// capacity), never with the key space, and stays at its peak: no allocation once it is reached.
class LruStore {
 public:
  enum class Lookup { hit, miss, expired };

  // capacity in items (0 stores nothing); ttl in ns (0: items never expire).
  LruStore(std::uint64_t capacity, SimTime ttl) : capacity_(capacity), ttl_(ttl) {}

  // A read at `now`: a hit moves the key to the front. An item written at t is readable while now < t + ttl;
  // at t + ttl it has expired and is dropped.
  Lookup get(std::uint64_t key, SimTime now);
  // Inserts the key, or refreshes it (value and expiry as of `now`), at the front; evicts the least recently
  // used key beyond the capacity.
  void set(std::uint64_t key, SimTime now);
  // True when the key was held.
  bool remove(std::uint64_t key);

  // Keys held, expired ones not yet dropped included (expiry is lazy, as in Redis).
  std::uint64_t size() const { return index_.size(); }
  bool contains(std::uint64_t key) const { return index_.count(key) != 0; }
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
    std::uint32_t prev;
    std::uint32_t next;
  };
  using Index = std::unordered_map<std::uint64_t, std::uint32_t>;

  void unlink(std::uint32_t slot);
  void push_front(std::uint32_t slot);
  // Drops the slot's key from the index, keeping the map node for the next insertion.
  void drop(Index::iterator it);

  std::uint64_t capacity_;
  SimTime ttl_;
  Index index_;  // key -> slot in nodes_
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> free_slots_;
  std::vector<Index::node_type> spare_entries_;  // extracted map nodes, reused instead of allocating
  std::uint32_t head_ = none;                    // most recently used
  std::uint32_t tail_ = none;                    // least recently used
  std::uint64_t evictions_ = 0;
  std::uint64_t expirations_ = 0;
};

// Defaults as declared in the catalog (sim/catalog/builtin_blocks.cpp), where their sources are given.
struct CacheDef {
  std::uint64_t capacity_items = 1'000'000;                      // items
  SimTime ttl = 0;                                               // ns; 0 = no expiry
  std::uint32_t servers = 335;                                   // requests served at once, >= 1
  std::optional<std::uint64_t> queue_capacity;                   // waiting places; none = unbounded
  Distribution service = Distribution::lognormal(0.3e6, 0.9e6);  // ns
};

// Operations: set and write store the key; delete removes it; every other operation reads it and answers
// hit or miss (Task::hit). The operation takes effect when its service ends.
class Cache final : public Block {
 public:
  Cache(std::string name, CacheDef def, Rng service_rng);

  void accept(Engine& engine, TaskId id) override;
  BlockId release(Engine& engine, TaskId id) override;
  void on_event(Engine& engine, const Event& e) override;
  void reset_statistics(SimTime now) override;
  BlockCounters counters(SimTime now) const override;

  // Since the last statistics reset, except items (now).
  std::uint64_t hits() const { return hits_; }
  std::uint64_t misses() const { return misses_; }
  std::uint64_t evictions() const { return store_.evictions() - evictions_at_reset_; }
  std::uint64_t expirations() const { return store_.expirations() - expirations_at_reset_; }
  std::uint64_t items() const { return store_.size(); }
  // hits / (hits + misses); 0 before any read.
  double hit_ratio() const;
  const LruStore& store() const { return store_; }

 private:
  void start_service(Engine& engine, TaskId id);

  CacheDef def_;
  Rng service_rng_;
  LruStore store_;
  ServerGroup group_;
  LevelIntegral in_system_;
  std::uint64_t arrivals_ = 0;
  std::uint64_t completions_ = 0;
  std::uint64_t rejections_ = 0;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
  std::uint64_t evictions_at_reset_ = 0;
  std::uint64_t expirations_at_reset_ = 0;
};

}  // namespace sdsim
