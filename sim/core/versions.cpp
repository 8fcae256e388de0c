#include "sim/core/versions.hpp"

#include <algorithm>

namespace sdsim {

Versions::Versions(std::uint32_t replicas, SimTime retention, Order order)
    : replicas_(std::max<std::uint32_t>(replicas, 1)), retention_(retention), order_(order) {}

std::uint32_t Versions::new_entry() {
  if (free_head_ != none) {
    std::uint32_t e = free_head_;
    free_head_ = entries_[e].next;
    --free_entries_;
    return e;
  }
  entries_.emplace_back();
  apply_at_.resize(apply_at_.size() + replicas_);
  return static_cast<std::uint32_t>(entries_.size() - 1);
}

void Versions::prune(KeyState& k, SimTime now) {
  while (k.oldest != none && entries_[k.oldest].forget_at <= now) {
    std::uint32_t e = k.oldest;
    k.oldest = entries_[e].next;
    entries_[e].version = 0;  // marks a free entry for unapplied()
    entries_[e].next = free_head_;
    free_head_ = e;
    ++free_entries_;
  }
  if (k.oldest == none) k.newest = none;
}

std::uint64_t Versions::commit(std::uint64_t key, SimTime now, std::span<const SimTime> apply_at) {
  std::uint32_t index = keys_.find(key);
  if (index == KeyIndex::absent) {
    index = static_cast<std::uint32_t>(states_.size());
    states_.emplace_back();
    keys_.insert(key, index);
  }
  prune(states_[index], now);
  // Pooling may reallocate entries_, never states_: take the key's state after new_entry().
  std::uint32_t e = new_entry();
  KeyState& k = states_[index];
  const std::uint32_t previous = k.newest;
  SimTime forget = now;
  for (std::uint32_t r = 0; r < replicas_; ++r) {
    SimTime at = r < apply_at.size() ? apply_at[r] : now;
    if (previous != none) {
      // NOLINTNEXTLINE(bugprone-branch-clone): the same action for two different reasons, kept apart
      if (order_ == Order::in_order && apply_time(previous, r) == never) {
        // The versions lost at this replica are superseded: a read there returns this one once applied.
        cover_earlier(k, e, r, at);
      } else if (order_ == Order::in_order) {
        at = std::max(at, apply_time(previous, r));
      } else if (apply_time(previous, r) > at) {
        cover_earlier(k, e, r, at);
      }
    }
    apply_time(e, r) = at;
    forget = std::max(forget, at);
  }
  Entry& entry = entries_[e];
  entry.version = ++k.latest;
  entry.commit = now;
  entry.forget_at = forget + retention_;
  entry.next = none;
  if (previous == none) {
    k.oldest = e;
  } else {
    entries_[previous].next = e;
  }
  k.newest = e;
  k.latest_commit = now;
  return k.latest;
}

void Versions::cover_earlier(const KeyState& k, std::uint32_t until, std::uint32_t replica, SimTime at) {
  // Apply times grow with the version at each replica, so the ones to lower are the last before `until`.
  for (std::uint32_t e = k.oldest; e != none && e != until; e = entries_[e].next) {
    if (apply_time(e, replica) > at) {
      apply_time(e, replica) = at;
      update_forget(e);
    }
  }
}

void Versions::update_forget(std::uint32_t entry) {
  SimTime last = entries_[entry].commit;
  for (std::uint32_t r = 0; r < replicas_; ++r)
    last = std::max(last, apply_time(entry, r));
  entries_[entry].forget_at = last + retention_;
}

void Versions::apply(std::uint64_t key, std::uint64_t version, std::uint32_t replica, SimTime now) {
  std::uint32_t index = keys_.find(key);
  if (index == KeyIndex::absent || replica >= replicas_) return;
  KeyState& k = states_[index];
  for (std::uint32_t e = k.oldest; e != none; e = entries_[e].next) {
    if (entries_[e].version != version) continue;
    if (apply_time(e, replica) > now) {
      cover_earlier(k, e, replica, now);
      apply_time(e, replica) = now;
      update_forget(e);
    }
    return;
  }
}

std::uint64_t Versions::commit_after_lags(std::uint64_t key, SimTime now, std::span<const SimTime> lags) {
  constexpr std::size_t inline_replicas = 8;
  SimTime inline_at[inline_replicas];
  std::vector<SimTime> many;
  std::span<SimTime> at;
  if (lags.size() <= inline_replicas) {
    at = std::span<SimTime>(inline_at, lags.size());
  } else {
    many.resize(lags.size());
    at = many;
  }
  for (std::size_t r = 0; r < lags.size(); ++r)
    at[r] = now + std::max<SimTime>(lags[r], 0);
  return commit(key, now, at);
}

std::uint64_t Versions::latest(std::uint64_t key) const {
  std::uint32_t index = keys_.find(key);
  return index == KeyIndex::absent ? 0 : states_[index].latest;
}

SimTime Versions::latest_commit(std::uint64_t key) const {
  std::uint32_t index = keys_.find(key);
  return index == KeyIndex::absent ? -1 : states_[index].latest_commit;
}

SimTime Versions::newest_applied_at(std::uint64_t key, std::uint32_t replica) const {
  std::uint32_t index = keys_.find(key);
  if (index == KeyIndex::absent) return -1;
  const KeyState& k = states_[index];
  if (k.newest == none || replica >= replicas_) return k.latest_commit;
  return apply_time(k.newest, replica);
}

std::uint64_t Versions::applied(std::uint64_t key, std::uint32_t replica, SimTime now) {
  return read(key, replica, now).version;
}

ReadJudgement Versions::read(std::uint64_t key, std::uint32_t replica, SimTime now) {
  ReadJudgement j;
  std::uint32_t index = keys_.find(key);
  if (index == KeyIndex::absent) return j;  // never written: the initial value, fresh
  KeyState& k = states_[index];
  prune(k, now);
  j.version = k.latest;
  j.since_write = now - k.latest_commit;
  // Apply times grow with the version at each replica: the first one not applied by now is the first missed.
  for (std::uint32_t e = k.oldest; e != none; e = entries_[e].next) {
    if (apply_time(e, replica) > now) {
      j.version = entries_[e].version - 1;
      j.stale = true;
      j.age = now - entries_[e].commit;
      j.versions_behind = k.latest - j.version;
      break;
    }
  }
  return j;
}

ReadJudgement Versions::judge(std::uint64_t key, std::uint64_t version, SimTime now) {
  ReadJudgement j;
  j.version = version;
  std::uint32_t index = keys_.find(key);
  if (index == KeyIndex::absent) return j;
  KeyState& k = states_[index];
  prune(k, now);
  j.since_write = now - k.latest_commit;
  if (version >= k.latest) return j;
  j.stale = true;
  j.versions_behind = k.latest - version;
  // The commit of version + 1; if forgotten, the oldest still held (or the latest), which committed later.
  SimTime missed = k.latest_commit;
  for (std::uint32_t e = k.oldest; e != none; e = entries_[e].next) {
    if (entries_[e].version > version) {
      missed = entries_[e].commit;
      break;
    }
  }
  j.age = now - missed;
  return j;
}

std::uint64_t Versions::unapplied(std::uint32_t replica, SimTime now) const {
  std::uint64_t count = 0;
  for (std::uint32_t e = 0; e < entries_.size(); ++e) {
    if (entries_[e].version != 0 && apply_time(e, replica) > now) ++count;
  }
  return count;
}

Versions::Loss Versions::lose_unapplied(std::uint32_t replica, SimTime now) {
  Loss loss;
  for (std::uint32_t e = 0; e < entries_.size(); ++e) {
    if (entries_[e].version == 0) continue;
    if (replica < replicas_ && apply_time(e, replica) > now && apply_time(e, replica) != never) {
      ++loss.versions;
      if (loss.oldest_commit < 0 || entries_[e].commit < loss.oldest_commit)
        loss.oldest_commit = entries_[e].commit;
    }
    bool lost = false;
    for (std::uint32_t r = 0; r < replicas_; ++r) {
      if (apply_time(e, r) > now && apply_time(e, r) != never) {
        apply_time(e, r) = never;
        lost = true;
      }
    }
    if (lost) update_forget(e);
  }
  return loss;
}

}  // namespace sdsim
