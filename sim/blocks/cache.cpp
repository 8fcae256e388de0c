#include "sim/blocks/cache.hpp"

#include <algorithm>
#include <limits>

#include "sim/core/engine.hpp"
#include "sim/core/rng.hpp"

namespace sdsim {

LruStore::Lookup LruStore::get(std::uint64_t key, SimTime now, SeenVersion* value) {
  std::uint32_t slot = index_.find(key);
  if (slot == KeyIndex::absent) return Lookup::miss;
  if (now >= nodes_[slot].expires) {
    ++expirations_;
    drop(slot);
    return Lookup::expired;
  }
  if (slot != head_) {
    unlink(slot);
    push_front(slot);
  }
  if (value) *value = nodes_[slot].value;
  return Lookup::hit;
}

void LruStore::set(std::uint64_t key, SimTime now, SeenVersion value) {
  if (capacity_ == 0) return;
  SimTime expires = ttl_ > 0 ? now + ttl_ : time_never;
  if (std::uint32_t slot = index_.find(key); slot != KeyIndex::absent) {
    nodes_[slot].expires = expires;
    nodes_[slot].value = value;
    if (slot != head_) {
      unlink(slot);
      push_front(slot);
    }
    return;
  }
  if (index_.size() >= capacity_) {
    // The victim is counted as expired when its time was up anyway: TTL, not capacity, removed it.
    if (now >= nodes_[tail_].expires) {
      ++expirations_;
    } else {
      ++evictions_;
    }
    drop(tail_);
  }
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back({});
  }
  nodes_[slot] = Node{key, expires, value, none, none};
  push_front(slot);
  index_.insert(key, slot);
}

bool LruStore::remove(std::uint64_t key) {
  std::uint32_t slot = index_.find(key);
  if (slot == KeyIndex::absent) return false;
  drop(slot);
  return true;
}

std::vector<std::uint64_t> LruStore::keys_by_recency() const {
  std::vector<std::uint64_t> keys;
  for (std::uint32_t s = head_; s != none; s = nodes_[s].next)
    keys.push_back(nodes_[s].key);
  return keys;
}

void LruStore::unlink(std::uint32_t slot) {
  Node& n = nodes_[slot];
  if (n.prev != none) {
    nodes_[n.prev].next = n.next;
  } else {
    head_ = n.next;
  }
  if (n.next != none) {
    nodes_[n.next].prev = n.prev;
  } else {
    tail_ = n.prev;
  }
  n.prev = n.next = none;
}

void LruStore::push_front(std::uint32_t slot) {
  Node& n = nodes_[slot];
  n.prev = none;
  n.next = head_;
  if (head_ != none) nodes_[head_].prev = slot;
  head_ = slot;
  if (tail_ == none) tail_ = slot;
}

void LruStore::drop(std::uint32_t slot) {
  index_.erase(nodes_[slot].key);
  unlink(slot);
  free_slots_.push_back(slot);
}

std::optional<CacheMode> cache_mode_named(std::string_view name) {
  if (name == "cache_aside") return CacheMode::cache_aside;
  if (name == "read_through") return CacheMode::read_through;
  return std::nullopt;
}

Cache::Cache(std::string name, CacheDef def, Rng service_rng)
    : Block(std::move(name)), def_(std::move(def)), service_(def_.service, service_rng) {
  nodes_.reserve(def_.nodes);
  for (std::uint32_t n = 0; n < def_.nodes; ++n) {
    nodes_.push_back(
        Node{LruStore(def_.capacity_items, def_.ttl), ServerGroup(def_.servers, def_.queue_capacity)});
  }
}

void Cache::start(Engine& engine) {
  zones_ = engine.network().zones_of(id());
}

std::uint32_t Cache::node_of(std::uint64_t key) const {
  return shard_of(key, nodes_.size());
}

ZoneId Cache::node_zone(std::uint32_t node) const {
  return zones_.empty() ? client_zone : zones_[node % zones_.size()];
}

ZoneId Cache::choose_zone(Engine& engine, TaskId id, ZoneId, const std::vector<ZoneId>& zones) {
  std::uint32_t node = node_of(engine.key(id));
  return zones[node < zones.size() ? node : node % zones.size()];
}

void Cache::accept(Engine& engine, TaskId id) {
  std::uint32_t n = node_of(engine.key(id));
  Node& node = nodes_[n];
  ++node.arrivals;
  SimTime now = engine.now();
  if (node_down(n, now)) {
    ++node.rejections;
    engine.refuse(id, Outcome::unavailable);
    return;
  }
  ServerGroup::Admission admission = node.group.admit(now, id);
  if (admission == ServerGroup::Admission::refuse) {
    ++node.rejections;
    engine.refuse(id);
    return;
  }
  if (held_.size() <= id) held_.resize(id + 1);
  held_[id] = Held{n, losses_, Phase::waiting};
  in_system_.change(now, +1);
  if (admission == ServerGroup::Admission::serve) start_service(engine, id);
}

void Cache::start_service(Engine& engine, TaskId id) {
  engine.task(id).started = engine.now();
  held_[id].phase = Phase::serving;
  nodes_[held_[id].node].store.prefetch(engine.key(id));
  // The event carries the loss count the task arrived in: a service event of a task failed by a loss (whose
  // TaskId may since serve another request) no longer matches and is ignored.
  engine.schedule_in(service_.next(), this->id(), held_[id].admitted_in, id);
}

