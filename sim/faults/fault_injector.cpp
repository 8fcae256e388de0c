#include "sim/faults/fault_injector.hpp"

#include <algorithm>
#include <utility>

#include "sim/blocks/cache.hpp"
#include "sim/blocks/compute_pool.hpp"
#include "sim/blocks/quorum_database.hpp"
#include "sim/blocks/relational_database.hpp"

namespace sdsim {

FaultInjector::FaultInjector(std::vector<FaultDef> faults, Rng rng)
    : faults_(std::move(faults)), rng_(rng), active_(faults_.size(), 0), held_(faults_.size()) {}

void FaultInjector::install(Engine& engine) {
  zones_handled_.assign(engine.block_count(), 0);
  for (BlockId b = 0; b < engine.block_count(); ++b) {
    Block& block = engine.block(b);
    // These blocks place their parts in zones and pick the part a task goes to: their own hooks take an
    // outage (a dead instance, a lost node, a failover), so the engine leaves their zone choice alone.
    zones_handled_[b] = dynamic_cast<ComputePool*>(&block) || dynamic_cast<Cache*>(&block) ||
                        dynamic_cast<RelationalDatabase*>(&block);
  }
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    const auto arg = static_cast<std::uint32_t>(2 * i);
    engine.schedule_fault_action(faults_[i].start, *this, arg);
    if (faults_[i].duration > 0)
      engine.schedule_fault_action(faults_[i].start + faults_[i].duration, *this, arg + 1);
  }
}

void FaultInjector::act(Engine& engine, std::uint32_t arg) {
  if (arg % 2 == 0) {
    begin(engine, arg / 2);
  } else if (active_[arg / 2]) {
    end(engine, arg / 2);
  }
}

std::size_t FaultInjector::inject(Engine& engine, FaultDef f) {
  const std::size_t i = faults_.size();
  faults_.push_back(std::move(f));
  active_.push_back(0);
  held_.emplace_back();
  if (faults_[i].duration > 0) {
    engine.schedule_fault_action(faults_[i].start + faults_[i].duration, *this,
                                 static_cast<std::uint32_t>(2 * i + 1));
  }
  begin(engine, i);
  return i;
}

bool FaultInjector::clear(Engine& engine, std::size_t i) {
  if (i >= faults_.size() || !active_[i]) return false;
  end(engine, i);
  return true;
}

void FaultInjector::begin(Engine& engine, std::size_t i) {
  const FaultDef& f = faults_[i];
  active_[i] = f.duration > 0;
  // The engine learns of a zone's outage before the blocks' hooks run: calls that the hooks' failures set
  // off already avoid the dead zone.
  publish(engine);
  switch (f.type) {
    case FaultType::instance_termination:
      terminate(engine, f);
      break;
    case FaultType::az_power_interruption:
      set_zone_down(engine, f.zone, true);
      break;
    case FaultType::writer_failover:
      dynamic_cast<RelationalDatabase&>(engine.block(f.block)).fail_writer(engine);
      break;
    case FaultType::cache_node_loss:
      dynamic_cast<Cache&>(engine.block(f.block)).lose_node(engine, f.node);
      break;
    case FaultType::capacity_reduction: {
      // The newest instances go first, as a scale-in would take them.
      auto& pool = dynamic_cast<ComputePool&>(engine.block(f.block));
      for (std::uint32_t k = pool.instance_count(); k-- > 0 && held_[i].size() < f.count;) {
        if (!pool.instance_alive(k) || pool.instance_held(k)) continue;
        held_[i].push_back(k);
        pool.hold_instance(engine, k, true);
      }
      break;
    }
    case FaultType::network_partition:
    case FaultType::added_latency:
    case FaultType::packet_loss:
    case FaultType::brownout:
      break;
  }
}

void FaultInjector::end(Engine& engine, std::size_t i) {
  const FaultDef& f = faults_[i];
  active_[i] = 0;
  publish(engine);
  if (f.type == FaultType::az_power_interruption) set_zone_down(engine, f.zone, false);
  if (f.type == FaultType::capacity_reduction) {
    auto& pool = dynamic_cast<ComputePool&>(engine.block(f.block));
    for (std::uint32_t k : held_[i])
      pool.hold_instance(engine, k, false);
    held_[i].clear();
  }
}

