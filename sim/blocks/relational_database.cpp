#include "sim/blocks/relational_database.hpp"

#include <algorithm>
#include <utility>

#include "sim/blocks/closed_source.hpp"
#include "sim/core/engine.hpp"
#include "sim/core/portable_math.hpp"

namespace sdsim {

std::optional<ReadRouting> read_routing_named(std::string_view name) {
  if (name == "replicas") return ReadRouting::replicas;
  if (name == "writer") return ReadRouting::writer;
  return std::nullopt;
}

std::optional<FailoverTarget> failover_target_named(std::string_view name) {
  if (name == "replica") return FailoverTarget::replica;
  if (name == "standby") return FailoverTarget::standby;
  if (name == "async_replica") return FailoverTarget::async_replica;
  return std::nullopt;
}

std::optional<LagUnderLoad> lag_under_load_named(std::string_view name) {
  if (name == "none") return LagUnderLoad::none;
  if (name == "processor_sharing") return LagUnderLoad::processor_sharing;
  return std::nullopt;
}

std::optional<SessionReads> session_reads_named(std::string_view name) {
  if (name == "any") return SessionReads::any;
  if (name == "sticky") return SessionReads::sticky;
  return std::nullopt;
}

double RelationalDatabase::lag_stretch(double load) {
  return 1.0 / (1.0 - std::clamp(load, 0.0, max_load));
}

RelationalDatabase::RelationalDatabase(std::string name, RelationalDatabaseDef def, Rng service_rng,
                                       Rng lag_rng, Rng replication_rng)
    : Block(std::move(name)),
      def_(std::move(def)),
      service_rng_(service_rng),
      lag_rng_(lag_rng),
      replication_rng_(replication_rng),
      versions_(def_.read_replicas + 1),
      lags_(def_.read_replicas + 1, 0) {
  if (def_.failover_target == FailoverTarget::async_replica) next_lag_ = def_.replica_lag.sample(lag_rng_);
  for (std::uint32_t i = 0; i <= def_.read_replicas; ++i)
    add_instance(i);
  for (std::uint32_t r = 1; r <= def_.read_replicas; ++r)
    replicas_.push_back(r);
}

std::uint32_t RelationalDatabase::add_instance(std::uint32_t zone_slot) {
  instances_.push_back(Instance{ServerGroup(def_.connections, def_.queue_capacity), zone_slot});
  return static_cast<std::uint32_t>(instances_.size() - 1);
}

bool RelationalDatabase::is_write(Operation operation) {
  return operation == Operation::write || operation == Operation::set || operation == Operation::remove ||
         operation == Operation::send;
}

void RelationalDatabase::start(Engine& engine) {
  zones_ = engine.network().zones_of(id());
  session_origins_.assign(engine.block_count(), 0);
  for (BlockId b = 0; b < engine.block_count(); ++b)
    session_origins_[b] = dynamic_cast<const ClosedSource*>(&engine.block(b)) != nullptr ? 1 : 0;
}

bool RelationalDatabase::tracks_versions(const Engine& engine) const {
  return engine.reads_observed() || def_.session == SessionReads::sticky;
}

ZoneId RelationalDatabase::instance_zone(std::uint32_t instance) const {
  return zones_.empty() ? client_zone : zones_[instances_[instance].zone_slot % zones_.size()];
}

RelationalDatabase::Session* RelationalDatabase::session_of(Engine& engine, TaskId id) {
  if (def_.session != SessionReads::sticky || def_.read_routing == ReadRouting::writer) return nullptr;
  const Request& r = engine.request(engine.task(id).request);
  if (r.origin >= session_origins_.size() || session_origins_[r.origin] == 0) return nullptr;
  auto [it, fresh] = sessions_.try_emplace(std::uint64_t{r.origin} << 32 | r.user);
  if (fresh) {
    // A session with no replica to read reads at the writer for good.
    it->second.replica = replicas_.empty() ? no_instance : replicas_[next_pin_ % replicas_.size()];
    ++next_pin_;
  }
  return &it->second;
}

std::uint32_t RelationalDatabase::route(Engine& engine, TaskId id) {
  const Operation operation = engine.operation(id);
  if (is_write(operation) || def_.read_routing == ReadRouting::writer || replicas_.empty()) return writer_;
  if (Session* s = session_of(engine, id)) {
    if (s->replica != no_instance &&
        std::find(replicas_.begin(), replicas_.end(), s->replica) == replicas_.end())
      s->replica = no_instance;
    if (s->replica != no_instance && engine.now() >= s->caught_up_at) return s->replica;
    ++session_reads_at_writer_;
    return writer_;
  }
  std::uint32_t chosen = replicas_[next_replica_];
  next_replica_ = (next_replica_ + 1) % static_cast<std::uint32_t>(replicas_.size());
  return chosen;
}

ZoneId RelationalDatabase::choose_zone(Engine& engine, TaskId id, ZoneId, const std::vector<ZoneId>& zones) {
  std::uint32_t instance = route(engine, id);
  if (picked_.size() <= id) picked_.resize(id + 1, no_instance);
  picked_[id] = instance;
  return zones[instances_[instance].zone_slot % zones.size()];
}

std::uint64_t RelationalDatabase::outstanding(std::uint32_t instance) const {
  return instances_[instance].group.outstanding();
}

void RelationalDatabase::accept(Engine& engine, TaskId id) {
  ++arrivals_;
  bool write = is_write(engine.operation(id));
  std::uint32_t instance = no_instance;
  if (id < picked_.size()) std::swap(instance, picked_[id]);
  if (instance == no_instance) instance = route(engine, id);
  Instance& in = instances_[instance];
  ++(write ? in.writes : in.reads);
  SimTime now = engine.now();
  // A failed writer refuses connections until the failover completes, and for good after it: a query sent
  // to it before the new writer took over is refused on arrival.
  bool writer_down = in.retired || (failing_over_ && instance == writer_) || instance_zone_down(instance);
  if (writer_down) ++(write ? writes_refused_in_failover_ : reads_refused_in_failover_);
  ServerGroup::Admission admission = writer_down ? ServerGroup::Admission::refuse : in.group.admit(now, id);
  if (admission == ServerGroup::Admission::refuse) {
    ++in.rejections;
    ++rejections_;
    engine.refuse(id, writer_down ? Outcome::unavailable : Outcome::rejected);
    return;
  }
  if (held_.size() <= id) held_.resize(id + 1);
  held_[id] = Held{instance, failures_, Phase::waiting};
  in_system_.change(now, +1);
  if (admission == ServerGroup::Admission::serve) start_service(engine, id);
}

void RelationalDatabase::start_service(Engine& engine, TaskId id) {
  engine.task(id).started = engine.now();
  held_[id].phase = Phase::serving;
  const Distribution& time = is_write(engine.operation(id)) ? def_.write_time : def_.read_time;
  // The event carries the failure count the task arrived in: the service event of a query failed with its
  // writer (whose TaskId may since serve another query) no longer matches and is ignored.
  engine.schedule_in(time.sample(service_rng_), this->id(), held_[id].admitted_in, id);
}

void RelationalDatabase::on_event(Engine& engine, const Event& e) {
  if (e.kind == failover_done) {
    complete_failover();
    return;
  }
  TaskId id = e.arg;
  if (held_[id].phase != Phase::serving || held_[id].admitted_in != e.kind) return;
  held_[id].phase = Phase::calling;
  // The write is committed and acknowledged now; an asynchronous replica receives it only after its lag.
  // Judged, the rows' versions say what a promotion loses; otherwise the acknowledgements of the last lag do.
  if (tracks_versions(engine)) {
    track(engine, id, held_[id].instance);
  } else if (def_.failover_target == FailoverTarget::async_replica && is_write(engine.operation(id))) {
    remember_ack(engine.now());
  }
  engine.served(id);
}

void RelationalDatabase::track(Engine& engine, TaskId id, std::uint32_t instance) {
  const std::uint64_t key = engine.key(id);
  const SimTime now = engine.now();
  if (is_write(engine.operation(id))) {
    // Asynchronous RDS read replicas lag by replica_lag, Aurora's (and a Multi-AZ cluster's) by
    // replication_lag.
    const Distribution& lag =
        def_.failover_target == FailoverTarget::async_replica ? def_.replica_lag : def_.replication_lag;
    const bool loaded = def_.lag_under_load == LagUnderLoad::processor_sharing;
    for (std::size_t r = 0; r < lags_.size(); ++r) {
      if (r == 0 || r == versions_writer_) {
        lags_[r] = 0;
        continue;
      }
      const SimTime drawn = lag.sample(replication_rng_);
      lags_[r] = loaded ? static_cast<SimTime>(static_cast<double>(drawn) *
                                               lag_stretch(update_load(static_cast<std::uint32_t>(r), now)))
                        : drawn;
    }
    engine.report_write(id, versions_, versions_.commit_after_lags(key, now, lags_));
    if (Session* s = session_of(engine, id); s && s->replica != no_instance)
      s->caught_up_at = std::max(s->caught_up_at, versions_.newest_applied_at(key, s->replica));
    return;
  }
  // The writer serves its own copy: the shared volume or the synchronous standby's (copy 0, every version),
  // or a promoted asynchronous replica's, which lacks the writes lost with the old writer.
  const bool replica = instance != writer_ && instance < lags_.size();
  engine.report_read(id, versions_.read(key, replica ? instance : versions_writer_, now), &versions_);
  // A session read at the writer may have seen a version its replica lacks: it waits for that one too.
  if (Session* s = replica ? nullptr : session_of(engine, id); s && s->replica != no_instance)
    s->caught_up_at = std::max(s->caught_up_at, versions_.newest_applied_at(key, s->replica));
}

double RelationalDatabase::update_load(std::uint32_t instance, SimTime now) {
  Instance& in = instances_[instance];
  const SimTime dt = now - in.load_at;
  if (dt <= 0) return in.load;
  // The busy connections' integral since the last statistics reset, and its mean over the last dt.
  const double area = in.group.mean_busy(now) * static_cast<double>(now - stats_since_);
  const double busy = (area - in.load_area) / static_cast<double>(dt) / def_.connections;
  // An exponential moving average in time: the weight of the last dt is 1 - e^(-dt / load_window).
  const double weight = 1 - portable_exp(-static_cast<double>(dt) / static_cast<double>(load_window));
  in.load += weight * (busy - in.load);
  in.load_at = now;
  in.load_area = area;
  return in.load;
}

BlockId RelationalDatabase::release(Engine& engine, TaskId id) {
  SimTime now = engine.now();
  held_[id].phase = Phase::none;
  TaskId next = instances_[held_[id].instance].group.depart(now);
  in_system_.change(now, -1);
  ++completions_;
  engine.report_departure(id);
  if (next != no_task) start_service(engine, next);
  return no_block;
}

void RelationalDatabase::fail_held(Engine& engine, TaskId id) {
  held_[id].phase = Phase::none;
  ++instances_[held_[id].instance].rejections;
  ++rejections_;
  if (held_[id].instance == writer_) ++failed_with_writer_;
  in_system_.change(engine.now(), -1);
  engine.refuse(id, Outcome::unavailable);
}

void RelationalDatabase::fail_instance_queries(Engine& engine, std::uint32_t instance) {
  const SimTime now = engine.now();
  ServerGroup& group = instances_[instance].group;
  // The waiting line first: a departure with queries waiting hands the connection on to the next of them.
  // Failing a query may send new ones to the instance, which it now refuses without holding them.
  while (group.waiting() > 0)
    fail_held(engine, group.depart(now));
  for (std::size_t id = 0; id < held_.size(); ++id) {
    if (held_[id].phase != Phase::serving || held_[id].instance != instance) continue;
    group.depart(now);
    fail_held(engine, static_cast<TaskId>(id));
  }
}

bool RelationalDatabase::instance_zone_down(std::uint32_t instance) const {
  if (zone_down_.empty()) return false;
  ZoneId zone = instance_zone(instance);
  return zone < zone_down_.size() && zone_down_[zone] != 0;
}

void RelationalDatabase::set_zone_down(Engine& engine, ZoneId zone, bool down) {
  if (zone_down_.size() <= zone) zone_down_.resize(zone + 1u, 0);
  if ((zone_down_[zone] != 0) == down) return;
  zone_down_[zone] = down ? 1 : 0;
  if (down) {
    // Replicas first, so that a failover promotes a replica in a zone that still has power.
    std::vector<std::uint32_t> lost;
    for (std::uint32_t r : replicas_) {
      if (instance_zone(r) == zone) lost.push_back(r);
    }
    std::erase_if(replicas_, [&](std::uint32_t r) { return instance_zone(r) == zone; });
    next_replica_ = replicas_.empty() ? 0 : next_replica_ % static_cast<std::uint32_t>(replicas_.size());
    for (std::uint32_t r : lost)
      fail_instance_queries(engine, r);
    if (instance_zone(writer_) == zone) fail_writer(engine);
    return;
  }
  for (std::uint32_t i = 0; i < instance_count(); ++i) {
    if (instances_[i].retired || i == writer_ || instance_zone(i) != zone) continue;
    if (std::find(replicas_.begin(), replicas_.end(), i) == replicas_.end()) replicas_.push_back(i);
  }
  std::sort(replicas_.begin(), replicas_.end());
}

void RelationalDatabase::forget_acks_before(SimTime horizon) {
  while (acks_size_ > 0 && acks_[acks_head_] <= horizon) {
    acks_head_ = (acks_head_ + 1) & (acks_.size() - 1);
    --acks_size_;
  }
}

void RelationalDatabase::remember_ack(SimTime now) {
  forget_acks_before(now - next_lag_);
  if (acks_size_ == acks_.size()) {
    std::vector<SimTime> bigger(acks_.empty() ? 64 : 2 * acks_.size());
    for (std::size_t i = 0; i < acks_size_; ++i)
      bigger[i] = acks_[(acks_head_ + i) & (acks_.size() - 1)];
    acks_ = std::move(bigger);
    acks_head_ = 0;
  }
  acks_[(acks_head_ + acks_size_) & (acks_.size() - 1)] = now;
  ++acks_size_;
}

bool RelationalDatabase::fail_writer(Engine& engine) {
  if (failing_over_) return false;
  failing_over_ = true;
  ++failures_;
  const SimTime now = engine.now();
  WriterFailure failure{.at = now, .writes_lost = 0, .lag = 0};
  promoted_ = replicas_.empty() ? no_instance : replicas_.front();
  if (def_.failover_target == FailoverTarget::async_replica && !replicas_.empty()) {
    if (tracks_versions(engine)) {
      // The replica to be promoted keeps the writes it applied; the others never reach it.
      const Versions::Loss loss = versions_.lose_unapplied(promoted_, now);
      failure.writes_lost = loss.versions;
      failure.lag = loss.versions > 0 ? now - loss.oldest_commit : 0;
      versions_writer_ = promoted_;
    } else {
      // The replica to be promoted has every write acknowledged up to `lag` ago, and none since.
      forget_acks_before(now - next_lag_);
      failure.writes_lost = acks_size_;
      failure.lag = next_lag_;
      next_lag_ = def_.replica_lag.sample(lag_rng_);
    }
    writes_lost_ += failure.writes_lost;
  }
  acks_size_ = 0;
  writer_failures_.push_back(failure);
  fail_instance_queries(engine, writer_);
  bool promotes = def_.failover_target == FailoverTarget::standby || !replicas_.empty();
  engine.schedule_in(promotes ? def_.failover : def_.recovery, id(), failover_done, 0);
  return true;
}

void RelationalDatabase::complete_failover() {
  instances_[writer_].retired = true;
  std::uint32_t failed_slot = instances_[writer_].zone_slot;
  if (def_.failover_target == FailoverTarget::standby) {
    // The standby takes over in its zone; a new standby is built where the failed writer was.
    writer_ = add_instance(standby_slot_);
    standby_slot_ = failed_slot;
  } else if (!replicas_.empty()) {
    // Aurora promotes by failover tier, then size; the replicas here are alike, so the first is promoted:
    // the one chosen at the failure, unless its zone has lost power since.
    auto chosen = std::find(replicas_.begin(), replicas_.end(), promoted_);
    if (chosen == replicas_.end()) chosen = replicas_.begin();
    writer_ = *chosen;
    replicas_.erase(chosen);
    next_replica_ = replicas_.empty() ? 0 : next_replica_ % static_cast<std::uint32_t>(replicas_.size());
  } else {
    writer_ = add_instance(failed_slot);
  }
  failing_over_ = false;
  ++failovers_;
}

double RelationalDatabase::utilization(std::uint32_t instance, SimTime now) const {
  return instances_[instance].group.mean_busy(now) / def_.connections;
}

void RelationalDatabase::reset_statistics(SimTime now) {
  in_system_.restart(now);
  stats_since_ = now;
  session_reads_at_writer_ = 0;
  for (Instance& in : instances_) {
    in.group.restart(now);
    in.reads = in.writes = in.rejections = 0;
    // The smoothed load carries on; its integral restarts with the group's.
    in.load_at = now;
    in.load_area = 0;
  }
  arrivals_ = completions_ = rejections_ = 0;
  writes_refused_in_failover_ = reads_refused_in_failover_ = failed_with_writer_ = writes_lost_ = 0;
}

BlockCounters RelationalDatabase::counters(SimTime now) const {
  BlockCounters c = serving_counters(name(), "relational_database", arrivals_, completions_, rejections_,
                                     (1 + replica_count()) * def_.connections, in_system_, now);
  for (const Instance& in : instances_)
    c.mean_busy += in.group.mean_busy(now);
  c.writes_lost = writes_lost_;
  // A Multi-AZ standby is a billed instance that serves nothing.
  c.usage.units = 1 + replica_count() + (def_.failover_target == FailoverTarget::standby ? 1 : 0);
  return c;
}

}  // namespace sdsim
