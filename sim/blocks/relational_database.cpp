#include "sim/blocks/relational_database.hpp"

#include "sim/core/engine.hpp"

namespace sdsim {

std::optional<ReadRouting> read_routing_named(std::string_view name) {
  if (name == "replicas") return ReadRouting::replicas;
  if (name == "writer") return ReadRouting::writer;
  return std::nullopt;
}

RelationalDatabase::RelationalDatabase(std::string name, RelationalDatabaseDef def, Rng service_rng)
    : Block(std::move(name)),
      def_(std::move(def)),
      service_rng_(service_rng),
      instances_(1 + static_cast<std::size_t>(def_.read_replicas),
                 Instance{ServerGroup(def_.connections, def_.queue_capacity), 0, 0, 0}) {}

bool RelationalDatabase::is_write(Operation operation) {
  return operation == Operation::write || operation == Operation::set || operation == Operation::remove ||
         operation == Operation::send;
}

std::uint32_t RelationalDatabase::instance_for_read() {
  if (def_.read_routing == ReadRouting::writer || def_.read_replicas == 0) return writer;
  std::uint32_t chosen = 1 + next_replica_;
  next_replica_ = (next_replica_ + 1) % def_.read_replicas;
  return chosen;
}

std::uint64_t RelationalDatabase::outstanding(std::uint32_t instance) const {
  return instances_[instance].group.outstanding();
}

void RelationalDatabase::accept(Engine& engine, TaskId id) {
  ++arrivals_;
  bool write = is_write(engine.operation(id));
  std::uint32_t instance = write ? writer : instance_for_read();
  Instance& in = instances_[instance];
  ++(write ? in.writes : in.reads);
  SimTime now = engine.now();
  ServerGroup::Admission admission = in.group.admit(now, id);
  if (admission == ServerGroup::Admission::refuse) {
    ++in.rejections;
    ++rejections_;
    engine.refuse(id);
    return;
  }
  if (instance_of_.size() <= id) instance_of_.resize(id + 1);
  instance_of_[id] = instance;
  in_system_.change(now, +1);
  if (admission == ServerGroup::Admission::serve) start_service(engine, id);
}

void RelationalDatabase::start_service(Engine& engine, TaskId id) {
  engine.task(id).started = engine.now();
  const Distribution& time = is_write(engine.operation(id)) ? def_.write_time : def_.read_time;
  engine.schedule_in(time.sample(service_rng_), this->id(), 0, id);
}

void RelationalDatabase::on_event(Engine& engine, const Event& e) {
  engine.served(e.arg);
}

BlockId RelationalDatabase::release(Engine& engine, TaskId id) {
  SimTime now = engine.now();
  TaskId next = instances_[instance_of_[id]].group.depart(now);
  in_system_.change(now, -1);
  ++completions_;
  engine.report_departure(id);
  if (next != no_task) start_service(engine, next);
  return no_block;
}

double RelationalDatabase::utilization(std::uint32_t instance, SimTime now) const {
  return instances_[instance].group.mean_busy(now) / def_.connections;
}

void RelationalDatabase::reset_statistics(SimTime now) {
  in_system_.restart(now);
  for (Instance& in : instances_) {
    in.group.restart(now);
    in.reads = in.writes = in.rejections = 0;
  }
  arrivals_ = completions_ = rejections_ = 0;
}

BlockCounters RelationalDatabase::counters(SimTime now) const {
  BlockCounters c = serving_counters(name(), "relational_database", arrivals_, completions_, rejections_,
                                     instance_count() * def_.connections, in_system_, now);
  for (const Instance& in : instances_)
    c.mean_busy += in.group.mean_busy(now);
  return c;
}

}  // namespace sdsim