void FaultInjector::set_zone_down(Engine& engine, ZoneId zone, bool down) {
  for (BlockId b = 0; b < engine.block_count(); ++b) {
    const std::vector<ZoneId>& zones = engine.network().zones_of(b);
    if (std::find(zones.begin(), zones.end(), zone) == zones.end()) continue;
    Block& block = engine.block(b);
    if (auto* pool = dynamic_cast<ComputePool*>(&block)) {
      pool->set_zone_down(engine, zone, down);
    } else if (auto* cache = dynamic_cast<Cache*>(&block)) {
      for (std::uint32_t n = 0; n < cache->node_count(); ++n) {
        if (cache->node_zone(n) == zone) cache->set_node_down(engine, n, down);
      }
    } else if (auto* rdb = dynamic_cast<RelationalDatabase*>(&block)) {
      rdb->set_zone_down(engine, zone, down);
    } else if (auto* quorum = dynamic_cast<QuorumDatabase*>(&block)) {
      for (std::uint32_t r = 0; r < quorum->replica_count(); ++r) {
        if (quorum->replica_zone(r) == zone) quorum->set_replica_up(engine, r, !down);
      }
    }
  }
}

void FaultInjector::terminate(Engine& engine, const FaultDef& f) {
  auto& pool = dynamic_cast<ComputePool&>(engine.block(f.block));
  if (!f.instances.empty()) {
    for (std::uint32_t k : f.instances) {
      if (k < pool.instance_count()) pool.terminate_instance(engine, k);
    }
    return;
  }
  // FIS's COUNT(n) selection: n of the running instances, at random (a partial Fisher-Yates shuffle).
  std::vector<std::uint32_t> running;
  for (std::uint32_t k = 0; k < pool.instance_count(); ++k) {
    if (pool.instance_alive(k)) running.push_back(k);
  }
  const std::size_t n = std::min<std::size_t>(f.count, running.size());
  for (std::size_t k = 0; k < n; ++k)
    std::swap(running[k], running[k + rng_.below(running.size() - k)]);
  for (std::size_t k = 0; k < n; ++k)
    pool.terminate_instance(engine, running[k]);
}

void FaultInjector::publish(Engine& engine) {
  FaultState s;
  s.zones_handled_by_block = zones_handled_;
  const std::size_t zones = engine.network().zone_count();
  for (std::size_t i = 0; i < faults_.size(); ++i) {
    if (!active_[i]) continue;
    const FaultDef& f = faults_[i];
    switch (f.type) {
      case FaultType::az_power_interruption:
        s.zone_down.resize(zones, 0);
        if (f.zone < zones) s.zone_down[f.zone] = 1;
        break;
      case FaultType::network_partition:
      case FaultType::added_latency:
      case FaultType::packet_loss:
        s.links.resize(zones * zones);
        for (ZoneId a : f.side_a) {
          for (ZoneId b : f.side_b) {
            for (auto [from, to] : {std::pair{a, b}, std::pair{b, a}}) {
              LinkFault& l = s.links[from * zones + to];
              if (f.type == FaultType::network_partition) l.cut = true;
              if (f.type == FaultType::added_latency) l.added += f.latency;
              if (f.type == FaultType::packet_loss) l.loss = 1 - (1 - l.loss) * (1 - f.loss);
            }
          }
        }
        break;
      case FaultType::brownout: {
        s.blocks.resize(engine.block_count());
        BlockFault& b = s.blocks[f.block];
        b.slowdown *= f.slowdown;
        b.error_rate = 1 - (1 - b.error_rate) * (1 - f.error_rate);
        b.since = std::max(b.since, f.start);
        break;
      }
      case FaultType::instance_termination:
      case FaultType::writer_failover:
      case FaultType::cache_node_loss:
      case FaultType::capacity_reduction:
        break;
    }
  }
  engine.set_faults(std::move(s));
}

}  // namespace sdsim
