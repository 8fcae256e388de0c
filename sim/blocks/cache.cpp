#include "sim/blocks/cache.hpp"

#include "sim/core/engine.hpp"

namespace sdsim {

LruStore::Lookup LruStore::get(std::uint64_t key, SimTime now) {
  auto it = index_.find(key);
  if (it == index_.end()) return Lookup::miss;
  std::uint32_t slot = it->second;
  if (now >= nodes_[slot].expires) {
    ++expirations_;
    drop(it);
    return Lookup::expired;
  }
  if (slot != head_) {
    unlink(slot);
    push_front(slot);
  }
  return Lookup::hit;
}

void LruStore::set(std::uint64_t key, SimTime now) {
  if (capacity_ == 0) return;
  SimTime expires = ttl_ > 0 ? now + ttl_ : time_never;
  if (auto it = index_.find(key); it != index_.end()) {
    std::uint32_t slot = it->second;
    nodes_[slot].expires = expires;
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
    drop(index_.find(nodes_[tail_].key));
  }
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back({});
  }
  nodes_[slot] = Node{key, expires, none, none};
  push_front(slot);
  if (!spare_entries_.empty()) {
    Index::node_type entry = std::move(spare_entries_.back());
    spare_entries_.pop_back();
    entry.key() = key;
    entry.mapped() = slot;
    index_.insert(std::move(entry));
  } else {
    index_.emplace(key, slot);
  }
}

bool LruStore::remove(std::uint64_t key) {
  auto it = index_.find(key);
  if (it == index_.end()) return false;
  drop(it);
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

void LruStore::drop(Index::iterator it) {
  std::uint32_t slot = it->second;
  unlink(slot);
  free_slots_.push_back(slot);
  spare_entries_.push_back(index_.extract(it));
}

Cache::Cache(std::string name, CacheDef def, Rng service_rng)
    : Block(std::move(name)),
      def_(std::move(def)),
      service_rng_(service_rng),
      store_(def_.capacity_items, def_.ttl),
      group_(def_.servers, def_.queue_capacity) {}

void Cache::accept(Engine& engine, TaskId id) {
  ++arrivals_;
  SimTime now = engine.now();
  ServerGroup::Admission admission = group_.admit(now, id);
  if (admission == ServerGroup::Admission::refuse) {
    ++rejections_;
    engine.refuse(id);
    return;
  }
  in_system_.change(now, +1);
  if (admission == ServerGroup::Admission::serve) start_service(engine, id);
}

void Cache::start_service(Engine& engine, TaskId id) {
  engine.task(id).started = engine.now();
  engine.schedule_in(def_.service.sample(service_rng_), this->id(), 0, id);
}

void Cache::on_event(Engine& engine, const Event& e) {
  TaskId id = e.arg;
  std::uint64_t key = engine.key(id);
  SimTime now = engine.now();
  switch (engine.operation(id)) {
    case Operation::set:
    case Operation::write:
      store_.set(key, now);
      break;
    case Operation::remove:
      store_.remove(key);
      break;
    default: {
      bool hit = store_.get(key, now) == LruStore::Lookup::hit;
      engine.task(id).hit = hit;
      ++(hit ? hits_ : misses_);
      break;
    }
  }
  engine.served(id);
}

BlockId Cache::release(Engine& engine, TaskId id) {
  SimTime now = engine.now();
  TaskId next = group_.depart(now);
  in_system_.change(now, -1);
  ++completions_;
  engine.report_departure(id);
  if (next != no_task) start_service(engine, next);
  return no_block;
}

double Cache::hit_ratio() const {
  std::uint64_t reads = hits_ + misses_;
  return reads == 0 ? 0.0 : static_cast<double>(hits_) / static_cast<double>(reads);
}

void Cache::reset_statistics(SimTime now) {
  in_system_.restart(now);
  group_.restart(now);
  arrivals_ = completions_ = rejections_ = hits_ = misses_ = 0;
  evictions_at_reset_ = store_.evictions();
  expirations_at_reset_ = store_.expirations();
}

BlockCounters Cache::counters(SimTime now) const {
  BlockCounters c =
      serving_counters(name(), "cache", arrivals_, completions_, rejections_, def_.servers, in_system_, now);
  c.mean_busy = group_.mean_busy(now);
  return c;
}

}  // namespace sdsim
