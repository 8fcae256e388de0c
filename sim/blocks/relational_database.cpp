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
      instances_(1 + static_cast<std::size_t>(def_.read_replicas)) {}

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
  const Instance& in = instances_[instance];
  return in.busy + in.waiting.size();
}

void RelationalDatabase::accept(Engine& engine, TaskId id) {
  ++arrivals_;
  bool write = is_write(engine.operation(id));
  std::uint32_t instance = write ? writer : instance_for_read();
  Instance& in = instances_[instance];
  ++(write ? in.writes : in.reads);
  const bool free = in.busy < def_.connections;
  if (!free && in.waiting.size() >= def_.queue_capacity) {
    ++in.rejections;
    ++rejections_;
    engine.refuse(id);
    return;
  }
  if (instance_of_.size() <= id) instance_of_.resize(id + 1);
  instance_of_[id] = instance;
  in_system_.change(engine.now(), +1);
  if (free) {
    start_service(engine, id, instance);
  } else {
    in.waiting.push(id);
  }
}

void RelationalDatabase::start_service(Engine& engine, TaskId id, std::uint32_t instance) {
  SimTime now = engine.now();
  Instance& in = instances_[instance];
  ++in.busy;
  in.busy_level.change(now, +1);
  busy_.change(now, +1);
  engine.task(id).started = now;
  const Distribution& time = is_write(engine.operation(id)) ? def_.write_time : def_.read_time;
  engine.schedule_in(time.sample(service_rng_), this->id(), 0, id);
}

void RelationalDatabase::on_event(Engine& engine, const Event& e) {
  engine.served(e.arg);
}

BlockId RelationalDatabase::release(Engine& engine, TaskId id) {
  SimTime now = engine.now();
  std::uint32_t instance = instance_of_[id];
  Instance& in = instances_[instance];
  --in.busy;
  in.busy_level.change(now, -1);
  busy_.change(now, -1);
  in_system_.change(now, -1);
  ++completions_;
  engine.report_departure(id);
  if (!in.waiting.empty()) start_service(engine, in.waiting.pop(), instance);
  return no_block;
}

double RelationalDatabase::utilization(std::uint32_t instance, SimTime now) const {
  return instances_[instance].busy_level.average(now) / def_.connections;
}

void RelationalDatabase::reset_statistics(SimTime now) {
  in_system_.restart(now);
  busy_.restart(now);
  for (Instance& in : instances_) {
    in.busy_level.restart(now);
    in.reads = in.writes = in.rejections = 0;
  }
  arrivals_ = completions_ = rejections_ = 0;
}

BlockCounters RelationalDatabase::counters(SimTime now) const {
  BlockCounters c;
  c.name = name();
  c.kind = "relational_database";
  c.arrivals = arrivals_;
  c.completions = completions_;
  c.rejections = rejections_;
  c.servers = instance_count() * def_.connections;
  c.mean_in_system = in_system_.average(now);
  c.mean_busy = busy_.average(now);
  c.peak_in_system = in_system_.peak();
  c.in_system_at_end = in_system_.level();
  return c;
}

}  // namespace sdsim
