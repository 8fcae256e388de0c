#include "sim/blocks/quorum_database.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>

#include "sim/core/engine.hpp"

namespace sdsim {

namespace {

constexpr std::uint32_t event_fan_out = 0;     // arg: the op, after the coordinator's own latency
constexpr std::uint32_t event_leg_arrive = 1;  // arg: the leg, at its replica
constexpr std::uint32_t event_leg_served = 2;  // arg: the leg, its replica done with it
constexpr std::uint32_t event_leg_answer = 3;  // arg: the leg, its answer back at the coordinator

void check_def(const std::string& name, const QuorumDatabaseDef& def) {
  std::string where = "quorum database \"" + name + "\": ";
  if (def.replicas == 0) throw std::invalid_argument(where + "replicas must be at least 1");
  if (def.connections == 0) throw std::invalid_argument(where + "connections must be at least 1");
  auto check_quorum = [&](const char* param, std::uint32_t quorum) {
    if (quorum == 0 || quorum > def.replicas) {
      throw std::invalid_argument(where + param + " " + std::to_string(quorum) + " must be between 1 and " +
                                  "replicas (" + std::to_string(def.replicas) +
                                  "): a quorum counts answers from the replicas that hold the data");
    }
  };
  check_quorum("read_quorum", def.read_quorum);
  check_quorum("write_quorum", def.write_quorum);
}

}  // namespace

QuorumDatabase::QuorumDatabase(std::string name, QuorumDatabaseDef def, Rng service_rng, Rng coordinator_rng)
    : Block(std::move(name)),
      def_(std::move(def)),
      service_rng_(service_rng),
      coordinator_rng_(coordinator_rng),
      versions_(def_.replicas, 0, Versions::Order::newest_wins) {
  check_def(this->name(), def_);
  replicas_.assign(def_.replicas, Replica{ServerGroup(def_.connections, def_.queue_capacity)});
}

bool QuorumDatabase::is_write(Operation operation) {
  return operation == Operation::write || operation == Operation::set || operation == Operation::remove ||
         operation == Operation::send;
}

void QuorumDatabase::start(Engine& engine) {
  const std::vector<ZoneId>& zones = engine.network().zones_of(id());
  for (std::size_t i = 0; i < replicas_.size(); ++i)
    replicas_[i].zone = zones.empty() ? client_zone : zones[i % zones.size()];
}

std::string QuorumDatabase::set_param(Engine&, std::string_view name, const ParamValue& value) {
  const auto count = static_cast<std::uint32_t>(value.number);
  if (name == "read_quorum") {
    def_.read_quorum = count;
  } else if (name == "write_quorum") {
    def_.write_quorum = count;
  } else {
    return "a running quorum database changes only \"read_quorum\" and \"write_quorum\"";
  }
  return {};
}

void QuorumDatabase::accept(Engine& engine, TaskId id) {
  ++arrivals_;
  SimTime now = engine.now();
  in_system_.change(now, +1);
  bool write = is_write(engine.operation(id));
  std::uint32_t op = ops_.acquire();
  ops_[op] = Fanout{.task = id,
                    .zone = engine.task(id).zone,
                    .write = write,
                    .decided = false,
                    .needed = write ? def_.write_quorum : def_.read_quorum,
                    .acks = 0,
                    .failures = 0,
                    .replica_down = false,
                    .live_legs = 0,
                    .next_free = 0,
                    .key = engine.key(id),
                    .version = 0,
                    .floor = 0};
  if (engine.reads_observed()) {
    const std::size_t n = def_.replicas;
    if (applied_at_.size() < ops_.capacity() * n) {
      applied_at_.resize(ops_.capacity() * n);
      answered_.resize(ops_.capacity() * n);
    }
    std::fill_n(applied_at_.begin() + op * n, n, Versions::pending);
    std::fill_n(answered_.begin() + op * n, n, 0u);
    if (!write) ops_[op].floor = versions_.latest(ops_[op].key);
  }
  SimTime delay = def_.coordinator_latency ? def_.coordinator_latency->sample(coordinator_rng_) : 0;
  if (delay > 0) {
    engine.schedule_in(delay, this->id(), event_fan_out, op);
  } else {
    fan_out(engine, op);
  }
}

void QuorumDatabase::fan_out(Engine& engine, std::uint32_t op) {
  std::uint32_t up = 0;
  for (const Replica& r : replicas_)
    up += r.up ? 1 : 0;
  if (up < ops_[op].needed) {
    // The coordinator knows the live replicas and sends nothing it could not complete (Cassandra's
    // UnavailableException).
    ops_[op].failures = def_.replicas;
    ops_[op].replica_down = true;
    settle(engine, op);
    return;
  }
  for (std::uint32_t i = 0; i < replicas_.size(); ++i) {
    if (!replicas_[i].up) {
      ++ops_[op].failures;
      ops_[op].replica_down = true;
      continue;
    }
    std::uint32_t leg = legs_.acquire();
    legs_[leg] = Leg{.op = op, .replica = i, .state = LegState::to_replica, .next_free = 0, .version = 0};
    ++ops_[op].live_legs;
    SimTime delay = engine.network().latency(ops_[op].zone, replicas_[i].zone);
    if (delay == 0) {
      arrive(engine, leg);  // a refused leg counts against the quorum, settled below
    } else {
      engine.schedule_in(delay, id(), event_leg_arrive, leg);
    }
  }
  settle(engine, op);
}

bool QuorumDatabase::arrive(Engine& engine, std::uint32_t leg) {
  Replica& replica = replicas_[legs_[leg].replica];
  std::uint32_t op = legs_[leg].op;
  if (!replica.up) {
    ++replica.lost;
    fail(op);
    ops_[op].replica_down = true;
    free_leg(leg);
    return false;
  }
  ++replica.legs;
  switch (replica.group.admit(engine.now(), leg)) {
    case ServerGroup::Admission::serve:
      start_service(engine, leg);
      return true;
    case ServerGroup::Admission::wait:
      legs_[leg].state = LegState::waiting;
      return true;
    case ServerGroup::Admission::refuse:
      break;
  }
  ++replica.rejections;
  fail(op);
  free_leg(leg);
  return false;
}

void QuorumDatabase::start_service(Engine& engine, std::uint32_t leg) {
  legs_[leg].state = LegState::in_service;
  const Distribution& time = ops_[legs_[leg].op].write ? def_.write_time : def_.read_time;
  engine.schedule_in(time.sample(service_rng_), id(), event_leg_served, leg);
}

void QuorumDatabase::finish_service(Engine& engine, std::uint32_t leg) {
  std::uint32_t op = legs_[leg].op;
  if (legs_[leg].state == LegState::lost_in_service) {
    // Already counted against its quorum when the replica went down.
    free_leg(leg);
    settle(engine, op);
    return;
  }
  if (engine.reads_observed()) applied(engine, leg);
  Replica& replica = replicas_[legs_[leg].replica];
  TaskId next = replica.group.depart(engine.now());
  if (next != no_task) start_service(engine, next);
  SimTime delay = engine.network().latency(replica.zone, ops_[op].zone);
  if (delay == 0) {
    answer(engine, leg);
  } else {
    legs_[leg].state = LegState::to_coordinator;
    engine.schedule_in(delay, id(), event_leg_answer, leg);
  }
}

void QuorumDatabase::answer(Engine& engine, std::uint32_t leg) {
  std::uint32_t op = legs_[leg].op;
  Fanout& f = ops_[op];
  if (!f.write && engine.reads_observed()) {
    // Only the first R answers make the read; later ones arrive after it was answered.
    if (f.acks < f.needed) f.version = std::max(f.version, legs_[leg].version);
    answered_[std::size_t{op} * def_.replicas + legs_[leg].replica] = f.acks + 1;
  }
  ++f.acks;
  free_leg(leg);
  settle(engine, op);
}

void QuorumDatabase::fail(std::uint32_t op) {
  ++ops_[op].failures;
}

void QuorumDatabase::free_leg(std::uint32_t leg) {
  --ops_[legs_[leg].op].live_legs;
  legs_[leg].state = LegState::free;
  legs_.release(leg);
}

void QuorumDatabase::settle(Engine& engine, std::uint32_t op) {
  enum class Action { none, serve, refuse } action = Action::none;
  Fanout& f = ops_[op];
  if (!f.decided) {
    if (f.acks >= f.needed) {
      action = Action::serve;
    } else if (f.failures > def_.replicas - f.needed) {
      action = Action::refuse;
    }
    f.decided = action != Action::none;
  }
  TaskId task = f.task;
  Outcome reason = f.replica_down ? Outcome::unavailable : Outcome::rejected;
  const bool judged = action == Action::serve && !f.write && engine.reads_observed();
  if (action == Action::serve && f.write && engine.reads_observed()) {
    commit(engine, op);
    engine.report_write(task, versions_, f.version);
  }
  ReadJudgement judgement;
  if (judged) judgement = judge_read(engine, op);
  // The engine calls below may bring new tasks here (the caller's next call), which reuse freed ops: free
  // this one first and hold no reference across them.
  if (f.decided && f.live_legs == 0) ops_.release(op);
  if (action == Action::serve) {
    if (judged) engine.report_read(task, judgement, &versions_);
    engine.served(task);
  } else if (action == Action::refuse) {
    ++rejections_;
    in_system_.change(engine.now(), -1);
    engine.refuse(task, reason);
  }
}

void QuorumDatabase::applied(Engine& engine, std::uint32_t leg) {
  const Fanout& f = ops_[legs_[leg].op];
  const std::uint32_t replica = legs_[leg].replica;
  const SimTime now = engine.now();
  if (!f.write) {
    legs_[leg].version = versions_.applied(f.key, replica, now);
  } else if (f.version != 0) {
    versions_.apply(f.key, f.version, replica, now);  // a leg serving after its write committed
  } else {
    // Not committed yet (and never, if refused: a write that fails its quorum is no committed version).
    applied_at_[std::size_t{legs_[leg].op} * def_.replicas + replica] = now;
  }
}

void QuorumDatabase::commit(Engine& engine, std::uint32_t op) {
  Fanout& f = ops_[op];
  const std::size_t n = def_.replicas;
  f.version = versions_.commit(f.key, engine.now(), std::span<const SimTime>(applied_at_.data() + op * n, n));
}

ReadJudgement QuorumDatabase::judge_read(Engine& engine, std::uint32_t op) {
  const Fanout& f = ops_[op];
  const SimTime now = engine.now();
  ReadJudgement j = versions_.judge(f.key, f.version, now);
  if (j.stale && f.version >= f.floor) {
    // Only writes concurrent with the read were missed.
    j.stale = false;
    j.age = 0;
    j.versions_behind = 0;
  }
  if (def_.read_repair) {
    // The replicas among the first R answers that returned an older version are sent the newest.
    for (std::uint32_t r = 0; r < def_.replicas; ++r) {
      const std::uint32_t order = answered_[std::size_t{op} * def_.replicas + r];
      if (order == 0 || order > f.needed) continue;
      if (versions_.applied(f.key, r, now) >= f.version) continue;
      versions_.apply(f.key, f.version, r, now + engine.network().latency(f.zone, replicas_[r].zone));
      ++repairs_;
    }
  }
  return j;
}

void QuorumDatabase::on_event(Engine& engine, const Event& e) {
  switch (e.kind) {
    case event_fan_out:
      fan_out(engine, e.arg);
      break;
    case event_leg_arrive: {
      std::uint32_t op = legs_[e.arg].op;
      if (!arrive(engine, e.arg)) settle(engine, op);
      break;
    }
    case event_leg_served:
      finish_service(engine, e.arg);
      break;
    case event_leg_answer:
      answer(engine, e.arg);
      break;
    default:
      break;
  }
}

BlockId QuorumDatabase::release(Engine& engine, TaskId id) {
  in_system_.change(engine.now(), -1);
  ++completions_;
  engine.report_departure(id);
  return no_block;
}

void QuorumDatabase::set_replica_up(Engine& engine, std::uint32_t replica, bool up) {
  Replica& r = replicas_[replica];
  if (r.up == up) return;
  r.up = up;
  if (up) return;
  // Collect the legs the replica holds before touching them: settling a task calls into the engine, which
  // may bring new tasks here.
  scratch_.clear();
  for (std::uint32_t leg = 0; leg < legs_.capacity(); ++leg) {
    const Leg& l = legs_[leg];
    if (l.replica == replica && (l.state == LegState::waiting || l.state == LegState::in_service))
      scratch_.push_back(leg);
  }
  SimTime now = engine.now();
  while (r.group.busy() > 0)
    r.group.depart(now);
  for (std::uint32_t& entry : scratch_) {
    std::uint32_t leg = entry;
    std::uint32_t op = legs_[leg].op;
    ++r.lost;
    fail(op);
    ops_[op].replica_down = true;
    if (legs_[leg].state == LegState::waiting) {
      free_leg(leg);
    } else {
      legs_[leg].state = LegState::lost_in_service;  // its service event still comes, and frees it
    }
    entry = op;  // one leg per replica per op, so each op appears once
  }
  for (std::size_t i = 0; i < scratch_.size(); ++i)
    settle(engine, scratch_[i]);
}

double QuorumDatabase::utilization(std::uint32_t replica, SimTime now) const {
  return replicas_[replica].group.mean_busy(now) / def_.connections;
}

void QuorumDatabase::reset_statistics(SimTime now) {
  in_system_.restart(now);
  for (Replica& r : replicas_) {
    r.group.restart(now);
    r.legs = r.rejections = r.lost = 0;
  }
  arrivals_ = completions_ = rejections_ = 0;
  repairs_ = 0;
}

BlockCounters QuorumDatabase::counters(SimTime now) const {
  BlockCounters c = serving_counters(name(), "quorum_database", arrivals_, completions_, rejections_,
                                     replica_count() * def_.connections, in_system_, now);
  for (const Replica& r : replicas_)
    c.mean_busy += r.group.mean_busy(now);
  c.usage.units = replica_count();
  return c;
}

}  // namespace sdsim
