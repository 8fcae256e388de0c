#include "sim/blocks/source.hpp"

#include "sim/core/engine.hpp"

namespace sdsim {

void Source::emit(Engine& engine, std::uint32_t user) {
  ++emitted_;
  outstanding_.change(engine.now(), +1);
  engine.start_request(id(), flow_, user, target_, keys_.sample(key_rng_));
}

void Source::on_request_finished(Engine& engine, RequestId, Outcome) {
  ++finished_;
  outstanding_.change(engine.now(), -1);
}

void Source::reset_statistics(SimTime now) {
  outstanding_.restart(now);
  emitted_ = finished_ = 0;
}

BlockCounters Source::counters(SimTime now) const {
  BlockCounters c;
  c.name = name();
  c.kind = kind_;
  c.arrivals = emitted_;
  c.completions = finished_;
  c.mean_in_system = outstanding_.average(now);
  c.peak_in_system = outstanding_.peak();
  c.in_system_at_end = outstanding_.level();
  return c;
}

}  // namespace sdsim
