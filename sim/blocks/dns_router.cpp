#include "sim/blocks/dns_router.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "sim/core/engine.hpp"

namespace sdsim {

std::optional<DnsPolicy> dns_policy_named(std::string_view name) {
  if (name == "failover") return DnsPolicy::failover;
  if (name == "latency") return DnsPolicy::latency;
  if (name == "weighted") return DnsPolicy::weighted;
  return std::nullopt;
}

DnsRouter::DnsRouter(std::string name, DnsRouterDef def, Rng cache_rng, Rng weight_rng)
    : Block(std::move(name)), def_(std::move(def)), cache_rng_(cache_rng), weight_rng_(weight_rng) {
  const std::size_t n = def_.targets.size();
  if (n == 0 || n > max_targets) {
    throw std::invalid_argument("dns \"" + this->name() + "\": needs 1 to " + std::to_string(max_targets) +
                                " targets (the calls under it), has " + std::to_string(n));
  }
  for (const DnsTarget& t : def_.targets) {
    if (!(t.weight > 0)) throw std::invalid_argument("dns \"" + this->name() + "\": a target's weight <= 0");
  }
  all_mask_ = n == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
  healthy_mask_ = all_mask_;
  streak_.assign(n, 0);
  history_.push_back({std::numeric_limits<SimTime>::min(), all_mask_});
}

void DnsRouter::start(Engine& engine) {
  const Network& network = engine.network();
  const std::size_t n = def_.targets.size();
  zone_count_ = std::max<std::size_t>(1, network.zone_count());
  latency_.assign(zone_count_ * n, 0);
  bool placed = false;
  for (std::size_t i = 0; i < n; ++i) {
    const std::vector<ZoneId>& zones = network.zones_of(def_.targets[i].block);
    placed = placed || !zones.empty();
    for (std::size_t from = 0; from < network.zone_count(); ++from) {
      SimTime best = zones.empty() ? 0 : std::numeric_limits<SimTime>::max();
      for (ZoneId z : zones)
        best = std::min(best, network.latency(static_cast<ZoneId>(from), z));
      latency_[from * n + i] = best;
    }
  }
  // Without placed targets nothing a fault does can make a probe fail.
  if (placed) {
    const SimTime interval = def_.health_check_interval;
    engine.schedule((engine.now() / interval + 1) * interval, id(), event_probe, 0);
  }
}

void DnsRouter::on_event(Engine& engine, const Event& e) {
  if (e.kind == event_probe) probe(engine);
}

// A probe is a round trip: it needs a live zone of the target and both directions between it and a checker.
bool DnsRouter::reachable(const Engine& engine, BlockId target) const {
  const std::vector<ZoneId>& zones = engine.network().zones_of(target);
  if (zones.empty()) return true;
  const std::size_t count = engine.network().zone_count();
  const FaultState& faults = engine.faults();
  for (ZoneId z : zones) {
    if (engine.zone_down(z)) continue;
    for (ZoneId c : def_.checker_zones) {
      const LinkFault* out = faults.link(c, z, count);
      const LinkFault* back = faults.link(z, c, count);
      if (!(out && out->cut) && !(back && back->cut)) return true;
    }
  }
  return false;
}

void DnsRouter::probe(Engine& engine) {
  const SimTime now = engine.now();
  bool changed = false;
  for (std::size_t i = 0; i < def_.targets.size(); ++i) {
    const bool pass = reachable(engine, def_.targets[i].block);
    if (pass == healthy(i)) {
      streak_[i] = 0;
      continue;
    }
    if (++streak_[i] < def_.failure_threshold) continue;
    streak_[i] = 0;
    healthy_mask_ ^= std::uint64_t{1} << i;
    ++health_changes_;
    changed = true;
  }
  if (changed) history_.push_back({now, healthy_mask_});
  // A request from now on uses an answer no older than one TTL: an epoch that ended before now - TTL is
  // never looked up again.
  const SimTime oldest = now - def_.ttl;
  std::size_t drop = 0;
  while (drop + 1 < history_.size() && history_[drop + 1].since <= oldest)
    ++drop;
  if (drop > 0) history_.erase(history_.begin(), history_.begin() + static_cast<std::ptrdiff_t>(drop));
  engine.schedule_in(def_.health_check_interval, id(), event_probe, 0);
}

std::uint64_t DnsRouter::healthy_at(SimTime t) const {
  for (std::size_t i = history_.size(); i-- > 1;) {
    if (history_[i].since <= t) return history_[i].healthy;
  }
  return history_.front().healthy;
}

std::size_t DnsRouter::pick(std::uint64_t healthy, ZoneId zone) {
  if (healthy == 0) healthy = all_mask_;  // Route 53 fails open: all unhealthy answers as if all healthy
  const std::size_t n = def_.targets.size();
  std::size_t chosen = n;
  switch (def_.policy) {
    case DnsPolicy::failover:
      for (std::size_t i = 0; i < n && chosen == n; ++i) {
        if (healthy >> i & 1u) chosen = i;
      }
      break;
    case DnsPolicy::latency: {
      const std::size_t row = (zone < zone_count_ ? zone : 0) * n;
      for (std::size_t i = 0; i < n; ++i) {
        if ((healthy >> i & 1u) && (chosen == n || latency_[row + i] < latency_[row + chosen])) chosen = i;
      }
      break;
    }
    case DnsPolicy::weighted: {
      double total = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (healthy >> i & 1u) total += def_.targets[i].weight;
      }
      double draw = weight_rng_.uniform() * total;
      for (std::size_t i = 0; i < n; ++i) {
        if (!(healthy >> i & 1u)) continue;
        chosen = i;  // the last healthy one takes what rounding leaves
        draw -= def_.targets[i].weight;
        if (draw < 0) break;
      }
      break;
    }
  }
  return chosen;
}

void DnsRouter::accept(Engine& engine, TaskId id) {
  const SimTime now = engine.now();
  ++arrivals_;
  in_system_.change(now, 1);
  // The client's cached answer was resolved u x TTL ago; only a recent change makes its age matter.
  SimTime resolved = now;
  if (history_.size() > 1 && def_.ttl > 0)
    resolved -= to_sim_time(cache_rng_.uniform() * static_cast<double>(def_.ttl));
  const ZoneId zone = engine.request(engine.task(id).request).zone;
  const std::size_t target = pick(healthy_at(resolved), zone);
  if (choice_.size() <= id) choice_.resize(id + 1, no_block);
  choice_[id] = def_.targets[target].block;
  engine.served(id);
}

bool DnsRouter::selects_call(Engine&, TaskId caller, BlockId child_block) {
  return choice_[caller] == child_block;
}

BlockId DnsRouter::release(Engine& engine, TaskId id) {
  in_system_.change(engine.now(), -1);
  ++completions_;
  engine.report_departure(id);
  return no_block;
}

void DnsRouter::reset_statistics(SimTime now) {
  in_system_.restart(now);
  arrivals_ = completions_ = 0;
}

BlockCounters DnsRouter::counters(SimTime now) const {
  // A name has no servers: it never queues, and its utilization would mean nothing.
  BlockCounters c = serving_counters(name(), "dns", arrivals_, completions_, 0, 0, in_system_, now);
  c.usage.requests = static_cast<double>(arrivals_);  // one query per request: client caching not counted
  return c;
}

}  // namespace sdsim
