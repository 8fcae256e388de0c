#include "sim/blocks/station.hpp"

#include <cmath>

#include "sim/core/engine.hpp"

namespace sdsim {

Station::Station(std::string name, StationDef def, Rng service_rng, Rng route_rng)
    : Block(std::move(name)),
      def_(std::move(def)),
      service_(def_.service, service_rng),
      route_rng_(route_rng),
      group_(def_.servers, def_.queue_capacity) {
  servers_.change(0, def_.servers);
}

void Station::accept(Engine& engine, TaskId id) {
  ++arrivals_;
  SimTime now = engine.now();
  switch (group_.admit(now, id)) {
    case ServerGroup::Admission::serve:
      in_system_.change(now, +1);
      start_service(engine, id);
      break;
    case ServerGroup::Admission::wait:
      in_system_.change(now, +1);
      break;
    case ServerGroup::Admission::refuse:
      ++rejections_;
      engine.refuse(id);
      break;
  }
}

void Station::start_service(Engine& engine, TaskId id) {
  engine.task(id).started = engine.now();
  engine.serve(id, service_.next(), this->id(), 0);
}

void Station::on_event(Engine& engine, const Event& e) {
  engine.served(e.arg);
}

BlockId Station::release(Engine& engine, TaskId id) {
  SimTime now = engine.now();
  TaskId next = group_.depart(now);
  in_system_.change(now, -1);
  ++completions_;
  engine.report_departure(id);
  // Start the next waiting task before routing, so a request routed back here queues behind it.
  if (next != no_task) start_service(engine, next);
  return def_.route.choose(route_rng_);
}

std::string Station::set_param(Engine& engine, std::string_view name, const ParamValue& value) {
  if (name == "queue_capacity") {
    def_.queue_capacity = static_cast<std::uint64_t>(value.number);
    group_.set_queue_capacity(def_.queue_capacity);
    return {};
  }
  if (name != "servers") return "a running station changes only \"servers\" and \"queue_capacity\"";
  const auto servers = static_cast<std::uint32_t>(value.number);
  servers_.change(engine.now(), std::int64_t{servers} - def_.servers);
  def_.servers = servers;
  group_.set_servers(def_.servers);
  for (TaskId next = group_.admit_waiting(engine.now()); next != no_task;
       next = group_.admit_waiting(engine.now()))
    start_service(engine, next);
  return {};
}

void Station::reset_statistics(SimTime now) {
  in_system_.restart(now);
  servers_.restart(now);
  group_.restart(now);
  arrivals_ = completions_ = rejections_ = 0;
}

BlockCounters Station::counters(SimTime now) const {
  BlockCounters c = serving_counters(name(), "station", arrivals_, completions_, rejections_, def_.servers,
                                     in_system_, now);
  c.mean_busy = group_.mean_busy(now);
  // Resized while running (a live session): utilization and billing follow the servers it had over time, as
  // a compute pool's do, not the final count.
  const double mean_servers = servers_.average(now);
  c.usage.units = def_.servers;
  if (mean_servers > 0 && mean_servers != def_.servers) {
    c.servers = static_cast<std::uint32_t>(std::llround(mean_servers));
    c.mean_servers = mean_servers;
    c.usage.units = mean_servers;
  }
  return c;
}

}  // namespace sdsim
