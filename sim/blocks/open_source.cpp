#include "sim/blocks/open_source.hpp"

#include "sim/core/engine.hpp"
#include "sim/core/portable_math.hpp"

namespace sdsim {

OpenSource::OpenSource(std::string name, OpenSourceDef def, Rng rng, Rng key_rng)
    : Source(std::move(name), "open_source", def.flow, def.target, def.keys, key_rng),
      mean_gap_ns_(1e9 / def.rate_per_s),
      rng_(rng) {}

SimTime OpenSource::next_gap() {
  return to_sim_time(-mean_gap_ns_ * portable_log(rng_.uniform_open_zero()));
}

void OpenSource::start(Engine& engine) {
  engine.schedule_in(next_gap(), id(), 0, 0);
}

void OpenSource::on_event(Engine& engine, const Event&) {
  engine.schedule_in(next_gap(), id(), 0, 0);
  emit(engine, 0);
}

}  // namespace sdsim
