#include "sim/blocks/open_source.hpp"

#include "sim/core/engine.hpp"

namespace sdsim {

OpenSource::OpenSource(std::string name, OpenSourceDef def, Rng rng, Rng key_rng, Rng mix_rng)
    : Source(std::move(name), "open_source", def.flow, def.target, def.keys, key_rng, std::move(def.mix),
             mix_rng),
      profile_(std::move(def.profile)),
      trace_(std::move(def.trace)),
      rng_(rng) {}

void OpenSource::schedule_next(Engine& engine) {
  SimTime at = time_never;
  if (trace_) {
    if (next_in_trace_ < trace_->size()) at = std::max(engine.now(), (*trace_)[next_in_trace_++]);
  } else {
    at = profile_.next_arrival(engine.now(), rng_);
  }
  if (at != time_never) engine.schedule(at, id(), 0, generation_);
}

void OpenSource::start(Engine& engine) {
  schedule_next(engine);
}

void OpenSource::on_event(Engine& engine, const Event& e) {
  if (e.arg != generation_) return;
  schedule_next(engine);
  emit(engine, 0);
}

void OpenSource::set_rate(Engine& engine, double rate_per_s) {
  if (trace_) return;
  profile_ = RateProfile::constant(rate_per_s);
  ++generation_;
  schedule_next(engine);
}

}  // namespace sdsim
