#include "sim/blocks/closed_source.hpp"

#include "sim/core/engine.hpp"

namespace sdsim {

ClosedSource::ClosedSource(std::string name, ClosedSourceDef def, Rng rng)
    : Block(std::move(name)), def_(std::move(def)), rng_(rng) {}

void ClosedSource::start(Engine& engine) {
  // Every user starts thinking at time 0, so first requests are spread like later ones.
  for (std::uint32_t user = 0; user < def_.users; ++user) {
    engine.schedule_in(def_.think.sample(rng_), id(), 0, user);
  }
}

void ClosedSource::on_event(Engine& engine, const Event& e) {
  ++emitted_;
  outstanding_.change(engine.now(), +1);
  engine.deliver(def_.target, engine.create_request(id(), def_.flow, e.arg));
}

void ClosedSource::on_request_finished(Engine& engine, RequestId id, Outcome) {
  ++finished_;
  outstanding_.change(engine.now(), -1);
  engine.schedule_in(def_.think.sample(rng_), this->id(), 0, engine.request(id).user);
}

void ClosedSource::reset_statistics(SimTime now) {
  outstanding_.restart(now);
  emitted_ = finished_ = 0;
}

BlockCounters ClosedSource::counters(SimTime now) const {
  BlockCounters c;
  c.name = name();
  c.kind = "closed_source";
  c.arrivals = emitted_;
  c.completions = finished_;
  c.mean_in_system = outstanding_.average(now);
  c.peak_in_system = outstanding_.peak();
  c.in_system_at_end = outstanding_.level();
  return c;
}

}  // namespace sdsim
