// The engine's paths under faults (see Engine::set_faults), apart from the fault-free hot path in engine.cpp.
#include <algorithm>

#include "sim/core/engine.hpp"

namespace sdsim {

namespace {

// Linux's minimum retransmission timeout, TCP_RTO_MIN = HZ/5 = 200 ms (include/net/tcp.h), doubling per
// consecutive loss (RFC 6298 section 5.5) up to TCP_RTO_MAX = 120 s; after tcp_retries2 = 15 retransmissions
// the connection is abandoned (https://www.kernel.org/doc/Documentation/networking/ip-sysctl.txt).
constexpr SimTime min_rto = 200 * ns_per_ms;
constexpr SimTime max_rto = 120 * ns_per_s;
constexpr int max_retransmissions = 15;

}  // namespace

void Engine::set_faults(FaultState faults) {
  faults_ = std::move(faults);
  faults_active_ = faults_.any();
}

void Engine::schedule_fault_action(SimTime at, FaultActor& actor, std::uint32_t arg) {
  if (!fault_actor_) fault_rng_ = stream("engine/faults");
  fault_actor_ = &actor;
  fault_times_.push(at);
  schedule(at, engine_target, engine_event_fault_action, arg);
}

SimTime Engine::hop_fault_delay(ZoneId from, ZoneId to, bool& cut) {
  const LinkFault* f = faults_.link(from, to, network_.zone_count());
  if (!f) return 0;
  if (f->cut) {
    cut = true;
    return 0;
  }
  SimTime delay = f->added;
  if (f->loss > 0) {
    SimTime rto = min_rto;
    for (int losses = 0; fault_rng_.uniform() < f->loss; ++losses) {
      if (losses == max_retransmissions) {
        cut = true;
        return 0;
      }
      delay += rto;
      rto = std::min(2 * rto, max_rto);
    }
  }
  return delay;
}

SimTime Engine::answer_fault_delay(TaskId id, ZoneId to) {
  bool cut = false;
  SimTime delay = hop_fault_delay(tasks_[id].zone, to, cut);
  // The caller sees the connection fail (a reset, or what its own timeout would report).
  if (cut) tasks_[id].outcome = Outcome::unavailable;
  return delay;
}

void Engine::send_with_faults(BlockId to, TaskId id, ZoneId from) {
  const std::vector<ZoneId>& zones = network_.zones_of(to);
  const bool own = faults_.handles_zones(to);
  ZoneId zone = from;  // an unplaced (global) block serves its caller where it is
  bool chosen_by_block = false;
  bool reachable = true;
  if (zones.size() == 1) {
    zone = zones[0];
    reachable = own || !faults_.zone_is_down(zone);
  } else if (own && !zones.empty()) {
    chosen_by_block = true;
    zone = blocks_[to]->choose_zone(*this, id, from, zones);
  } else if (!zones.empty()) {
    live_zones_.clear();
    for (ZoneId z : zones) {
      if (!faults_.zone_is_down(z)) live_zones_.push_back(z);
    }
    if (live_zones_.empty()) {
      reachable = false;
    } else if (live_zones_.size() == 1) {
      zone = live_zones_[0];
    } else {
      zone = blocks_[to]->choose_zone(*this, id, from, live_zones_);
    }
  }
  bool cut = false;
  const SimTime extra = reachable ? hop_fault_delay(from, zone, cut) : 0;
  Task& t = tasks_[id];
  t.block = to;
  if (!reachable || cut) {
    if (chosen_by_block) blocks_[to]->cancel_zone_choice(*this, id);
    t.zone = from;  // the connection fails on the caller's side
    refuse(id, Outcome::unavailable);
    return;
  }
  t.zone = zone;
  SimTime delay = network_.latency(from, zone) + extra;
  if (carries_payload_) delay += carry_request(t, from);
  if (delay == 0) {
    deliver(to, id);
  } else {
    schedule_in(delay, engine_target, engine_event_deliver, id);
  }
}

bool Engine::deliver_with_faults(TaskId id) {
  const Task& t = tasks_[id];
  const bool own = faults_.handles_zones(t.block);
  bool refused = !own && faults_.zone_is_down(t.zone);
  if (!refused) {
    const BlockFault* f = faults_.block(t.block);
    refused = f && f->error_rate > 0 && fault_rng_.uniform() < f->error_rate;
  }
  if (!refused) return true;
  if (own) blocks_[t.block]->cancel_zone_choice(*this, id);
  refuse(id, Outcome::unavailable);
  return false;
}

bool Engine::served_with_faults(TaskId id) {
  Task& t = tasks_[id];
  if (!faults_.handles_zones(t.block) && faults_.zone_is_down(t.zone)) {
    t.outcome = Outcome::unavailable;  // its zone lost power under it: its block lets it go, failed
    complete(id);
    return true;
  }
  const BlockFault* f = faults_.block(t.block);
  if (!f || f->slowdown == 1) return false;
  // The part of the service done during the brownout took `slowdown` times as long: the block keeps the
  // task (and its server) for the difference.
  const SimTime began = std::max(t.started, f->since);
  const SimTime extra = to_sim_time((f->slowdown - 1) * static_cast<double>(now_ - began));
  if (extra <= 0) return false;
  schedule_in(extra, engine_target, engine_event_served_late, id);
  return true;
}

}  // namespace sdsim