void Cache::on_event(Engine& engine, const Event& e) {
  TaskId id = e.arg;
  if (id >= held_.size() || held_[id].phase != Phase::serving || held_[id].admitted_in != e.kind) return;
  held_[id].phase = Phase::calling;
  Node& node = nodes_[held_[id].node];
  std::uint64_t key = engine.key(id);
  SimTime now = engine.now();
  bool deferred = def_.mode == CacheMode::read_through;
  switch (engine.operation(id)) {
    case Operation::set:
    case Operation::write:
      if (!deferred) fill(engine, id, node.store, key, now);
      break;
    case Operation::remove:
      node.store.remove(key);
      break;
    default: {
      SeenVersion held;
      bool hit = node.store.get(key, now, &held) == LruStore::Lookup::hit;
      engine.task(id).hit = hit;
      ++(hit ? node.hits : node.misses);
      if (hit && held.source) engine.report_read(id, held.source->judge(key, held.version, now), held.source);
      break;
    }
  }
  engine.served(id);
}

BlockId Cache::release(Engine& engine, TaskId id) {
  SimTime now = engine.now();
  Held& held = held_[id];
  std::uint32_t n = held.node;
  Node& node = nodes_[n];
  held.phase = Phase::none;
  if (def_.mode == CacheMode::read_through && engine.task(id).outcome == Outcome::completed &&
      held.admitted_in >= node.lost_in && !node_down(n, now)) {
    Operation op = engine.operation(id);
    bool fills =
        op == Operation::set || op == Operation::write || (op != Operation::remove && !engine.task(id).hit);
    if (fills) fill(engine, id, node.store, engine.key(id), now);
  }
  TaskId next = node.group.depart(now);
  in_system_.change(now, -1);
  ++completions_;
  engine.report_departure(id);
  if (next != no_task) start_service(engine, next);
  return no_block;
}

void Cache::fill(Engine& engine, TaskId id, LruStore& store, std::uint64_t key, SimTime now) {
  SeenVersion seen = engine.seen_version(id);
  // The source keeps its history for the TTL, so that a hit's staleness age stays exact; at most
  // max_retention, since a hot key's history grows with its writes over that time (a day's TTL at an edge
  // cache). Past it, a stale hit's age is a lower bound.
  constexpr SimTime max_retention = 300 * ns_per_s;
  if (seen.source && def_.ttl > 0) seen.source->retain(std::min(def_.ttl, max_retention));
  store.set(key, now, seen);
}

void Cache::fail_held(Engine& engine, TaskId id) {
  held_[id].phase = Phase::none;
  ++nodes_[held_[id].node].rejections;
  in_system_.change(engine.now(), -1);
  engine.refuse(id, Outcome::unavailable);
}

void Cache::lose_node(Engine& engine, std::uint32_t n) {
  SimTime now = engine.now();
  ++losses_;
  Node& node = nodes_[n];
  node.lost_in = losses_;
  node.down_until = now + def_.node_replacement;
  lost_evictions_ += node.store.evictions();
  lost_expirations_ += node.store.expirations();
  node.store = LruStore(def_.capacity_items, def_.ttl);
  // The waiting line first: a departure with tasks waiting hands the server on to the next of them, so the
  // line is emptied before the servers are freed. Failing a task may send new ones here, which the down node
  // refuses without holding them.
  while (node.group.waiting() > 0)
    fail_held(engine, node.group.depart(now));
  for (std::size_t id = 0; id < held_.size(); ++id) {
    if (held_[id].phase != Phase::serving || held_[id].node != n) continue;
    node.group.depart(now);
    fail_held(engine, static_cast<TaskId>(id));
  }
}

std::uint64_t Cache::hits() const {
  std::uint64_t total = 0;
  for (const Node& node : nodes_)
    total += node.hits;
  return total;
}

std::uint64_t Cache::misses() const {
  std::uint64_t total = 0;
  for (const Node& node : nodes_)
    total += node.misses;
  return total;
}

std::uint64_t Cache::evictions() const {
  std::uint64_t total = lost_evictions_;
  for (const Node& node : nodes_)
    total += node.store.evictions();
  return total - evictions_at_reset_;
}

std::uint64_t Cache::expirations() const {
  std::uint64_t total = lost_expirations_;
  for (const Node& node : nodes_)
    total += node.store.expirations();
  return total - expirations_at_reset_;
}

std::uint64_t Cache::items() const {
  std::uint64_t total = 0;
  for (const Node& node : nodes_)
    total += node.store.size();
  return total;
}

double Cache::hit_ratio() const {
  std::uint64_t h = hits();
  std::uint64_t reads = h + misses();
  return reads == 0 ? 0.0 : static_cast<double>(h) / static_cast<double>(reads);
}

void Cache::reset_statistics(SimTime now) {
  in_system_.restart(now);
  completions_ = 0;
  for (Node& node : nodes_) {
    node.group.restart(now);
    node.arrivals = node.rejections = node.hits = node.misses = 0;
  }
  evictions_at_reset_ = 0;
  expirations_at_reset_ = 0;
  evictions_at_reset_ = evictions();
  expirations_at_reset_ = expirations();
}

BlockCounters Cache::counters(SimTime now) const {
  std::uint64_t arrivals = 0;
  std::uint64_t rejections = 0;
  double busy = 0;
  for (const Node& node : nodes_) {
    arrivals += node.arrivals;
    rejections += node.rejections;
    busy += node.group.mean_busy(now);
  }
  BlockCounters c = serving_counters(name(), "cache", arrivals, completions_, rejections,
                                     def_.servers * node_count(), in_system_, now);
  c.mean_busy = busy;
  c.usage.units = node_count();
  c.usage.requests = static_cast<double>(arrivals);
  return c;
}

void Cache::set_node_down(Engine& engine, std::uint32_t node, bool down) {
  if (down) {
    lose_node(engine, node);
    nodes_[node].down_until = std::numeric_limits<SimTime>::max();
  } else {
    nodes_[node].down_until = engine.now();
  }
}

}  // namespace sdsim
