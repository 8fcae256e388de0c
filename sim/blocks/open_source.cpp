#include "sim/blocks/open_source.hpp"

#include "sim/core/engine.hpp"
#include "sim/core/portable_math.hpp"

namespace sdsim {

OpenSource::OpenSource(std::string name, OpenSourceDef def, Rng rng)
    : Block(std::move(name)), def_(def), mean_gap_ns_(1e9 / def.rate_per_s), rng_(rng) {}

SimTime OpenSource::next_gap() {
  return to_sim_time(-mean_gap_ns_ * portable_log(rng_.uniform_open_zero()));
}

void OpenSource::start(Engine& engine) {
  engine.schedule_in(next_gap(), id(), 0, 0);
}

void OpenSource::on_event(Engine& engine, const Event&) {
  engine.schedule_in(next_gap(), id(), 0, 0);
  ++emitted_;
  outstanding_.change(engine.now(), +1);
  engine.deliver(def_.target, engine.create_request(id(), def_.flow, 0));
}

void OpenSource::on_request_finished(Engine& engine, RequestId, Outcome) {
  ++finished_;
  outstanding_.change(engine.now(), -1);
}

void OpenSource::reset_statistics(SimTime now) {
  outstanding_.restart(now);
  emitted_ = finished_ = 0;
}

BlockCounters OpenSource::counters(SimTime now) const {
  BlockCounters c;
  c.name = name();
  c.kind = "open_source";
  c.arrivals = emitted_;
  c.completions = finished_;
  c.mean_in_system = outstanding_.average(now);
  c.peak_in_system = outstanding_.peak();
  c.in_system_at_end = outstanding_.level();
  return c;
}

}  // namespace sdsim
